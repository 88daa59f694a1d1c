/**
 * The article's scale (issue #14), against the embedded cloud with the functions as built (real SDK), at both org
 * scales side by side: `gulou` (the base seed: 24 departments, ~150 staff) and `large` (81 departments, 4 028
 * cadres, 60 communities; `src/domain/org/seed/large.ts`). Per scale:
 *
 *   bootstrap   the first `meta.bootstrap` of a function instance (its reference data not yet cached; the
 *               instance's own start is measured apart, with `whoami`), warm (p50), and its size in bytes
 *               (targets ≤ 100 ms, ≤ 50 KB)
 *   inbox       `open` open cases in the store (default 100 000, realistic documents); then, after BENCH_WARMUP (50)
 *               uncounted rounds, `submissions` reports, each followed by the handler's `case.inbox` until listed:
 *               p95 of submit → in the inbox (≤ 20 ms)
 *   throughput  `clients` concurrent citizens submitting `case.report` for `seconds`: submits per second (≥ 500 on
 *               2 cores), next to the SDK's own ceiling measured in the same run: the same clients calling `whoami`
 *               (one function invocation + one DB request), and one DB request alone from the host through the SDK
 *               client (`raw`); the ratio submits/s ÷ whoami/s says how much of the ceiling a submit uses
 *   requests    DB requests per submit and per inbox read, with the server time of each (cloud.requestTimings())
 *
 *   BENCH_SCALE=large npm run bench -- scale     one scale;   npm run bench -- scale   both
 *   BENCH_OPEN=20000 BENCH_CLIENTS=8 …           smaller / other runs
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../local';
import { buildFunctions } from '../build-functions';
import { seedDocuments } from '../seed-data';
import { storedCase, sweep } from './sla';

type Figures = Record<string, number | string>;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

interface Opts {
  open?: number;
  submissions?: number;
  clients?: number;
  seconds?: number;
}

async function withCloud<T>(scale: 'gulou' | 'large', fn: (cloud: LocalCloud, clock: { now: () => number }) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-scale-${scale}-`));
  const base = Date.parse('2026-11-17T09:00:00+08:00');
  const started = Date.now();
  const clock = { now: () => base + (Date.now() - started) };
  const cloud = await startLocalCloud({ dataDir, port: 0, now: clock.now, functionEnv: { YX_RATE_LIMITS: JSON.stringify({ report: { windows: [{ windowSec: 3600, max: 1e9 }] } }) } });
  try {
    for (const [coll, docs] of Object.entries(seedDocuments({ withDevOpenids: true, scale }))) if (docs.length) cloud.store.insert(coll, docs as never);
    return await fn(cloud, clock);
  } finally {
    await cloud.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function api(cloud: LocalCloud, openid: string, action: string, payload: unknown): Promise<any> {
  const r = (await cloud.callFunction('api', { action, payload }, { openid })) as { code: number | string; data?: any; message?: string };
  if (r.code !== 0) throw new Error(`${action}: ${r.code} ${r.message}`);
  return r.data;
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function bootstrap(cloud: LocalCloud): Promise<Figures> {
  const who = 'dev-staff-maoxiaojia';
  // a fresh instance: its start (module load, SDK init) measured apart with `whoami` (one staff look-up)
  let t0 = process.hrtime.bigint();
  await api(cloud, who, 'whoami', {});
  const coldMs = ms(t0);
  t0 = process.hrtime.bigint();
  const first = await api(cloud, who, 'meta.bootstrap', {});
  const firstMs = ms(t0);
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) {
    t0 = process.hrtime.bigint();
    await api(cloud, `oBoot${i}`, 'meta.bootstrap', {});
    warm.push(ms(t0));
  }
  const bytes = Buffer.byteLength(JSON.stringify(first));
  return {
    instanceStartWithWhoamiMs: r1(coldMs),
    bootstrapFirstLoadMs: r1(firstMs),
    'bootstrapFirstLoad ÷ target 100 ms': r1(firstMs / 100),
    bootstrapWarmP50Ms: r1(quantile(warm, 0.5)),
    bootstrapBytes: bytes,
    'bootstrapBytes ÷ target 50 KB': Math.round((bytes / 51200) * 100) / 100,
  };
}

/** Insert open cases `BENCH-<from>` … `BENCH-<to - 1>` (none due). */
function insertOpenCases(cloud: LocalCloud, from: number, to: number): number {
  const t = performance.now();
  const at = Date.parse('2026-11-17T09:00:00+08:00');
  for (let i = from; i < to; i += 20_000) {
    const docs = Array.from({ length: Math.min(20_000, to - i) }, (_, k) => storedCase(i + k, at, false));
    cloud.store.insert('cases', docs as never);
  }
  return performance.now() - t;
}

