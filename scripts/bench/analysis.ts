/**
 * Analysis benchmark (issue 5): N generated cases over a year (default 1 000 000), inserted straight into the
 * embedded cloud's store in batches; then, through the real SDK and the built functions:
 *   - rollupDayMs           the roll-up function closing ONE day (≈ N/365 reports + everything due that day)
 *   - monthIndicatorsMs / monthIndicatorsRequests   stats.indicators for a month, district-wide (target ≤ 300 ms, ≤ 5)
 *   - patternsHalfYearMs    stats.patterns over a half-year (reads 183 place summaries)
 * Summaries for the month and half-year are produced by the roll-up function itself (catch-up over the days, as the
 * timer runs it: as many runs of days as fit its time budget per invocation): `rollupCatchUp*` report it.
 *   npx tsx scripts/bench/analysis.ts [cases]          (progress on stderr)
 *   BENCH_ANALYSIS_CASES=100000                         scale (default 1 000 000)
 *   BENCH_DATA_DIR=/tmp/bench1m                         keep the generated year there and reuse it next time
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../local';
import { seedDocuments } from '../seed-data';
import { buildFunctions } from '../build-functions';
import { storedCase, storedCall } from '../../tests/domain/stats/fixtures';
import { STREETS, COMMUNITIES } from '../../src/domain/org';

const T = (s: string) => Date.parse(`${s}+08:00`);
const DAY = 86_400_000;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** One year of cases (and their calls) straight into the store, in batches; deterministic (seeded). */
function generate(cloud: LocalCloud, n: number, yearStart: number, now: number, out: Record<string, number>): void {
  for (const [coll, docs] of Object.entries(seedDocuments({ withDevOpenids: true }))) if (docs.length) cloud.store.insert(coll, docs as never);
  const cats = ['lamp', 'road', 'garbage', 'fumes', 'noise', 'parking', 'ads', 'stall', 'greenery', 'bikes'];
  const depts = ['dept-cgj-szs', 'dept-cgj-zfdd', 'dept-cgj-hwc', 'dept-sthjj', 'dept-scjgj', 'dept-ylzx', 'dept-jjdd'];
  const streets = STREETS.map((s) => s);
  const comms = COMMUNITIES;
  const r = rng(42);
  const t0 = Date.now();
  const BATCH = 10_000;
  let calls = 0;
  for (let i = 0; i < n; i += BATCH) {
    const cs: unknown[] = [];
    const ks: unknown[] = [];
    for (let j = i; j < Math.min(n, i + BATCH); j++) {
      const createdAt = yearStart + Math.floor(r() * 365 * DAY);
      const st = streets[Math.floor(r() * streets.length)];
      const cm = comms.filter((c) => c.streetId === st._id);
      const community = cm.length ? cm[Math.floor(r() * cm.length)] : undefined;
      // hot spots: a third of reports cluster near 30 fixed points
      const hot = r() < 0.33;
      const base = hot ? [119.27 + (j % 30) * 0.002, 26.08 + (j % 7) * 0.003] : [119.26 + r() * 0.06, 26.06 + r() * 0.06];
      const point: [number, number] = [base[0] + (r() - 0.5) * 0.0004, base[1] + (r() - 0.5) * 0.0004];
      const deadlineH = 24 + Math.floor(r() * 72);
      const doneH = r() * 100;
      // every generated moment lies before `now` (a record updated in the future would keep the roll-up's watermark busy)
      const closed = createdAt + (doneH + 5) * 3_600_000 < now && r() < 0.92;
      const nd = r() < 0.3 && createdAt + 3 * 3_600_000 < now ? (r() < 0.4 ? 2 : 1) : 0;
      const deptIds = Array.from({ length: nd }, (_x, q) => depts[(j + q) % depts.length]);
      const id = `b${j}`;
      cs.push(storedCase({
        id, categoryCode: hot ? 'fumes' : cats[Math.floor(r() * cats.length)], streetId: st._id, communityId: community?._id, point, createdAt, deadlineH, deptIds,
        respondMin: r() < 0.9 ? Math.floor(r() * 15) : null,
        ...(closed ? { resolvedAt: createdAt + doneH * 3_600_000, closedAt: createdAt + (doneH + 1) * 3_600_000 } : {}),
        ...(closed && r() < 0.6 ? { satisfaction: { level: r() < 0.8 ? 'satisfied' : r() < 0.5 ? 'basic' : 'dissatisfied', at: createdAt + (doneH + 5) * 3_600_000 } } : {}),
        reworkCount: r() < 0.03 ? 1 : 0,
        extended: r() < 0.05,
      }));
      for (const [q, d] of deptIds.entries()) {
        calls++;
        ks.push(storedCall({ id: `${id}-k${q}`, caseId: id, deptId: d, streetId: st._id, meetAt: createdAt + 2 * 3_600_000, checkIn: r() < 0.85 && createdAt + 2 * 3_600_000 < now ? 'onTime' : undefined, ...(r() < 0.7 && createdAt + 30 * 3_600_000 < now ? { accuracy: { level: r() < 0.9 ? 'accurate' : 'inaccurate', at: createdAt + 30 * 3_600_000 } } : {}) }));
      }
    }
    cloud.store.insert('cases', cs as never);
    if (ks.length) cloud.store.insert('calls', ks as never);
    if ((i + BATCH) % 100_000 === 0) process.stderr.write(`analysis: generated ${i + BATCH} / ${n} cases (${Math.round((Date.now() - t0) / 1000)} s)\n`);
  }
  out.calls = calls;
  out.generateInsertMs = Date.now() - t0;
  process.stderr.write(`analysis: ${n} cases, ${calls} calls generated and inserted in ${out.generateInsertMs} ms\n`);
}

