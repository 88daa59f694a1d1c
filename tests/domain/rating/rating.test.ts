import { checkCallRating, checkDeptRating } from '@domain/rating/rating-rules';
import { DEPT_REASONS, isSatisfied } from '@domain/rating/rating-codes';
import { callRatingInput, deptRatingInput, satisfactionInput } from '@domain/rating/rating-schema';
import { parseInput } from '@domain/common/schema-parts';

describe('street → department rating rules', () => {
  it.each([
    ['好评 without reasons', { level: 'good', reasons: [] }, null],
    ['好评 with positive reasons', { level: 'good', reasons: ['timely', 'effective'] }, null],
    ['好评 with a negative reason', { level: 'good', reasons: ['late'] }, 'RATING_REASON_MISMATCH'],
    ['中评 without reasons', { level: 'fair', reasons: [] }, 'RATING_REASON_REQUIRED'],
    ['中评 with a mixed set', { level: 'fair', reasons: ['timely', 'late'] }, null],
    ['差评 with only positive reasons', { level: 'poor', reasons: ['timely'] }, 'RATING_REASON_REQUIRED'],
    ['差评 只报到不干事', { level: 'poor', reasons: ['checkinOnly'] }, null],
    ['差评 推诿扯皮 + 到场迟到', { level: 'poor', reasons: ['buckPassing', 'late'] }, null],
    ['其他 without note', { level: 'fair', reasons: ['other'] }, 'RATING_NOTE_REQUIRED'],
    ['其他 with note', { level: 'fair', reasons: ['other'], note: '沟通不畅' }, null],
    ['repeated reason', { level: 'poor', reasons: ['late', 'late'] }, 'RATING_REASON_REPEATED'],
  ] as const)('%s', (_n, r, code) => {
    const out = checkDeptRating(r as never);
    if (code === null) expect(out).toBeNull();
    else expect(out).toMatchObject({ ok: false, code });
  });
  it('reason labels are the ones people use', () => {
    expect(DEPT_REASONS.checkinOnly.label).toBe('只报到不干事');
    expect(DEPT_REASONS.buckPassing.label).toBe('推诿扯皮');
    expect(DEPT_REASONS.late.label).toBe('到场迟到');
    expect(DEPT_REASONS.timely.label).toBe('处置及时');
  });
});

describe('department → call rating rules', () => {
  it.each([
    ['呼叫准确', { level: 'accurate', reasons: [] }, null],
    ['呼叫准确 with a reason', { level: 'accurate', reasons: ['needless'] }, 'RATING_REASON_MISMATCH'],
    ['呼叫不准确 without reason', { level: 'inaccurate', reasons: [] }, 'RATING_REASON_REQUIRED'],
    ['呼叫不准确 没事乱呼叫', { level: 'inaccurate', reasons: ['needless'] }, null],
    ['呼叫不准确 其他 without note', { level: 'inaccurate', reasons: ['other'] }, 'RATING_NOTE_REQUIRED'],
  ] as const)('%s', (_n, r, code) => {
    const out = checkCallRating(r as never);
    if (code === null) expect(out).toBeNull();
    else expect(out).toMatchObject({ ok: false, code });
  });
});

describe('rating schemas', () => {
  it('defaults reasons to [] and passes the rules through with Chinese messages', () => {
    expect(parseInput(deptRatingInput, { level: 'good' })).toEqual({ ok: true, data: { level: 'good', reasons: [] } });
    expect(parseInput(deptRatingInput, { level: 'poor' })).toMatchObject({ ok: false, message: '差评请至少选择一个负面原因', issues: [{ path: 'reasons' }] });
    expect(parseInput(deptRatingInput, { level: 'great' })).toMatchObject({ ok: false, message: '请选择好评、中评或差评' });
    expect(parseInput(deptRatingInput, { level: 'poor', reasons: ['lazy'] })).toMatchObject({ ok: false, message: '评价原因不正确' });
    expect(parseInput(callRatingInput, { level: 'inaccurate' })).toMatchObject({ ok: false, message: '呼叫不准确请选择原因' });
    expect(parseInput(callRatingInput, { level: 'inaccurate', reasons: ['notOurDuty'] })).toMatchObject({ ok: true });
  });
  it('citizen satisfaction', () => {
    expect(parseInput(satisfactionInput, { level: 'dissatisfied' })).toMatchObject({ ok: false, message: '选择不满意时请说明原因' });
    expect(parseInput(satisfactionInput, { level: 'dissatisfied', reason: '灯还是不亮' })).toMatchObject({ ok: true });
    expect(parseInput(satisfactionInput, { level: 'ok' })).toMatchObject({ ok: false, message: '请选择满意、基本满意或不满意' });
  });
  it('满意率 counts 满意 and 基本满意', () => {
    expect([isSatisfied('satisfied'), isSatisfied('basic'), isSatisfied('dissatisfied')]).toEqual([true, true, false]);
  });
});
