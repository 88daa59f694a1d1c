import { verifyCheckIn } from '@domain/call/call-checkin';
import { availableCallEvents, CALL_EVENT_TYPES, callTransition, consultGroup, createCalls, dueItemsForCall, onCallDue, type CallContext, type CallEvent, type CallEventType } from '@domain/call/call-machine';
import { CALL_STATE_LIST, type CallRecord, type CallState } from '@domain/call/call-types';
import type { Actor, Role } from '@domain/common/actor-types';
import { businessTime, MINUTE_MS } from '@domain/common/business-time';
import { EARTH_RADIUS_M, haversineM, point } from '@domain/common/geo-distance';

const T0 = businessTime(2020, 11, 17, 10, 0);
const MEET = businessTime(2020, 11, 17, 14, 0);
const min = (n: number) => n * MINUTE_MS;
const PLACE = { point: point(119.2718, 26.0967), address: '左海公园北门' };
/** a point `m` metres north of the place (along a meridian haversine distance = R·Δφ exactly) */
const north = (m: number) => point(119.2718, 26.0967 + ((m / EARTH_RADIUS_M) * 180) / Math.PI);

const handler: Actor = { id: 'h-mao', name: '毛晓嘉', roles: ['handler'], streetId: 'wufeng' };
const officer: Actor = { id: 'd-wang', name: '王工', roles: ['dept'], deptId: 'szs' };
const sys: Actor = { id: 'system', roles: ['system'] };
const CHAIN = { deptId: 'szs', officer: { staffId: 'd-wang', name: '王工' }, deputy: { staffId: 'd-li', name: '李所长' }, chief: { staffId: 'd-zhao', name: '赵局长' } };
const FACTS = { overdue: false, reworkCount: 0 };

function group(deptIds = ['szs']) {
  return createCalls({ groupId: 'g1', caseId: 'case-1', streetId: 'wufeng', caller: { staffId: 'h-mao', name: '毛晓嘉' }, deptIds, what: '现场会商路灯建设', place: PLACE, meetAt: MEET }, { actor: handler, now: T0 });
}
function step(c: CallRecord, e: CallEvent, a: Actor, now: number, extra: Partial<CallContext> = {}): CallRecord {
  const r = callTransition(c, e, { actor: a, now, ...extra });
  if (!r.ok) throw new Error(`${e.type}: ${r.code}`);
  return r.call;
}

describe('verifyCheckIn boundaries (300 m, −30/+15 min, absent after +120)', () => {
  const target = { place: PLACE, meetAt: MEET };
  it('the test geometry is exact', () => {
    expect(haversineM(PLACE.point, north(300))).toBeCloseTo(300, 6);
  });
  it.each([
    ['on the spot, on time', 0, 0, 'onTime'],
    ['299.9 m', 299.9, 0, 'onTime'],
    ['300 m exactly', 300, 0, 'onTime'],
    ['300.1 m', 300.1, 0, 'far'],
    ['−30 min exactly', 0, -30, 'onTime'],
    ['−30.01 min', 0, -30.01, 'early'],
    ['+15 min exactly', 0, 15, 'onTime'],
    ['+15.01 min', 0, 15.01, 'late'],
    ['+120 min exactly', 0, 120, 'late'],
    ['+120.01 min', 0, 120.01, 'absent'],
    ['far and late: far', 500, 30, 'far'],
    ['far and early: far', 500, -60, 'far'],
    ['far but past the window: absent', 500, 121, 'absent'],
  ])('%s', (_n, metres, minutes, status) => {
    const v = verifyCheckIn(target, { location: north(metres), at: MEET + minutes * MINUTE_MS });
    expect(v.status).toBe(status);
    expect(v.distanceM).toBeCloseTo(metres, 1);
    expect(v.minutesOff).toBeCloseTo(minutes, 1);
    expect(v.accepted).toBe(status === 'onTime' || status === 'late');
  });
  it('thresholds are configurable', () => {
    const v = verifyCheckIn(target, { location: north(400), at: MEET + min(20) }, { radiusM: 500, earlyMin: 10, lateMin: 30, absentAfterMin: 60 });
    expect(v.status).toBe('onTime');
    expect(verifyCheckIn(target, { location: north(0), at: MEET - min(11) }, { radiusM: 500, earlyMin: 10, lateMin: 30, absentAfterMin: 60 }).status).toBe('early');
  });
});

