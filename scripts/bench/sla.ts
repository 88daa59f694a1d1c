/**
 * SLA sweep and submit → inbox latency, against the embedded cloud with the functions as built (real SDK).
 *
 *   sweep   100 000 open cases (realistic documents made by the domain: reported, dispatched, accepted, assigned,
 *           with their audit trail and due items) inserted in one batch; then the `timer` function is run with
 *           0, 10 and 10 000 of them due (a near-due warning to the assignee each). Figures: wall time per sweep
 *           (all invocations until nothing is due), items handled, DB requests and subscribe sends (cloud.stats()).
 *   latency 200 `case.report` submissions by citizens, each followed by polling the handler's `case.inbox` (todo)
 *           until the case is listed: p50/p95 of submit → visible, and of the report call alone.
 *
 * Not wired into package.json by this module; `npm run bench -- sla` runs it through scripts/bench/index.ts, or
 *   npx tsx -e "require('./scripts/bench/sla').benchSla().then(console.log)"
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../local';
import { buildFunctions } from '../build-functions';
import { seedDocuments } from '../seed-data';
import { createCase } from '../../src/domain/case/case-create';
import { transition } from '../../src/domain/case/case-machine';
import type { CaseRecord } from '../../src/domain/case/case-types';
import type { Effect } from '../../src/domain/common/effect-types';
import { SYSTEM_ACTOR, type Actor } from '../../src/domain/common/actor-types';
import { STREETS } from '../../src/domain/org/seed/streets';
import { CATEGORIES } from '../../src/domain/org/seed/categories';

const MIN = 60_000;
const OPEN_CASES = 100_000;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** A case as the server stores it after report → dispatch → accept → assign, `dueShift` moving its near-due warning. */
export function storedCase(i: number, now: number, due: boolean): Record<string, unknown> {
  const street = STREETS[i % STREETS.length];
  const cats = CATEGORIES.filter((c) => !c.gridItem && !c.manualTriage && !c.pauseAtNight && c.deadlineMinutes >= 24 * 60);
  const cat = cats[i % cats.length];
  const handlerId = `staff-${street._id.replace(/^street-/, '')}-handler-1`;
  const handler: Actor = { id: handlerId, name: '处置员', roles: ['handler'], streetId: street._id };
  // due: dispatched so long ago that the 80 % warning has just passed; otherwise within the last 12 h (not due)
  const span = cat.deadlineMinutes * MIN;
  const dispatchedAt = due ? now - Math.round(0.8 * span) - MIN - (i % 600) * 1000 : now - ((i * 7919) % (12 * 60)) * MIN - 20 * MIN;
  const [lng, lat] = street.centre ?? [119.29, 26.09];
  const created = createCase(
    {
      id: `BENCH-${String(i).padStart(6, '0')}`,
      channel: 'miniapp',
      reporter: { openid: `oBench${i % 5000}` },
      categoryCode: cat.code,
      description: `${cat.name}：${street.name}第${i}号附近，群众反映已有数日，请尽快处理`,
      photos: [`cloud://local-dev.env/bench/${i}.jpg`],
      location: { point: { type: 'Point', coordinates: [lng + ((i % 97) - 48) * 1e-4, lat + ((i % 89) - 44) * 1e-4] }, address: `${street.name}第${i}号` },
    },
    { actor: { id: `oBench${i % 5000}`, roles: ['citizen'], openid: `oBench${i % 5000}` }, now: dispatchedAt },
  );
  let c: CaseRecord = created.case;
  const effects: Effect[] = [...created.effects];
  const step = (event: Parameters<typeof transition>[1], actor: Actor, at: number) => {
    const r = transition(c, event, { actor, now: at, category: { deadlineMin: cat.deadlineMinutes } });
    if (!r.ok) throw new Error(`${event.type}: ${r.code}`);
    c = r.case;
    effects.push(...r.effects);
  };
  step({ type: 'dispatch', decision: { target: 'street', basis: 'polygon', streetId: street._id, reason: `属地：${street.name}` } }, SYSTEM_ACTOR, dispatchedAt);
  step({ type: 'accept' }, handler, dispatchedAt + 4 * MIN);
  step({ type: 'assign', person: { staffId: handlerId, name: '处置员' } }, handler, dispatchedAt + 9 * MIN);
  // the due list as the repository keeps it: scheduled items minus the cancelled ones
  const cancelled = new Set(effects.flatMap((e) => (e.type === 'cancelDue' ? e.keys : [])));
  const dueItems = effects
    .flatMap((e) => (e.type === 'schedule' ? [e.item] : []))
    .filter((d) => !cancelled.has(d.key))
    .map((d) => ({ ...d, status: 'pending' as const }));
  const log = effects.flatMap((e) => (e.type === 'log' ? [e.entry] : []));
  return { ...c, _id: c.id, log, due: dueItems, nextDueAt: Math.min(...dueItems.map((d) => d.dueAt)) };
}

export interface Sweep {
  ms: number;
  invocations: number;
  handled: number;
  dbRequests: number;
  sends: number;
}

export async function sweep(cloud: LocalCloud): Promise<Sweep> {
  cloud.resetStats();
  const t0 = performance.now();
  let invocations = 0;
  let handled = 0;
  for (;;) {
    const concurrency = Number(process.env.BENCH_DRAIN_CONCURRENCY) || undefined;
    const s = (await cloud.callFunction('timer', { Type: 'Timer', TriggerName: 'drainDue', ...(concurrency ? { concurrency } : {}) }, { source: 'wx_trigger' })) as { handled: number; more: boolean; errors: number };
    invocations += 1;
    handled += s.handled;
    if (s.errors) throw new Error(`timer reported ${s.errors} errors`);
    if (!s.more) break;
  }
  const ms = performance.now() - t0;
  const st = cloud.stats();
  const db = Object.entries(st.byAction).filter(([k]) => k.startsWith('database.')).reduce((n, [, v]) => n + v, 0);
  // subscribe messages only (a helper drain's invocation is not a send)
  const sends = st.byAction['wx.openApi'] ?? 0;
  return { ms, invocations, handled, dbRequests: db, sends };
}

