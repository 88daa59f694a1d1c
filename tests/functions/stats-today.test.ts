/**
 * Today so far (issue #12): the dashboards show today's figures live beside the closed days — computed from today's
 * records with the roll-up's formulas, checked here against a hand count, and reused for a minute per instance.
 */
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';
import { storedCall, storedCase, T } from '../domain/stats/fixtures';

let t: TestCloud;
const COMMAND = dev('staff-zhzx-operator-1');
const NOW = T('2026-12-05T10:00:00');
const WF = 'street-wufeng';

beforeAll(async () => {
  t = await startTestCloud(NOW);
  seedOrg(t.cloud);
  const cases = [
    // A: today, answered in 5 min, assigned in 20, handled and closed before its 09:31 deadline
    storedCase({ id: 'A', categoryCode: 'lamp', streetId: WF, createdAt: T('2026-12-05T08:00:00'), deadlineH: 1.5, resolvedAt: T('2026-12-05T09:00:00'), closedAt: T('2026-12-05T09:20:00') }),
    // B: today, never answered; deadline 09:31 passed, still open
    storedCase({ id: 'B', categoryCode: 'lamp', streetId: WF, createdAt: T('2026-12-05T08:30:00'), deadlineH: 1, respondMin: null }),
    // C: today 09:55, its 10 minutes are not over yet, deadline in two days: a report, nothing due
    storedCase({ id: 'C', categoryCode: 'road', streetId: 'street-gudong', createdAt: T('2026-12-05T09:55:00'), respondMin: null }),
    // D: yesterday, handled yesterday, closed today 07:00 before its 08:01 deadline: closes today, handled yesterday
    storedCase({ id: 'D', categoryCode: 'lamp', streetId: WF, createdAt: T('2026-12-04T20:00:00'), deadlineH: 12, resolvedAt: T('2026-12-04T23:00:00'), closedAt: T('2026-12-05T07:00:00') }),
    // E: two days ago, closed yesterday, rated 基本满意 today
    storedCase({ id: 'E', categoryCode: 'lamp', streetId: WF, createdAt: T('2026-12-03T10:00:00'), resolvedAt: T('2026-12-04T10:00:00'), closedAt: T('2026-12-04T12:00:00'), satisfaction: { level: 'basic', at: T('2026-12-05T09:00:00') } }),
    // F: today, invalid: not counted at all
    storedCase({ id: 'F', categoryCode: 'lamp', streetId: WF, createdAt: T('2026-12-05T09:00:00'), state: 'invalid' }),
    // G: today, a duplicate: one more report, nothing else
    storedCase({ id: 'G', categoryCode: 'lamp', streetId: WF, createdAt: T('2026-12-05T09:10:00'), state: 'duplicate' }),
  ];
  t.cloud.store.insert('cases', cases as never);
  t.cloud.store.insert('calls', [
    storedCall({ id: 'K1', caseId: 'B', deptId: 'dept-cgj-szs', streetId: WF, meetAt: T('2026-12-05T09:00:00'), checkIn: 'onTime' }),
    storedCall({ id: 'K2', caseId: 'B', deptId: 'dept-sthjj', streetId: WF, meetAt: T('2026-12-05T11:00:00') }), // not due yet
  ] as never);
  await t.cloud.callFunction('rollup', {}); // closes the days up to yesterday
});
afterAll(() => t.stop());

describe("today's figures (今日实时) against a hand count", () => {
  test('the district: counters and rates of today only, beside the closed days of the period', async () => {
    const res = await t.ok(COMMAND, 'stats.indicators', { period: 'month' });
    // closed days of December (1–4): D and E were reported then
    expect(res.period).toMatchObject({ from: '2026-12-01', to: '2026-12-04' });
    expect(res.asOfDay).toBe('2026-12-04');
    expect(res.reported).toBe(2);
    const d = res.today;
    expect(d).toMatchObject({ day: '2026-12-05', truncated: false });
    expect(Math.abs(d.at - NOW)).toBeLessThan(60_000);
    // hand count: reports A B C G (F invalid); due to handle A B (D was handled yesterday, C not due); on time A;
    // overdue and open B; due to close A B D, closed A D on time; 10-min window over for A B (A answered in 5);
    // 1-hour window over for A B (A assigned in 20); rated E (基本满意 = satisfied); calls due K1 (checked in on time)
    expect(d.reported).toBe(4);
    expect(d.counters).toMatchObject({
      dueToHandle: 2, handledOnTime: 1, overdueOpen: 1, dueToClose: 3, closed: 2, closedOnTime: 2,
      respondDue: 2, respondedIn10: 1, assignDue: 2, assignedIn60: 1, rated: 1, satisfied: 1, callsDue: 1, callsCheckedIn: 1,
    });
    expect(d.indicators).toMatchObject({ onTimeHandleRate: 0.5, overdueOpenRate: 0.5, closeRate: 2 / 3, onTimeCloseRate: 2 / 3, satisfactionRate: 1, respondIn10Rate: 0.5, checkinRate: 1 });
    // targets from the domain table, and the previous period (November) for the comparison
    expect(res.targets.onTimeHandleRate).toEqual({ better: 'higher', good: 0.95, bad: 0.8 });
    expect(res.previous.period).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
  });

  test('one street: only its records; the trend and the breakdown carry today too', async () => {
    const wf = await t.ok(COMMAND, 'stats.indicators', { period: 'month', scope: { streetId: WF } });
    expect(wf.today.reported).toBe(3); // A B G
    expect(wf.today.counters.dueToClose).toBe(3);
    const trend = await t.ok(COMMAND, 'stats.trend', { period: 'month' });
    expect(trend.today).toMatchObject({ day: '2026-12-05', reported: 4, closed: 2, dueToClose: 3 });
    expect(trend.series.map((p: any) => p.day)).not.toContain('2026-12-05');
    const br = await t.ok(COMMAND, 'stats.breakdown', { period: 'month', by: 'street' });
    const row = (k: string) => br.rows.find((r: any) => r.key === k);
    expect(row(WF).todayReported).toBe(3);
    expect(row('street-gudong')).toMatchObject({ todayReported: 1, reported: 0 });
  });

  test('a settings document overrides a target; a malformed entry is ignored', async () => {
    t.cloud.store.insert('settings', [{ _id: 'kpi.targets', targets: { onTimeHandleRate: { good: 0.9, bad: 0.7 }, closeRate: { good: 0.5, bad: 0.9 }, satisfactionRate: 'x' } }] as never);
    const res = await t.ok(COMMAND, 'stats.indicators', { period: 'month' });
    expect(res.targets.onTimeHandleRate).toEqual({ better: 'higher', good: 0.9, bad: 0.7 });
    expect(res.targets.closeRate).toEqual({ better: 'higher', good: 0.9, bad: 0.7 });
    expect(res.targets.satisfactionRate).toEqual({ better: 'higher', good: 0.9, bad: 0.8 });
  });

  test('reused for a minute per instance, then recomputed with the new reports', async () => {
    const first = await t.ok(COMMAND, 'stats.indicators', { period: 'day' });
    t.cloud.store.insert('cases', [storedCase({ id: 'H', categoryCode: 'lamp', streetId: WF, createdAt: NOW + 20_000 })] as never);
    t.clock.advance(61_000);
    const later = await t.ok(COMMAND, 'stats.indicators', { period: 'day' });
    expect(first.today.reported).toBe(4);
    expect(later.today.reported).toBe(5);
    expect(later.today.at).toBeGreaterThan(first.today.at);
  });
});
