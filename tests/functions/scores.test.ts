/** Assessment rankings: monthly and yearly scores per department, person and street, from the per-call records. */
import { callAccuracyRecords, deptPerformanceRecords } from '@domain/assessment/assessment-records';
import type { CallRecord } from '@domain/call/call-types';
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';
import { storedCase, T } from '../domain/stats/fixtures';

let t: TestCloud;
const LEADER = dev('staff-district-leader-1');
const SZS = { deptId: 'dept-cgj-szs', officer: { staffId: 'staff-cgj-szs-officer', name: '市政所经办人' }, deputy: { staffId: 'staff-cgj-szs-deputy', name: '市政所分管' }, chief: { staffId: 'staff-cgj-szs-chief', name: '市政所主责' } };
const ZFDD = { deptId: 'dept-cgj-zfdd', officer: { staffId: 'staff-cgj-zfdd-officer', name: '执法大队经办人' } };

function call(id: string, deptId: string, streetId: string, at: number, over: Partial<CallRecord>): CallRecord {
  return {
    id, groupId: id, caseId: `case-${id}`, streetId, caller: { staffId: 'staff-maoxiaojia', name: '毛晓嘉' }, deptId, what: 'x',
    place: { point: { type: 'Point', coordinates: [119.28, 26.1] }, address: 'x' }, meetAt: at, state: 'rated', attempts: [], createdAt: at, updatedAt: at, version: 5, ...over,
  };
}
const checkIn = (status: 'onTime' | 'late', at: number) => ({ at, location: { type: 'Point' as const, coordinates: [119.28, 26.1] as [number, number] }, by: 'x', status, distanceM: 10, minutesOff: 0 });

beforeAll(async () => {
  t = await startTestCloud(T('2026-11-18T00:10:00'));
  seedOrg(t.cloud);
  const oct = T('2026-10-20T10:00:00');
  const nov = T('2026-11-10T10:00:00');
  const noFacts = { overdue: false, reworkCount: 0 };
  const recs = [
    // 市政所: October 好评 on time (+3), November 差评 只报到不干事 late (−1 −3 −3 = −7)
    ...deptPerformanceRecords(call('a1', 'dept-cgj-szs', 'street-wufeng', oct, { checkIn: checkIn('onTime', oct), streetRating: { level: 'good', reasons: [], at: oct, by: 'x' } }), SZS, noFacts),
    ...deptPerformanceRecords(call('a2', 'dept-cgj-szs', 'street-wufeng', nov, { checkIn: checkIn('late', nov), streetRating: { level: 'poor', reasons: ['checkinOnly'], at: nov, by: 'x' } }), SZS, noFacts),
    // 执法大队: November 好评 on time (+3)
    ...deptPerformanceRecords(call('a3', 'dept-cgj-zfdd', 'street-gudong', nov, { checkIn: checkIn('onTime', nov), streetRating: { level: 'good', reasons: [], at: nov, by: 'x' } }), ZFDD, noFacts),
    // departments rate the calls: 五凤 accurate twice (+1 +1), 鼓东 inaccurate 没事乱呼叫 (−2 −1)
    ...callAccuracyRecords(call('a1', 'dept-cgj-szs', 'street-wufeng', oct, { deptRating: { level: 'accurate', reasons: [], at: oct, by: 'x' } })),
    ...callAccuracyRecords(call('a2', 'dept-cgj-szs', 'street-wufeng', nov, { deptRating: { level: 'accurate', reasons: [], at: nov, by: 'x' } })),
    ...callAccuracyRecords(call('a3', 'dept-cgj-zfdd', 'street-gudong', nov, { deptRating: { level: 'inaccurate', reasons: ['needless'], at: nov, by: 'x' } })),
  ];
  // the records live on their calls (as call.rateDept / call.rateCall store them), with the month each source counts in
  const byCall = new Map<string, { _id: string; assessments: typeof recs; scoredIn: Record<string, string> }>();
  for (const r of recs) {
    const d = byCall.get(r.callId) ?? { _id: r.callId, assessments: [], scoredIn: {} };
    d.assessments.push(r);
    d.scoredIn[r.source] = r.month;
    byCall.set(r.callId, d);
  }
  t.cloud.store.insert('calls', [...byCall.values()] as never);
  // the first case (October) is where the roll-up's catch-up starts
  t.cloud.store.insert('cases', [storedCase({ id: 'c0', categoryCode: 'lamp', streetId: 'street-wufeng', createdAt: T('2026-10-19T09:00:00') })] as never);
  await t.cloud.callFunction('rollup', {}); // stores October's (and November's so far) month score summaries
});
afterAll(() => t.stop());

describe('stats.scores', () => {
  test('month ranking per department: base 100 + points', async () => {
    const r = await t.ok(LEADER, 'stats.scores', { period: 'month', key: '2026-11', kind: 'dept' });
    expect(r.rows.map((x: { rank: number; name: string; score: number; points: number }) => [x.rank, x.name, x.score, x.points])).toEqual([
      [1, '区城管局执法大队', 103, 3],
      [2, '区城管局市政所', 93, -7],
    ]);
    expect(r.rows[1].items.map((i: { code: string; n: number }) => [i.code, i.n])).toEqual([['checkIn.late', 1], ['rating.poor', 1], ['reason.checkinOnly', 1]]);
    expect(r.formula).toMatchObject({ base: 100, floor: 0 });
  });

  test('year ranking sums the stored October summary and the live November figures', async () => {
    expect(t.cloud.store.find('summaries', { _id: 'month:2026-10:scores' })).toHaveLength(1);
    const r = await t.ok(LEADER, 'stats.scores', { period: 'year', key: '2026', kind: 'dept' });
    const szs = r.rows.find((x: { name: string }) => x.name === '区城管局市政所');
    expect(szs).toMatchObject({ points: -4, score: 96, calls: 2 });
  });

  test('people: officer, deputy (×0.5) and chief (×0.3) each get the call', async () => {
    const r = await t.ok(LEADER, 'stats.scores', { period: 'month', key: '2026-11', kind: 'person' });
    const byName = Object.fromEntries(r.rows.map((x: { name: string; score: number; post: string }) => [x.name, [x.score, x.post]]));
    expect(byName['市政所经办人']).toEqual([93, '经办人']);
    expect(byName['市政所分管']).toEqual([96.5, '分管领导']);
    expect(byName['市政所主责']).toEqual([97.9, '主责领导']);
    // November: +1 (a2 accurate) −2 −1 (a3 inaccurate, 没事乱呼叫; placed by the same handler in this fixture)
    expect(byName['毛晓嘉']).toEqual([98, '呼叫人']);
  });

  test('streets: call accuracy', async () => {
    const r = await t.ok(LEADER, 'stats.scores', { period: 'month', key: '2026-11', kind: 'street' });
    expect(r.rows.map((x: { name: string; score: number; accuracyRate: number }) => [x.name, x.score, x.accuracyRate])).toEqual([
      ['五凤街道', 101, 1],
      ['鼓东街道', 97, 0],
    ]);
  });

  test('period and key must agree', async () => {
    expect(await t.api(LEADER, 'stats.scores', { period: 'year', key: '2026-11', kind: 'dept' })).toMatchObject({ code: 'INVALID_INPUT' });
  });
});
