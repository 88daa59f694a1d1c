/**
 * Rules that the server and the app each used to write themselves, now once in the domain: the overdue check,
 * phone masking, 满意率 (满意 + 基本满意) and the rating labels, the business day in UTC+8, and what a standing
 * rule's departments must be. Exhaustive tables.
 */
import { isOverdueCase } from '@domain/case/case-lists';
import { STATE_LIST, isOpen, type CaseState } from '@domain/case/case-types';
import { maskPhone } from '@domain/access/projection';
import { isSatisfied, SATISFACTION_LEVELS } from '@domain/rating/rating-codes';
import { caseContributions } from '@domain/stats/stats-rollup';
import { shanghaiDay, shanghaiDayStart, shanghaiMinuteOfDay, shanghaiWeekday } from '@domain/stats/stats-day';
import { businessParts, businessTime, dayKey } from '@domain/common/business-time';
import { windowStart } from '@domain/common/rate-limits';
import { ruleAssignments, ruleSaveInput, RULE_ASSIGNMENTS_MAX } from '@domain/org/org-schema';
import * as z from 'zod/mini';

const T0 = Date.parse('2026-11-17T09:00:00+08:00');
const H = 3600_000;

describe('overdue: open, and flagged overdue or past its deadline while not yet handled', () => {
  const cases: Array<[string, { flagged: boolean; deadline?: number }, (s: CaseState) => boolean]> = [
    ['flagged', { flagged: true, deadline: T0 + H }, (s) => isOpen(s)],
    ['past the deadline, not flagged', { flagged: false, deadline: T0 - H }, (s) => isOpen(s) && s !== 'resolved'],
    ['deadline ahead, not flagged', { flagged: false, deadline: T0 + H }, () => false],
    ['deadline exactly now', { flagged: false, deadline: T0 }, () => false],
    ['no deadline, not flagged', { flagged: false }, () => false],
  ];
  for (const [name, c, expected] of cases) {
    test.each(STATE_LIST.map((s) => [s]))(`${name}, state %s`, (state) => {
      const rec = { state, flags: c.flagged ? { overdue: { at: T0 - 2 * H, deadline: c.deadline ?? T0 } } : {}, clocks: c.deadline === undefined ? {} : { deadline: c.deadline } } as never;
      expect(isOverdueCase(rec, T0)).toBe(expected(state));
    });
  }
});

describe('phone masking', () => {
  test.each<[string | undefined | null, string | undefined]>([
    ['13800138000', '138****8000'],
    ['059187654321', '********4321'],
    ['0591-87654321', '*********4321'],
    ['87654321', '****4321'],
    ['12345', '*2345'],
    ['1234', '1234'],
    ['138****8000', '138****8000'],
    ['', undefined],
    [undefined, undefined],
    [null, undefined],
  ])('%p → %p', (phone, shown) => {
    expect(maskPhone(phone)).toBe(shown);
  });
});

describe('satisfaction: one type, one set of labels, 满意率 counts 满意 and 基本满意', () => {
  test.each<[keyof typeof SATISFACTION_LEVELS, string, boolean]>([
    ['satisfied', '满意', true],
    ['basic', '基本满意', true],
    ['dissatisfied', '不满意', false],
  ])('%s: %s, satisfied %p; the roll-up counts it the same way', (level, label, satisfied) => {
    expect(SATISFACTION_LEVELS[level]).toBe(label);
    expect(isSatisfied(level)).toBe(satisfied);
    const add = caseContributions({ caseId: 'c', categoryCode: 'lamp', createdAt: T0, satisfaction: level, ratedAt: T0 + H }, T0 + 2 * H).find((c) => c.add.rated)!.add;
    expect(add).toMatchObject({ rated: 1, satisfied: satisfied ? 1 : 0, verySatisfied: level === 'satisfied' ? 1 : 0 });
  });
  test('the levels are exactly the three', () => expect(Object.keys(SATISFACTION_LEVELS)).toEqual(['satisfied', 'basic', 'dissatisfied']));
});

describe('one UTC+8 module: the statistics’ days are the business days', () => {
  const instants = [
    Date.parse('2026-11-16T15:59:59.999Z'), // 23:59:59.999 in Fuzhou
    Date.parse('2026-11-16T16:00:00Z'), // midnight
    Date.parse('2026-12-31T16:00:00Z'), // new year
    Date.parse('2024-02-28T16:30:00Z'), // leap day
    Date.parse('2026-03-08T02:00:00Z'), // a Sunday morning
    0,
  ];
  test.each(instants.map((t) => [t]))('%p', (t) => {
    const p = businessParts(t);
    expect(shanghaiDay(t)).toBe(dayKey(t));
    expect(shanghaiDayStart(shanghaiDay(t))).toBe(businessTime(p.year, p.month, p.day));
    expect(shanghaiMinuteOfDay(t)).toBe(p.minuteOfDay);
    expect(shanghaiWeekday(t)).toBe(p.weekday === 0 ? 7 : p.weekday);
    expect(windowStart(t, 86400)).toBe(businessTime(p.year, p.month, p.day));
  });
});

describe('a standing rule’s departments (admin.rules.save and stats.adoptRule)', () => {
  const a = (phase: 'before' | 'during' | 'after', i = 0) => ({ deptId: `dept-${phase}-${i}`, phase, duty: '环保监督' });
  const problem = (list: unknown) => {
    const r = z.safeParse(ruleAssignments, list);
    return r.success ? null : r.error.issues[0].message;
  };
  test.each<[string, unknown, string | null]>([
    ['none', [], '请至少指定1个责任部门'],
    ['one for 事中', [a('during')], null],
    ['事前 and 事后 only', [a('before'), a('after')], '请指定事中阶段的责任部门'],
    ['事前 only', [a('before')], '请指定事中阶段的责任部门'],
    ['every phase', [a('before'), a('during'), a('after')], null],
    [`${RULE_ASSIGNMENTS_MAX} with 事中`, Array.from({ length: RULE_ASSIGNMENTS_MAX }, (_x, i) => a(i === 5 ? 'during' : 'after', i)), null],
    [`${RULE_ASSIGNMENTS_MAX + 1}`, Array.from({ length: RULE_ASSIGNMENTS_MAX + 1 }, (_x, i) => a('during', i)), `责任部门最多${RULE_ASSIGNMENTS_MAX}个`],
    ['an unknown phase', [{ ...a('during'), phase: 'someday' }], '阶段须为事前、事中或事后'],
  ])('%s', (_name, list, message) => {
    expect(problem(list)).toBe(message);
  });
  test('the administrators’ save uses the same rule', () => {
    expect(ruleSaveInput.shape.assignments).toBe(ruleAssignments);
  });
});
