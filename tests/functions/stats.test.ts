/** Analysis actions read the roll-up's summaries: figures, DB round trips, drill-down to the cases, CSV export. */
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';
import { storedCase, storedCall, T } from '../domain/stats/fixtures';

let t: TestCloud;
const LEADER = dev('staff-district-leader-1');
const WUFENG: [number, number] = [119.2870, 26.1060];

beforeAll(async () => {
  t = await startTestCloud(T('2026-11-18T00:10:00'));
  seedOrg(t.cloud);
  // November: 6 cases. 五凤 3 (one overdue open, one closed on time, one closed late & reopened), 鼓东 2, 温泉 1 (never 签收).
  t.cloud.store.insert('cases', [
    storedCase({ id: 'n1', categoryCode: 'lamp', streetId: 'street-wufeng', point: WUFENG, createdAt: T('2026-11-02T09:00:00'), deadlineH: 24, deptIds: ['dept-cgj-szs'] }),
    storedCase({ id: 'n2', categoryCode: 'lamp', streetId: 'street-wufeng', point: WUFENG, createdAt: T('2026-11-03T09:00:00'), resolvedAt: T('2026-11-03T15:00:00'), closedAt: T('2026-11-03T16:00:00'), satisfaction: { level: 'satisfied', at: T('2026-11-04T10:00:00') } }),
    storedCase({ id: 'n3', categoryCode: 'road', streetId: 'street-wufeng', createdAt: T('2026-11-05T09:00:00'), deadlineH: 24, resolvedAt: T('2026-11-07T09:00:00'), closedAt: T('2026-11-07T10:00:00'), reworkCount: 1, satisfaction: { level: 'dissatisfied', at: T('2026-11-07T12:00:00') } }),
    storedCase({ id: 'n4', categoryCode: 'garbage', streetId: 'street-gudong', createdAt: T('2026-11-10T09:00:00'), resolvedAt: T('2026-11-10T12:00:00'), closedAt: T('2026-11-10T13:00:00') }),
    storedCase({ id: 'n5', categoryCode: 'garbage', streetId: 'street-gudong', createdAt: T('2026-11-11T09:00:00'), resolvedAt: T('2026-11-11T12:00:00'), closedAt: T('2026-11-11T13:00:00'), extended: true }),
    storedCase({ id: 'n6', categoryCode: 'fumes', streetId: 'street-wenquan', createdAt: T('2026-11-12T09:00:00'), respondMin: null, deadlineH: 24 }),
    // October (another month) and an invalid report (never counted)
    storedCase({ id: 'o1', categoryCode: 'lamp', streetId: 'street-wufeng', createdAt: T('2026-10-20T09:00:00'), resolvedAt: T('2026-10-20T12:00:00'), closedAt: T('2026-10-20T13:00:00') }),
    storedCase({ id: 'x1', categoryCode: 'lamp', streetId: 'street-wufeng', createdAt: T('2026-11-06T09:00:00'), state: 'invalid' }),
  ] as never);
  t.cloud.store.insert('calls', [
    storedCall({ id: 'k1', caseId: 'n1', deptId: 'dept-cgj-szs', streetId: 'street-wufeng', meetAt: T('2026-11-02T14:00:00'), checkIn: 'onTime', accuracy: { level: 'accurate', at: T('2026-11-02T18:00:00') } }),
    storedCall({ id: 'k2', caseId: 'n3', deptId: 'dept-cgj-szs', streetId: 'street-wufeng', meetAt: T('2026-11-05T14:00:00') }),
  ] as never);
  await t.cloud.callFunction('rollup', {});
});
afterAll(() => t.stop());

