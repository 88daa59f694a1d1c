/**
 * Races through the real SDK against local/ (parallel invocations on separate warm instances): optimistic
 * concurrency on cases and calls. Whatever the interleaving, the outcome must be one of the serial outcomes: every
 * success is in the audit trail exactly once, refusals change nothing, the version counts the changes.
 */
import { ROOMY_RATE_LIMITS, startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

let t: TestCloud;
const T0 = Date.parse('2026-11-17T09:00:00+08:00');
beforeAll(async () => {
  t = await startTestCloud(T0, { functionEnv: { YX_RATE_LIMITS: ROOMY_RATE_LIMITS } });
  seedOrg(t.cloud);
});
afterAll(() => t.stop());

const MAO = dev('staff-maoxiaojia');
const WF2 = dev('staff-wufeng-handler-2');
const WORKER = dev('staff-wufeng-worker-1');
const SZS = dev('staff-cgj-szs-officer');
const SZS2 = dev('staff-cgj-szs-officer-2');
const SITE = { point: { type: 'Point' as const, coordinates: [119.283, 26.104] as [number, number] }, address: '左海公园北门' };
let seq = 0;
async function dispatched(): Promise<string> {
  seq += 1;
  t.clock.advance(60_000);
  const r = await t.ok('oRace', 'case.report', { clientToken: `r-${seq}`, categoryCode: 'lamp', description: `路灯不亮第${seq}处`, photos: [], location: { point: { type: 'Point', coordinates: [119.283 + (seq % 8) * 0.0008, 26.104 + Math.floor(seq / 8) * 0.0008] }, address: `五凤${seq}` } });
  return r.caseId;
}
const caseDoc = (id: string) => t.cloud.store.find('cases', { _id: id })[0] as any;
const callDoc = (id: string) => t.cloud.store.find('calls', { _id: id })[0] as any;
/** the stored version counts the changes: one per log entry of the record (auto hard-case flags ride along) */
function consistent(doc: any) {
  expect(doc.version).toBe(new Set(doc.log.map((l: any) => l.version)).size);
  expect(doc.log.map((l: any) => l.version)).toEqual([...doc.log.map((l: any) => l.version)].sort((a: number, b: number) => a - b));
}

test('two handlers accepting one order: exactly one wins, the other is told it was already accepted', async () => {
  for (let round = 0; round < 3; round++) {
    const id = await dispatched();
    const [a, b] = await Promise.all([t.api(MAO, 'case.accept', { caseId: id }), t.api(WF2, 'case.accept', { caseId: id })]);
    expect([a.code, b.code].sort()).toEqual([0, 'EVENT_NOT_ALLOWED'].sort());
    const d = caseDoc(id);
    expect(d.state).toBe('accepted');
    expect(d.log.filter((l: any) => l.event === 'accept')).toHaveLength(1);
    consistent(d);
  }
});

test('assign racing return: the result is one of the serial outcomes', async () => {
  for (let round = 0; round < 4; round++) {
    const id = await dispatched();
    await t.ok(MAO, 'case.accept', { caseId: id });
    const [assign, ret] = await Promise.all([
      t.api(MAO, 'case.assign', { caseId: id, staffId: 'staff-maoxiaojia' }),
      t.api(WF2, 'case.return', { caseId: id, reason: '不属于本街道辖区' }),
    ]);
    const d = caseDoc(id);
    consistent(d);
    const events = d.log.map((l: any) => l.event).slice(3);
    if (assign.code === 0 && ret.code === 0) {
      // assign first, then return from handling
      expect(events).toEqual(['assign', 'return']);
      expect(d.state).toBe('returned');
    } else if (ret.code === 0) {
      // return first: the case left the street, assign is refused
      expect(assign.code).toBe('EVENT_NOT_ALLOWED');
      expect(events).toEqual(['return']);
      expect(d.state).toBe('returned');
    } else {
      throw new Error(`unexpected: assign ${assign.code}, return ${ret.code}`);
    }
  }
});

test('expectedVersion: two edits made from the same version — one lands, the other gets VERSION_CONFLICT', async () => {
  const id = await dispatched();
  await t.ok(MAO, 'case.accept', { caseId: id });
  await t.ok(MAO, 'case.assign', { caseId: id, staffId: 'staff-maoxiaojia' });
  const v = caseDoc(id).version;
  const [a, b] = await Promise.all([
    t.api(MAO, 'case.note', { caseId: id, text: '毛晓嘉的记录', expectedVersion: v }),
    t.api(WF2, 'case.note', { caseId: id, text: '另一处置员的记录', expectedVersion: v }),
  ]);
  expect([a.code, b.code].sort()).toEqual([0, 'VERSION_CONFLICT'].sort());
  const d = caseDoc(id);
  expect(d.version).toBe(v + 1);
  expect(d.log.filter((l: any) => l.event === 'note')).toHaveLength(1);
  consistent(d);
});

test('four notes at once without expectedVersion: each success is logged once (re-read and re-decide on conflict)', async () => {
  const id = await dispatched();
  await t.ok(MAO, 'case.accept', { caseId: id });
  const v = caseDoc(id).version;
  const res = await Promise.all([MAO, WF2, WORKER, 'oRace'].map((who, i) => t.api(who, 'case.note', { caseId: id, text: `第${i + 1}条记录` })));
  const ok = res.filter((r) => r.code === 0).length;
  // three attempts each: at least three land; a fourth may give up with CONFLICT
  expect(ok).toBeGreaterThanOrEqual(3);
  expect(res.every((r) => r.code === 0 || r.code === 'CONFLICT')).toBe(true);
  const d = caseDoc(id);
  expect(d.version).toBe(v + ok);
  expect(d.log.filter((l: any) => l.event === 'note')).toHaveLength(ok);
  consistent(d);
});

test('two calls from one case at once: each is its own group, no orphan calls', async () => {
  const id = await dispatched();
  await t.ok(MAO, 'case.accept', { caseId: id });
  await t.ok(MAO, 'case.assign', { caseId: id, staffId: 'staff-maoxiaojia' });
  const meetAt = t.clock.now() + 3_600_000;
  const res = await Promise.all([
    t.api(MAO, 'case.call', { caseId: id, deptIds: ['dept-cgj-szs'], what: '请市政所到场', place: SITE, meetAt }),
    t.api(WF2, 'case.call', { caseId: id, deptIds: ['dept-ylzx'], what: '请园林中心到场', place: SITE, meetAt }),
  ]);
  const ok = res.filter((r) => r.code === 0).length;
  expect(ok).toBe(2);
  const d = caseDoc(id);
  expect(d.callGroupIds).toEqual([`${id}-G1`, `${id}-G2`]);
  const calls = t.cloud.store.find('calls', { caseId: id }) as any[];
  expect(calls.map((c) => c.groupId).sort()).toEqual([`${id}-G1`, `${id}-G2`]);
  expect(new Set(calls.map((c) => c.deptId))).toEqual(new Set(['dept-cgj-szs', 'dept-ylzx']));
  consistent(d);
});

test('a check-in racing the acknowledgement: one serial outcome, the call ends checked in', async () => {
  for (let round = 0; round < 3; round++) {
    const id = await dispatched();
    await t.ok(MAO, 'case.accept', { caseId: id });
    await t.ok(MAO, 'case.assign', { caseId: id, staffId: 'staff-maoxiaojia' });
    const r = await t.ok(MAO, 'case.call', { caseId: id, deptIds: ['dept-cgj-szs'], what: '请到场', place: SITE, meetAt: t.clock.now() + 5 * 60_000 });
    const callId = r.calls[0].id;
    const [ack, check] = await Promise.all([
      t.api(SZS, 'call.acknowledge', { callId }),
      t.api(SZS2, 'call.checkIn', { callId, location: SITE.point }),
    ]);
    expect(check.code).toBe(0);
    const c = callDoc(callId);
    expect(c.state).toBe('checkedIn');
    expect(c.checkIn.by).toBe('staff-cgj-szs-officer-2');
    consistent(c);
    if (ack.code === 0) {
      expect(c.log.map((l: any) => l.event)).toEqual(['create', 'acknowledge', 'checkIn']);
      expect(c.acknowledgedBy).toBe('staff-cgj-szs-officer');
    } else {
      // checked in first: the check-in counts as the response; acknowledging afterwards is refused
      expect(ack.code).toBe('EVENT_NOT_ALLOWED');
      expect(c.log.map((l: any) => l.event)).toEqual(['create', 'checkIn']);
      expect(c.acknowledgedBy).toBe('staff-cgj-szs-officer-2');
    }
  }
});

test('call expectedVersion: a stale version is refused and changes nothing', async () => {
  const id = await dispatched();
  await t.ok(MAO, 'case.accept', { caseId: id });
  await t.ok(MAO, 'case.assign', { caseId: id, staffId: 'staff-maoxiaojia' });
  const r = await t.ok(MAO, 'case.call', { caseId: id, deptIds: ['dept-cgj-szs'], what: '请到场', place: SITE, meetAt: t.clock.now() + 3_600_000 });
  const callId = r.calls[0].id;
  await t.ok(SZS, 'call.acknowledge', { callId, expectedVersion: 1 });
  const before = JSON.stringify(callDoc(callId));
  const res = await t.api(MAO, 'call.cancel', { callId, reason: '不需要了', expectedVersion: 1 });
  expect(res.code).toBe('VERSION_CONFLICT');
  expect(JSON.stringify(callDoc(callId))).toBe(before);
});
