import { transition } from '@domain/case/case-machine';
import type { CaseEvent } from '@domain/case/case-events';
import type { CaseRecord } from '@domain/case/case-types';
import { createCase } from '@domain/case/case-create';
import type { Effect } from '@domain/common/effect-types';
import type { Actor } from '@domain/common/actor-types';
import { point } from '@domain/common/geo-distance';
import { slaPolicy } from '@domain/sla/sla-policy';
import { actor, caseIn, CATEGORY, CIT, CMD, DEPT, HANDLER, LEADER, min, OTHER_STREET, run, streetDecision, SYS, T0, gridDecision, triageDecision } from './case-fixtures';

const DAY = min(24 * 60);
const tr = (c: CaseRecord, e: CaseEvent, a: Actor, now = T0 + min(30)) => transition(c, e, { actor: a, now, category: CATEGORY });
const hard = (c: CaseRecord): CaseRecord => ({ ...c, flags: { ...c.flags, hard: { by: 'h', role: 'handler', at: T0, reason: '疑难' } } });
const ofType = <T extends Effect['type']>(effects: Effect[], t: T) => effects.filter((e): e is Extract<Effect, { type: T }> => e.type === t);

describe('guards: refusal codes with Chinese messages', () => {
  const place = { point: point(119.27, 26.09), address: '左海公园北门' };
  const cases: [string, CaseRecord, CaseEvent, Actor, number | undefined, string][] = [
    ['dispatch needs a street decision', caseIn('submitted'), { type: 'dispatch', decision: triageDecision }, SYS, undefined, 'DECISION_NOT_STREET'],
    ['dispatch decision without streetId', caseIn('submitted'), { type: 'dispatch', decision: { ...streetDecision, streetId: undefined } }, SYS, undefined, 'DECISION_NOT_STREET'],
    ['sendToTriage needs a triage decision', caseIn('submitted'), { type: 'sendToTriage', decision: streetDecision }, SYS, undefined, 'DECISION_NOT_TRIAGE'],
    ['forward needs a grid decision', caseIn('submitted'), { type: 'forward', decision: streetDecision }, SYS, undefined, 'DECISION_NOT_GRID'],
    ['assign to the same person', caseIn('handling'), { type: 'assign', person: { staffId: 'h-mao', name: '毛晓嘉' } }, HANDLER, undefined, 'SAME_ASSIGNEE'],
    ['assign without staff', caseIn('accepted'), { type: 'assign', person: { staffId: ' ', name: '' } }, HANDLER, undefined, 'ASSIGNEE_REQUIRED'],
    ['empty note', caseIn('handling'), { type: 'note', text: '  ', photos: [] }, HANDLER, undefined, 'NOTE_EMPTY'],
    ['call without departments', caseIn('handling'), { type: 'call', groupId: 'g', deptIds: [], what: '会商', place, meetAt: T0 + min(60) }, HANDLER, undefined, 'CALL_NO_DEPT'],
    ['call meeting in the past', caseIn('handling'), { type: 'call', groupId: 'g', deptIds: [DEPT], what: '会商', place, meetAt: T0 }, HANDLER, undefined, 'MEET_IN_PAST'],
    ['call without what', caseIn('handling'), { type: 'call', groupId: 'g', deptIds: [DEPT], what: ' ', place, meetAt: T0 + min(60) }, HANDLER, undefined, 'CALL_WHAT_REQUIRED'],
    ['same call group twice', { ...caseIn('handling'), callGroupIds: ['g'] }, { type: 'call', groupId: 'g', deptIds: [DEPT], what: '会商', place, meetAt: T0 + min(60) }, HANDLER, undefined, 'CALL_DUPLICATE'],
    ['extend without reason', caseIn('handling'), { type: 'extend', reason: '', newDeadline: T0 + 9 * DAY }, HANDLER, undefined, 'REASON_REQUIRED'],
    ['extend to an earlier deadline', caseIn('handling'), { type: 'extend', reason: '等待', newDeadline: T0 + DAY }, HANDLER, undefined, 'EXTEND_NOT_LATER'],
    ['extend to the same deadline', caseIn('handling'), { type: 'extend', reason: '等待', newDeadline: T0 + 3 * DAY }, HANDLER, undefined, 'EXTEND_NOT_LATER'],
    ['extend after the deadline', caseIn('handling'), { type: 'extend', reason: '等待', newDeadline: T0 + 9 * DAY }, HANDLER, T0 + 3 * DAY, 'EXTEND_AFTER_DEADLINE'],
    ['extend without a deadline', { ...caseIn('handling'), clocks: { extensions: [] } }, { type: 'extend', reason: '等待', newDeadline: T0 + 9 * DAY }, HANDLER, undefined, 'NO_DEADLINE'],
    ['flag hard twice', hard(caseIn('handling')), { type: 'flagHard', reason: '复杂' }, HANDLER, undefined, 'ALREADY_HARD'],
    ['flag hard without reason', caseIn('handling'), { type: 'flagHard', reason: ' ' }, HANDLER, undefined, 'REASON_REQUIRED'],
    ['auto flag hard twice', hard(caseIn('handling')), { type: 'autoFlagHard', reason: 'overdue' }, SYS, undefined, 'ALREADY_HARD'],
    ['decide a case that is not hard', caseIn('handling'), { type: 'decideHard', deptId: DEPT, personId: 'p', deadline: T0 + 9 * DAY }, LEADER, undefined, 'NOT_HARD'],
    ['decide with a past deadline', hard(caseIn('handling')), { type: 'decideHard', deptId: DEPT, personId: 'p', deadline: T0 }, LEADER, undefined, 'DEADLINE_IN_PAST'],
    ['decide without person', hard(caseIn('handling')), { type: 'decideHard', deptId: DEPT, personId: '', deadline: T0 + 9 * DAY }, LEADER, undefined, 'DECISION_INCOMPLETE'],
    ['return without reason', caseIn('dispatched'), { type: 'return', reason: '' }, HANDLER, undefined, 'REASON_REQUIRED'],
    ['reroute to the same street', caseIn('handling'), { type: 'reroute', streetId: 'wufeng', reason: '改派' }, CMD, undefined, 'SAME_STREET'],
    ['reroute without reason', caseIn('handling'), { type: 'reroute', streetId: OTHER_STREET, reason: '' }, CMD, undefined, 'REASON_REQUIRED'],
    ['resolve without evidence', caseIn('handling'), { type: 'resolve', result: '已修复', photos: [] }, HANDLER, undefined, 'EVIDENCE_REQUIRED'],
    ['resolve without result', caseIn('handling'), { type: 'resolve', result: ' ', photos: ['cloud://x'] }, HANDLER, undefined, 'RESULT_REQUIRED'],
    ['verify fail without note', caseIn('resolved'), { type: 'verify', pass: false }, CMD, undefined, 'NOTE_REQUIRED'],
    ['dissatisfied without reason', caseIn('closed'), { type: 'rate', level: 'dissatisfied' }, CIT, undefined, 'REASON_REQUIRED'],
    ['rate twice in the same round', run(caseIn('closed'), [[{ type: 'rate', level: 'satisfied' }, CIT, T0 + DAY]]).case, { type: 'rate', level: 'basic' }, CIT, undefined, 'ALREADY_RATED'],
    ['duplicate of itself', caseIn('submitted'), { type: 'markDuplicate', masterId: 'case-1', reason: '同一' }, CMD, undefined, 'SELF_DUPLICATE'],
    ['invalid without reason', caseIn('submitted'), { type: 'closeInvalid', reason: '' }, CMD, undefined, 'REASON_REQUIRED'],
    ['grid result without text', caseIn('forwarded'), { type: 'forwardResult', outcome: 'resolved', result: '' }, SYS, undefined, 'RESULT_REQUIRED'],
    ['overdue before the deadline', caseIn('handling'), { type: 'markOverdue' }, SYS, undefined, 'NOT_OVERDUE'],
  ];
  it.each(cases)('%s', (_name, c, e, a, now, code) => {
    const r = tr(c, e, a, now);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it.each([
    [['created'], 'CALLS_OPEN'],
    [['acknowledged', 'rated'], 'CALLS_OPEN'],
    [['checkedIn'], 'CALLS_OPEN'],
    [['noAction', 'absent', 'actionRecorded', 'rated', 'cancelled'], null],
    [[], null],
  ] as const)('resolve with calls %j → %s (a case is resolved only when its calls ended)', (states, code) => {
    const calls = states.map((state, i) => ({ id: `k${i}`, deptId: DEPT, state }));
    const r = transition(caseIn('handling'), { type: 'resolve', result: '已修复', photos: ['cloud://x'] }, { actor: HANDLER, now: T0 + DAY, calls });
    if (code) expect(r).toMatchObject({ ok: false, code });
    else expect(r).toMatchObject({ ok: true });
  });

  it('overdue twice for the same deadline', () => {
    const once = run(caseIn('handling'), [[{ type: 'markOverdue' }, SYS, T0 + 3 * DAY]]).case;
    expect(tr(once, { type: 'markOverdue' }, SYS, T0 + 3 * DAY + 1)).toMatchObject({ ok: false, code: 'ALREADY_OVERDUE' });
  });

  it('refuses a stale version', () => {
    const c = caseIn('dispatched');
    expect(transition(c, { type: 'accept' }, { actor: HANDLER, now: T0, expectedVersion: c.version - 1 })).toMatchObject({ ok: false, code: 'VERSION_CONFLICT' });
    expect(transition(c, { type: 'accept' }, { actor: HANDLER, now: T0, expectedVersion: c.version })).toMatchObject({ ok: true });
  });
});

describe('relations', () => {
  it('a handler of another street may not accept', () => {
    expect(tr(caseIn('dispatched'), { type: 'accept' }, actor(['handler'], { streetId: OTHER_STREET }))).toMatchObject({ ok: false, code: 'RELATION_FORBIDDEN', message: '该事项不在您的职责范围内' });
  });
  it('a citizen may only rate their own report', () => {
    expect(tr(caseIn('closed'), { type: 'rate', level: 'satisfied' }, actor(['citizen'], { openid: 'o-other' }))).toMatchObject({ ok: false, code: 'RELATION_FORBIDDEN' });
  });
  it('only an on-duty leader decides hard cases; a street leader only for their street', () => {
    const c = hard(caseIn('handling'));
    const e: CaseEvent = { type: 'decideHard', deptId: DEPT, personId: 'p', deadline: T0 + 9 * DAY };
    expect(tr(c, e, actor(['leader'], { onDuty: false }))).toMatchObject({ ok: false, code: 'RELATION_FORBIDDEN' });
    expect(tr(c, e, actor(['leader'], { streetId: OTHER_STREET }))).toMatchObject({ ok: false, code: 'RELATION_FORBIDDEN' });
    expect(tr(c, e, actor(['leader'], { streetId: 'wufeng' }))).toMatchObject({ ok: true });
    expect(tr(c, e, actor(['leader'], { streetId: undefined }))).toMatchObject({ ok: true });
  });
  it('a department note needs the department to be involved', () => {
    const c = caseIn('handling');
    expect(tr(c, { type: 'note', text: '已到场', photos: [] }, actor(['dept']))).toMatchObject({ ok: false, code: 'RELATION_FORBIDDEN' });
    expect(tr({ ...c, deptIds: [DEPT] }, { type: 'note', text: '已到场', photos: [] }, actor(['dept']))).toMatchObject({ ok: true, role: 'dept' });
  });
  it('a person with several roles acts in the first role that fits, and the log says which', () => {
    const a = actor(['dept', 'handler']);
    const r = tr(caseIn('dispatched'), { type: 'accept' }, a);
    expect(r).toMatchObject({ ok: true, role: 'handler' });
    if (r.ok) expect(r.effects[0]).toMatchObject({ type: 'log', entry: { role: 'handler' } });
  });
});

describe('effects and clocks', () => {
  it('create: submitted, version 1, logged with where, citizen notified', () => {
    const { case: c, effects } = createCase(
      { id: 'x', channel: 'hotline12345', channelRef: '12345-001', reporter: { name: '张先生', phone: '13800000000' }, categoryCode: 'lamp', description: '路灯不亮', location: { point: point(119.3, 26.1), address: '某路' } },
      { actor: SYS, now: T0 },
    );
    expect(c).toMatchObject({ state: 'submitted', version: 1, photos: [], deptIds: [], reworkCount: 0, createdAt: T0 });
    expect(effects).toEqual([{ type: 'log', entry: expect.objectContaining({ event: 'create', what: '受理（12345热线 12345-001）', where: { lng: 119.3, lat: 26.1, address: '某路' }, role: 'system' }) }]);
  });

  it('dispatch: street clocks (10 min / 1 h), category deadline, routing hop, due items', () => {
    const r = tr(caseIn('submitted'), { type: 'dispatch', decision: { ...streetDecision, trackerDeptId: 'slj' } }, SYS, T0);
    if (!r.ok) throw new Error(r.code);
    expect(r.case.clocks).toMatchObject({ dispatchedAt: T0, respondBy: T0 + min(10), assignBy: T0 + min(60), startedAt: T0, deadline: T0 + 3 * DAY, originalDeadline: T0 + 3 * DAY });
    expect(r.case.streetId).toBe('wufeng');
    expect(r.case.communityId).toBe('c-wf-1');
    expect(r.case.routing).toEqual([{ decision: expect.objectContaining({ trackerDeptId: 'slj' }), at: T0, by: 'system', role: 'system', kind: 'route' }]);
    expect(ofType(r.effects, 'schedule').map((s) => [s.item.kind, s.item.dueAt])).toEqual([
      ['respond', T0 + min(10)],
      ['assign', T0 + min(60)],
      ['nearDue', T0 + Math.round(0.8 * 3 * DAY)],
      ['overdue', T0 + 3 * DAY],
    ]);
    expect(ofType(r.effects, 'notify').map((n) => [n.to, n.template])).toEqual([
      [{ kind: 'streetHandlers', streetId: 'wufeng' }, 'caseDispatched'],
      [{ kind: 'dept', deptId: 'slj' }, 'caseDispatched'],
    ]);
  });

  it('accept cancels the respond item; assign cancels the assign item', () => {
    const d = caseIn('dispatched');
    const a = tr(d, { type: 'accept' }, HANDLER, T0 + min(5));
    if (!a.ok) throw new Error();
    expect(a.case.clocks.acceptedAt).toBe(T0 + min(5));
    expect(ofType(a.effects, 'cancelDue')).toEqual([{ type: 'cancelDue', keys: [`case:case-1:respond:${T0}:0`] }]);
    expect(ofType(a.effects, 'schedule')).toEqual([]);
    const s = tr(a.case, { type: 'assign', person: { staffId: 'h-mao', name: '毛晓嘉' } }, HANDLER, T0 + min(20));
    if (!s.ok) throw new Error();
    expect(s.case.assignee).toEqual({ staffId: 'h-mao', name: '毛晓嘉' });
    expect(s.case.clocks.assignedAt).toBe(T0 + min(20));
    expect(ofType(s.effects, 'cancelDue')).toEqual([{ type: 'cancelDue', keys: [`case:case-1:assign:${T0}:0`] }]);
    expect(ofType(s.effects, 'notify')).toEqual([{ type: 'notify', to: { kind: 'staff', staffId: 'h-mao' }, template: 'caseAssigned', data: { caseId: 'case-1' } }]);
  });

  it('extend moves the deadline, keeps the original and reschedules', () => {
    const h = caseIn('handling');
    const r = tr(h, { type: 'extend', reason: '等待材料', newDeadline: T0 + 5 * DAY }, HANDLER, T0 + DAY);
    if (!r.ok) throw new Error();
    expect(r.case.clocks.deadline).toBe(T0 + 5 * DAY);
    expect(r.case.clocks.originalDeadline).toBe(T0 + 3 * DAY);
    expect(r.case.clocks.extensions).toEqual([{ reason: '等待材料', from: T0 + 3 * DAY, to: T0 + 5 * DAY, by: 'h-mao', at: T0 + DAY, source: 'extend' }]);
    expect(ofType(r.effects, 'cancelDue')[0].keys).toEqual([`case:case-1:nearDue:${T0 + 3 * DAY}:0`, `case:case-1:overdue:${T0 + 3 * DAY}:0`]);
    expect(ofType(r.effects, 'schedule').map((s) => s.item.key)).toEqual([`case:case-1:nearDue:${T0 + 5 * DAY}:0`, `case:case-1:overdue:${T0 + 5 * DAY}:0`]);
  });

  it('return then reroute: new street clocks, the handling deadline keeps running, hops kept', () => {
    const ret = run(caseIn('handling'), [[{ type: 'return', reason: '不属本街道' }, HANDLER, T0 + min(60)]]);
    expect(ret.case.state).toBe('returned');
    expect(ret.case.returnInfo).toEqual({ reason: '不属本街道', at: T0 + min(60), by: 'h-mao' });
    expect(ofType(ret.effects, 'notify').map((n) => n.template)).toEqual(['caseReturned']);
    const rr = run(ret.case, [[{ type: 'reroute', streetId: OTHER_STREET, reason: '按属地改派' }, CMD, T0 + min(90)]]);
    expect(rr.case).toMatchObject({ state: 'dispatched', streetId: OTHER_STREET, assignee: undefined });
    expect(rr.case.clocks).toMatchObject({ dispatchedAt: T0 + min(90), respondBy: T0 + min(100), acceptedAt: undefined, deadline: T0 + 3 * DAY });
    expect(rr.case.routing.map((h) => [h.kind, h.decision.streetId, h.decision.basis])).toEqual([
      ['route', 'wufeng', 'polygon'],
      ['reroute', OTHER_STREET, 'manual'],
    ]);
    expect(ofType(rr.effects, 'notify').map((n) => [n.to, n.template])).toEqual([
      [{ kind: 'streetHandlers', streetId: OTHER_STREET }, 'caseDispatched'],
      [{ kind: 'streetHandlers', streetId: 'wufeng' }, 'caseRerouted'],
    ]);
  });

  it('auto hard: re-routed twice', () => {
    const once = run(caseIn('dispatched'), [[{ type: 'reroute', streetId: OTHER_STREET, reason: '改派' }, CMD, T0 + min(5)]]).case;
    expect(once.flags.hard).toBeUndefined();
    const twice = run(once, [[{ type: 'reroute', streetId: 'wufeng', reason: '再改派' }, CMD, T0 + min(9)]]);
    expect(twice.case.flags.hard).toMatchObject({ auto: 'rerouted', reason: '多次改派', by: 'system' });
    expect(twice.case.version).toBe(once.version + 1);
    expect(ofType(twice.effects, 'log').map((l) => l.entry.event)).toEqual(['reroute', 'autoFlagHard']);
    expect(ofType(twice.effects, 'notify').some((n) => n.template === 'hardFlagged')).toBe(true);
  });

  it('auto hard: three departments called', () => {
    const place = { point: point(119.27, 26.09), address: '现场' };
    const c = run(caseIn('handling'), [
      [{ type: 'call', groupId: 'g1', deptIds: ['a', 'b'], what: '会商', place, meetAt: T0 + min(90) }, HANDLER, T0 + min(30)],
    ]).case;
    expect(c.flags.hard).toBeUndefined();
    expect(c.deptIds).toEqual(['a', 'b']);
    const r = run(c, [[{ type: 'call', groupId: 'g2', deptIds: ['b', 'c'], what: '再会商', place, meetAt: T0 + min(120) }, HANDLER, T0 + min(40)]]);
    expect(r.case.deptIds).toEqual(['a', 'b', 'c']);
    expect(r.case.callGroupIds).toEqual(['g1', 'g2']);
    expect(r.case.flags.hard).toMatchObject({ auto: 'multiDept' });
  });

  it('auto hard: overdue', () => {
    const r = run(caseIn('handling'), [[{ type: 'markOverdue' }, SYS, T0 + 3 * DAY]]);
    expect(r.case.flags.overdue).toEqual({ at: T0 + 3 * DAY, deadline: T0 + 3 * DAY });
    expect(r.case.flags.hard).toMatchObject({ auto: 'overdue', reason: '逾期未办结' });
    expect(ofType(r.effects, 'notify').map((n) => [n.to.kind, n.template])).toEqual([
      ['staff', 'overdue'],
      ['streetLeaders', 'overdue'],
      ['command', 'overdue'],
      ['rota', 'hardFlagged'],
    ]);
    expect(ofType(r.effects, 'schedule')).toEqual([]);
  });

  it('auto hard can be switched off by policy', () => {
    const r = transition(caseIn('handling'), { type: 'markOverdue' }, { actor: SYS, now: T0 + 3 * DAY, policy: slaPolicy({ autoHard: { overdue: false, reroutes: 99, depts: 99 } }) });
    if (!r.ok) throw new Error(r.code);
    expect(r.case.flags.overdue).toBeDefined();
    expect(r.case.flags.hard).toBeUndefined();
  });

  it('verify fail → rework round, new deadline items', () => {
    const r = run(caseIn('resolved'), [[{ type: 'verify', pass: false, note: '灯仍不亮' }, CMD, T0 + DAY]]);
    expect(r.case).toMatchObject({ state: 'handling', reworkCount: 1, verification: { pass: false, note: '灯仍不亮' } });
    expect(r.case.clocks.resolvedAt).toBeUndefined();
    expect(ofType(r.effects, 'schedule').map((s) => s.item.key)).toEqual([`case:case-1:nearDue:${T0 + 3 * DAY}:1`, `case:case-1:overdue:${T0 + 3 * DAY}:1`]);
    expect(ofType(r.effects, 'notify')).toEqual([{ type: 'notify', to: { kind: 'staff', staffId: 'h-mao' }, template: 'verifyFailed', data: { caseId: 'case-1', note: '灯仍不亮' } }]);
  });

  it('closing asks the citizen to rate; 不满意 reopens (返工 counted), a later round may be rated again', () => {
    const closed = run(caseIn('resolved'), [[{ type: 'verify', pass: true }, CMD, T0 + DAY]]);
    expect(closed.case.clocks.closedAt).toBe(T0 + DAY);
    expect(ofType(closed.effects, 'notify').map((n) => n.template)).toEqual(['caseClosed', 'rateRequest']);
    const reopened = run(closed.case, [[{ type: 'rate', level: 'dissatisfied', reason: '灯又坏了' }, CIT, T0 + 2 * DAY]]);
    expect(reopened.case).toMatchObject({ state: 'handling', reworkCount: 1, satisfaction: { level: 'dissatisfied', round: 0 } });
    expect(reopened.case.clocks.closedAt).toBeUndefined();
    const again = run(reopened.case, [
      [{ type: 'resolve', result: '更换灯具', photos: ['cloud://r2'] }, HANDLER, T0 + 2 * DAY + min(60)],
      [{ type: 'verify', pass: true }, CMD, T0 + 2 * DAY + min(120)],
      [{ type: 'rate', level: 'satisfied' }, CIT, T0 + 2 * DAY + min(180)],
    ]);
    expect(again.case).toMatchObject({ state: 'closed', reworkCount: 1, satisfaction: { level: 'satisfied', round: 1 } });
    expect(again.case.satisfactionHistory.map((s) => s.level)).toEqual(['dissatisfied', 'satisfied']);
  });

  it('a case without a citizen openid (12345) asks the command centre for the phone 回访', () => {
    const c = { ...caseIn('resolved'), reporter: { name: '张先生', phone: '13800000000' } };
    const r = run(c, [[{ type: 'verify', pass: true }, CMD, T0 + DAY]]);
    expect(ofType(r.effects, 'notify')).toEqual([{ type: 'notify', to: { kind: 'command' }, template: 'rateRequest', data: { caseId: 'case-1' } }]);
  });

  it('nothing closes merely because someone replied: notes never leave the state', () => {
    for (const s of ['dispatched', 'accepted', 'handling', 'resolved'] as const) {
      const r = run(caseIn(s), [[{ type: 'note', text: '已回复群众', photos: [] }, CMD, T0 + min(30)]]);
      expect(r.case.state).toBe(s);
    }
  });

  it('duplicate links to its master and cancels every due item', () => {
    const r = run(caseIn('handling'), [[{ type: 'markDuplicate', masterId: 'case-0', reason: '同一路灯' }, CMD, T0 + min(30)]]);
    expect(r.case).toMatchObject({ state: 'duplicate', flags: { duplicateOf: 'case-0' }, closeReason: '同一路灯' });
    expect(ofType(r.effects, 'linkDuplicate')).toEqual([{ type: 'linkDuplicate', caseId: 'case-1', masterId: 'case-0' }]);
    expect(ofType(r.effects, 'cancelDue')[0].keys.map((k) => k.split(':')[2])).toEqual(['nearDue', 'overdue']);
  });

  it('grid platform: resolved result waits for 核查; rejection goes to triage with a hop', () => {
    const f = caseIn('forwarded');
    expect(f.forwardRef).toBe('G-1');
    const ok = run(f, [[{ type: 'forwardResult', outcome: 'resolved', result: '已清理' }, SYS, T0 + DAY]]);
    expect(ok.case).toMatchObject({ state: 'resolved', resolution: { source: 'grid', result: '已清理' } });
    const back = run(f, [[{ type: 'forwardResult', outcome: 'rejected', result: '非网格事项' }, SYS, T0 + DAY]]);
    expect(back.case.state).toBe('triage');
    expect(back.case.routing.map((h) => h.kind)).toEqual(['route', 'forwardBack']);
    // forwarded to the grid on purpose: gridDecision
    expect(back.case.routing[0].decision).toEqual(gridDecision);
  });

  it('decideHard moves the deadline as a recorded extension and involves the department', () => {
    const c = hard(caseIn('handling'));
    const r = run(c, [[{ type: 'decideHard', deptId: DEPT, personId: 'p-wang', personName: '王工', deadline: T0 + 13 * DAY, note: '市政所负责增设路灯' }, LEADER, T0 + DAY]]);
    expect(r.case.flags.hard).toMatchObject({ decidedBy: 'l-1', decision: { deptId: DEPT, personId: 'p-wang', deadline: T0 + 13 * DAY, at: T0 + DAY } });
    expect(r.case.deptIds).toEqual([DEPT]);
    expect(r.case.clocks).toMatchObject({ deadline: T0 + 13 * DAY, originalDeadline: T0 + 3 * DAY });
    expect(r.case.clocks.extensions).toEqual([{ reason: '市政所负责增设路灯', from: T0 + 3 * DAY, to: T0 + 13 * DAY, by: 'l-1', at: T0 + DAY, source: 'hardDecision' }]);
    expect(ofType(r.effects, 'notify').map((n) => [n.to, n.template])).toEqual([
      [{ kind: 'dept', deptId: DEPT }, 'hardDecided'],
      [{ kind: 'staff', staffId: 'p-wang' }, 'hardDecided'],
      [{ kind: 'staff', staffId: 'h-mao' }, 'hardDecided'],
    ]);
  });
});

