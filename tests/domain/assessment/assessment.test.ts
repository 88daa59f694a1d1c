import { callAccuracyRecords, deptPerformanceRecords } from '@domain/assessment/assessment-records';
import { rollUp } from '@domain/assessment/assessment-rollup';
import { DEFAULT_FORMULA } from '@domain/assessment/assessment-formula';
import type { CallRecord } from '@domain/call/call-types';
import { businessTime } from '@domain/common/business-time';
import { point } from '@domain/common/geo-distance';

const NOV = businessTime(2020, 11, 30, 18, 0);
const DEC = businessTime(2020, 12, 1, 0, 30); // 2020-11-30 16:30 UTC: December in Asia/Shanghai
const CHAIN = { deptId: 'szs', officer: { staffId: 'd-wang', name: '王工' }, deputy: { staffId: 'd-li', name: '李所长' }, chief: { staffId: 'd-zhao', name: '赵局长' } };

function call(id: string, over: Partial<CallRecord>): CallRecord {
  return {
    id, groupId: 'g', caseId: `case-${id}`, streetId: 'wufeng', caller: { staffId: 'h-mao', name: '毛晓嘉' }, deptId: 'szs', what: 'x',
    place: { point: point(119.27, 26.09), address: 'x' }, meetAt: NOV, state: 'rated', attempts: [], createdAt: NOV, updatedAt: NOV, version: 5, ...over,
  };
}
const checkIn = (status: 'onTime' | 'late') => ({ at: NOV, location: point(119.27, 26.09), by: 'd-wang', status, distanceM: 10, minutesOff: status === 'late' ? 20 : 0 });

describe('records from a street rating (hand-computed with the default formula)', () => {
  it('on time + 好评 (处置及时): raw 1 + 2 = 3 → officer 3, deputy 1.5, chief 0.9, unit 3', () => {
    const c = call('c1', { checkIn: checkIn('onTime'), streetRating: { level: 'good', reasons: ['timely'], at: NOV, by: 'h-mao' } });
    const recs = deptPerformanceRecords(c, CHAIN, { overdue: false, reworkCount: 0, responsibleDeptId: 'szs' });
    expect(recs.map((r) => [r.key, r.points, r.weight, r.month, r.year])).toEqual([
      ['c1:deptPerformance:person:d-wang', 3, 1, '2020-11', '2020'],
      ['c1:deptPerformance:person:d-li', 1.5, 0.5, '2020-11', '2020'],
      ['c1:deptPerformance:person:d-zhao', 0.9, 0.3, '2020-11', '2020'],
      ['c1:deptPerformance:unit:szs', 3, 1, '2020-11', '2020'],
    ]);
    expect(recs[0].items).toEqual([
      { code: 'checkIn.onTime', label: '按时报到', points: 1 },
      { code: 'rating.good', label: '好评', points: 2 },
    ]);
    expect(recs[1].subject).toEqual({ kind: 'person', staffId: 'd-li', name: '李所长', post: 'deputy', unitId: 'szs' });
  });
  it('late + 差评 (只报到不干事, 推诿扯皮), responsible, overdue, 2 reworks: −1 −3 −3 −3 −2 −2 = −14', () => {
    const c = call('c2', { checkIn: checkIn('late'), streetRating: { level: 'poor', reasons: ['checkinOnly', 'buckPassing'], at: DEC, by: 'h-mao' } });
    const recs = deptPerformanceRecords(c, CHAIN, { overdue: true, reworkCount: 2, responsibleDeptId: 'szs' });
    expect(recs.map((r) => r.points)).toEqual([-14, -7, -4.2, -14]);
    expect(recs[0].items.map((i) => i.code)).toEqual(['checkIn.late', 'rating.poor', 'reason.checkinOnly', 'reason.buckPassing', 'case.overdue', 'case.rework']);
    expect(recs[0].month).toBe('2020-12');
  });
  it('overdue and rework only weigh on the responsible department', () => {
    const c = call('c3', { checkIn: checkIn('onTime'), streetRating: { level: 'fair', reasons: ['slow'], at: NOV, by: 'h-mao' } });
    expect(deptPerformanceRecords(c, CHAIN, { overdue: true, reworkCount: 1, responsibleDeptId: 'hbj' })[0].points).toBe(1);
    expect(deptPerformanceRecords(c, CHAIN, { overdue: true, reworkCount: 1, responsibleDeptId: 'szs' })[0].points).toBe(-2);
  });
  it('absent + 差评 (未到场): −5 −3 = −8; a chain without deputy/chief still reaches officer and unit', () => {
    const c = call('c4', { state: 'rated', absentAt: NOV, streetRating: { level: 'poor', reasons: ['absent'], at: NOV, by: 'h-mao' } });
    const recs = deptPerformanceRecords(c, { deptId: 'szs', officer: CHAIN.officer }, { overdue: false, reworkCount: 0 });
    expect(recs.map((r) => [r.subject.kind === 'person' ? r.subject.post : 'unit', r.points])).toEqual([['officer', -8], ['unit', -8]]);
  });
  it('the formula is data', () => {
    const c = call('c1', { checkIn: checkIn('onTime'), streetRating: { level: 'good', reasons: [], at: NOV, by: 'h-mao' } });
    const f = { ...DEFAULT_FORMULA, streetRating: { good: 5, fair: 0, poor: -5 }, weights: { ...DEFAULT_FORMULA.weights, chief: 0.1 } };
    expect(deptPerformanceRecords(c, CHAIN, { overdue: false, reworkCount: 0 }, f).map((r) => r.points)).toEqual([6, 3, 0.6, 6]);
  });
});

