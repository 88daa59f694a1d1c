/** The daily roll-up through the real SDK against local/: closing days, idempotence, late changes, catch-up, timer. */
import fs from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import { toCronerPattern } from '../../local';
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg } from './seed';
import { storedCase, storedCall, T } from '../domain/stats/fixtures';
import { consecutiveRuns, DAYS_PER_READ } from '../../cloudfunctions/common/rollup';
import { unpackPlace } from '@domain/stats';

let t: TestCloud;
const WUFENG: [number, number] = [119.2870, 26.1060];

beforeAll(async () => {
  t = await startTestCloud(T('2026-11-18T00:10:00'));
  seedOrg(t.cloud);
  t.cloud.store.insert('cases', [
    // A: reported and closed on 11-17, before its (extended) deadline
    storedCase({ id: 'A', categoryCode: 'lamp', streetId: 'street-wufeng', point: WUFENG, createdAt: T('2026-11-17T08:00:00'), resolvedAt: T('2026-11-17T18:00:00'), closedAt: T('2026-11-17T19:00:00'), extended: true }),
    // B: reported 11-15, 24 h deadline passed on 11-16 10:01, still open
    storedCase({ id: 'B', categoryCode: 'lamp', streetId: 'street-wufeng', createdAt: T('2026-11-15T10:00:00'), deadlineH: 24, deptIds: ['dept-cgj-szs'] }),
    // C: reported 11-17 in 鼓东, never 签收
    storedCase({ id: 'C', categoryCode: 'fumes', streetId: 'street-gudong', createdAt: T('2026-11-17T10:00:00'), respondMin: null }),
  ] as never);
  t.cloud.store.insert('calls', [storedCall({ id: 'K', caseId: 'B', deptId: 'dept-cgj-szs', streetId: 'street-wufeng', meetAt: T('2026-11-17T15:00:00'), checkIn: 'onTime' })] as never);
});
afterAll(() => t.stop());

const run = async (data: Record<string, unknown> = {}) => {
  const res = (await t.cloud.callFunction('rollup', data)) as { code: number | string; data: { days: string[]; months: string[]; remaining: number } };
  expect(res.code).toBe(0);
  return res.data;
};
const summary = (id: string) => t.cloud.store.find('summaries', { _id: id })[0] as Record<string, any> | undefined;

