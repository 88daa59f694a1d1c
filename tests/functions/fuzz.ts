/**
 * Property-based fuzz of the `api` function (fast-check): sequences of random events — every registered action, payloads
 * built from the action's zod schema (via its JSON Schema) with ids drawn from what the store holds now, the same with
 * one field broken, or garbage — from random callers of the seed (citizens, handlers, community staff, departments,
 * leaders, the command centre, admins), run through the real functions on the real SDK against local/.
 * Invariants checked on every answer:
 *   1. an envelope, never INTERNAL (a crash is a finding);
 *   2. its code declared for the action (its entry in the API contract, src/domain/contract);
 *   3. a refused call writes nothing (per collection: count, max rowid and the sum of document versions in SQLite), except
 *      the writes a refusal is meant to make (REFUSAL_WRITES);
 *   4. no citizen's openid in an answer to anyone else.
 * Used by tests/functions/fuzz.test.ts (a few thousand events) and scripts/fuzz.ts (`npm run fuzz`, ≥ 10 000 events).
 * Seeded: the same seed replays the same events (`FUZZ_SEED=`).
 */
import fc from 'fast-check';
import * as z from 'zod/mini';
import { actions } from '../../cloudfunctions/api/src/index';
import { declaredCodes } from '@domain/contract';
import type { TestCloud } from './harness';

type Json = Record<string, any>;
const HOUR = 3_600_000;

/** Refusals that write by design: collections they may change. */
const REFUSAL_WRITES: Record<string, Record<string, string[]>> = {
  // a far/early check-in is kept on the call (attempts); after the window the call is recorded absent (and the handler told)
  'call.checkIn': { CHECKIN_FAR: ['calls'], CHECKIN_EARLY: ['calls'], CHECKIN_ABSENT: ['calls', 'cases', '_outbox'] },
};
/** Counted attempts (rate limits) are written whatever the answer. */
const ALWAYS_WRITTEN = new Set(['rateLimits']);

/** Which pool of real ids a payload field draws from, by the field's name. */
const POOLS: Record<string, string> = {
  caseId: 'case', masterId: 'case', callId: 'call', groupId: 'group', staffId: 'staff', responsibleStaffId: 'staff', personId: 'staff',
  deptId: 'dept', deptIds: 'dept', responsibleDeptId: 'dept', streetId: 'street', communityId: 'community', categoryCode: 'category',
  forwardRef: 'forwardRef', channelId: 'channel', ruleId: 'rule', photos: 'photo', evidence: 'photo',
};
const TIME_KEYS = /^(meetAt|deadline|newDeadline|at|from|to|since|until|before|after|start|end)$/i;
const TEXTS = ['路灯不亮好几天了', '已处理完毕，现场恢复正常', '不属于本街道', '请到场会商', '涉及多个部门，需领导协调', '夜间核查仍不亮', '', ' ', 'x', '测试'.repeat(300)];

interface Ref {
  __ref: string;
  i: number;
}
interface TimeRef {
  __t: number;
}

function schemaOf(name: string): Json {
  const input = actions[name].input as { base?: unknown; extra?: Record<string, unknown> };
  const toJson = (s: unknown) => z.toJSONSchema(s as z.ZodMiniType, { io: 'input', unrepresentable: 'any' }) as Json;
  try {
    if (input.base) {
      const out = toJson(input.base);
      for (const [k, v] of Object.entries(input.extra ?? {})) out.properties = { ...(out.properties ?? {}), [k]: toJson(v) };
      return out;
    }
    return toJson(input);
  } catch {
    return {};
  }
}

