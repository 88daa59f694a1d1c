/**
 * The call lifecycle through the real SDK against local/: acknowledge, check-in inside/outside the radius and the
 * window (far/early refused but recorded, late accepted as late, absent after the window), record, consult (the whole
 * group in one transaction), both ratings with their assessment records, cancel; DB round trips per call action.
 */
import { ROOMY_RATE_LIMITS, startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

let t: TestCloud;
const T0 = Date.parse('2026-11-17T09:00:00+08:00');
beforeAll(async () => {
  t = await startTestCloud(T0, { functionEnv: { YX_RATE_LIMITS: ROOMY_RATE_LIMITS } });
  seedOrg(t.cloud);
  photo = await t.upload(SZS, { name: 'site.jpg' });
});
afterAll(() => t.stop());

const MIN = 60_000;
const HOUR = 60 * MIN;
const MAO = dev('staff-maoxiaojia');
const GUDONG = dev('staff-gudong-handler-1');
const SZS = dev('staff-cgj-szs-officer');
const SZS2 = dev('staff-cgj-szs-officer-2');
const YLZX = dev('staff-ylzx-officer');
const SITE = { point: { type: 'Point' as const, coordinates: [119.283, 26.104] as [number, number] }, address: '左海公园北门' };
/** a point `m` metres north of the site */
const north = (m: number) => ({ type: 'Point' as const, coordinates: [119.283, 26.104 + m / 111_195] as [number, number] });
/** the department officer's own uploaded photo (beforeAll) */
let photo: string;

let seq = 0;
const spot = (i: number) => ({ point: { type: 'Point' as const, coordinates: [119.283 + (i % 8) * 0.0008, 26.104 + Math.floor(i / 8) * 0.0008] as [number, number] }, address: `左海公园北门附近${i}号` });
async function handlingCase(): Promise<string> {
  seq += 1;
  const r = await t.ok('oCitizen-call', 'case.report', { clientToken: `c-${seq}`, categoryCode: 'lamp', description: `路段没有路灯第${seq}处`, photos: [], location: spot(seq) });
  await t.ok(MAO, 'case.accept', { caseId: r.caseId });
  await t.ok(MAO, 'case.assign', { caseId: r.caseId, staffId: 'staff-maoxiaojia' });
  return r.caseId;
}
const callDoc = (id: string) => t.cloud.store.find('calls', { _id: id })[0] as any;
async function refused(openid: string, action: string, payload: Record<string, unknown>, code: string) {
  const id = payload.callId as string | undefined;
  const before = id && callDoc(id) ? JSON.stringify(callDoc(id)) : null;
  const res = await t.api(openid, action, payload);
  expect(res.code).toBe(code);
  expect((res as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/);
  if (before) expect(JSON.stringify(callDoc(id!))).toBe(before);
  return res as any;
}

describe('call lifecycle', () => {
  let caseId: string;
  let meetAt: number;
  let szsCall: string;
  let ylzxCall: string;
  let groupId: string;

  test('calling two departments creates two calls with their due items (reminder, absent check)', async () => {
    caseId = await handlingCase();
    meetAt = T0 + 5 * HOUR; // 14:00
    const res = await t.ok(MAO, 'case.call', { caseId, deptIds: ['dept-cgj-szs', 'dept-ylzx'], what: '路段无路灯，请到场会商', place: SITE, meetAt });
    [szsCall, ylzxCall] = res.calls.map((c: any) => c.id);
    groupId = res.calls[0].groupId;
    const d = callDoc(szsCall);
    expect(d.due).toEqual([
      expect.objectContaining({ kind: 'checkinReminder', dueAt: meetAt - 30 * MIN, status: 'pending' }),
      expect.objectContaining({ kind: 'absent', dueAt: meetAt + 120 * MIN + 1, status: 'pending' }),
    ]);
    expect(d.nextDueAt).toBe(meetAt - 30 * MIN);
  });

  test('only the called department acknowledges', async () => {
    await refused(YLZX, 'call.acknowledge', { callId: szsCall }, 'RELATION_FORBIDDEN');
    await refused(MAO, 'call.acknowledge', { callId: szsCall }, 'FORBIDDEN');
    t.clock.set(T0 + 10 * MIN);
    const v = await t.ok(SZS, 'call.acknowledge', { callId: szsCall });
    expect(v).toMatchObject({ state: 'acknowledged', stateLabel: '已响应', deptName: '区城管局市政所', acknowledgedBy: 'staff-cgj-szs-officer' });
    expect(v.available).toEqual(expect.arrayContaining(['checkIn']));
    expect(callDoc(szsCall).log.map((l: any) => [l.event, l.role, l.by.id])).toEqual([
      ['create', 'handler', 'staff-maoxiaojia'],
      ['acknowledge', 'dept', 'staff-cgj-szs-officer'],
    ]);
    expect(t.cloud.outbox().some((m) => m.touser === MAO && JSON.stringify(m.data).includes('部门已响应呼叫'))).toBe(true);
    await refused(SZS2, 'call.acknowledge', { callId: szsCall }, 'EVENT_NOT_ALLOWED');
  });

  test('check-in too early: refused with CHECKIN_EARLY, the attempt is saved', async () => {
    t.clock.set(meetAt - 2 * HOUR);
    const res = await t.api(SZS, 'call.checkIn', { callId: szsCall, location: north(20) });
    expect(res).toMatchObject({ code: 'CHECKIN_EARLY', message: expect.stringContaining('分钟') });
    expect((res as any).details.verdict).toMatchObject({ status: 'early', accepted: false });
    const d = callDoc(szsCall);
    expect(d.state).toBe('acknowledged');
    expect(d.attempts).toEqual([expect.objectContaining({ status: 'early', by: 'staff-cgj-szs-officer' })]);
    expect(d.checkIn).toBeUndefined();
  });

  test('check-in far from the place: refused with CHECKIN_FAR, the attempt is saved', async () => {
    t.clock.set(meetAt - 5 * MIN);
    const res = await t.api(SZS, 'call.checkIn', { callId: szsCall, location: north(1000) });
    expect(res).toMatchObject({ code: 'CHECKIN_FAR', message: expect.stringContaining('300米') });
    expect((res as any).details.call.attempts).toHaveLength(2);
    const d = callDoc(szsCall);
    expect(d.attempts.map((a: any) => a.status)).toEqual(['early', 'far']);
    expect(d.attempts[1].distanceM).toBeGreaterThan(990);
    expect(d.state).toBe('acknowledged');
    expect(d.log.map((l: any) => l.event)).toEqual(['create', 'acknowledge', 'checkIn', 'checkIn']);
  });

  test('check-in on site and in time: accepted; the pending due items go', async () => {
    t.clock.set(meetAt - 5 * MIN);
    const v = await t.ok(SZS, 'call.checkIn', { callId: szsCall, location: north(80), where: { lng: 119.283, lat: 26.1047 } });
    expect(v).toMatchObject({ state: 'checkedIn', checkIn: { status: 'onTime', by: 'staff-cgj-szs-officer' } });
    expect(v.checkIn.distanceM).toBeGreaterThan(75);
    expect(v.checkIn.distanceM).toBeLessThan(85);
    const d = callDoc(szsCall);
    expect(d.attempts).toHaveLength(3);
    // the reminder and the absent check go; the end of the grace period for recording what was done comes
    expect(d.due).toEqual([expect.objectContaining({ kind: 'noAction', dueAt: d.checkIn.at + 120 * MIN + 1, status: 'pending' })]);
    expect(d.nextDueAt).toBe(d.checkIn.at + 120 * MIN + 1);
    expect(d.log.at(-1).where).toEqual({ lng: 119.283, lat: 26.1047 });
  });

  test('a late check-in (inside the radius, after the window) is accepted as late', async () => {
    t.clock.set(meetAt + 40 * MIN);
    await t.ok(YLZX, 'call.acknowledge', { callId: ylzxCall });
    const v = await t.ok(YLZX, 'call.checkIn', { callId: ylzxCall, location: north(150) });
    expect(v).toMatchObject({ state: 'checkedIn', checkIn: { status: 'late' } });
    expect(v.checkIn.minutesOff).toBeGreaterThanOrEqual(40);
  });

  test('record what was done (只报到不干事 is visible): text required', async () => {
    await refused(SZS, 'call.recordAction', { callId: szsCall, text: '' }, 'INVALID_INPUT');
    await refused(YLZX, 'call.recordAction', { callId: szsCall, text: '现场勘查' }, 'RELATION_FORBIDDEN');
    const v = await t.ok(SZS, 'call.recordAction', { callId: szsCall, text: '现场勘查，路段未纳入市政路灯管养', photos: [photo] });
    expect(v).toMatchObject({ state: 'actionRecorded', action: { text: '现场勘查，路段未纳入市政路灯管养', photos: [photo], by: 'staff-cgj-szs-officer' } });
    await t.ok(YLZX, 'call.recordAction', { callId: ylzxCall, text: '绿化不影响路灯安装' });
  });

  test('consult: the responsible department recorded on every call of the group, in one transaction', async () => {
    await refused(SZS, 'call.consult', { groupId, responsibleDeptId: 'dept-cgj-szs' }, 'FORBIDDEN');
    await refused(GUDONG, 'call.consult', { groupId, responsibleDeptId: 'dept-cgj-szs' }, 'RELATION_FORBIDDEN');
    await refused(MAO, 'call.consult', { groupId, responsibleDeptId: 'dept-zjj' }, 'RESPONSIBLE_NOT_IN_GROUP');
    await refused(MAO, 'call.consult', { groupId: 'nope', responsibleDeptId: 'dept-cgj-szs' }, 'NOT_FOUND');
    t.cloud.resetStats();
    const views = await t.ok(MAO, 'call.consult', { groupId, responsibleDeptId: 'dept-cgj-szs', note: '由市政所负责增设路灯' });
    const by = t.cloud.stats().byAction;
    expect(by['database.startTransaction']).toBe(1);
    expect(by['database.commitTransaction']).toBe(1);
    expect(views).toHaveLength(2);
    for (const id of [szsCall, ylzxCall]) {
      expect(callDoc(id).consultation).toMatchObject({ responsibleDeptId: 'dept-cgj-szs', note: '由市政所负责增设路灯', by: 'staff-maoxiaojia' });
      expect(callDoc(id).log.at(-1)).toMatchObject({ event: 'consult', role: 'handler' });
    }
  });

  test('the street rates the department: three assessment records (officer, deputy, chief) plus the unit', async () => {
    await refused(SZS, 'call.rateDept', { callId: szsCall, level: 'good' }, 'FORBIDDEN');
    await refused(GUDONG, 'call.rateDept', { callId: szsCall, level: 'good' }, 'RELATION_FORBIDDEN');
    await refused(MAO, 'call.rateDept', { callId: szsCall, level: 'poor', reasons: ['timely'] }, 'INVALID_INPUT');
    await refused(MAO, 'call.rateDept', { callId: szsCall, level: 'good', reasons: ['checkinOnly'] }, 'INVALID_INPUT');
    const v = await t.ok(MAO, 'call.rateDept', { callId: szsCall, level: 'good', reasons: ['timely', 'effective'] });
    expect(v).toMatchObject({ state: 'rated', streetRating: { level: 'good', reasons: ['timely', 'effective'], by: 'staff-maoxiaojia' } });
    // the records live on the call, with the month they count in
    expect(callDoc(szsCall).scoredIn).toEqual({ deptPerformance: '2026-11' });
    const recs = (callDoc(szsCall).assessments as any[]).filter((r) => r.source === 'deptPerformance');
    const bySubject = Object.fromEntries(recs.map((r) => [r.subject.kind === 'person' ? r.subject.post : 'unit', r]));
    expect(Object.keys(bySubject).sort()).toEqual(['chief', 'deputy', 'officer', 'unit']);
    expect(bySubject.officer.subject).toMatchObject({ staffId: 'staff-cgj-szs-officer', unitId: 'dept-cgj-szs' });
    expect(bySubject.deputy.subject).toMatchObject({ staffId: 'staff-cgj-szs-deputy' });
    expect(bySubject.chief.subject).toMatchObject({ staffId: 'staff-cgj-szs-chief' });
    expect(bySubject.unit.subject).toMatchObject({ unitId: 'dept-cgj-szs', unitKind: 'dept' });
    expect(bySubject.officer.items.map((i: any) => i.code).slice(0, 2)).toEqual(['checkIn.onTime', 'rating.good']);
    expect(bySubject.deputy.weight).toBeLessThan(bySubject.officer.weight);
    expect(bySubject.officer.month).toBe('2026-11');
    await refused(MAO, 'call.rateDept', { callId: szsCall, level: 'fair', reasons: ['slow'] }, 'EVENT_NOT_ALLOWED');
  });

  test('the department rates the call: 呼叫准确 / 不准确 (reasons), records for the caller and the street', async () => {
    await refused(MAO, 'call.rateCall', { callId: szsCall, level: 'accurate' }, 'FORBIDDEN');
    await refused(SZS, 'call.rateCall', { callId: szsCall, level: 'inaccurate' }, 'INVALID_INPUT');
    const v = await t.ok(SZS, 'call.rateCall', { callId: szsCall, level: 'accurate' });
    expect(v.deptRating).toMatchObject({ level: 'accurate', by: 'staff-cgj-szs-officer' });
    const recs = (callDoc(szsCall).assessments as any[]).filter((r) => r.source === 'callAccuracy');
    // the street's earlier rating stays beside it
    expect((callDoc(szsCall).assessments as any[]).filter((r) => r.source === 'deptPerformance')).toHaveLength(4);
    expect(callDoc(szsCall).scoredIn).toEqual({ deptPerformance: '2026-11', callAccuracy: '2026-11' });
    expect(recs.map((r) => (r.subject.kind === 'person' ? `${r.subject.post}:${r.subject.staffId}` : `unit:${r.subject.unitId}`)).sort()).toEqual(['caller:staff-maoxiaojia', 'unit:street-wufeng']);
    await refused(SZS2, 'call.rateCall', { callId: szsCall, level: 'accurate' }, 'ALREADY_RATED');
    const y = await t.ok(YLZX, 'call.rateCall', { callId: ylzxCall, level: 'inaccurate', reasons: ['notOurDuty'] });
    expect(y.deptRating).toMatchObject({ level: 'inaccurate', reasons: ['notOurDuty'] });
  });
});

describe('cancel and absent', () => {
  test('the calling street cancels an open call; the department is told', async () => {
    t.clock.set(T0 + 24 * HOUR);
    const caseId = await handlingCase();
    const res = await t.ok(MAO, 'case.call', { caseId, deptIds: ['dept-cgj-hwc'], what: '请清运', place: SITE, meetAt: t.clock.now() + 2 * HOUR });
    const id = res.calls[0].id;
    await refused(dev('staff-cgj-hwc-officer'), 'call.cancel', { callId: id, reason: '不需要了' }, 'FORBIDDEN');
    await refused(GUDONG, 'call.cancel', { callId: id, reason: '不需要了' }, 'RELATION_FORBIDDEN');
    await refused(MAO, 'call.cancel', { callId: id }, 'INVALID_INPUT');
    const v = await t.ok(MAO, 'call.cancel', { callId: id, reason: '街道已自行处置' });
    expect(v).toMatchObject({ state: 'cancelled', cancelled: { reason: '街道已自行处置' } });
    expect(callDoc(id).due).toEqual([]);
    expect(t.cloud.outbox().some((m) => m.touser === dev('staff-cgj-hwc-officer') && JSON.stringify(m.data).includes('呼叫已取消'))).toBe(true);
    await refused(dev('staff-cgj-hwc-officer'), 'call.acknowledge', { callId: id }, 'EVENT_NOT_ALLOWED');
  });

  test('a check-in after the absent window is recorded as absent (CHECKIN_ABSENT); the absent due item was scheduled for the timer', async () => {
    t.clock.set(T0 + 48 * HOUR);
    const caseId = await handlingCase();
    const meetAt = t.clock.now() + HOUR;
    const res = await t.ok(MAO, 'case.call', { caseId, deptIds: ['dept-zjj'], what: '请到场', place: SITE, meetAt });
    const id = res.calls[0].id;
    expect(callDoc(id).due.find((d: any) => d.kind === 'absent')).toMatchObject({ dueAt: meetAt + 120 * MIN + 1, status: 'pending', callId: id });
    t.clock.set(meetAt + 3 * HOUR);
    const r = await t.api(dev('staff-zjj-officer'), 'call.checkIn', { callId: id, location: SITE.point });
    expect(r).toMatchObject({ code: 'CHECKIN_ABSENT' });
    expect(callDoc(id)).toMatchObject({ state: 'absent', attempts: [expect.objectContaining({ status: 'absent' })] });
    // the street can still rate the absent department (差评: 未到场)
    const v = await t.ok(MAO, 'call.rateDept', { callId: id, level: 'poor', reasons: ['absent'] });
    expect(v.state).toBe('rated');
    const officer = (callDoc(id).assessments as any[]).find((r) => r.subject.post === 'officer');
    expect(officer.items.map((i: any) => i.code).slice(0, 2)).toEqual(['checkIn.absent', 'rating.poor']);
    expect(officer.points).toBeLessThan(0);
  });
});

describe('every call ends (docs/REQUIREMENTS.md "Decisions")', () => {
  const drain = async () =>
    t.cloud.callFunction('timer', { Type: 'Timer', TriggerName: 'drainDue', Time: new Date(t.clock.now()).toISOString() }, { source: 'wx_trigger' });

  test('checked in and nothing recorded: after the grace period the call is 报到未处置 and the street rates 差评 · 只报到不干事 down to the officer, deputy and chief', async () => {
    t.clock.set(T0 + 60 * HOUR);
    const caseId = await handlingCase();
    const meetAt = t.clock.now() + HOUR;
    const id = (await t.ok(MAO, 'case.call', { caseId, deptIds: ['dept-cgj-szs'], what: '请到场处置', place: SITE, meetAt })).calls[0].id;
    t.clock.set(meetAt);
    await t.ok(SZS, 'call.checkIn', { callId: id, location: SITE.point });
    // the grace period's end is the call's next due item
    const checkedInAt = callDoc(id).checkIn.at;
    expect(callDoc(id)).toMatchObject({ state: 'checkedIn', due: [expect.objectContaining({ kind: 'noAction', dueAt: checkedInAt + 120 * MIN + 1, status: 'pending' })] });
    // while it runs, the street cannot rate yet, and the department may still record
    await refused(MAO, 'call.rateDept', { callId: id, level: 'poor', reasons: ['checkinOnly'] }, 'EVENT_NOT_ALLOWED');
    t.clock.set(meetAt + 119 * MIN);
    await drain();
    expect(callDoc(id).state).toBe('checkedIn');
    t.clock.set(meetAt + 121 * MIN);
    await drain();
    expect(callDoc(id).state).toBe('noAction');
    expect(callDoc(id).noActionAt).toBeGreaterThanOrEqual(meetAt + 121 * MIN);
    expect(callDoc(id).log.at(-1)).toMatchObject({ event: 'markNoAction', role: 'system' });
    expect(t.cloud.outbox().some((m) => m.touser === MAO && JSON.stringify(m.data).includes(id.slice(0, 10)))).toBe(true);
    // the case may be resolved now: the department's part has ended
    const v = await t.ok(MAO, 'call.rateDept', { callId: id, level: 'poor', reasons: ['checkinOnly'] });
    expect(v.state).toBe('rated');
    const recs = (callDoc(id).assessments as any[]).filter((r) => r.source === 'deptPerformance');
    const bySubject = Object.fromEntries(recs.map((r) => [r.subject.kind === 'person' ? r.subject.post : 'unit', r]));
    expect(Object.keys(bySubject).sort()).toEqual(['chief', 'deputy', 'officer', 'unit']);
    expect(bySubject.officer.subject.staffId).toBe('staff-cgj-szs-officer');
    expect(bySubject.deputy.subject.staffId).toBe('staff-cgj-szs-deputy');
    expect(bySubject.chief.subject.staffId).toBe('staff-cgj-szs-chief');
    for (const r of Object.values(bySubject) as any[]) {
      expect(r.items.map((i: any) => i.code)).toEqual(expect.arrayContaining(['rating.poor', 'reason.checkinOnly']));
      expect(r.points).toBeLessThan(0);
    }
  });

  test('a department that records late (after the grace period) still moves the call on', async () => {
    t.clock.set(T0 + 66 * HOUR);
    const caseId = await handlingCase();
    const meetAt = t.clock.now() + HOUR;
    const id = (await t.ok(MAO, 'case.call', { caseId, deptIds: ['dept-cgj-szs'], what: '请到场处置', place: SITE, meetAt })).calls[0].id;
    t.clock.set(meetAt);
    await t.ok(SZS, 'call.checkIn', { callId: id, location: SITE.point });
    t.clock.set(meetAt + 3 * HOUR);
    await drain();
    expect(callDoc(id).state).toBe('noAction');
    const v = await t.ok(SZS, 'call.recordAction', { callId: id, text: '补录：已更换灯具', photos: [photo] });
    expect(v.state).toBe('actionRecorded');
  });

  test('a case is not resolved while a call has not ended; cancelling it with a reason lets the case close', async () => {
    t.clock.set(T0 + 72 * HOUR);
    const caseId = await handlingCase();
    const id = (await t.ok(MAO, 'case.call', { caseId, deptIds: ['dept-ylzx'], what: '请到场', place: SITE, meetAt: t.clock.now() + 2 * HOUR })).calls[0].id;
    const before = JSON.stringify(t.cloud.store.find('cases', { _id: caseId })[0]);
    const evidence = await t.upload(MAO, { name: 'resolved.jpg' });
    const r = await t.api(MAO, 'case.resolve', { caseId, result: '街道已自行更换灯具', photos: [evidence] });
    expect(r).toMatchObject({ code: 'CALLS_OPEN' });
    expect((r as { message: string }).message).toContain('取消呼叫');
    expect(JSON.stringify(t.cloud.store.find('cases', { _id: caseId })[0])).toBe(before);
    await t.ok(MAO, 'call.cancel', { callId: id, reason: '街道已自行处置' });
    const v = await t.ok(MAO, 'case.resolve', { caseId, result: '街道已自行更换灯具', photos: [evidence] });
    expect(v.state).toBe('resolved');
  });
});

describe('DB round trips per call action (warm instance)', () => {
  test('figures', async () => {
    t.clock.set(T0 + 72 * HOUR);
    const caseId = await handlingCase();
    const meetAt = t.clock.now() + HOUR;
    const res = await t.ok(MAO, 'case.call', { caseId, deptIds: ['dept-cgj-szs'], what: '请到场', place: SITE, meetAt });
    const id = res.calls[0].id;
    const figures: Record<string, number> = {};
    const measure = async (name: string, openid: string, action: string, payload: Record<string, unknown>) => {
      await t.ok(openid, 'whoami', {});
      t.cloud.resetStats();
      const r = await t.api(openid, action, payload);
      expect(r.code).toBe(0);
      figures[name] = Object.entries(t.cloud.stats().byAction).filter(([k]) => k.startsWith('database.')).reduce((n, [, v]) => n + v, 0);
    };
    await measure('call.acknowledge', SZS, 'call.acknowledge', { callId: id });
    t.clock.set(meetAt);
    await measure('call.checkIn', SZS, 'call.checkIn', { callId: id, location: SITE.point });
    await measure('call.recordAction', SZS, 'call.recordAction', { callId: id, text: '已处置' });
    await measure('call.consult (1 call)', MAO, 'call.consult', { groupId: res.calls[0].groupId, responsibleDeptId: 'dept-cgj-szs' });
    await measure('call.rateDept', MAO, 'call.rateDept', { callId: id, level: 'good' });
    await measure('call.rateCall', SZS, 'call.rateCall', { callId: id, level: 'accurate' });
    console.info(`DB round trips per call action (warm): ${JSON.stringify(figures)}`);
    for (const k of ['call.acknowledge', 'call.checkIn', 'call.recordAction']) expect([k, figures[k]]).toEqual([k, 3]);
    // a rating writes the call and its assessment records in one transaction
    expect(figures['call.rateDept']).toBeLessThanOrEqual(11);
    expect(figures['call.rateCall']).toBeLessThanOrEqual(8);
  });
});