async function submitToInbox(cloud: LocalCloud, n: number, submissions: number, alreadyOpen = 0): Promise<Figures> {
  const insertMs = insertOpenCases(cloud, alreadyOpen, n);
  const handler = 'dev-staff-maoxiaojia';
  // warm both paths (instances, org cache, and the JIT: a handler's inbox is read all day long, so its code is
  // measured optimised, as it runs, not on its first calls): BENCH_WARMUP rounds (50), not counted
  const warmup = Number(process.env.BENCH_WARMUP ?? 50);
  for (let i = 0; i < Math.max(1, warmup); i++) {
    await api(cloud, `oWarm${n}-${i}`, 'case.report', { clientToken: `warm-${i}`, categoryCode: 'lamp', description: `五凤街道第${i}处路灯不亮，晚上很黑`, photos: [], communityId: 'comm-wufeng' });
    await api(cloud, handler, 'case.inbox', { tab: 'todo' });
  }
  const total: number[] = [];
  const report: number[] = [];
  const inbox: number[] = [];
  let misses = 0;
  cloud.clearRequestLog();
  cloud.resetStats();
  for (let i = 0; i < submissions; i++) {
    const t0 = process.hrtime.bigint();
    const r = await api(cloud, `oScale${n}-${i}`, 'case.report', { clientToken: `s-${i}`, categoryCode: 'lamp', description: `五凤街道第${i}处路灯不亮，晚上很黑`, photos: [], communityId: 'comm-wufeng' });
    report.push(ms(t0));
    let seen = false;
    for (let poll = 0; poll < 20 && !seen; poll++) {
      const t1 = process.hrtime.bigint();
      const page = await api(cloud, handler, 'case.inbox', { tab: 'todo' });
      inbox.push(ms(t1));
      seen = page.items.some((x: { id: string }) => x.id === r.caseId);
    }
    if (!seen) misses += 1;
    total.push(ms(t0));
    if (process.env.BENCH_TRACE) fs.appendFileSync(process.env.BENCH_TRACE, `${i} ${r1(ms(t0))} ${r1(report[report.length - 1])} ${r1(inbox[inbox.length - 1])}\n`);
  }
  const timings = cloud.requestTimings();
  const byAction = new Map<string, number[]>();
  for (const x of timings) (byAction.get(`${x.action.replace('database.', '')}:${x.collection}`) ?? byAction.set(`${x.action.replace('database.', '')}:${x.collection}`, []).get(`${x.action.replace('database.', '')}:${x.collection}`)!).push(x.handleMs);
  const server = [...byAction.entries()].sort((a, b) => b[1].reduce((s, v) => s + v, 0) - a[1].reduce((s, v) => s + v, 0)).slice(0, 6);
  const st = cloud.stats().byAction;
  const requests = Object.entries(st).filter(([k]) => k.startsWith('database.')).reduce((s, [, v]) => s + v, 0);
  return {
    openCases: n,
    insertOpenCasesS: r1(insertMs / 1000),
    submitToInboxP50Ms: r1(quantile(total, 0.5)),
    submitToInboxP95Ms: r1(quantile(total, 0.95)),
    'submitToInboxP95 ÷ target 20 ms': r1(quantile(total, 0.95) / 20),
    reportP50Ms: r1(quantile(report, 0.5)),
    inboxP50Ms: r1(quantile(inbox, 0.5)),
    inboxP95Ms: r1(quantile(inbox, 0.95)),
    inboxMisses: misses,
    dbRequestsPerSubmitAndInbox: r1(requests / submissions),
    serverMsTop: server.map(([k, v]) => `${k} ${v.length}× p50 ${r1(quantile(v, 0.5))}`).join('; '),
  };
}