function arb(js: Json, key: string, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 5) return fc.constant(null);
  const pool = POOLS[key];
  // optimistic concurrency: mostly left out, so the events reach the lifecycle rules
  if (key === 'expectedVersion') return fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 12 }) });
  const ref = (p: string) => fc.nat({ max: 10_000 }).map((i): Ref => ({ __ref: p, i }));
  if (js.const !== undefined) return fc.constant(js.const);
  if (Array.isArray(js.enum)) return fc.constantFrom(...js.enum);
  const alts = js.anyOf ?? js.oneOf;
  if (Array.isArray(alts) && alts.length) return fc.oneof(...alts.map((a: Json) => arb(a, key, depth + 1)));
  const type = Array.isArray(js.type) ? js.type[0] : js.type;
  switch (type) {
    case 'string':
      if (pool) return fc.oneof({ weight: 15, arbitrary: ref(pool) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
      if (key === 'phone') return fc.oneof({ weight: 6, arbitrary: fc.constantFrom('13800000000', '0591-87654321', '15905910001') }, { weight: 1, arbitrary: fc.string({ maxLength: 14 }) });
      if (typeof js.pattern === 'string') {
        try {
          const re = new RegExp(js.pattern);
          return fc.oneof({ weight: 6, arbitrary: fc.stringMatching(re).filter((x) => x.length <= (js.maxLength ?? 200)) }, { weight: 1, arbitrary: fc.constantFrom(...TEXTS) });
        } catch {
          /* a pattern JavaScript cannot read: free text */
        }
      }
      const fits = TEXTS.filter((x) => x.trim().length >= (js.minLength ?? 0) && x.length <= (js.maxLength ?? Infinity) && x.trim().length > 0);
      return fc.oneof(
        { weight: fits.length ? 8 : 0, arbitrary: fc.constantFrom(...(fits.length ? fits : TEXTS)) },
        { weight: 1, arbitrary: fc.constantFrom(...TEXTS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
      );
    case 'integer':
    case 'number': {
      if (TIME_KEYS.test(key)) return fc.integer({ min: -48, max: 24 * 40 }).map((h): TimeRef => ({ __t: h * HOUR }));
      if (key === 'coordinates' || key === 'lng') return fc.double({ min: 119.25, max: 119.34, noNaN: true });
      if (key === 'lat') return fc.double({ min: 26.05, max: 26.13, noNaN: true });
      const min = typeof js.minimum === 'number' ? js.minimum : -5;
      const max = typeof js.maximum === 'number' ? js.maximum : 1000;
      return type === 'integer' ? fc.integer({ min: Math.max(min, -1e6), max: Math.min(max, 1e6) }) : fc.double({ min: Math.max(min, -1e6), max: Math.min(max, 1e6), noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (key === 'coordinates') return fc.tuple(fc.double({ min: 119.25, max: 119.34, noNaN: true }), fc.double({ min: 26.05, max: 26.13, noNaN: true }));
      if (Array.isArray(js.prefixItems)) return fc.tuple(...js.prefixItems.map((p: Json) => arb(p, key, depth + 1)));
      const items = js.items && typeof js.items === 'object' ? (js.items as Json) : {};
      const minLength = Math.min(js.minItems ?? 0, 3);
      return fc.array(arb(items, key, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min(js.maxItems ?? 3, 3)) });
    }
    case 'object': {
      const props = (js.properties ?? {}) as Record<string, Json>;
      const keys = Object.keys(props);
      if (!keys.length) return fc.constant({});
      const required = (js.required ?? []) as string[];
      return fc.record(Object.fromEntries(keys.map((k) => [k, arb(props[k], k, depth + 1)])), { requiredKeys: required.filter((k) => keys.includes(k)) });
    }
    default:
      if (pool) return ref(pool);
      return fc.jsonValue({ maxDepth: 2 });
  }
}

export interface FuzzEvent {
  kind: 'call' | 'tick';
  action: string;
  caller: number;
  mode: 'schema' | 'broken' | 'garbage';
  payload: unknown;
  /** for 'broken': which field to replace, with what */
  breakAt: number;
  breakWith: unknown;
  tickMin: number;
}

export function eventArbitrary(): fc.Arbitrary<FuzzEvent> {
  const names = Object.keys(actions).sort();
  const payloads = Object.fromEntries(names.map((n) => [n, arb(schemaOf(n), '')]));
  // reports feed everything else; the lifecycle's events more than reads and administration
  const weighted = names.map((n) => ({ weight: n === 'case.report' ? 40 : n.startsWith('case.') || n.startsWith('call.') ? 5 : 1, arbitrary: fc.constant(n) }));
  return fc.oneof(...weighted).chain((action) =>
    fc.record({
      kind: fc.oneof({ weight: 30, arbitrary: fc.constant('call' as const) }, { weight: 1, arbitrary: fc.constant('tick' as const) }),
      action: fc.constant(action),
      caller: fc.nat({ max: 1000 }),
      mode: fc.oneof({ weight: 7, arbitrary: fc.constant('schema' as const) }, { weight: 2, arbitrary: fc.constant('broken' as const) }, { weight: 1, arbitrary: fc.constant('garbage' as const) }),
      payload: payloads[action],
      breakAt: fc.nat({ max: 20 }),
      breakWith: fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.string({ maxLength: 8 }), fc.constant([]), fc.constant({ $gt: '' }), fc.jsonValue({ maxDepth: 1 })),
      tickMin: fc.integer({ min: 1, max: 26 * 60 }),
    }),
  );
}

export interface FuzzCaller {
  openid: string;
  label: string;
  citizen: boolean;
  roles: string[];
  streetId?: string;
  deptId?: string;
}

/** The callers: three citizens and every bound staff member of the seed (by role). */
export function fuzzCallers(t: TestCloud): FuzzCaller[] {
  const out: FuzzCaller[] = ['oFuzzCitizen1', 'oFuzzCitizen2', 'oFuzzCitizen3'].map((openid) => ({ openid, label: 'citizen', citizen: true, roles: ['citizen'] }));
  const staff = t.cloud.store.find('staff', {}, {}) as Json[];
  for (const role of ['handler', 'community', 'dept', 'deptLeader', 'leader', 'command', 'admin']) {
    for (const s of staff.filter((x) => Array.isArray(x.roles) && x.roles.includes(role) && typeof x.openid === 'string')) {
      if (!out.some((c) => c.openid === s.openid)) out.push({ openid: s.openid, label: role, citizen: false, roles: s.roles, streetId: s.streetId, deptId: s.deptId });
    }
  }
  return out;
}

export interface FuzzFinding {
  event: number;
  action: string;
  caller: string;
  code: string;
  problem: string;
  payload: string;
}

export interface FuzzReport {
  seed: number;
  events: number;
  calls: number;
  codes: Record<string, number>;
  findings: FuzzFinding[];
  ms: number;
}

function fingerprint(t: TestCloud): Record<string, string> {
  const db = t.cloud.store.db;
  const names = (db.prepare('SELECT name FROM _collections').all() as Array<{ name: string }>).map((r) => r.name);
  return Object.fromEntries(
    names.map((n) => {
      // one-time data migrations of a cold start (e.g. settings `migration.channelIdentity`) are not the call's writes
      const r = db.prepare(`SELECT count(*) AS n, coalesce(max(rowid), 0) AS r, coalesce(sum(v), 0) AS s FROM "c_${n}" WHERE id NOT LIKE '%migration.%'`).get() as Json;
      return [n, `${r.n}/${r.r}/${r.s}`];
    }),
  );
}

function pools(t: TestCloud, photos: string[]): Record<string, string[]> {
  const ids = (coll: string, field = '_id', query: Json = {}, sort: Json = { _id: -1 }) =>
    (t.cloud.store.find(coll, query, { projection: { [field]: 1 }, sort, limit: 200 } as never) as Json[]).map((d) => d[field]).filter((v) => typeof v === 'string');
  // open records touched last come first: most references pick among the first few (see resolve), so a case or call
  // tends to move on through its lifecycle
  const open = { state: { $nin: ['closed', 'cancelled', 'absent', 'rated'] } };
  return {
    case: ids('cases', '_id', open, { updatedAt: -1 }),
    call: ids('calls', '_id', open, { updatedAt: -1 }),
    group: Array.from(new Set(ids('calls', 'groupId'))),
    staff: ids('staff'),
    dept: ids('departments'),
    street: ids('streets'),
    community: ids('communities'),
    category: ids('categories', 'code'),
    forwardRef: ids('cases', 'forwardRef', { forwardRef: { $exists: true } }),
    channel: ids('channels'),
    rule: ids('standingRules'),
    photo: photos,
  };
}

function resolve(v: unknown, p: Record<string, string[]>, now: number): unknown {
  if (Array.isArray(v)) return v.map((x) => resolve(x, p, now));
  if (v && typeof v === 'object') {
    const o = v as Json;
    if (typeof o.__ref === 'string') {
      const list = p[o.__ref] ?? [];
      if (!list.length) return `none-${o.__ref}`;
      return list[o.i % 10 < 7 ? o.i % Math.min(list.length, 5) : o.i % list.length];
    }
    if (typeof o.__t === 'number') return now + o.__t;
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, resolve(x, p, now)]));
  }
  return v;
}