describe('stats actions', () => {
  test('a month for the district: exact indicators from summaries, within 5 DB requests', async () => {
    await t.ok(LEADER, 'whoami'); // warm instance
    // today so far is computed once a minute per instance from today's records (6 case + 2 call range queries, and
    // the calls' categories): bounded, and apart from the closed days' figures
    t.cloud.resetStats();
    await t.ok(LEADER, 'stats.indicators', { period: 'day' });
    expect(t.cloud.stats().total).toBeLessThanOrEqual(5 + 9);
    t.cloud.resetStats();
    const r = await t.ok(LEADER, 'stats.indicators', { period: 'month', from: '2026-11-01' });
    const requests = t.cloud.stats().total;
    expect(requests).toBeLessThanOrEqual(5);
    console.info(`stats.indicators (month, district): ${requests} DB requests`, t.cloud.stats().byAction);
    expect(r.period).toMatchObject({ from: '2026-11-01', to: '2026-11-17', days: 17 });
    expect(r.asOfDay).toBe('2026-11-17');
    // due to handle 6: n1 and n6 overdue open, n2 on time, n3 late, n4, n5 on time → 按期处置率 3/6; 超期待处置 2/6; 延期 1/6
    expect(r.counters).toMatchObject({ reported: 6, dueToHandle: 6, handledOnTime: 3, overdueOpen: 2, extended: 1, dueToClose: 6, closed: 4, closedOnTime: 3, reopened: 1, rated: 2, satisfied: 1 });
    expect(r.indicators.onTimeHandleRate).toBe(0.5);
    expect(r.indicators.overdueOpenRate).toBeCloseTo(2 / 6);
    expect(r.indicators.closeRate).toBeCloseTo(4 / 6);
    expect(r.indicators.satisfactionRate).toBe(0.5);
    // calls: 2 due, 1 checked in; 1 rated, accurate
    expect(r.indicators.checkinRate).toBe(0.5);
    expect(r.indicators.callAccuracyRate).toBe(1);
  });

  test('scope: one street; October is its own month', async () => {
    const w = await t.ok(LEADER, 'stats.indicators', { period: 'month', from: '2026-11-01', scope: { streetId: 'street-wufeng' } });
    expect(w.counters).toMatchObject({ reported: 3, dueToHandle: 3, overdueOpen: 1 });
    const oct = await t.ok(LEADER, 'stats.indicators', { period: 'month', from: '2026-10-01' });
    expect(oct.counters).toMatchObject({ reported: 1, closed: 1 });
  });

  test('breakdown by street, sorted by volume, with names', async () => {
    const b = await t.ok(LEADER, 'stats.breakdown', { period: 'month', from: '2026-11-01', by: 'street' });
    expect(b.rows.map((r: { name: string; reported: number }) => [r.name, r.reported])).toEqual([['五凤街道', 3], ['鼓东街道', 2], ['温泉街道', 1]]);
  });

  test('trend: one point per day, zero-filled', async () => {
    const tr = await t.ok(LEADER, 'stats.trend', { period: 'custom', from: '2026-11-01', to: '2026-11-05' });
    expect(tr.series.map((d: { reported: number }) => d.reported)).toEqual([0, 1, 1, 0, 1]);
  });

  test('drill-down: the cases behind 超期待处置 and behind a hot spot', async () => {
    const d = await t.ok(LEADER, 'stats.drill', { period: 'month', from: '2026-11-01', metric: 'overdueOpen' });
    expect(d.total).toBe(2);
    expect(d.items.map((c: { id: string }) => c.id)).toEqual(['n6', 'n1']); // newest first
    expect(d.items[1]).toMatchObject({ categoryName: '路灯不亮', streetName: '五凤街道', overdue: true });
    const late = await t.ok(LEADER, 'stats.drill', { period: 'month', from: '2026-11-01', metric: 'reopened' });
    expect(late.items.map((c: { id: string }) => c.id)).toEqual(['n3']);
    const missed = await t.ok(LEADER, 'stats.drill', { period: 'month', from: '2026-11-01', metric: 'callsMissed' });
    expect(missed.items.map((c: { id: string }) => c.id)).toEqual(['n3']);
    const hs = await t.ok(LEADER, 'stats.hotspots', { period: 'month', from: '2026-11-01' });
    // n1 is open past its deadline, n2 closed: the hot spot's overdue count is 1
    expect(hs.cells[0]).toMatchObject({ categoryCode: 'lamp', count: 2, categoryName: '路灯不亮', overdue: 1 });
    const spot = await t.ok(LEADER, 'stats.drill', { period: 'month', from: '2026-11-01', metric: 'reported', place: { cell: hs.cells[0].cell, categoryCode: 'lamp' } });
    expect(spot.items.map((c: { id: string }) => c.id).sort()).toEqual(['n1', 'n2']);
  });

  test('CSV export: UTF-8 with BOM, Chinese header, one row per street', async () => {
    const ex = await t.ok(LEADER, 'stats.exportCsv', { what: 'breakdown', period: 'month', from: '2026-11-01', by: 'street' });
    expect(ex).toMatchObject({ rows: 3 });
    expect(ex.fileID).toMatch(/^cloud:\/\//);
    const res = await fetch(ex.url);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^名称,来件量,应处置,按期处置率/);
    expect(lines[1]).toMatch(/^五凤街道,3,3,/);
  });

  test('CSV export of scores: the period key names the file, so only YYYY or YYYY-MM passes (fuzz finding: a long key crashed the upload)', async () => {
    for (const scoreKey of ['测试'.repeat(300), '../../etc/x', '2026/11']) {
      expect(await t.api(LEADER, 'stats.exportCsv', { what: 'scores', scoreKey })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('考核周期格式应为 YYYY 或 YYYY-MM') });
    }
    const ex = await t.ok(LEADER, 'stats.exportCsv', { what: 'scores', scoreKey: '2026-11' });
    expect(ex.name).toBe('考核排名-2026-11.csv');
  });

  test('citizens and handlers may not read analysis; bad input is refused in Chinese', async () => {
    expect((await t.api('oCitizen', 'stats.indicators', { period: 'month' })).code).toBe('FORBIDDEN');
    expect((await t.api(dev('staff-maoxiaojia'), 'stats.indicators', { period: 'month' })).code).toBe('FORBIDDEN');
    const bad = await t.api(LEADER, 'stats.indicators', { period: 'custom', from: '2026-11-05', to: '2026-11-01' });
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', message: '开始日期不能晚于结束日期' });
  });
});