export async function benchAnalysis(opts: { cases?: number; halfYearDays?: number } = {}): Promise<Record<string, number>> {
  const n = opts.cases ?? (Number(process.env.BENCH_ANALYSIS_CASES) || 1_000_000);
  // BENCH_DATA_DIR keeps the generated year between runs (generation is minutes at 1 M); summaries are rebuilt each run
  const keep = process.env.BENCH_DATA_DIR;
  const dataDir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'yx-bench-analysis-'));
  const yearStart = T('2025-12-01T00:00:00');
  const now = T('2026-12-01T00:10:00');
  let clock = now;
  await buildFunctions(['api', 'rollup']);
  const cloud = await startLocalCloud({ dataDir, port: 0, now: () => clock, maxInstances: 2 });
  const out: Record<string, number> = { cases: n };
  try {
    const have = cloud.store.count('cases', {});
    if (have && have !== n) throw new Error(`${dataDir} holds ${have} cases, not ${n}: remove it or set BENCH_ANALYSIS_CASES=${have}`);
    if (!have) generate(cloud, n, yearStart, now, out);
    else {
      out.calls = cloud.store.count('calls', {});
      process.stderr.write(`analysis: reusing ${have} cases, ${out.calls} calls in ${dataDir}\n`);
    }
    cloud.store.remove('summaries', {}, { multi: true });

    const halfDays = opts.halfYearDays ?? 183;
    const lastDay = '2026-11-30';
    const firstNeeded = new Date(T(`${lastDay}T00:00:00`) - (halfDays - 1) * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
    const prev = new Date(T(`${firstNeeded}T00:00:00`) - DAY + 8 * 3_600_000).toISOString().slice(0, 10);
    // catch-up from the day before the half-year: the timer's own invocation (default time budget) until nothing remains
    cloud.store.insert('summaries', [{ _id: 'rollup:state', periodType: 'state', periodKey: '', scope: 'state', scopeId: '', lastDay: prev, watermark: now }] as never);
    const tc = Date.now();
    let days = 0;
    let invocations = 0;
    for (;;) {
      const ti = Date.now();
      const tiPerf = performance.now();
      const res = (await cloud.callFunction('rollup', {})) as { code: number; data: { days: string[]; remaining: number } };
      if (res.code !== 0) throw new Error(JSON.stringify(res));
      days += res.data.days.length;
      invocations++;
      const t = cloud.requestTimings().filter((x) => x.at >= tiPerf);
      const sum = (k: 'handleMs' | 'rows' | 'bytesOut') => Math.round(t.reduce((acc, x) => acc + x[k], 0));
      process.stderr.write(`analysis: roll-up ${res.data.days[0] ?? '-'} … ${res.data.days[res.data.days.length - 1] ?? '-'} (${res.data.days.length} days): ${Date.now() - ti} ms, ${t.length} requests, ${sum('rows')} rows, ${(sum('bytesOut') / 1e6).toFixed(1)} MB; ${res.data.remaining} days remain\n`);
      if (res.data.remaining === 0) break;
    }
    out.rollupCatchUpInvocations = invocations;
    out.rollupCatchUpDays = days;
    out.rollupCatchUpMs = Date.now() - tc;
    out.rollupCatchUpMsPerDay = Math.round(out.rollupCatchUpMs / Math.max(1, days));

    // one day: re-close 2026-11-30 (state moved back one day)
    cloud.store.update('summaries', { _id: 'rollup:state' }, { $set: { lastDay: '2026-11-29', watermark: now } });
    const td = Date.now();
    const one = (await cloud.callFunction('rollup', {})) as { code: number; data: { days: string[]; requests: number } };
    out.rollupDayMs = Date.now() - td;
    out.rollupDayRequests = one.data.requests;

    const LEADER = 'dev-staff-district-leader-1';
    await cloud.callFunction('api', { action: 'whoami' }, { openid: LEADER });
    const month = { action: 'stats.indicators', payload: { period: 'month', from: '2026-11-01' } };
    await cloud.callFunction('api', month, { openid: LEADER }); // warm
    const times: number[] = [];
    let requests = 0;
    for (let k = 0; k < 5; k++) {
      cloud.resetStats();
      const tm = Date.now();
      const res = (await cloud.callFunction('api', month, { openid: LEADER })) as { code: number };
      times.push(Date.now() - tm);
      if (res.code !== 0) throw new Error(JSON.stringify(res));
      requests = cloud.stats().total;
    }
    times.sort((a, b) => a - b);
    out.monthIndicatorsMs = times[2];
    out.monthIndicatorsRequests = requests;
    // ratios to the targets (≤ 300 ms, ≤ 5 requests): below 1 is within target
    out.monthIndicatorsMsToTarget = Math.round((times[2] / 300) * 1000) / 1000;
    out.monthIndicatorsRequestsToTarget = requests / 5;

    const tp = Date.now();
    const pat = (await cloud.callFunction('api', { action: 'stats.patterns', payload: { period: 'custom', from: firstNeeded, to: lastDay } }, { openid: LEADER })) as { code: number; data: { patterns: unknown[] } };
    out.patternsHalfYearMs = Date.now() - tp;
    if (pat.code !== 0) throw new Error(JSON.stringify(pat));
    out.patternsFound = pat.data.patterns.length;
    out.patternsDays = halfDays;
    out.patternsPlaceEntries = (cloud.store.find('summaries', { scope: 'place', periodKey: { $gte: firstNeeded, $lte: lastDay } }) as Array<{ places: unknown[] }>).reduce((n, d) => n + d.places.length, 0);
  } finally {
    await cloud.stop();
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}

if (require.main === module) {
  const n = Number(process.argv[2]) || undefined;
  benchAnalysis({ cases: n })
    .then((f) => console.log(JSON.stringify(f, null, 2)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