async function throughput(cloud: LocalCloud, clients: number, seconds: number): Promise<Figures> {
  const run = async (what: (c: number, i: number) => Promise<unknown>) => {
    const end = Date.now() + seconds * 1000;
    let done = 0;
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; Date.now() < end; i++) {
          await what(c, i);
          done += 1;
        }
      }),
    );
    return done / seconds;
  };
  // warm every instance
  await Promise.all(Array.from({ length: clients }, (_, c) => api(cloud, `oTp${c}`, 'whoami', {})));
  let seq = 0;
  cloud.resetStats();
  const submits = await run((c) => api(cloud, `oTp${c}`, 'case.report', { clientToken: `tp-${seq++}`, categoryCode: 'lamp', description: `路灯不亮第${seq}处，晚上很黑`, photos: [], communityId: 'comm-wufeng' }));
  const submitStats = cloud.stats();
  const perSubmit = submitStats.total / Math.max(1, seq);
  const dbPerSubmit = Object.entries(submitStats.byAction).filter(([k]) => k.startsWith('database.')).reduce((n, [, v]) => n + v, 0) / Math.max(1, seq);
  cloud.resetStats();
  const whoami = await run((c) => api(cloud, `oTp${c}`, 'whoami', {}));
  const perWhoami = cloud.stats().total / Math.max(1, whoami * seconds);
  const instances = (cloud as unknown as { functions?: { maxInstances?: number } }).functions?.maxInstances;
  return {
    clients,
    ...(instances ? { instancesPerFunction: instances } : {}),
    submitsPerSecond: r1(submits),
    'submitsPerSecond ÷ target 500': Math.round((submits / 500) * 1000) / 1000,
    whoamiPerSecond: r1(whoami),
    'submits ÷ whoami': Math.round((submits / whoami) * 1000) / 1000,
    // the SDK's own ceiling: requests per second through the real SDK while submitting vs while calling whoami
    sdkRequestsPerSubmit: r1(perSubmit),
    dbRequestsPerSubmit: r1(dbPerSubmit),
    // the content check and the subscribe messages (one per recipient: WeChat sends them one at a time)
    openApiRequestsPerSubmit: r1((submitStats.byAction['wx.openApi'] ?? 0) / Math.max(1, seq)),
    sdkRequestsPerWhoami: r1(perWhoami),
    sdkRequestsPerSecondSubmitting: Math.round(submits * perSubmit),
    sdkRequestsPerSecondWhoami: Math.round(whoami * perWhoami),
    'submit ceiling at the whoami request rate (req/s ÷ requests per submit)': r1((whoami * perWhoami) / perSubmit),
  };
}

export async function benchScale(opts: Opts = {}): Promise<Figures> {
  const env = process.env;
  const scales = (env.BENCH_SCALE ? [env.BENCH_SCALE] : ['gulou', 'large']) as Array<'gulou' | 'large'>;
  const open = opts.open ?? (Number(env.BENCH_OPEN) || 100_000);
  const submissions = opts.submissions ?? (Number(env.BENCH_SUBMISSIONS) || 200);
  const clients = opts.clients ?? (Number(env.BENCH_CLIENTS) || 16);
  const seconds = opts.seconds ?? (Number(env.BENCH_SECONDS) || 10);
  await buildFunctions(['api', 'timer']);
  const out: Figures = {};
  for (const scale of scales) {
    const figures = await withCloud(scale, async (cloud) => {
      const f: Figures = { ...(await bootstrap(cloud)) };
      Object.assign(f, await throughput(cloud, clients, seconds));
      Object.assign(f, await submitToInbox(cloud, open, submissions));
      return f;
    });
    for (const [k, v] of Object.entries(figures)) out[`${scale} ${k}`] = v;
  }
  return out;
}