describe('createCalls', () => {
  it('one call per department, deterministic ids, logged, notified, reminder + absent scheduled', () => {
    const { calls, effects } = group(['szs', 'ylzx', 'szs']);
    expect(calls.map((c) => [c.id, c.deptId, c.state, c.version])).toEqual([
      ['g1-szs', 'szs', 'created', 1],
      ['g1-ylzx', 'ylzx', 'created', 1],
    ]);
    expect(effects.filter((e) => e.type === 'notify').map((e) => e.type === 'notify' && [e.to, e.template])).toEqual([
      [{ kind: 'dept', deptId: 'szs' }, 'callCreated'],
      [{ kind: 'dept', deptId: 'ylzx' }, 'callCreated'],
    ]);
    const scheduled = effects.flatMap((e) => (e.type === 'schedule' ? [e.item] : []));
    expect(scheduled.map((i) => [i.callId, i.kind, i.dueAt])).toEqual([
      ['g1-szs', 'checkinReminder', MEET - min(30)],
      ['g1-szs', 'absent', MEET + min(120) + 1],
      ['g1-ylzx', 'checkinReminder', MEET - min(30)],
      ['g1-ylzx', 'absent', MEET + min(120) + 1],
    ]);
    expect(effects.find((e) => e.type === 'log')).toMatchObject({ entry: { subject: 'call', callId: 'g1-szs', what: '一线呼叫：现场会商路灯建设（左海公园北门，2020-11-17 14:00）', role: 'handler' } });
  });
  it('no reminder when the meeting is sooner than the lead', () => {
    const { calls } = createCalls({ groupId: 'g2', caseId: 'c', streetId: 'wufeng', caller: { staffId: 'h', name: 'h' }, deptIds: ['szs'], what: '马上到场', place: PLACE, meetAt: T0 + min(10) }, { actor: handler, now: T0 });
    expect(dueItemsForCall(calls[0]).map((d) => d.kind)).toEqual(['absent']);
  });
});

