/**
 * The `timer` function: due items of cases and calls drained through the real SDK against local/, on a fake clock.
 * Warnings notify once, overdue flags (and auto-flags hard), absent marks the call; handled items are marked done
 * in the same write; a second drain — sequential or concurrent — changes nothing; missed ticks catch up in order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud } from '../../local';
import { createCalls, dueItemsForCall } from '../../src/domain/call/call-machine';
import { fixedClock } from '../../src/domain/common/clock';
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

const MIN = 60_000;
const T0 = Date.parse('2026-11-17T09:00:00+08:00');
const wufeng = (lng: number, lat: number, address: string) => ({ point: { type: 'Point' as const, coordinates: [lng, lat] as [number, number] }, address });

type Summary = { scanned: number; handled: number; skipped: number; ms: number; more: boolean; errors: number };

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud(T0);
  seedOrg(t.cloud);
});
afterAll(() => t.stop());

const drain = async (event: Record<string, unknown> = {}) =>
  (await t.cloud.callFunction('timer', { Type: 'Timer', TriggerName: 'drainDue', Time: new Date(t.clock.now()).toISOString(), ...event }, { source: 'wx_trigger' })) as Summary;
const caseDoc = (id: string) => t.cloud.store.find('cases', { _id: id })[0] as any;
const callDoc = (id: string) => t.cloud.store.find('calls', { _id: id })[0] as any;
const outboxOf = (caseOrCallId: string) => t.cloud.outbox().filter((m) => JSON.stringify(m.data).includes(caseOrCallId));

let seq = 0;
/** A report routed to 五凤街道 by the community chosen (no location: no duplicate linking between test cases). */
async function report(categoryCode: string): Promise<string> {
  seq += 1;
  const r = await t.ok(`oTimerCitizen${seq}`, 'case.report', {
    clientToken: `timer-${seq}`,
    categoryCode,
    description: `测试用的问题描述第${seq}条，请尽快处理`,
    photos: [],
    communityId: 'comm-meifeng',
  });
  expect(r.state).toBe('dispatched');
  return r.caseId;
}

/** Drain until nothing is left at the current time (the budget never runs out in these tests). */
async function drainAll(): Promise<Summary> {
  const s = await drain();
  expect(s.more).toBe(false);
  expect(s.errors).toBe(0);
  return s;
}

