/**
 * The subscribe messages (订阅消息) each step produces, as recorded by local/'s outbox: who gets which template
 * (IDs from config/cloud/templates.json), which page it opens and what the four fields say.
 * Steps: a new order to the street's handlers; the 10-minute 签收 warning (timer); a new call to the department's
 * officers; the check-in reminder (timer); resolved and verified → the citizen asked to rate.
 */
import templates from '../../config/cloud/templates.json';
import { STAFF } from '../../src/domain/org/seed/staff';
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

let t: TestCloud;
const at = (d: number, h: number, min = 0) => Date.parse(`2026-11-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}:00+08:00`);
beforeAll(async () => {
  t = await startTestCloud(at(17, 9));
  seedOrg(t.cloud);
});
afterAll(() => t.stop());

const ids = templates.ids as Record<string, string>;
const F = templates.fields;
const CITIZEN = 'oCitizen-notify';
const MAO = dev('staff-maoxiaojia');
const SITE = { point: { type: 'Point' as const, coordinates: [119.283, 26.104] as [number, number] }, address: '左海公园北门' };
const WUFENG_HANDLERS = t_staff((s) => s.streetId === 'street-wufeng' && s.roles.includes('handler'));
const WUFENG_LEADERS = t_staff((s) => s.streetId === 'street-wufeng' && s.roles.includes('leader'));
const COMMAND = t_staff((s) => s.roles.includes('command'));
const SZS_OFFICERS = t_staff((s) => s.deptId === 'dept-cgj-szs' && s.roles.includes('dept') && s.post === 'officer');

/** dev openids of the seeded staff matching `pred` (the seed binds every staff member to dev-<id>) */
function t_staff(pred: (s: (typeof STAFF)[number]) => boolean): string[] {
  return STAFF.filter(pred).map((s) => dev(s._id)).sort();
}

let mark = 0;
/** messages sent since the previous call */
function sent() {
  const all = t.cloud.outbox();
  const out = all.slice(mark);
  mark = all.length;
  return out as Array<{ touser: string; templateId: string; page?: string; data: Record<string, { value: string }> }>;
}
const drain = () => t.cloud.callFunction('timer', { Type: 'Timer', TriggerName: 'drainDue' }, { source: 'wx_trigger' });
const recipients = (msgs: ReturnType<typeof sent>, templateId: string) => msgs.filter((m) => m.templateId === templateId).map((m) => m.touser).sort();

test('each step notifies the right people with the right template', async () => {
  expect(WUFENG_HANDLERS.length).toBeGreaterThan(1);
  expect(SZS_OFFICERS).toEqual([dev('staff-cgj-szs-officer'), dev('staff-cgj-szs-officer-2')]);

  // 1. a report routed to 五凤街道: a new order to every handler of the street, and the citizen's receipt
  t.clock.set(at(17, 9));
  const r = await t.ok(CITIZEN, 'case.report', { clientToken: 'notify-1', categoryCode: 'lamp', description: '左海公园北门路段路灯不亮，晚上很黑', photos: [], location: SITE });
  const caseId = r.caseId as string;
  let msgs = sent();
  expect(recipients(msgs, ids.newOrder)).toEqual(WUFENG_HANDLERS);
  const order = msgs.find((m) => m.templateId === ids.newOrder && m.touser === MAO)!;
  expect(order.page).toBe(`handler/inbox/index?id=${caseId}`);
  expect(order.data).toEqual({
    [F.title]: { value: '新派单待签收' },
    [F.caseId]: { value: caseId },
    [F.time]: { value: expect.stringMatching(/^2026-11-17 09:00/) },
    [F.detail]: { value: expect.any(String) },
  });
  expect(msgs.filter((m) => m.touser === CITIZEN).map((m) => m.templateId)).toEqual([ids.progress]);
  expect(msgs.filter((m) => m.touser === CITIZEN)[0].page).toBe(`pages/case/index?id=${caseId}`);

  // 2. nobody signs within 10 minutes: the timer warns the street's leaders and the command centre, once
  t.clock.set(at(17, 9, 11));
  await drain();
  msgs = sent();
  expect(recipients(msgs, ids.respondWarning)).toEqual([...WUFENG_LEADERS, ...COMMAND].sort());
  expect(msgs.every((m) => m.templateId === ids.respondWarning)).toBe(true);
  expect(msgs.find((m) => m.touser === COMMAND[0])!.page).toBe('lead/board/index');
  await drain();
  expect(sent()).toEqual([]);

  // 3. accepted, assigned, and 市政所 called to the site: a new call to the department's officers only
  t.clock.set(at(17, 9, 20));
  await t.ok(MAO, 'case.accept', { caseId });
  await t.ok(MAO, 'case.assign', { caseId, staffId: 'staff-maoxiaojia' });
  sent();
  t.clock.set(at(17, 10));
  const called = await t.ok(MAO, 'case.call', { caseId, deptIds: ['dept-cgj-szs'], what: '路灯不亮，请到场查看', place: SITE, meetAt: at(17, 14) });
  const callId = called.calls[0].id as string;
  msgs = sent();
  expect(recipients(msgs, ids.newCall)).toEqual(SZS_OFFICERS);
  const call = msgs.find((m) => m.templateId === ids.newCall)!;
  expect(call.page).toBe('dept/calls/index');
  expect(call.data[F.title].value).toBe('一线呼叫待响应');
  expect(call.data[F.caseId].value).toBe(caseId);
  expect(call.data[F.detail].value.length).toBeLessThanOrEqual(20);

  // 4. 30 minutes before the meeting: the check-in reminder to the same officers, once
  t.clock.set(at(17, 13, 31));
  await drain();
  msgs = sent();
  expect(recipients(msgs, ids.checkinReminder)).toEqual(SZS_OFFICERS);
  expect(msgs.find((m) => m.templateId === ids.checkinReminder)!.data[F.title].value).toBe('请按时到场报到');
  await drain();
  expect(sent()).toEqual([]);

  // 5. on site, resolved with evidence and verified: the citizen is asked to rate
  t.clock.set(at(17, 13, 55));
  await t.ok(dev('staff-cgj-szs-officer'), 'call.checkIn', { callId, location: SITE.point });
  t.clock.set(at(17, 15, 30));
  // the department's part ends before the case is resolved (every call ends)
  await t.ok(dev('staff-cgj-szs-officer'), 'call.recordAction', { callId, text: '已更换灯泡', photos: [] });
  t.clock.set(at(17, 16));
  await t.ok(MAO, 'case.resolve', { caseId, result: '已更换灯泡，路灯恢复正常', photos: [await t.upload(MAO, { name: 'lamp-on.jpg' })] });
  t.clock.set(at(17, 19));
  sent();
  await t.ok(dev('staff-zhzx-operator-1'), 'case.verify', { caseId, pass: true, note: '夜间核查亮灯正常' });
  msgs = sent();
  const rate = msgs.filter((m) => m.templateId === ids.resolvedRate);
  expect(rate.map((m) => m.touser)).toEqual([CITIZEN]);
  expect(rate[0].page).toBe(`pages/case/index?id=${caseId}`);
  expect(rate[0].data[F.title].value).toBe('请对办理结果评价');
  expect(rate[0].data[F.caseId].value).toBe(caseId);

  // every template ID used is one of the configured ones
  const used = new Set(t.cloud.outbox().map((m) => m.templateId));
  for (const id of used) expect(Object.values(ids)).toContain(id);
});