// sample events and the call fixture per state
const SAMPLES: Record<CallEventType, { event: CallEvent; actor: Actor; now: number; extra?: Partial<CallContext> }> = {
  acknowledge: { event: { type: 'acknowledge' }, actor: officer, now: T0 + min(5) },
  checkIn: { event: { type: 'checkIn', location: north(50) }, actor: officer, now: MEET + min(5) },
  recordAction: { event: { type: 'recordAction', text: '现场勘查，确认需增设路灯', photos: [] }, actor: officer, now: MEET + min(60) },
  consult: { event: { type: 'consult', responsibleDeptId: 'szs', note: '由市政所负责' }, actor: handler, now: MEET + min(70) },
  markAbsent: { event: { type: 'markAbsent' }, actor: sys, now: MEET + min(121) },
  markNoAction: { event: { type: 'markNoAction' }, actor: sys, now: MEET + min(121) },
  rateByStreet: { event: { type: 'rateByStreet', level: 'good', reasons: ['timely'] }, actor: handler, now: MEET + min(80), extra: { assessment: { chain: CHAIN, facts: FACTS } } },
  rateByDept: { event: { type: 'rateByDept', level: 'accurate', reasons: [] }, actor: officer, now: MEET + min(90) },
  cancel: { event: { type: 'cancel', reason: '问题已自行解决' }, actor: handler, now: T0 + min(10) },
};
function callIn(state: CallState): CallRecord {
  const c = group().calls[0];
  const ack = () => step(c, { type: 'acknowledge' }, officer, T0 + min(5));
  const inn = () => step(ack(), { type: 'checkIn', location: north(10) }, officer, MEET);
  const acted = () => step(inn(), { type: 'recordAction', text: '已勘查', photos: [] }, officer, MEET + min(30));
  switch (state) {
    case 'created': return c;
    case 'acknowledged': return ack();
    case 'checkedIn': return inn();
    case 'absent': return step(ack(), { type: 'markAbsent' }, sys, MEET + min(121));
    case 'noAction': return step(inn(), { type: 'markNoAction' }, sys, MEET + min(121));
    case 'actionRecorded': return acted();
    case 'rated': return step(acted(), { type: 'rateByStreet', level: 'good', reasons: [] }, handler, MEET + min(40), { assessment: { chain: CHAIN, facts: FACTS } });
    case 'cancelled': return step(c, { type: 'cancel', reason: '已解决' }, handler, T0 + min(1));
  }
}
const COLS: CallEventType[] = ['acknowledge', 'checkIn', 'recordAction', 'consult', 'markAbsent', 'markNoAction', 'rateByStreet', 'rateByDept', 'cancel'];
const MATRIX = `
created        acknowledged checkedIn -              -  absent -        -     -  cancelled
acknowledged   -            checkedIn -              =  absent -        -     =  cancelled
checkedIn      -            -         actionRecorded =  -      noAction -     =  cancelled
noAction       -            -         actionRecorded =  -      -        rated =  -
absent         -            -         -              =  -      -        rated =  -
actionRecorded -            -         -              =  -      -        rated =  -
rated          -            -         -              =  -      -        -     =  -
cancelled      -            -         -              -  -      -        -     -  -
`;
const EXPECTED = Object.fromEntries(MATRIX.trim().split('\n').map((l) => { const [s, ...cells] = l.trim().split(/\s+/); return [s, Object.fromEntries(COLS.map((e, i) => [e, cells[i]]))]; }));
const ROLES: Record<CallEventType, Role[]> = {
  acknowledge: ['dept', 'deptLeader'], checkIn: ['dept', 'deptLeader'], recordAction: ['dept', 'deptLeader'], consult: ['handler', 'community'],
  markAbsent: ['system'], markNoAction: ['system'], rateByStreet: ['handler', 'community'], rateByDept: ['dept', 'deptLeader'], cancel: ['handler', 'community'],
};
const ALL: Role[] = ['citizen', 'handler', 'community', 'dept', 'deptLeader', 'leader', 'command', 'admin', 'system'];

test('matrix covers every call state and event', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual([...CALL_STATE_LIST].sort());
  expect([...COLS].sort()).toEqual([...CALL_EVENT_TYPES].sort());
});
describe.each(CALL_STATE_LIST.flatMap((s) => COLS.map((e) => [s, e] as [CallState, CallEventType])))('call %s × %s', (state, type) => {
  const want = EXPECTED[state][type];
  const s = SAMPLES[type];
  const c = callIn(state);
  it(want === '-' ? 'refused' : `→ ${want}`, () => {
    const r = callTransition(c, s.event, { actor: { ...s.actor, roles: ALL, streetId: 'wufeng', deptId: 'szs' }, now: s.now, ...s.extra });
    if (want === '-') expect(r).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED' });
    else {
      if (!r.ok) throw new Error(r.code);
      expect(r.call.state).toBe(want === '=' ? state : want);
      expect(r.call.version).toBe(c.version + 1);
      expect(r.effects[0]).toMatchObject({ type: 'log', entry: { subject: 'call', event: type, callId: c.id } });
    }
  });
  if (want !== '-') {
    it.each(ALL)('role %s', (role) => {
      const r = callTransition(c, s.event, { actor: { id: 'x', roles: [role], streetId: 'wufeng', deptId: 'szs' }, now: s.now, ...s.extra });
      if (ROLES[type].includes(role)) expect(r).toMatchObject({ ok: true });
      else expect(r).toMatchObject({ ok: false, code: 'ROLE_FORBIDDEN' });
    });
  }
});