function breakPayload(payload: unknown, at: number, withValue: unknown): unknown {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return withValue;
  const keys = Object.keys(payload);
  if (!keys.length) return { [`extra${at}`]: withValue };
  const out = { ...(payload as Json) };
  out[keys[at % keys.length]] = withValue;
  return out;
}

/**
 * Cases at every step of the lamp story (reported, accepted, handling, with calls checked in and acted on, resolved),
 * made through the real actions before the random events, so those reach the whole lifecycle.
 */
async function lifecycleFixtures(t: TestCloud): Promise<void> {
  const handler = 'dev-staff-maoxiaojia';
  const dept = 'dev-staff-cgj-szs-officer';
  const site = (i: number) => ({ point: { type: 'Point', coordinates: [119.283 + (i % 6) * 0.0012, 26.104 + Math.floor(i / 6) * 0.0012] }, address: `左海公园北门附近${i}号` });
  const own = await t.upload(handler, { name: 'fixture.jpg' });
  const deptOwn = await t.upload(dept, { name: 'fixture.jpg' });
  for (let i = 0; i < 12; i++) {
    const { caseId } = await t.ok('oFuzzCitizen1', 'case.report', { clientToken: `fx-${i}`, categoryCode: 'lamp', description: `路段没有路灯第${i}处`, photos: [], location: site(i) });
    if (i % 6 === 0) continue;
    await t.ok(handler, 'case.accept', { caseId });
    if (i % 6 === 1) continue;
    await t.ok(handler, 'case.assign', { caseId, staffId: 'staff-maoxiaojia' });
    if (i % 6 === 2) continue;
    if (i % 6 === 5) {
      await t.ok(handler, 'case.resolve', { caseId, result: '已更换灯具', photos: [own] });
      continue;
    }
    const { calls } = await t.ok(handler, 'case.call', { caseId, deptIds: ['dept-cgj-szs', 'dept-ylzx'], what: '路段无路灯，请到场会商', place: site(i), meetAt: t.clock.now() + HOUR });
    if (i % 6 === 3) continue;
    const callId = calls.find((c: Json) => c.deptId === 'dept-cgj-szs').id;
    await t.ok(dept, 'call.acknowledge', { callId });
    t.clock.advance(HOUR);
    await t.ok(dept, 'call.checkIn', { callId, location: site(i).point });
    await t.ok(dept, 'call.recordAction', { callId, text: '现场已更换灯具', photos: [deptOwn] });
  }
}