/** `value unit   target ≤ goal   ratio value/goal` (or ≥ for rates). */
function against(value: number, unit: string, goal: number, higherIsBetter = false): string {
  const ratio = value / goal;
  const ok = higherIsBetter ? ratio >= 1 : ratio <= 1;
  return `${r1(value)} ${unit}   target ${higherIsBetter ? '≥' : '≤'} ${goal} ${unit}   ratio ${ratio.toFixed(2)} ${ok ? 'met' : 'NOT met'}`;
}

/** The requests of one report, by kind and collection (the mean over `n` sequential reports by new citizens). */
async function requestMix(cloud: LocalCloud, n: number): Promise<string> {
  await api(cloud, 'oMixWarm', 'case.report', { clientToken: 'mix-warm', categoryCode: 'lamp', description: '五凤街道路灯不亮，晚上很黑', photos: [], communityId: 'comm-wufeng' });
  const tally = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    cloud.clearRequestLog();
    await api(cloud, `oMix${i}`, 'case.report', { clientToken: `mix-${i}`, categoryCode: 'lamp', description: `五凤街道第${i}处路灯不亮，晚上很黑`, photos: [], communityId: 'comm-wufeng' });
    for (const r of cloud.requestTimings()) {
      const k = `${r.action.replace('database.', '')}${r.collection ? ` ${r.collection}` : ''}`;
      tally.set(k, (tally.get(k) ?? 0) + 1);
    }
  }
  const total = [...tally.values()].reduce((a, b) => a + b, 0) / n;
  return `${r1(total)}: ${[...tally.entries()].map(([k, v]) => `${k} ${r1(v / n)}`).join(', ')}`;
}

/** 10 000 (BENCH_BURST) reports sent at once by different citizens: every answer's code, none INTERNAL. */
async function burst(cloud: LocalCloud, n: number): Promise<Figures> {
  const t0 = process.hrtime.bigint();
  const answers = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      cloud.callFunction('api', { action: 'case.report', payload: { clientToken: `b-${i}`, categoryCode: 'lamp', description: `五凤街道第${i}处路灯不亮，晚上很黑`, photos: [], communityId: 'comm-wufeng' } }, { openid: `oBurst${i}` }) as Promise<{ code: number | string }>,
    ),
  );
  const seconds = ms(t0) / 1000;
  const codes = new Map<string, number>();
  for (const a of answers) codes.set(String(a.code), (codes.get(String(a.code)) ?? 0) + 1);
  return {
    burstSubmits: n,
    burstAnswers: [...codes.entries()].map(([c, k]) => `${c === '0' ? 'ok' : c} ${k}`).join(', '),
    'burst INTERNAL answers (target 0)': codes.get('INTERNAL') ?? 0,
    burstSubmitsPerSecond: r1(n / seconds),
  };
}

/**
 * Issue #14's targets in one run, on the large seed: every figure next to its target and the ratio.
 *   bootstrap first load (ms, KB) · due-item ms at 10 and 10 000 due · submits/s with the SDK ceiling measured in the
 *   same run · requests per submit · submit → inbox p50/p95 with 10 000 and 100 000 open cases · 10 000 concurrent
 *   submits without INTERNAL.
 * BENCH_OPEN (100 000), BENCH_BIG_DUE (10 000), BENCH_BURST (10 000), BENCH_CLIENTS (16), BENCH_SECONDS (10), BENCH_SUBMISSIONS (400 per open-case count) for
 * smaller runs.
 */