describe('rollup function', () => {
  test('first run closes every day since the first report, per scope', async () => {
    const r = await run();
    expect(r.days).toEqual(['2026-11-15', '2026-11-16', '2026-11-17']);
    expect(r.remaining).toBe(0);
    const d17 = summary('day:2026-11-17:all')!;
    // (the roll-up reads a projection of the case: `extended` comes from clocks.extensions[].source)
    expect(d17.rows.all).toMatchObject({ reported: 2, dueToHandle: 1, handledOnTime: 1, extended: 1, dueToClose: 1, closed: 1, closedOnTime: 1, respondDue: 2, respondedIn10: 1, callsDue: 1, callsCheckedIn: 1, callsOnTime: 1 });
    expect(summary('day:2026-11-16:all')!.rows.all).toMatchObject({ dueToHandle: 1, overdueOpen: 1, dueToClose: 1 });
    expect(summary('day:2026-11-16:all')!.rows.all.closed).toBeUndefined();
    expect(summary('day:2026-11-17:street')!.rows).toMatchObject({ 'street-wufeng': { reported: 1, callsDue: 1 }, 'street-gudong': { reported: 1, respondDue: 1 } });
    expect(summary('day:2026-11-16:dept')!.rows['dept-cgj-szs']).toMatchObject({ overdueOpen: 1 });
    expect(summary('day:2026-11-17:category')!.rows).toMatchObject({ lamp: { reported: 1 }, fumes: { reported: 1 } });
    expect(summary('day:2026-11-17:place')!.places.map(unpackPlace)).toEqual([expect.objectContaining({ categoryCode: 'lamp', count: 1, streetId: 'street-wufeng' })]);
    expect(typeof summary('day:2026-11-17:place')!.places[0]).toBe('string');
    const state = summary('rollup:state')!;
    expect(state.lastDay).toBe('2026-11-17');
    // the function's clock runs on from the fake start during the call
    expect(state.watermark - T('2026-11-18T00:10:00')).toBeGreaterThanOrEqual(0);
    expect(state.watermark - T('2026-11-18T00:10:00')).toBeLessThan(30_000);
  });

  test('running again changes nothing (idempotent)', async () => {
    const before = t.cloud.store.find('summaries', {});
    const r = await run();
    expect(r.days).toEqual([]);
    const after = t.cloud.store.find('summaries', {});
    const strip = (docs: Record<string, unknown>[]) => docs.filter((d) => d._id !== 'rollup:state').map(({ asOf: _a, ...d }) => d);
    expect(strip(after)).toEqual(strip(before));
  });

  test('a late close recomputes the day the case came due; the next midnight closes the new day', async () => {
    t.cloud.store.update('cases', { _id: 'B' }, { $set: { state: 'closed', 'clocks.resolvedAt': T('2026-11-18T09:00:00'), 'clocks.closedAt': T('2026-11-18T09:30:00'), updatedAt: T('2026-11-18T09:30:00') } });
    t.clock.set(T('2026-11-19T00:10:00'));
    const r = await run();
    expect(r.days).toEqual(['2026-11-15', '2026-11-16', '2026-11-18']);
    const d16 = summary('day:2026-11-16:all')!.rows.all;
    expect(d16).toMatchObject({ dueToHandle: 1, dueToClose: 1, closed: 1 });
    expect(d16.overdueOpen).toBeUndefined();
    expect(d16.closedOnTime).toBeUndefined();
    expect(summary('day:2026-11-18:all')!.rows.all).toMatchObject({ closeCount: 1 });
  });

  test('missed runs are caught up, a bounded number of days per run', async () => {
    t.clock.set(T('2026-11-23T00:10:00'));
    const a = await run({ maxDays: 2 });
    expect(a.days).toEqual(['2026-11-19', '2026-11-20']);
    expect(a.remaining).toBe(2);
    const b = await run();
    expect(b.days).toEqual(['2026-11-21', '2026-11-22']);
    expect(b.remaining).toBe(0);
    expect(summary('rollup:state')!.lastDay).toBe('2026-11-22');
    expect(b.months).toEqual(['2026-11']);
    expect(summary('month:2026-11:scores')).toBeTruthy();
  });

  test('a run stops starting new days once its time budget is spent, saves its progress, and the next run goes on', async () => {
    // 11-23 … 12-09 missed (17 days): read in runs of DAYS_PER_READ consecutive days
    t.clock.set(T('2026-12-10T00:10:00'));
    const a = await run({ budgetMs: 0 });
    expect(a.days).toEqual(consecutiveRuns(a.days, DAYS_PER_READ)[0]);
    expect(a.days).toHaveLength(DAYS_PER_READ);
    expect(a.days[0]).toBe('2026-11-23');
    expect(a.remaining).toBe(17 - DAYS_PER_READ);
    expect(summary('rollup:state')!.lastDay).toBe(a.days[a.days.length - 1]);
    const b = await run();
    expect(b.days[0]).toBe('2026-11-30');
    expect(b.days[b.days.length - 1]).toBe('2026-12-09');
    expect(b.remaining).toBe(0);
    expect(b.months).toEqual(['2026-11', '2026-12']);
    expect(summary('rollup:state')!.lastDay).toBe('2026-12-09');
  });

  test('bad maxDays / budgetMs from a trigger fall back to the defaults', async () => {
    const r = await run({ maxDays: -1, budgetMs: 'soon' });
    expect(r.days).toEqual([]);
    expect(r.remaining).toBe(0);
  });

  test('the mini-program cannot run it', async () => {
    const res = (await t.cloud.callFunction('rollup', {}, { openid: 'oSomeone' })) as { code: string };
    expect(res.code).toBe('FORBIDDEN');
  });

  test('timer: seven-field cron at minute 10 of every hour, Asia/Shanghai — first run after midnight is 00:10', () => {
    const cfg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cloudfunctions/rollup/config.json'), 'utf8'));
    expect(cfg.triggers).toEqual([expect.objectContaining({ type: 'timer', config: '0 10 * * * * *' })]);
    const { pattern } = toCronerPattern(cfg.triggers[0].config);
    const next = new Cron(pattern, { timezone: 'Asia/Shanghai', paused: true }).nextRun(new Date(T('2026-11-17T23:59:00')));
    expect(next!.getTime()).toBe(T('2026-11-18T00:10:00'));
  });
});

describe('consecutiveRuns', () => {
  test.each([
    [[], 7, []],
    [['2026-11-01'], 7, [['2026-11-01']]],
    [['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-03'], 7, [['2026-10-30', '2026-10-31', '2026-11-01'], ['2026-11-03']]],
    [['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'], 2, [['2026-11-01', '2026-11-02'], ['2026-11-03', '2026-11-04'], ['2026-11-05']]],
    [['2026-12-31', '2027-01-01'], 7, [['2026-12-31', '2027-01-01']]],
  ])('%j by %i', (days, size, runs) => {
    expect(consecutiveRuns(days as string[], size as number)).toEqual(runs);
  });
});