/** Run `n` events from `seed` on a seeded cloud; returns what was seen and the findings. */
export async function runFuzz(
  t: TestCloud,
  opts: { seed: number; events: number; onProgress?: (done: number) => void; onAnswer?: (e: FuzzEvent, payload: unknown, res: Json) => void },
): Promise<FuzzReport> {
  const started = Date.now();
  const callers = fuzzCallers(t);
  const photos: string[] = [];
  for (const c of callers) photos.push(await t.upload(c.openid, { name: 'fuzz.jpg' }));
  const citizenIds = callers.filter((c) => c.citizen).map((c) => c.openid);
  await lifecycleFixtures(t);
  const events = fc.sample(eventArbitrary(), { seed: opts.seed, numRuns: opts.events });
  const report: FuzzReport = { seed: opts.seed, events: events.length, calls: 0, codes: {}, findings: [], ms: 0 };
  let p = pools(t, photos);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.kind === 'tick') {
      t.clock.advance(e.tickMin * 60_000);
      continue;
    }
    if (i % 5 === 0) p = pools(t, photos);
    // 3 in 4 events come from a caller the action's roles admit, and related to the case or call when there is one
    // (own street, called department), so they reach the lifecycle's own rules
    const roles = actions[e.action].roles;
    const admitted = roles === 'anyone' ? callers : callers.filter((c) => c.roles.some((r) => (roles as readonly string[]).includes(r)));
    const refs = resolve(e.payload, p, t.clock.now()) as Json;
    const record: Json | null = refs && typeof refs === 'object' ? (typeof refs.callId === 'string' ? t.cloud.store.findOne('calls', { _id: refs.callId }) : typeof refs.caseId === 'string' ? t.cloud.store.findOne('cases', { _id: refs.caseId }) : null) : null;
    const related = record ? admitted.filter((c) => (c.streetId && c.streetId === record.streetId) || (c.deptId && (c.deptId === record.deptId || ((record.deptIds ?? []) as string[]).includes(c.deptId)))) : [];
    const from = e.caller % 4 === 0 || !admitted.length ? callers : related.length && e.caller % 4 !== 1 ? related : admitted;
    const caller = from[Math.floor(e.caller / 4) % from.length];
    // a photo is mostly the caller's own upload
    const own = photos[callers.indexOf(caller)];
    // a person named for the case (assignee) mostly works on its street
    const streetStaff = record?.streetId ? callers.filter((c) => c.streetId === record.streetId && c.roles.includes('handler')).map((c) => c.openid.replace(/^dev-/, '')) : [];
    const staffPool = streetStaff.length && e.breakAt % 4 !== 0 ? streetStaff : p.staff;
    const base = resolve(e.payload, { ...p, staff: staffPool, photo: e.breakAt % 5 === 0 ? photos : [own] }, t.clock.now());
    const payload = e.mode === 'garbage' ? e.breakWith : e.mode === 'broken' ? breakPayload(base, e.breakAt, e.breakWith) : base;
    const before = fingerprint(t);
    const res = (await t.api(caller.openid, e.action, payload)) as Json;
    report.calls += 1;
    opts.onAnswer?.(e, payload, res);
    const code = res && (typeof res.code === 'string' || res.code === 0) ? String(res.code) : '(no envelope)';
    const key = `${e.action} ${code}`;
    report.codes[key] = (report.codes[key] ?? 0) + 1;
    const find = (problem: string) =>
      report.findings.push({ event: i, action: e.action, caller: `${caller.label} ${caller.openid}`, code, problem, payload: JSON.stringify(payload)?.slice(0, 400) ?? 'undefined' });
    if (code === '(no envelope)') find(`not an envelope: ${JSON.stringify(res)?.slice(0, 200)}`);
    if (code === 'INTERNAL') find('INTERNAL answer (a crash)');
    const declared = declaredCodes(e.action);
    if (code !== '0' && declared && !declared.includes(code)) find(`code ${code} not declared for ${e.action}`);
    if (code !== '0' && code !== '(no envelope)') {
      if (!/[\u4e00-\u9fff]/.test(String(res.message ?? ''))) find(`refusal without a Chinese message: ${String(res.message).slice(0, 120)}`);
      const after = fingerprint(t);
      const allowed = new Set([...ALWAYS_WRITTEN, ...(REFUSAL_WRITES[e.action]?.[code] ?? [])]);
      const written = Object.keys(after).filter((c) => after[c] !== before[c] && !allowed.has(c));
      if (written.length) find(`refused with ${code} but wrote ${written.join(', ')}`);
    }
    const text = JSON.stringify(res) ?? '';
    const leaked = citizenIds.filter((id) => id !== caller.openid && text.includes(id));
    if (leaked.length) find(`answer to ${caller.label} carries citizen openid(s) ${leaked.join(', ')}`);
    if (opts.onProgress && (i + 1) % 500 === 0) opts.onProgress(i + 1);
  }
  report.ms = Date.now() - started;
  return report;
}

export function formatCodes(codes: Record<string, number>): string {
  const byCode: Record<string, number> = {};
  for (const [k, n] of Object.entries(codes)) {
    const code = k.split(' ')[1];
    byCode[code] = (byCode[code] ?? 0) + n;
  }
  return Object.entries(byCode)
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c}×${n}`)
    .join(' ');
}