export async function benchTargets(): Promise<Figures> {
  const env = process.env;
  const open = Number(env.BENCH_OPEN) || 100_000;
  const bigDue = Number(env.BENCH_BIG_DUE) || 10_000;
  const burstN = Number(env.BENCH_BURST) || 10_000;
  const clients = Number(env.BENCH_CLIENTS) || 16;
  const seconds = Number(env.BENCH_SECONDS) || 10;
  const submissions = Number(env.BENCH_SUBMISSIONS) || 400;
  await buildFunctions(['api', 'timer']);
  const f: Figures = { loadAverageAtStart: os.loadavg().map((x) => x.toFixed(2)).join(' ') };
  await withCloud('large', async (cloud) => {
    const boot = await bootstrap(cloud);
    f['bootstrap first load'] = against(Number(boot.bootstrapFirstLoadMs), 'ms', 100);
    f['bootstrap size'] = against(Number(boot.bootstrapBytes) / 1024, 'KB', 50);

    // the sweep first: every case below is made due on purpose, none by the reports that follow
    const first = Math.min(open, 10_000);
    insertOpenCases(cloud, 0, first);
    await sweep(cloud);
    await sweep(cloud);
    const at = Date.parse('2026-11-17T09:00:00+08:00');
    const makeDue = (count: number, from: number) => {
      for (let i = 0; i < count; i += 20_000) cloud.store.insert('cases', Array.from({ length: Math.min(20_000, count - i) }, (_, k) => storedCase(900_000 + from + i + k, at, true)) as never);
    };
    const idle = await sweep(cloud);
    makeDue(10, 0);
    const first10 = await sweep(cloud);
    makeDue(bigDue, 10);
    const big = await sweep(cloud);
    // a tick with 10 due once the instance has handled items before (as the every-minute timer's instance has): the
    // median of 5 such ticks; the first tick of the fresh instance above runs its code for the first time
    const ticks: number[] = [];
    for (let k = 0; k < 9; k++) {
      makeDue(10, 10 + bigDue + 10 * k);
      const s = await sweep(cloud);
      ticks.push(s.ms / Math.max(1, s.handled));
    }
    const perItem = (s: { ms: number; handled: number }) => s.ms / Math.max(1, s.handled);
    f['due item at 10 due (median of 9 ticks)'] = against(quantile(ticks, 0.5), 'ms', 2);
    f['due item at 10 due, per tick'] = ticks.map((x) => x.toFixed(1)).join(' ') + ' ms';
    f['due item at 10 due, first tick of a fresh instance'] = `${r1(perItem(first10))} ms`;
    f['timer tick with nothing due'] = `${r1(idle.ms)} ms`;
    f[`due item at ${bigDue} due`] = against(perItem(big), 'ms', 2);
    f['due sweep DB requests per item'] = `${(big.dbRequests / Math.max(1, big.handled)).toFixed(2)} (subscribe messages ${(big.sends / Math.max(1, big.handled)).toFixed(2)} per item)`;
    // the swept cases leave the store again: the open-case counts below are exact
    cloud.store.remove('cases', { _id: { $regex: '^BENCH-9' } }, { multi: true });

    const tp = await throughput(cloud, clients, seconds);
    const submits = Number(tp.submitsPerSecond);
    const ceiling = Number(tp['submit ceiling at the whoami request rate (req/s ÷ requests per submit)']);
    f['submits per second'] = against(submits, '/s', 500, true);
    f['SDK ceiling (whoami request rate ÷ requests per submit)'] = `${ceiling} /s   submits/s ÷ ceiling ${(submits / ceiling).toFixed(2)}`;
    f['requests per submit (SDK, 16 clients, warm)'] = `${tp.sdkRequestsPerSubmit}: database ${tp.dbRequestsPerSubmit}, WeChat openapi ${tp.openApiRequestsPerSubmit}`;
    f['requests of one report by a new citizen (warm instance)'] = await requestMix(cloud, 20);

    const at10k = await submitToInbox(cloud, first, submissions, first);
    f[`submit → inbox p50 at ${first} open`] = `${at10k.submitToInboxP50Ms} ms`;
    f[`submit → inbox p95 at ${first} open`] = against(Number(at10k.submitToInboxP95Ms), 'ms', 20);
    if (open > first) {
      const atOpen = await submitToInbox(cloud, open, submissions, first);
      f[`submit → inbox p50 at ${open} open`] = `${atOpen.submitToInboxP50Ms} ms`;
      f[`submit → inbox p95 at ${open} open`] = against(Number(atOpen.submitToInboxP95Ms), 'ms', 20);
    }
    Object.assign(f, await burst(cloud, burstN));
  });
  f.loadAverageAtEnd = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  return f;
}

if (require.main === module) {
  benchScale().then(
    (r) => {
      for (const [k, v] of Object.entries(r)) console.log(`  ${k.padEnd(52)} ${v}`);
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