describe('call guards, relations and outcomes', () => {
  it('another department may not check in', () => {
    expect(callTransition(callIn('acknowledged'), { type: 'checkIn', location: north(0) }, { actor: { ...officer, deptId: 'hbj' }, now: MEET })).toMatchObject({ ok: false, code: 'RELATION_FORBIDDEN' });
  });
  it('a far check-in is recorded as an attempt and the call stays; a later on-site one counts', () => {
    const c = callIn('acknowledged');
    const far = callTransition(c, { type: 'checkIn', location: north(800) }, { actor: officer, now: MEET });
    if (!far.ok) throw new Error();
    expect(far.verdict).toMatchObject({ status: 'far', accepted: false });
    expect(far.call.state).toBe('acknowledged');
    expect(far.call.attempts).toHaveLength(1);
    expect(far.call.checkIn).toBeUndefined();
    expect(far.effects[0]).toMatchObject({ entry: { what: '到场报到：不在现场（距离800米，准时）' } });
    const late = callTransition(far.call, { type: 'checkIn', location: north(100) }, { actor: officer, now: MEET + min(20) });
    if (!late.ok) throw new Error();
    expect(late.call.state).toBe('checkedIn');
    expect(late.call.checkIn).toMatchObject({ status: 'late', minutesOff: 20 });
    expect(late.call.attempts.map((a) => a.status)).toEqual(['far', 'late']);
    expect(late.effects.find((e) => e.type === 'cancelDue')).toEqual({ type: 'cancelDue', keys: [`call:g1-szs:checkinReminder:${MEET}`, `call:g1-szs:absent:${MEET}`] });
  });
  it('checking in without acknowledging first implies the acknowledgement', () => {
    const r = callTransition(callIn('created'), { type: 'checkIn', location: north(0) }, { actor: officer, now: MEET });
    expect(r).toMatchObject({ ok: true, call: { state: 'checkedIn', acknowledgedAt: MEET, acknowledgedBy: 'd-wang' } });
  });
  it('a check-in after the window makes the call absent', () => {
    const r = callTransition(callIn('acknowledged'), { type: 'checkIn', location: north(0) }, { actor: officer, now: MEET + min(130) });
    expect(r).toMatchObject({ ok: true, call: { state: 'absent', absentAt: MEET + min(130) }, verdict: { status: 'absent' } });
  });
  it('markNoAction only once the grace period after the check-in is over; the due item says when', () => {
    const c = callIn('checkedIn');
    const [item] = dueItemsForCall(c);
    expect(item).toMatchObject({ kind: 'noAction', dueAt: c.checkIn!.at + min(120) + 1 });
    expect(callTransition(c, { type: 'markNoAction' }, { actor: sys, now: item.dueAt - 1 })).toMatchObject({ ok: false, code: 'GRACE_NOT_OVER' });
    expect(onCallDue(c, item, item.dueAt - 1)).toEqual({ run: false, reason: 'notYetDue' });
    expect(onCallDue(c, item, item.dueAt)).toEqual({ run: true, effects: [], event: { type: 'markNoAction' } });
    const r = callTransition(c, { type: 'markNoAction' }, { actor: sys, now: item.dueAt });
    if (!r.ok) throw new Error(r.code);
    expect(r.call).toMatchObject({ state: 'noAction', noActionAt: item.dueAt });
    // the street is asked to rate, and may give 差评 · 只报到不干事 now
    expect(r.effects).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'notify', template: 'rateCallRequest' })]));
    expect(availableCallEvents(r.call, handler)).toEqual(expect.arrayContaining(['rateByStreet']));
    expect(availableCallEvents(c, handler)).not.toContain('rateByStreet');
    // recording an action while the period runs cancels its due item
    const acted = callTransition(c, { type: 'recordAction', text: '已处置', photos: [] }, { actor: officer, now: item.dueAt - 1 });
    if (!acted.ok) throw new Error(acted.code);
    expect(acted.effects).toContainEqual({ type: 'cancelDue', keys: [item.key] });
    expect(onCallDue(acted.call, item, item.dueAt)).toEqual({ run: false, reason: 'stale' });
  });
  it('markAbsent only after the window', () => {
    expect(callTransition(callIn('acknowledged'), { type: 'markAbsent' }, { actor: sys, now: MEET + min(120) })).toMatchObject({ ok: false, code: 'NOT_ABSENT_YET' });
  });
  it('onCallDue: reminder, absent, stale, not yet due', () => {
    const c = callIn('acknowledged');
    const [reminder, absent] = dueItemsForCall(c);
    expect(onCallDue(c, reminder, MEET - min(31))).toEqual({ run: false, reason: 'notYetDue' });
    expect(onCallDue(c, reminder, MEET - min(30))).toMatchObject({ run: true, effects: [{ type: 'notify', template: 'checkinReminder', to: { kind: 'dept', deptId: 'szs' }, dedupeKey: reminder.key }] });
    expect(onCallDue(c, absent, MEET + min(121))).toEqual({ run: true, effects: [], event: { type: 'markAbsent' } });
    expect(onCallDue(callIn('checkedIn'), absent, MEET + min(121))).toEqual({ run: false, reason: 'stale' });
    const r = callTransition(c, { type: 'markAbsent' }, { actor: sys, now: MEET + min(121) });
    if (!r.ok) throw new Error();
    expect(onCallDue(r.call, absent, MEET + min(122))).toEqual({ run: false, reason: 'stale' });
  });
  it('rateByStreet needs the post chain of the called department', () => {
    const c = callIn('actionRecorded');
    expect(callTransition(c, { type: 'rateByStreet', level: 'good', reasons: [] }, { actor: handler, now: MEET + min(60) })).toMatchObject({ ok: false, code: 'ASSESSMENT_CONTEXT_REQUIRED' });
    expect(callTransition(c, { type: 'rateByStreet', level: 'good', reasons: [] }, { actor: handler, now: MEET + min(60), assessment: { chain: { ...CHAIN, deptId: 'hbj' }, facts: FACTS } })).toMatchObject({ ok: false, code: 'CHAIN_MISMATCH' });
    expect(callTransition(c, { type: 'rateByStreet', level: 'poor', reasons: [] }, { actor: handler, now: MEET + min(60), assessment: { chain: CHAIN, facts: FACTS } })).toMatchObject({ ok: false, code: 'RATING_REASON_REQUIRED', message: '差评请至少选择一个负面原因' });
  });
  it('rateByDept once; inaccurate needs a reason', () => {
    const c = callIn('checkedIn');
    expect(callTransition(c, { type: 'rateByDept', level: 'inaccurate', reasons: [] }, { actor: officer, now: MEET })).toMatchObject({ ok: false, code: 'RATING_REASON_REQUIRED' });
    const once = step(c, { type: 'rateByDept', level: 'inaccurate', reasons: ['notOurDuty'] }, officer, MEET);
    expect(callTransition(once, { type: 'rateByDept', level: 'accurate', reasons: [] }, { actor: officer, now: MEET })).toMatchObject({ ok: false, code: 'ALREADY_RATED' });
    // offered before the rating, not after
    expect(availableCallEvents(c, officer)).toContain('rateByDept');
    expect(availableCallEvents(once, officer)).not.toContain('rateByDept');
    expect(availableCallEvents(once, officer)).toContain('recordAction');
  });
  it('consultGroup records the responsible department on every call of the group that can take it', () => {
    const { calls } = group(['szs', 'ylzx']);
    const acked = [step(calls[0], { type: 'acknowledge' }, officer, T0 + min(1)), calls[1]];
    const r = consultGroup(acked, { type: 'consult', responsibleDeptId: 'szs', note: '市政所负责' }, { actor: handler, now: MEET + min(30) });
    if (!r.ok) throw new Error();
    expect(r.calls.map((c) => c.consultation?.responsibleDeptId)).toEqual(['szs', undefined]); // created calls cannot take a consultation yet
    expect(r.effects.filter((e) => e.type === 'log')).toHaveLength(1);
  });
  it('version conflict', () => {
    const c = callIn('created');
    expect(callTransition(c, { type: 'acknowledge' }, { actor: officer, now: T0, expectedVersion: 7 })).toMatchObject({ ok: false, code: 'VERSION_CONFLICT' });
  });
});