describe('records from a department rating of the call', () => {
  it('呼叫准确: +1 for the caller and the street', () => {
    const recs = callAccuracyRecords(call('c1', { deptRating: { level: 'accurate', reasons: [], at: NOV, by: 'd-wang' } }));
    expect(recs.map((r) => [r.key, r.points])).toEqual([
      ['c1:callAccuracy:person:h-mao', 1],
      ['c1:callAccuracy:unit:wufeng', 1],
    ]);
  });
  it('呼叫不准确 (没事乱呼叫): −2 −1 = −3', () => {
    const recs = callAccuracyRecords(call('c5', { deptRating: { level: 'inaccurate', reasons: ['needless'], at: NOV, by: 'd-wang' } }));
    expect(recs.map((r) => r.points)).toEqual([-3, -3]);
  });
});

describe('roll-up', () => {
  const r1 = deptPerformanceRecords(call('c1', { checkIn: checkIn('onTime'), streetRating: { level: 'good', reasons: [], at: NOV, by: 'h' } }), CHAIN, { overdue: false, reworkCount: 0 });
  const r2 = deptPerformanceRecords(call('c2', { checkIn: checkIn('late'), streetRating: { level: 'poor', reasons: ['checkinOnly', 'buckPassing'], at: DEC, by: 'h' } }), CHAIN, { overdue: true, reworkCount: 2, responsibleDeptId: 'szs' });
  const r3 = deptPerformanceRecords(call('c6', { checkIn: checkIn('late'), streetRating: { level: 'fair', reasons: ['late'], at: NOV, by: 'h' } }), CHAIN, { overdue: false, reworkCount: 0 });
  const all = [...r1, ...r2, ...r3];

  it('monthly per person and unit: Nov officer 3 + (−1 + 0) = 2 → 102; Dec officer −14 → 86', () => {
    const rows = rollUp(all, 'month');
    const pick = (period: string, key: string) => rows.find((r) => r.period === period && r.subjectKey === key);
    expect(pick('2020-11', 'person:d-wang')).toMatchObject({ records: 2, calls: 2, points: 2, score: 102 });
    expect(pick('2020-11', 'person:d-li')).toMatchObject({ points: 1, score: 101 });
    expect(pick('2020-11', 'person:d-zhao')).toMatchObject({ points: 0.6, score: 100.6 });
    expect(pick('2020-11', 'unit:szs')).toMatchObject({ points: 2, score: 102 });
    expect(pick('2020-12', 'person:d-wang')).toMatchObject({ records: 1, points: -14, score: 86 });
    expect(pick('2020-12', 'person:d-zhao')).toMatchObject({ points: -4.2, score: 95.8 });
    expect(rows.map((r) => r.period)).toEqual([...rows.map((r) => r.period)].sort());
  });
  it('yearly: officer 2 − 14 = −12 → 88', () => {
    const rows = rollUp(all, 'year');
    expect(rows.find((r) => r.subjectKey === 'person:d-wang')).toMatchObject({ period: '2020', records: 3, calls: 3, points: -12, score: 88 });
    expect(rows.find((r) => r.subjectKey === 'person:d-zhao')).toMatchObject({ points: -3.6, score: 96.4 });
  });
  it('a record written twice counts once; order does not matter', () => {
    expect(rollUp([...all, ...r1], 'year')).toEqual(rollUp([...all].reverse(), 'year'));
  });
  it('scores are floored', () => {
    const rows = rollUp(r2, 'month', { ...DEFAULT_FORMULA, base: 10 });
    expect(rows.find((r) => r.subjectKey === 'person:d-wang')).toMatchObject({ points: -14, score: 0 });
  });
});