export async function benchSla(opts: { openCases?: number; bigDue?: number; submissions?: number } = {}): Promise<Record<string, number>> {
  const N = opts.openCases ?? OPEN_CASES;
  const BIG = opts.bigDue ?? 10_000;
  const SUBMISSIONS = opts.submissions ?? 200;
  await buildFunctions(['api', 'timer']);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sla-'));
  const base = Date.parse('2026-11-17T09:00:00+08:00');
  let offset = 0;
  const started = Date.now();
  const now = () => base + offset + (Date.now() - started);
  const cloud = await startLocalCloud({ dataDir, port: 0, now });
  const out: Record<string, number> = {};
  try {
    for (const [coll, docs] of Object.entries(seedDocuments({ withDevOpenids: true }))) if (docs.length) cloud.store.insert(coll, docs as never);

    // 100 k open cases, none due, in one batch
    let t = performance.now();
    const at = now();
    const docs = Array.from({ length: N }, (_, i) => storedCase(i, at, false));
    out.buildDocsMs = round(performance.now() - t, 0);
    t = performance.now();
    cloud.store.insert('cases', docs as never);
    out.openCases = N;
    out.insertMs = round(performance.now() - t, 0);
    out.avgDocBytes = Math.round(JSON.stringify(docs.slice(0, 100)).length / 100);
    docs.length = 0;

    // warm the function instance (cold start and org cache are not the sweep's cost)
    await sweep(cloud);
    const idle = await sweep(cloud);
    out.sweep0DueMs = round(idle.ms);
    out.sweep0DueDbRequests = idle.dbRequests;

    const makeDue = (count: number, from: number) => {
      const at2 = now();
      const list = Array.from({ length: count }, (_, k) => storedCase(N + from + k, at2, true));
      cloud.store.insert('cases', list as never);
    };
    makeDue(10, 0);
    const small = await sweep(cloud);
    out.sweep10DueMs = round(small.ms);
    out.sweep10DueHandled = small.handled;
    out.sweep10DueDbRequests = small.dbRequests;
    out.sweep10DueSends = small.sends;

    makeDue(BIG, 10);
    const big = await sweep(cloud);
    out[`sweep${BIG}DueMs`] = round(big.ms, 0);
    out[`sweep${BIG}DueInvocations`] = big.invocations;
    out[`sweep${BIG}DueHandled`] = big.handled;
    out[`sweep${BIG}DueDbRequests`] = big.dbRequests;
    out[`sweep${BIG}DueSends`] = big.sends;
    out.msPerDueItemAt10 = round(small.ms / Math.max(1, small.handled), 2);
    out[`msPerDueItemAt${BIG}`] = round(big.ms / Math.max(1, big.handled), 2);
    out.dbRequestsPerDueItem = round(big.dbRequests / Math.max(1, big.handled), 2);
    out[`ratioTime${BIG}vs10`] = round(big.ms / Math.max(1e-9, small.ms), 1);
    out[`ratioDbRequests${BIG}vs10`] = round(big.dbRequests / Math.max(1, small.dbRequests), 1);

    // submit → in the handler's inbox, with the 100 k cases in the store
    offset += 60 * MIN;
    const total: number[] = [];
    const submitOnly: number[] = [];
    let misses = 0;
    const handler = 'dev-staff-maoxiaojia';
    for (let i = 0; i < SUBMISSIONS; i++) {
      const t0 = performance.now();
      const r = (await cloud.callFunction('api', { action: 'case.report', payload: { clientToken: `bench-${i}`, categoryCode: 'lamp', description: `五凤街道第${i}处路灯不亮，晚上很黑`, photos: [], communityId: 'comm-wufeng' } }, { openid: `oBenchCitizen${i}` })) as { code: number; data: { caseId: string } };
      if (r.code !== 0) throw new Error(`case.report failed: ${JSON.stringify(r)}`);
      submitOnly.push(performance.now() - t0);
      let seen = false;
      for (let poll = 0; poll < 20 && !seen; poll++) {
        const inbox = (await cloud.callFunction('api', { action: 'case.inbox', payload: { tab: 'todo' } }, { openid: handler })) as { code: number; data?: { items: Array<{ id: string }> } };
        if (inbox.code !== 0) throw new Error(`case.inbox failed: ${JSON.stringify(inbox)}`);
        seen = inbox.data!.items.some((x) => x.id === r.data.caseId);
      }
      if (!seen) misses += 1;
      total.push(performance.now() - t0);
    }
    out.submissions = SUBMISSIONS;
    out.submitToInboxP50Ms = round(quantile(total, 0.5));
    out.submitToInboxP95Ms = round(quantile(total, 0.95));
    out.reportCallP50Ms = round(quantile(submitOnly, 0.5));
    out.reportCallP95Ms = round(quantile(submitOnly, 0.95));
    out.inboxMisses = misses;
    return out;
  } finally {
    await cloud.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const n = Number(process.argv[2]) || undefined;
  benchSla({ openCases: n })
    .then((r) => {
      for (const [k, v] of Object.entries(r)) console.log(`  ${k.padEnd(32)} ${v}`);
      process.exit(0);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