describe('timer: a client may not run it', () => {
  test('an invocation carrying an OPENID is refused and drains nothing', async () => {
    const res = await t.cloud.callFunction('timer', {}, { openid: 'oSomeone' });
    expect(res).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('timer: case due items', () => {
  test('10 minutes without 签收: the street leaders and the command centre are warned once; the item is done', async () => {
    t.clock.set(T0);
    const id = await report('parking');
    t.clock.set(T0 + 9 * MIN);
    const early = await drainAll();
    expect(early.handled).toBe(0);
    expect(caseDoc(id).due.find((d: any) => d.kind === 'respond').status).toBe('pending');

    t.clock.set(T0 + 11 * MIN);
    const before = t.cloud.outbox().length;
    const s = await drainAll();
    expect(s.handled).toBeGreaterThanOrEqual(1);
    const doc = caseDoc(id);
    const respond = doc.due.find((d: any) => d.kind === 'respond');
    expect(respond.status).toBe('done');
    expect(doc.state).toBe('dispatched');
    expect(doc.version).toBe(2); // a warning does not change the case
    expect(doc.log.map((l: any) => l.event)).toEqual(['create', 'dispatch', 'due:respond']);
    expect(doc.log[2]).toMatchObject({ role: 'system', by: { id: 'system' }, what: '派单超过10分钟未签收' });
    expect(doc.notified).toEqual([`${respond.key}:streetLeaders`, `${respond.key}:command`]);
    expect(doc.nextDueAt).toBe(doc.due.filter((d: any) => d.status === 'pending').map((d: any) => d.dueAt).sort()[0]);
    const sent = t.cloud.outbox().slice(before).filter((m) => JSON.stringify(m.data).includes(id));
    const to = sent.map((m) => m.touser).sort();
    expect(to).toEqual(expect.arrayContaining([dev('staff-wufeng-leader-1'), dev('staff-wufeng-leader-2'), dev('staff-zhzx-operator-1'), dev('staff-admin')]));
    expect(new Set(to).size).toBe(to.length);
    expect(sent.every((m) => m.templateId === 'LOCAL-respondWarning')).toBe(true);

    // the same tick again: nothing due, nothing sent
    const again = await drainAll();
    expect(again).toMatchObject({ scanned: 0, handled: 0 });
    expect(outboxOf(id)).toHaveLength(outboxOf(id).length);
    const after = t.cloud.outbox().length;
    await drainAll();
    expect(t.cloud.outbox().length).toBe(after);
  });

  test('missed ticks: 3 hours later one drain handles respond (10 min) → assign (1 h) → nearDue (80 % of 2 h) → overdue (2 h) in order, flags overdue and hard', async () => {
    t.clock.set(T0 + 60 * MIN);
    const id = await report('traffic-light'); // 2 h deadline, near-due at 80 %
    const dispatchedAt = caseDoc(id).clocks.dispatchedAt as number;
    t.clock.set(T0 + 4 * 60 * MIN);
    const s = await drainAll();
    expect(s.handled).toBeGreaterThanOrEqual(4);
    const doc = caseDoc(id);
    expect(doc.log.map((l: any) => l.event)).toEqual(['create', 'dispatch', 'due:respond', 'due:assign', 'due:nearDue', 'markOverdue', 'autoFlagHard']);
    expect(doc.flags.overdue).toMatchObject({ deadline: dispatchedAt + 120 * MIN });
    expect(doc.flags.hard).toMatchObject({ auto: 'overdue', by: 'system' });
    expect(doc.version).toBe(3); // the warnings did not bump it; markOverdue did, once
    expect(doc.due.filter((d: any) => d.status === 'pending')).toEqual([]);
    expect(doc.nextDueAt).toBeNull();
    const templates = outboxOf(id).map((m) => m.templateId);
    for (const tpl of ['LOCAL-respondWarning', 'LOCAL-dueWarning', 'LOCAL-assignWarning', 'LOCAL-overdue', 'LOCAL-hardCase']) expect(templates).toContain(tpl);
    // the items were handled in the order they fell due
    const order = doc.log.slice(2, 5).map((l: any) => l.data.dueAt);
    expect(order).toEqual([...order].sort((a: number, b: number) => a - b));

    const n = outboxOf(id).length;
    const again = await drainAll();
    expect(again.handled).toBe(0);
    expect(outboxOf(id)).toHaveLength(n);
    expect(caseDoc(id).version).toBe(3);
  });

  test('two drains at once: every warning sent once, every event applied once', async () => {
    t.clock.set(T0 + 5 * 60 * MIN);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await report(i % 2 ? 'noise' : 'parking'));
    // two warm instances, so both drains really start together
    await Promise.all([drain(), drain()]);
    t.clock.set(T0 + 8 * 60 * MIN);
    const before = t.cloud.outbox().length;
    const [a, b] = await Promise.all([drain(), drain()]);
    expect(a.errors + b.errors).toBe(0);
    // both saw the due cases (they raced for the same items)
    expect(a.scanned).toBeGreaterThan(0);
    expect(b.scanned).toBeGreaterThan(0);
    expect(a.handled + b.handled).toBe(ids.length * 4);
    for (const id of ids) {
      const doc = caseDoc(id);
      const events = doc.log.map((l: any) => l.event);
      expect(events).toEqual(['create', 'dispatch', 'due:respond', 'due:assign', 'due:nearDue', 'markOverdue', 'autoFlagHard']);
      expect(doc.version).toBe(3);
      expect(new Set(doc.notified).size).toBe(doc.notified.length);
    }
    const sent = t.cloud.outbox().slice(before);
    const keys = sent.map((m) => `${m.touser}|${m.templateId}|${JSON.stringify(m.data)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect((await drainAll()).handled).toBe(0);
  });

  test('a stale item (the case moved on) is marked done and does nothing', async () => {
    t.clock.set(T0 + 9 * 60 * MIN);
    const id = await report('parking');
    // the case is accepted by a write that did not cancel the respond item (e.g. an older server version)
    t.cloud.store.update('cases', { _id: id }, { $set: { state: 'accepted', 'clocks.acceptedAt': t.clock.now() + MIN } });
    t.clock.set(T0 + 9 * 60 * MIN + 15 * MIN);
    const before = outboxOf(id).length;
    const s = await drainAll();
    expect(s.skipped).toBeGreaterThanOrEqual(1);
    const doc = caseDoc(id);
    expect(doc.due.find((d: any) => d.kind === 'respond').status).toBe('done');
    expect(doc.log.map((l: any) => l.event)).toEqual(['create', 'dispatch']);
    expect(outboxOf(id)).toHaveLength(before);
  });

  test('accepting in time cancels the respond warning: nothing is sent for it', async () => {
    t.clock.set(T0 + 10 * 60 * MIN);
    const id = await report('parking');
    t.clock.advance(3 * MIN);
    await t.ok(dev('staff-maoxiaojia'), 'case.accept', { caseId: id });
    t.clock.advance(10 * MIN);
    await drainAll();
    const doc = caseDoc(id);
    expect(doc.due.some((d: any) => d.kind === 'respond')).toBe(false);
    expect(doc.log.map((l: any) => l.event)).toEqual(['create', 'dispatch', 'accept']);
    expect(outboxOf(id).some((m) => m.templateId === 'LOCAL-respondWarning')).toBe(false);
  });
});

describe('timer: call due items', () => {
  function insertCall(meetAt: number, createdAt: number): string {
    const groupId = `G-timer-${meetAt}`;
    const caseId = `GL-TIMER-${meetAt}`;
    const { calls } = createCalls(
      {
        groupId,
        caseId,
        streetId: 'street-wufeng',
        caller: { staffId: 'staff-maoxiaojia', name: '毛晓嘉' },
        deptIds: ['dept-cgj-szs'],
        what: '左海公园北门路段无路灯，请市政所到场',
        place: wufeng(119.283, 26.104, '左海公园北门'),
        meetAt,
      },
      { actor: { id: 'staff-maoxiaojia', name: '毛晓嘉', roles: ['handler'], streetId: 'street-wufeng' }, now: createdAt },
    );
    const c = calls[0];
    const due = dueItemsForCall(c).map((d) => ({ ...d, status: 'pending' }));
    t.cloud.store.insert('calls', { ...c, _id: c.id, log: [], due, nextDueAt: Math.min(...due.map((d) => d.dueAt)) } as never);
    return c.id;
  }
  /** notices about a call carry its case id (the template's id field) */
  function noticesOf(callId: string) {
    return outboxOf(callDoc(callId).caseId);
  }

  test('check-in reminder to the department officers 30 minutes before, once; absent after the window', async () => {
    const created = T0 + 24 * 60 * MIN;
    const meetAt = created + 2 * 60 * MIN;
    const callId = insertCall(meetAt, created);
    t.clock.set(meetAt - 29 * MIN);
    await drainAll();
    let doc = callDoc(callId);
    expect(doc.due.find((d: any) => d.kind === 'checkinReminder').status).toBe('done');
    expect(doc.state).toBe('created');
    const reminders = noticesOf(callId).filter((m) => m.templateId === 'LOCAL-checkinReminder');
    expect(reminders.map((m) => m.touser).sort()).toEqual([dev('staff-cgj-szs-officer'), dev('staff-cgj-szs-officer-2')]);
    await drainAll();
    expect(noticesOf(callId).filter((m) => m.templateId === 'LOCAL-checkinReminder')).toHaveLength(2);

    t.clock.set(meetAt + 121 * MIN);
    const s = await drainAll();
    expect(s.handled).toBe(1);
    doc = callDoc(callId);
    expect(doc.state).toBe('absent');
    // the function's clock runs on from the fake time during the call
    expect(doc.absentAt - (meetAt + 121 * MIN)).toBeGreaterThanOrEqual(0);
    expect(doc.absentAt - (meetAt + 121 * MIN)).toBeLessThan(5000);
    expect(doc.version).toBe(2);
    expect(doc.log.map((l: any) => l.event)).toEqual(['markAbsent']);
    expect(doc.due.every((d: any) => d.status === 'done')).toBe(true);
    expect(doc.nextDueAt).toBeNull();
    expect(noticesOf(callId).some((m) => m.touser === dev('staff-maoxiaojia'))).toBe(true);
    await drainAll();
    expect(callDoc(callId).version).toBe(2);
  });

  test('a call that checked in meanwhile: the absent item is stale and does nothing', async () => {
    const created = T0 + 30 * 60 * MIN;
    const meetAt = created + 60 * MIN;
    const callId = insertCall(meetAt, created);
    t.cloud.store.update('calls', { _id: callId }, { $set: { state: 'checkedIn' } });
    t.clock.set(meetAt + 3 * 60 * MIN);
    const s = await drainAll();
    expect(s.skipped).toBeGreaterThanOrEqual(2);
    const doc = callDoc(callId);
    expect(doc.state).toBe('checkedIn');
    expect(doc.due.every((d: any) => d.status === 'done')).toBe(true);
    expect(noticesOf(callId)).toHaveLength(0);
  });
});

describe('timer: reading recipients', () => {
  test('near-due warnings to three assignees: the page reads the three in ONE staff query, and each is warned once', async () => {
    t.clock.set(T0 + 80 * 60 * MIN);
    await drainAll();
    const MAO = dev('staff-maoxiaojia');
    const assignees = ['staff-maoxiaojia', 'staff-wufeng-handler-2', 'staff-wufeng-worker-1'];
    const ids: string[] = [];
    for (const staffId of assignees) {
      const id = await report('traffic-light'); // 2 h deadline, near-due at 80 %
      await t.ok(MAO, 'case.accept', { caseId: id });
      await t.ok(MAO, 'case.assign', { caseId: id, staffId });
      ids.push(id);
    }
    t.clock.advance(100 * MIN);
    t.cloud.clearRequestLog();
    const s = await drainAll();
    expect(s.handled).toBeGreaterThanOrEqual(3);
    const staffReads = t.cloud.requestTimings().filter((r) => r.collection === 'staff');
    expect(staffReads).toHaveLength(1);
    ids.forEach((id, k) => {
      const warned = outboxOf(id).filter((m) => m.templateId === 'LOCAL-dueWarning').map((m) => m.touser);
      expect(warned.filter((u) => u === dev(assignees[k]))).toHaveLength(1);
    });
  });
});

describe('timer: paging and the trigger', () => {
  test('more than one page of due cases is drained in one run (page size 3)', async () => {
    t.clock.set(T0 + 40 * 60 * MIN);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await report('parking'));
    t.clock.advance(11 * MIN);
    const s = await drain({ pageSize: 3 });
    expect(s.errors).toBe(0);
    expect(s.handled).toBe(7);
    expect(s.scanned).toBeGreaterThanOrEqual(7);
    for (const id of ids) expect(caseDoc(id).log.map((l: any) => l.event)).toContain('due:respond');
  });

  test('a due case the SDK cannot decode never stops the timer: it is left out and listed on 数据健康, the others are drained', async () => {
    t.clock.set(T0 + 80 * 60 * MIN);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await report('parking'));
    // the first due one stored before the schemas, with a point the SDK's Geo decoder refuses
    t.cloud.store.update('cases', { _id: ids[0] }, { $set: { location: { point: { type: 'Point', coordinates: [200, 26.1] }, address: '旧数据' } } });
    t.clock.advance(11 * MIN);
    const s = await drain({ pageSize: 2 });
    expect(s.errors).toBe(0);
    for (const id of ids.slice(1)) expect(caseDoc(id).log.map((l: any) => l.event)).toContain('due:respond');
    // untouched (a write without its geometry would drop it), and shown to the administrators
    expect(caseDoc(ids[0]).log.map((l: any) => l.event)).not.toContain('due:respond');
    expect(caseDoc(ids[0]).location.point.coordinates).toEqual([200, 26.1]);
    const health = await t.ok<any>(dev('staff-admin'), 'admin.health', {});
    expect(health.items.map((i: { id: string }) => i.id)).toContain(ids[0]);
    t.cloud.store.update('cases', { _id: ids[0] }, { $set: { 'location.point.coordinates': [119.3, 26.08] } });
  });

  test('a full page shared out with two helper invocations: every item handled once, every warning sent once', async () => {
    t.clock.set(T0 + 50 * 60 * MIN);
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) ids.push(await report('parking'));
    t.clock.advance(11 * MIN);
    const invocations = t.cloud.functionStats().invocations;
    const s = await drain({ pageSize: 6, helpers: 2 });
    // (the cases of earlier tests have items falling due too)
    expect(s).toMatchObject({ errors: 0, more: false });
    expect(s.handled).toBeGreaterThanOrEqual(9);
    // the drain itself and a helper for each of the two other parts of every full page
    expect(t.cloud.functionStats().invocations - invocations).toBeGreaterThanOrEqual(3);
    for (const id of ids) {
      expect(caseDoc(id).log.filter((l: any) => l.event === 'due:respond')).toHaveLength(1);
      expect(caseDoc(id).due.find((d: any) => d.kind === 'respond')).toMatchObject({ status: 'done' });
      const notices = outboxOf(id).map((m) => `${m.touser}|${m.templateId}`);
      expect(notices.length).toBeGreaterThan(0);
      expect(new Set(notices).size).toBe(notices.length);
    }
    const again = await drain({ pageSize: 6, helpers: 2 });
    expect(again.handled).toBe(0);
    // a helper cannot be started by a client either
    expect(await t.cloud.callFunction('timer', { refs: [{ coll: 'cases', id: ids[0] }], cutoff: t.clock.now() }, { openid: 'oSomeone' })).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('config.json: the 7-field cron fires the drain every minute in a cloud with timers on', async () => {
    const cfg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cloudfunctions/timer/config.json'), 'utf8'));
    expect(cfg).toMatchObject({ timeout: 60, triggers: [{ type: 'timer', config: '0 */1 * * * * *' }] });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yx-timer-'));
    const clock = fixedClock(T0);
    const cloud = await startLocalCloud({ dataDir, port: 0, now: () => clock.now(), timers: true });
    try {
      seedOrg(cloud);
      const r = (await cloud.callFunction('api', { action: 'case.report', payload: { clientToken: 'cron-1', categoryCode: 'parking', description: '梅峰路上有车长期违停堵住消防通道', photos: [], location: wufeng(119.283, 26.108, '五凤街道梅峰路') } }, { openid: 'oCron' })) as any;
      expect(r.code).toBe(0);
      clock.advance(11 * MIN);
      const fired = await cloud.tickTimers();
      expect(fired).toEqual(expect.arrayContaining([expect.objectContaining({ fn: 'timer', trigger: 'drainDue', ok: true })]));
      const [doc] = cloud.store.find('cases', { _id: r.data.caseId }) as any[];
      expect(doc.log.map((l: any) => l.event)).toContain('due:respond');
    } finally {
      await cloud.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
