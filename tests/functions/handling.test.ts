/**
 * Case handling actions through the real SDK against local/: each action's happy path and main refusals, the audit
 * log growing by exactly one entry (who, role, when) per change, and DB round trips per action on a warm instance.
 */
import { ROOMY_RATE_LIMITS, startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

let t: TestCloud;
const T0 = Date.parse('2026-11-17T09:00:00+08:00'); // Tuesday: district leader 2 and 五凤 leader 2 on duty
beforeAll(async () => {
  t = await startTestCloud(T0, { functionEnv: { YX_RATE_LIMITS: ROOMY_RATE_LIMITS } });
  seedOrg(t.cloud);
  photo = await t.upload(MAO, { name: 'evidence.jpg' });
});
afterAll(() => t.stop());

const MIN = 60_000;
const HOUR = 60 * MIN;
const MAO = dev('staff-maoxiaojia');
const WF2 = dev('staff-wufeng-handler-2');
const GUDONG = dev('staff-gudong-handler-1');
const CMD = dev('staff-zhzx-operator-1');
const LEADER_ON = dev('staff-district-leader-2');
const LEADER_OFF = dev('staff-district-leader-1');
const ZUOHAI = { point: { type: 'Point' as const, coordinates: [119.283, 26.104] as [number, number] }, address: '左海公园北门' };
/** the handler's own uploaded photo (beforeAll) */
let photo: string;

let seq = 0;
/** distinct places (≥ 80 m apart, all inside 五凤街道) so intake does not link reports as duplicates */
const spot = (i: number) => ({ point: { type: 'Point' as const, coordinates: [119.283 + (i % 8) * 0.0008, 26.104 + Math.floor(i / 8) * 0.0008] as [number, number] }, address: `左海公园北门附近${i}号` });
async function newCase(citizen = 'oCitizen-h', extra: Record<string, unknown> = {}): Promise<string> {
  seq += 1;
  const r = await t.ok(citizen, 'case.report', { clientToken: `h-${seq}`, categoryCode: 'lamp', description: `左海公园北门路灯不亮第${seq}处`, photos: [], location: spot(seq), ...extra });
  return r.caseId;
}
const doc = (id: string) => t.cloud.store.find('cases', { _id: id })[0] as any;

/** Run an action expected to succeed; assert the case log grew by exactly one entry, by whom, in which role, when. */
async function step(openid: string, action: string, payload: Record<string, unknown>, who: { id: string; role: string }) {
  const caseId = payload.caseId as string;
  const before = doc(caseId).log.length;
  const at = t.clock.now();
  const data = await t.ok(openid, action, payload);
  const log = doc(caseId).log;
  expect(log.length).toBe(before + 1);
  const last = log[log.length - 1];
  expect(last).toMatchObject({ by: { id: who.id }, role: who.role, version: doc(caseId).version });
  expect(last.at - at).toBeGreaterThanOrEqual(0);
  expect(last.at - at).toBeLessThan(10_000);
  return data;
}
async function refused(openid: string, action: string, payload: Record<string, unknown>, code: string) {
  const caseId = payload.caseId as string | undefined;
  const before = caseId && doc(caseId) ? JSON.stringify(doc(caseId)) : null;
  const res = await t.api(openid, action, payload);
  expect(res.code).toBe(code);
  expect(typeof (res as { message: string }).message).toBe('string');
  expect((res as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/);
  if (before) expect(JSON.stringify(doc(caseId!))).toBe(before);
  return res;
}

describe('accept / assign', () => {
  test('accept by the own street, refused for another street; log entry who/role/when', async () => {
    const id = await newCase();
    await refused(GUDONG, 'case.accept', { caseId: id }, 'RELATION_FORBIDDEN');
    await refused(dev('staff-cgj-szs-officer'), 'case.accept', { caseId: id }, 'FORBIDDEN');
    const v = await step(MAO, 'case.accept', { caseId: id }, { id: 'staff-maoxiaojia', role: 'handler' });
    expect(v).toMatchObject({ state: 'accepted', stateLabel: '已签收', stateKind: 'open', streetName: '五凤街道', categoryName: '路灯不亮' });
    expect(v.available).toEqual(expect.arrayContaining(['assign', 'return', 'extend', 'flagHard']));
    expect(doc(id).log.at(-1).by.name).toBe('毛晓嘉');
  });

  test('assign resolves the person from the staff directory; only staff of the case street', async () => {
    const id = await newCase();
    await step(MAO, 'case.accept', { caseId: id }, { id: 'staff-maoxiaojia', role: 'handler' });
    await refused(MAO, 'case.assign', { caseId: id, staffId: 'staff-gudong-handler-1' }, 'ASSIGNEE_INVALID');
    await refused(MAO, 'case.assign', { caseId: id, staffId: 'staff-nobody' }, 'ASSIGNEE_INVALID');
    await refused(MAO, 'case.assign', { caseId: id, staffId: 'staff-cgj-szs-officer' }, 'ASSIGNEE_INVALID');
    const v = await step(MAO, 'case.assign', { caseId: id, staffId: 'staff-maoxiaojia' }, { id: 'staff-maoxiaojia', role: 'handler' });
    expect(v).toMatchObject({ state: 'handling', assignee: { staffId: 'staff-maoxiaojia', name: '毛晓嘉' } });
    await refused(MAO, 'case.assign', { caseId: id, staffId: 'staff-maoxiaojia' }, 'SAME_ASSIGNEE');
    const w = await step(WF2, 'case.assign', { caseId: id, staffId: 'staff-wufeng-worker-1' }, { id: 'staff-wufeng-handler-2', role: 'handler' });
    expect(w.assignee.staffId).toBe('staff-wufeng-worker-1');
  });

  test('status and server-owned fields in a payload are stripped', async () => {
    const id = await newCase();
    const v = await step(MAO, 'case.accept', { caseId: id, state: 'closed', version: 99, streetId: 'street-gudong', assignee: { staffId: 'x', name: 'x' }, log: [] }, { id: 'staff-maoxiaojia', role: 'handler' });
    expect(v).toMatchObject({ state: 'accepted', streetId: 'street-wufeng', version: 3 });
    expect(v.assignee).toBeUndefined();
  });

  test('expectedVersion: a stale version is refused with VERSION_CONFLICT', async () => {
    const id = await newCase();
    const v0 = doc(id).version;
    await refused(MAO, 'case.accept', { caseId: id, expectedVersion: v0 - 1 }, 'VERSION_CONFLICT');
    await step(MAO, 'case.accept', { caseId: id, expectedVersion: v0 }, { id: 'staff-maoxiaojia', role: 'handler' });
  });

  test('the device location is kept in the audit trail', async () => {
    const id = await newCase();
    await step(MAO, 'case.accept', { caseId: id, where: { lng: 119.2831, lat: 26.1041, address: '左海公园北门' } }, { id: 'staff-maoxiaojia', role: 'handler' });
    expect(doc(id).log.at(-1).where).toEqual({ lng: 119.2831, lat: 26.1041, address: '左海公园北门' });
  });
});

async function handlingCase(citizen = 'oCitizen-h'): Promise<string> {
  const id = await newCase(citizen);
  await t.ok(MAO, 'case.accept', { caseId: id });
  await t.ok(MAO, 'case.assign', { caseId: id, staffId: 'staff-maoxiaojia' });
  return id;
}

describe('note / call / extend / hard cases', () => {
  test('note: the reporter and the street may add notes; an empty note is bad input', async () => {
    const id = await handlingCase('oCitizen-note');
    await step('oCitizen-note', 'case.note', { caseId: id, text: '晚上八点后特别黑' }, { id: 'oCitizen-note', role: 'citizen' });
    await step(MAO, 'case.note', { caseId: id, photos: [photo] }, { id: 'staff-maoxiaojia', role: 'handler' });
    await refused('oCitizen-other', 'case.note', { caseId: id, text: '路过看到' }, 'RELATION_FORBIDDEN');
    await refused(MAO, 'case.note', { caseId: id }, 'INVALID_INPUT');
  });

  test('call: one call per department written with the case; unknown departments and past meetings refused', async () => {
    const id = await handlingCase();
    const meetAt = t.clock.now() + 4 * HOUR;
    const payload = { caseId: id, deptIds: ['dept-cgj-szs', 'city-gdgs'], what: '路段无路灯，请到场会商', place: ZUOHAI, meetAt };
    await refused(MAO, 'case.call', { ...payload, deptIds: ['dept-nope'] }, 'UNKNOWN_DEPT');
    await refused(MAO, 'case.call', { ...payload, deptIds: ['dept-zhzx'] }, 'UNKNOWN_DEPT');
    await refused(MAO, 'case.call', { ...payload, meetAt: t.clock.now() - HOUR }, 'MEET_IN_PAST');
    await refused(GUDONG, 'case.call', payload, 'RELATION_FORBIDDEN');
    expect(t.cloud.store.count('calls', { caseId: id })).toBe(0);
    const res = await step(MAO, 'case.call', payload, { id: 'staff-maoxiaojia', role: 'handler' });
    expect(res.case).toMatchObject({ state: 'handling', deptIds: ['dept-cgj-szs', 'city-gdgs'], callGroupIds: [`${id}-G1`] });
    expect(res.calls.map((c: any) => [c.id, c.deptName, c.state, c.stateLabel])).toEqual([
      [`${id}-G1-dept-cgj-szs`, '区城管局市政所', 'created', '待响应'],
      [`${id}-G1-city-gdgs`, '国网福州供电公司', 'created', '待响应'],
    ]);
    const calls = t.cloud.store.find('calls', { caseId: id }) as any[];
    expect(calls).toHaveLength(2);
    for (const c of calls) {
      expect(c.log.map((l: any) => l.event)).toEqual(['create']);
      expect(c.caller).toEqual({ staffId: 'staff-maoxiaojia', name: '毛晓嘉' });
      expect(c.due.map((d: any) => d.kind).sort()).toEqual(['absent', 'checkinReminder']);
      expect(c.nextDueAt).toBe(meetAt - 30 * MIN);
    }
    // the officers of both departments were told
    const told = t.cloud.outbox().map((m) => m.touser);
    expect(told).toEqual(expect.arrayContaining([dev('staff-cgj-szs-officer'), dev('staff-gdgs-officer')]));
    // a second call makes a second group
    const again = await t.ok(MAO, 'case.call', { ...payload, deptIds: ['dept-cgj-szs'] });
    expect(again.case.callGroupIds).toEqual([`${id}-G1`, `${id}-G2`]);
  });

  test('call to three departments flags the case hard automatically (two log entries: call + autoFlagHard)', async () => {
    const id = await handlingCase();
    const before = doc(id).log.length;
    await t.ok(MAO, 'case.call', { caseId: id, deptIds: ['dept-cgj-szs', 'dept-ylzx', 'city-gdgs'], what: '多部门会商', place: ZUOHAI, meetAt: t.clock.now() + HOUR });
    expect(doc(id).log.slice(before).map((l: any) => [l.event, l.role])).toEqual([['call', 'handler'], ['autoFlagHard', 'system']]);
    expect(doc(id).flags.hard).toMatchObject({ auto: 'multiDept' });
  });

  test('extend: later deadline with a reason; both deadlines kept', async () => {
    const id = await handlingCase();
    const d0 = doc(id).clocks.deadline;
    await refused(MAO, 'case.extend', { caseId: id, reason: '需协调', newDeadline: d0 - HOUR }, 'EXTEND_NOT_LATER');
    await refused(MAO, 'case.extend', { caseId: id, newDeadline: d0 + HOUR }, 'INVALID_INPUT');
    const v = await step(MAO, 'case.extend', { caseId: id, reason: '权责待厘清', newDeadline: d0 + 24 * HOUR }, { id: 'staff-maoxiaojia', role: 'handler' });
    expect(v.clocks).toMatchObject({ originalDeadline: d0, deadline: d0 + 24 * HOUR, extensions: [{ source: 'extend', from: d0, to: d0 + 24 * HOUR, by: 'staff-maoxiaojia' }] });
  });

  test('flagHard then decideHard by the leader on duty (department and person from the directory)', async () => {
    const id = await handlingCase();
    await step(MAO, 'case.flagHard', { caseId: id, reason: '涉及多个单位，权属不清' }, { id: 'staff-maoxiaojia', role: 'handler' });
    await refused(MAO, 'case.flagHard', { caseId: id, reason: '再次标记' }, 'ALREADY_HARD');
    const deadline = t.clock.now() + 10 * 24 * HOUR;
    const decision = { caseId: id, deptId: 'dept-cgj-szs', personId: 'staff-cgj-szs-officer', deadline, note: '由市政所负责' };
    await refused(MAO, 'case.decideHard', decision, 'FORBIDDEN');
    await refused(LEADER_OFF, 'case.decideHard', decision, 'RELATION_FORBIDDEN');
    await refused(dev('staff-gudong-leader-2'), 'case.decideHard', decision, 'RELATION_FORBIDDEN');
    await refused(LEADER_ON, 'case.decideHard', { ...decision, personId: 'staff-ylzx-officer' }, 'PERSON_NOT_IN_DEPT');
    await refused(LEADER_ON, 'case.decideHard', { ...decision, deptId: 'dept-zhzx' }, 'UNKNOWN_DEPT');
    const v = await step(LEADER_ON, 'case.decideHard', decision, { id: 'staff-district-leader-2', role: 'leader' });
    expect(v.flags.hard.decision).toMatchObject({ deptId: 'dept-cgj-szs', personId: 'staff-cgj-szs-officer', personName: expect.any(String), deadline });
    expect(v.clocks.deadline).toBe(deadline);
    // the street leader on duty may decide too
    const id2 = await handlingCase();
    await t.ok(MAO, 'case.flagHard', { caseId: id2, reason: '疑难' });
    await step(dev('staff-wufeng-leader-2'), 'case.decideHard', { ...decision, caseId: id2 }, { id: 'staff-wufeng-leader-2', role: 'leader' });
  });
});

describe('return / reroute / dispatch', () => {
  test('return with a reason, the command centre re-routes (street must exist, community must belong to it)', async () => {
    const id = await newCase();
    await refused(MAO, 'case.return', { caseId: id, reason: '' }, 'INVALID_INPUT');
    const r = await step(MAO, 'case.return', { caseId: id, reason: '不属于本街道辖区' }, { id: 'staff-maoxiaojia', role: 'handler' });
    expect(r.state).toBe('returned');
    await refused(MAO, 'case.reroute', { caseId: id, streetId: 'street-gudong', reason: '改派' }, 'FORBIDDEN');
    await refused(CMD, 'case.reroute', { caseId: id, streetId: 'street-nope', reason: '改派鼓东' }, 'UNKNOWN_STREET');
    await refused(CMD, 'case.reroute', { caseId: id, streetId: 'street-gudong', communityId: 'comm-jintang', reason: '改派鼓东' }, 'COMMUNITY_NOT_IN_STREET');
    const v = await step(CMD, 'case.reroute', { caseId: id, streetId: 'street-gudong', reason: '按实际位置改派鼓东街道' }, { id: 'staff-zhzx-operator-1', role: 'command' });
    expect(v).toMatchObject({ state: 'dispatched', streetId: 'street-gudong' });
    expect(doc(id).routing.map((h: any) => h.kind)).toEqual(['route', 'reroute']);
    await refused(MAO, 'case.accept', { caseId: id }, 'RELATION_FORBIDDEN');
    await t.ok(GUDONG, 'case.accept', { caseId: id });
  });

  test('dispatch: a case waiting for triage is routed by the command centre', async () => {
    const r = await t.ok('oCitizen-triage', 'case.report', { clientToken: 'tri-1', categoryCode: 'other', description: '不知道归谁管的问题，麻烦看看', photos: [], communityId: 'comm-wufeng' });
    expect(r.state).toBe('triage');
    await refused(MAO, 'case.dispatch', { caseId: r.caseId, streetId: 'street-wufeng', reason: '派五凤' }, 'FORBIDDEN');
    await refused(CMD, 'case.dispatch', { caseId: r.caseId, streetId: 'street-wufeng' }, 'INVALID_INPUT');
    const v = await step(CMD, 'case.dispatch', { caseId: r.caseId, streetId: 'street-wufeng', communityId: 'comm-wufeng', reason: '经核实位于五凤社区' }, { id: 'staff-zhzx-operator-1', role: 'command' });
    expect(v).toMatchObject({ state: 'dispatched', streetId: 'street-wufeng', communityId: 'comm-wufeng' });
    await refused(CMD, 'case.dispatch', { caseId: r.caseId, streetId: 'street-wufeng', reason: '再派' }, 'EVENT_NOT_ALLOWED');
  });
});

describe('resolve / verify / rate', () => {
  test('resolve needs evidence; a failed verification reopens; the reporter rates', async () => {
    const id = await handlingCase('oCitizen-r');
    await refused(MAO, 'case.resolve', { caseId: id, result: '已修复', photos: [] }, 'INVALID_INPUT');
    await step(MAO, 'case.resolve', { caseId: id, result: '已更换灯泡', photos: [photo] }, { id: 'staff-maoxiaojia', role: 'handler' });
    await refused(MAO, 'case.verify', { caseId: id, pass: true }, 'FORBIDDEN');
    await refused(CMD, 'case.verify', { caseId: id, pass: false }, 'INVALID_INPUT');
    const back = await step(CMD, 'case.verify', { caseId: id, pass: false, note: '夜间核查仍不亮' }, { id: 'staff-zhzx-operator-1', role: 'command' });
    expect(back).toMatchObject({ state: 'handling', reworkCount: 1 });
    await step(MAO, 'case.resolve', { caseId: id, result: '更换线路后正常', photos: [photo] }, { id: 'staff-maoxiaojia', role: 'handler' });
    const closed = await step(dev('staff-wufeng-leader-1'), 'case.verify', { caseId: id, pass: true }, { id: 'staff-wufeng-leader-1', role: 'leader' });
    expect(closed).toMatchObject({ state: 'closed', stateKind: 'closed' });
    await refused('oCitizen-other', 'case.rate', { caseId: id, level: 'satisfied' }, 'RELATION_FORBIDDEN');
    await refused('oCitizen-r', 'case.rate', { caseId: id, level: 'dissatisfied' }, 'INVALID_INPUT');
    const rated = await step('oCitizen-r', 'case.rate', { caseId: id, level: 'satisfied' }, { id: 'oCitizen-r', role: 'citizen' });
    expect(rated.satisfaction).toMatchObject({ level: 'satisfied', round: 1 });
    await refused('oCitizen-r', 'case.rate', { caseId: id, level: 'basic' }, 'ALREADY_RATED');
  });

  test('a dissatisfied citizen reopens the case', async () => {
    const id = await handlingCase('oCitizen-d');
    await t.ok(MAO, 'case.resolve', { caseId: id, result: '已修复', photos: [photo] });
    await t.ok(CMD, 'case.verify', { caseId: id, pass: true });
    const v = await step('oCitizen-d', 'case.rate', { caseId: id, level: 'dissatisfied', reason: '还是不亮' }, { id: 'oCitizen-d', role: 'citizen' });
    expect(v).toMatchObject({ state: 'handling', reworkCount: 1 });
  });
});

describe('markDuplicate / closeInvalid', () => {
  test('markDuplicate: the master must exist and be open; the master lists its duplicate', async () => {
    const master = await newCase('oCitizen-m1');
    const closedMaster = await newCase('oCitizen-m2');
    await t.ok(CMD, 'case.closeInvalid', { caseId: closedMaster, reason: '测试数据' });
    // a case of another category and place (not auto-linked at intake)
    const r = await t.ok('oCitizen-m3', 'case.report', { clientToken: 'dup-1', categoryCode: 'garbage', description: '左海公园北门垃圾堆放', photos: [], location: spot(78) });
    const id = r.caseId;
    await refused(CMD, 'case.markDuplicate', { caseId: id, masterId: 'GL-nope', reason: '同一问题' }, 'MASTER_NOT_FOUND');
    await refused(CMD, 'case.markDuplicate', { caseId: id, masterId: closedMaster, reason: '同一问题' }, 'MASTER_CLOSED');
    await refused(CMD, 'case.markDuplicate', { caseId: id, masterId: id, reason: '同一问题' }, 'INVALID_INPUT');
    await refused(MAO, 'case.markDuplicate', { caseId: id, masterId: master, reason: '同一问题' }, 'FORBIDDEN');
    const v = await step(CMD, 'case.markDuplicate', { caseId: id, masterId: master, reason: '同一地点同一问题' }, { id: 'staff-zhzx-operator-1', role: 'command' });
    expect(v).toMatchObject({ state: 'duplicate', flags: { duplicateOf: master } });
    expect(doc(master).duplicates).toEqual([id]);
  });

  test('closeInvalid: command only, with a reason', async () => {
    const id = await newCase();
    await refused(MAO, 'case.closeInvalid', { caseId: id, reason: '无效' }, 'FORBIDDEN');
    await refused(CMD, 'case.closeInvalid', { caseId: id, reason: '' }, 'INVALID_INPUT');
    const v = await step(CMD, 'case.closeInvalid', { caseId: id, reason: '重复测试提交' }, { id: 'staff-zhzx-operator-1', role: 'command' });
    expect(v).toMatchObject({ state: 'invalid', closeReason: '重复测试提交' });
    await refused(MAO, 'case.accept', { caseId: id }, 'EVENT_NOT_ALLOWED');
  });

  test('an unknown case is NOT_FOUND', async () => {
    await refused(MAO, 'case.accept', { caseId: 'GL20261117-NOPE' }, 'NOT_FOUND');
  });
});

describe('DB round trips per action (warm instance)', () => {
  const figures: Record<string, number> = {};
  const breakdown: Record<string, unknown> = {};
  async function measure(name: string, openid: string, action: string, payload: Record<string, unknown>) {
    t.cloud.resetStats();
    const res = await t.api(openid, action, payload);
    expect(res.code).toBe(0);
    const by = t.cloud.stats().byAction;
    figures[name] = Object.entries(by).filter(([k]) => k.startsWith('database.')).reduce((n, [, v]) => n + v, 0);
    breakdown[name] = by;
    return res;
  }
  afterAll(() => {
    console.info(`DB round trips per case action (warm; subscribe-message sends not counted): ${JSON.stringify(figures)}\nall requests: ${JSON.stringify(breakdown)}`);
  });

  test('single-document case changes take 3 round trips (caller, read, conditional write)', async () => {
    const id = await newCase('oCitizen-rt');
    await t.ok(MAO, 'whoami', {}); // warm
    await measure('case.accept', MAO, 'case.accept', { caseId: id });
    await measure('case.assign', MAO, 'case.assign', { caseId: id, staffId: 'staff-maoxiaojia' });
    await measure('case.note', MAO, 'case.note', { caseId: id, text: '现场查看' });
    await measure('case.extend', MAO, 'case.extend', { caseId: id, reason: '需协调', newDeadline: doc(id).clocks.deadline + HOUR });
    await measure('case.flagHard', MAO, 'case.flagHard', { caseId: id, reason: '疑难' });
    await measure('case.decideHard', LEADER_ON, 'case.decideHard', { caseId: id, deptId: 'dept-cgj-szs', personId: 'staff-cgj-szs-officer', deadline: t.clock.now() + 48 * HOUR });
    await measure('case.resolve', MAO, 'case.resolve', { caseId: id, result: '已修复', photos: [photo] });
    await measure('case.verify', CMD, 'case.verify', { caseId: id, pass: true });
    await measure('case.rate', 'oCitizen-rt', 'case.rate', { caseId: id, level: 'satisfied' });
    const id2 = await newCase('oCitizen-rt');
    await measure('case.return', MAO, 'case.return', { caseId: id2, reason: '不属于本街道' });
    await measure('case.reroute', CMD, 'case.reroute', { caseId: id2, streetId: 'street-gudong', reason: '改派' });
    await measure('case.closeInvalid', CMD, 'case.closeInvalid', { caseId: id2, reason: '无效' });
    for (const k of ['case.accept', 'case.assign', 'case.note', 'case.extend', 'case.flagHard', 'case.decideHard', 'case.resolve', 'case.verify', 'case.rate', 'case.return', 'case.reroute', 'case.closeInvalid']) {
      expect([k, figures[k]]).toEqual([k, 3]);
    }
  });

  test('multi-document changes use one transaction', async () => {
    const id = await handlingCase('oCitizen-rt2');
    await measure('case.call (1 dept)', MAO, 'case.call', { caseId: id, deptIds: ['dept-cgj-szs'], what: '请到场', place: ZUOHAI, meetAt: t.clock.now() + HOUR });
    await measure('case.call (2 depts)', MAO, 'case.call', { caseId: id, deptIds: ['dept-cgj-szs', 'dept-ylzx'], what: '请到场', place: ZUOHAI, meetAt: t.clock.now() + HOUR });
    const master = await newCase('oCitizen-rt3');
    const r = await t.ok('oCitizen-rt4', 'case.report', { clientToken: 'rt-dup', categoryCode: 'garbage', description: '左海公园北门垃圾堆放', photos: [], location: spot(79) });
    await measure('case.markDuplicate', CMD, 'case.markDuplicate', { caseId: r.caseId, masterId: master, reason: '同一问题' });
    // caller + read + transaction (start, get, set/add per document, commit)
    expect(figures['case.call (1 dept)']).toBe(7);
    expect(figures['case.call (2 depts)']).toBe(8);
    expect(figures['case.markDuplicate']).toBe(9);
  });
});
