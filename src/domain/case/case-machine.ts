/**
 * The case lifecycle: ONE table, state → event → { target, permits, guard?, effects }.
 * `transition(case, event, ctx)` is pure: it returns the next case and the effects as data
 * (log, notify, schedule/cancel due items, link duplicate), or a refusal with a code and a Chinese message.
 *
 * Every accepted transition bumps `version` and emits one `log` effect (who, role, what, when, where).
 * After the step, automatic hard-case triggers (overdue / re-routed / several departments) are applied in
 * the same transition, and the due items are diffed: items the next case needs are scheduled, the ones it
 * no longer needs are cancelled.
 */
import { SATISFACTION_LEVELS } from '../rating/rating-codes';
import type { RoutingDecision } from '../routing/routing-types';
import type { Actor, Role } from '../common/actor-types';
import { formatBusiness, MINUTE_MS } from '../common/business-time';
import { neutralLabel } from '../common/format';
import type { Effect, LogEntry, Recipient, TemplateKey } from '../common/effect-types';
import { refuse, type Refusal } from '../common/result-types';
import { isCallEnded, type CallState } from '../call/call-types';
import { CASE_SIGHT } from '../access/visibility';
import { checkTime, type TimeField } from '../common/time-bounds';
import { deadlineFor, dueItemsForCase } from '../sla/sla-clock';
import { DEFAULT_SLA_POLICY, type CategoryClock, type SlaPolicy } from '../sla/sla-policy';
import { CASE_EVENT_LABELS, type CaseEvent, type CaseEventOf, type CaseEventType } from './case-events';
import { RELATION_CHECKS, type Relation } from './case-relations';
import { AUTO_HARD_LABELS, CASE_STATES, isOpen, type AutoHardReason, type CaseRecord, type CaseState } from './case-types';

export interface TransitionContext {
  actor: Actor;
  now: number;
  /** SLA policy (defaults: DEFAULT_SLA_POLICY) */
  policy?: SlaPolicy;
  /** the case category's clock; needed on the first dispatch (else the policy's default deadline) */
  category?: CategoryClock;
  /** where the actor was (device location), for the audit trail */
  where?: { lng: number; lat: number; address?: string };
  /** optimistic concurrency: refuse when the stored version moved on */
  expectedVersion?: number;
  /** the case's calls, for the events in `EVENTS_NEEDING_CALLS` (a case is resolved only when its calls ended) */
  calls?: ReadonlyArray<{ id: string; deptId: string; state: CallState }>;
}

/** Events whose guard looks at the case's calls: the server reads them (only when the case has called). */
export const EVENTS_NEEDING_CALLS: ReadonlySet<CaseEventType> = new Set<CaseEventType>(['resolve']);

export type TransitionResult =
  | { ok: true; case: CaseRecord; effects: Effect[]; role: Role }
  | Refusal;

/** Which roles may fire an event, and how each must relate to the case. */
export type Permits = Partial<Record<Role, Relation>>;

interface Step {
  next: CaseRecord;
  effects: Effect[];
  /** Chinese detail appended to the event label in the log */
  what?: string;
  data?: Record<string, unknown>;
}

type Ctx = Required<Pick<TransitionContext, 'actor' | 'now' | 'policy'>> & TransitionContext & { role: Role };

export interface TransitionSpec<T extends CaseEventType> {
  target: CaseState | ((c: CaseRecord, e: CaseEventOf<T>) => CaseState);
  /** every state `target` can yield (for documentation and the exhaustive tests) */
  targets?: readonly CaseState[];
  permits: Permits;
  /** preconditions on the case alone (no payload, no clock): also decide whether the event is offered (`availableEvents`) */
  ready?: (c: CaseRecord) => Refusal | null;
  guard?: (c: CaseRecord, e: CaseEventOf<T>, ctx: Ctx) => Refusal | null;
  effects: (c: CaseRecord, e: CaseEventOf<T>, ctx: Ctx, target: CaseState) => Step;
}

export type CaseMachine = { [S in CaseState]: { [T in CaseEventType]?: TransitionSpec<T> } };

// ───────────────────────────── permits ─────────────────────────────
const STREET: Permits = { handler: 'ownStreet', community: 'ownStreet' };
const STREET_OR_COMMAND: Permits = { ...STREET, command: 'any' };
const COMMAND: Permits = { command: 'any' };
const ROUTER: Permits = { system: 'any', command: 'any' };
const SYSTEM: Permits = { system: 'any' };
/** a note: whoever sees the case (src/domain/access), except the administrator and the system */
const NOTE: Permits = Object.fromEntries(
  Object.entries(CASE_SIGHT).filter(([role, rel]) => rel !== null && role !== 'admin' && role !== 'system'),
) as Permits;
/** before a street has the case (submitted, triage, forwarded, returned) */
const NOTE_UNROUTED: Permits = { citizen: 'ownReport', leader: 'streetOrDistrict', command: 'any' };
const FLAG_HARD: Permits = { handler: 'ownStreet', community: 'ownStreet', command: 'any' };
const DECIDE_HARD: Permits = { leader: 'onDuty' };
const VERIFY: Permits = { command: 'any', leader: 'streetOrDistrict' };
const RATE: Permits = { citizen: 'ownReport', command: 'any' };
const CLOSE_AS: Permits = { command: 'any' };
/** the reporting citizen, before the street has accepted the case (补充说明, 撤回) */
const REPORTER: Permits = { citizen: 'ownReport' };

// ───────────────────────────── helpers ─────────────────────────────
const blank = (s: string | undefined) => !s || s.trim().length === 0;
const notify = (to: Recipient, template: TemplateKey, data: Record<string, string | number>): Effect => ({ type: 'notify', to, template, data });
/** notices to the citizens following the case: its reporter and those who joined it (我也遇到了) */
const citizen = (c: CaseRecord, template: TemplateKey, data: Record<string, string | number> = {}): Effect[] =>
  [...(c.reporter.openid ? [c.reporter.openid] : []), ...(c.coReporters ?? [])].map((openid) => notify({ kind: 'citizen', openid }, template, { caseId: c.id, ...data }));
const streetHandlers = (streetId: string | undefined, template: TemplateKey, data: Record<string, string | number>): Effect[] =>
  streetId ? [notify({ kind: 'streetHandlers', streetId }, template, data)] : [];
const uniq = (xs: readonly string[]) => Array.from(new Set(xs));
export const rerouteCount = (c: CaseRecord): number => c.routing.filter((h) => h.kind === 'reroute').length;

/** Why the case should now be a hard case automatically, if at all (first matching reason). */
export function autoHardReason(c: CaseRecord, policy: SlaPolicy = DEFAULT_SLA_POLICY): AutoHardReason | undefined {
  if (c.flags.hard || !isOpen(c.state) || c.state === 'resolved') return undefined;
  if (policy.autoHard.overdue && c.flags.overdue) return 'overdue';
  if (rerouteCount(c) >= policy.autoHard.reroutes) return 'rerouted';
  if (c.deptIds.length >= policy.autoHard.depts) return 'multiDept';
  return undefined;
}

/** Fresh street clocks for a (re-)dispatch; the handling deadline starts at the first dispatch only. */
function dispatchClocks(c: CaseRecord, ctx: Ctx): CaseRecord['clocks'] {
  const now = ctx.now;
  const clocks = {
    ...c.clocks,
    dispatchedAt: now,
    respondBy: now + ctx.policy.respondMin * MINUTE_MS,
    assignBy: now + ctx.policy.assignMin * MINUTE_MS,
    acceptedAt: undefined,
    assignedAt: undefined,
  };
  if (clocks.deadline === undefined) {
    const deadline = deadlineFor(now, ctx.category, ctx.policy);
    clocks.startedAt = now;
    clocks.deadline = deadline;
    clocks.originalDeadline = deadline;
  }
  return clocks;
}

function hop(decision: RoutingDecision, ctx: Ctx, kind: 'route' | 'reroute' | 'forwardBack') {
  return { decision, at: ctx.now, by: ctx.actor.id, role: ctx.role, kind };
}

function dispatchTo(c: CaseRecord, decision: RoutingDecision, ctx: Ctx, kind: 'route' | 'reroute'): Step {
  const streetId = decision.streetId as string;
  const next: CaseRecord = {
    ...c,
    streetId,
    communityId: decision.communityId ?? c.communityId,
    routing: [...c.routing, hop(decision, ctx, kind)],
    assignee: undefined,
    returnInfo: undefined,
    clocks: dispatchClocks(c, ctx),
  };
  const related = uniq([
    ...(decision.trackerDeptId ? [decision.trackerDeptId] : []),
    ...(decision.assignments ?? []).map((a) => a.deptId),
  ]);
  const effects: Effect[] = [
    ...streetHandlers(streetId, 'caseDispatched', { caseId: c.id, respondBy: formatBusiness(next.clocks.respondBy as number) }),
    ...related.map((deptId) => notify({ kind: 'dept', deptId }, 'caseDispatched', { caseId: c.id })),
  ];
  if (kind === 'reroute' && c.streetId && c.streetId !== streetId) {
    effects.push(...streetHandlers(c.streetId, 'caseRerouted', { caseId: c.id }));
  }
  return { next, effects, what: decision.reason, data: { streetId, basis: decision.basis } };
}

function reopen(c: CaseRecord): CaseRecord {
  return { ...c, reworkCount: c.reworkCount + 1, clocks: { ...c.clocks, resolvedAt: undefined, closedAt: undefined } };
}

// ───────────────────────────── guards ─────────────────────────────
const need = (cond: boolean, code: string, message: string): Refusal | null => (cond ? null : refuse(code, message));
/** A time a person entered, within its bounds (time-bounds.ts): too early → `pastCode`, too far ahead → TIME_TOO_FAR. */
const timeGuard = (field: TimeField, value: number, now: number, pastCode: string): Refusal | null => {
  const r = checkTime(field, value, now);
  return r.ok ? null : refuse(r.why === 'past' ? pastCode : 'TIME_TOO_FAR', r.message);
};
const reasonGuard = (e: { reason: string }) => need(!blank(e.reason), 'REASON_REQUIRED', '请填写原因');

// ───────────────────────────── transitions (shared by several states) ─────────────────────────────
const dispatch: TransitionSpec<'dispatch'> = {
  target: 'dispatched',
  permits: ROUTER,
  guard: (_c, e) => need(e.decision.target === 'street' && !!e.decision.streetId, 'DECISION_NOT_STREET', '派单需要明确的街镇'),
  effects: (c, e, ctx) => dispatchTo(c, e.decision, ctx, 'route'),
};

const sendToTriage: TransitionSpec<'sendToTriage'> = {
  target: 'triage',
  permits: SYSTEM,
  guard: (_c, e) => need(e.decision.target === 'triage', 'DECISION_NOT_TRIAGE', '分派结果不是人工分派'),
  effects: (c, e, ctx) => ({
    next: { ...c, routing: [...c.routing, hop(e.decision, ctx, 'route')] },
    effects: [notify({ kind: 'command' }, 'caseTriage', { caseId: c.id })],
    what: e.decision.reason,
  }),
};

const forward: TransitionSpec<'forward'> = {
  target: 'forwarded',
  permits: ROUTER,
  guard: (_c, e) => need(e.decision.target === 'grid', 'DECISION_NOT_GRID', '分派结果不是网格化事项'),
  effects: (c, e, ctx) => ({
    next: { ...c, routing: [...c.routing, hop(e.decision, ctx, 'route')], forwardRef: e.ref ?? c.forwardRef },
    effects: citizen(c, 'caseForwarded'),
    what: e.decision.reason,
    data: { ref: e.ref },
  }),
};

const accept: TransitionSpec<'accept'> = {
  target: 'accepted',
  permits: STREET,
  effects: (c, _e, ctx) => ({
    next: { ...c, clocks: { ...c.clocks, acceptedAt: ctx.now } },
    effects: citizen(c, 'caseAccepted'),
  }),
};

const assign: TransitionSpec<'assign'> = {
  target: 'handling',
  permits: STREET,
  guard: (c, e) =>
    need(!blank(e.person.staffId), 'ASSIGNEE_REQUIRED', '请选择处置人') ??
    need(c.assignee?.staffId !== e.person.staffId, 'SAME_ASSIGNEE', '已是该处置人'),
  effects: (c, e, ctx) => ({
    next: { ...c, assignee: e.person, clocks: { ...c.clocks, assignedAt: c.clocks.assignedAt ?? ctx.now } },
    effects: [notify({ kind: 'staff', staffId: e.person.staffId }, 'caseAssigned', { caseId: c.id })],
    what: e.person.name,
    data: { staffId: e.person.staffId },
  }),
};

const note: TransitionSpec<'note'> = {
  target: (c) => c.state,
  permits: NOTE,
  guard: (_c, e) => need(!blank(e.text) || e.photos.length > 0, 'NOTE_EMPTY', '请填写内容或上传照片'),
  effects: (c, e) => ({ next: c, effects: [], what: e.text, data: { photos: e.photos } }),
};

const call: TransitionSpec<'call'> = {
  target: 'handling',
  permits: STREET,
  guard: (c, e, ctx) =>
    need(e.deptIds.length > 0, 'CALL_NO_DEPT', '请选择被呼叫部门') ??
    need(!c.callGroupIds.includes(e.groupId), 'CALL_DUPLICATE', '该呼叫已发起') ??
    timeGuard('meetAt', e.meetAt, ctx.now, 'MEET_IN_PAST') ??
    need(!blank(e.what), 'CALL_WHAT_REQUIRED', '请填写呼叫事项'),
  effects: (c, e) => ({
    next: { ...c, deptIds: uniq([...c.deptIds, ...e.deptIds]), callGroupIds: [...c.callGroupIds, e.groupId] },
    effects: [],
    what: `${e.what}（${e.place.address}，${formatBusiness(e.meetAt)}）`,
    data: { groupId: e.groupId, deptIds: e.deptIds, meetAt: e.meetAt },
  }),
};

const extend: TransitionSpec<'extend'> = {
  target: (c) => c.state,
  permits: STREET_OR_COMMAND,
  guard: (c, e, ctx) =>
    reasonGuard(e) ??
    need(c.clocks.deadline !== undefined, 'NO_DEADLINE', '该事项尚无办理期限') ??
    need(ctx.now < (c.clocks.deadline as number), 'EXTEND_AFTER_DEADLINE', '已超过办理期限，不能再申请延期') ??
    need(e.newDeadline > (c.clocks.deadline as number), 'EXTEND_NOT_LATER', '延期后的期限必须晚于当前期限') ??
    timeGuard('deadline', e.newDeadline, ctx.now, 'DEADLINE_IN_PAST'),
  effects: (c, e, ctx) => {
    const from = c.clocks.deadline as number;
    return {
      next: {
        ...c,
        clocks: {
          ...c.clocks,
          deadline: e.newDeadline,
          extensions: [...c.clocks.extensions, { reason: e.reason, from, to: e.newDeadline, by: ctx.actor.id, at: ctx.now, source: 'extend' }],
        },
      },
      effects: [notify({ kind: 'command' }, 'caseExtended', { caseId: c.id, deadline: formatBusiness(e.newDeadline) }), ...citizen(c, 'caseExtended', { deadline: formatBusiness(e.newDeadline) })],
      what: `${formatBusiness(from)} → ${formatBusiness(e.newDeadline)}：${e.reason}`,
      data: { from, to: e.newDeadline },
    };
  },
};

function hardEffects(c: CaseRecord, reason: string): Effect[] {
  return [notify({ kind: 'rota', streetId: c.streetId }, 'hardFlagged', { caseId: c.id, reason })];
}

const notHard = (c: CaseRecord) => need(!c.flags.hard, 'ALREADY_HARD', '已是疑难件');

const flagHard: TransitionSpec<'flagHard'> = {
  target: (c) => c.state,
  permits: FLAG_HARD,
  ready: notHard,
  guard: (_c, e) => reasonGuard(e),
  effects: (c, e, ctx) => ({
    next: { ...c, flags: { ...c.flags, hard: { by: ctx.actor.id, role: ctx.role, at: ctx.now, reason: e.reason } } },
    effects: hardEffects(c, e.reason),
    what: e.reason,
  }),
};

const autoFlagHard: TransitionSpec<'autoFlagHard'> = {
  target: (c) => c.state,
  permits: SYSTEM,
  ready: notHard,
  effects: (c, e, ctx) => {
    const reason = e.detail ? `${AUTO_HARD_LABELS[e.reason]}：${e.detail}` : AUTO_HARD_LABELS[e.reason];
    return {
      next: { ...c, flags: { ...c.flags, hard: { by: ctx.actor.id, role: ctx.role, at: ctx.now, reason, auto: e.reason } } },
      effects: hardEffects(c, reason),
      what: reason,
    };
  },
};

const decideHard: TransitionSpec<'decideHard'> = {
  target: (c) => c.state,
  permits: DECIDE_HARD,
  ready: (c) => need(!!c.flags.hard, 'NOT_HARD', '该事项不是疑难件'),
  guard: (_c, e, ctx) =>
    need(!blank(e.deptId) && !blank(e.personId), 'DECISION_INCOMPLETE', '请明确责任部门和责任人') ??
    timeGuard('deadline', e.deadline, ctx.now, 'DEADLINE_IN_PAST'),
  effects: (c, e, ctx) => {
    const from = c.clocks.deadline;
    const decision = { deptId: e.deptId, personId: e.personId, personName: e.personName, deadline: e.deadline, note: e.note, at: ctx.now };
    const hard = { ...c.flags.hard!, decidedBy: ctx.actor.id, decision };
    const extensions = from === undefined || from === e.deadline
      ? c.clocks.extensions
      : [...c.clocks.extensions, { reason: e.note ?? '疑难件研判确定期限', from, to: e.deadline, by: ctx.actor.id, at: ctx.now, source: 'hardDecision' as const }];
    const next: CaseRecord = {
      ...c,
      deptIds: uniq([...c.deptIds, e.deptId]),
      flags: { ...c.flags, hard },
      clocks: { ...c.clocks, deadline: e.deadline, originalDeadline: c.clocks.originalDeadline ?? e.deadline, extensions },
    };
    const data = { caseId: c.id, deadline: formatBusiness(e.deadline) };
    return {
      next,
      effects: [
        notify({ kind: 'dept', deptId: e.deptId }, 'hardDecided', data),
        notify({ kind: 'staff', staffId: e.personId }, 'hardDecided', data),
        ...(c.assignee ? [notify({ kind: 'staff', staffId: c.assignee.staffId }, 'hardDecided', data)] : []),
      ],
      what: `责任部门 ${e.deptName ?? neutralLabel(e.deptId)}，责任人 ${e.personName ?? neutralLabel(e.personId)}，期限 ${formatBusiness(e.deadline)}`,
      data: { deptId: e.deptId, personId: e.personId, deadline: e.deadline },
    };
  },
};

const returnCase: TransitionSpec<'return'> = {
  target: 'returned',
  permits: STREET,
  guard: (_c, e) => reasonGuard(e),
  effects: (c, e, ctx) => ({
    next: { ...c, returnInfo: { reason: e.reason, at: ctx.now, by: ctx.actor.id } },
    effects: [notify({ kind: 'command' }, 'caseReturned', { caseId: c.id, reason: e.reason })],
    what: e.reason,
  }),
};

const reroute: TransitionSpec<'reroute'> = {
  target: 'dispatched',
  permits: COMMAND,
  guard: (c, e) =>
    reasonGuard(e) ??
    need(!blank(e.streetId), 'STREET_REQUIRED', '请选择街镇') ??
    need(c.state === 'returned' || e.streetId !== c.streetId, 'SAME_STREET', '改派的街镇与当前相同'),
  effects: (c, e, ctx) =>
    dispatchTo(c, { target: 'street', basis: 'manual', streetId: e.streetId, communityId: e.communityId, reason: e.reason }, ctx, 'reroute'),
};

/** Every call ends before the case is resolved (docs/REQUIREMENTS.md "Decisions"): refuse while any has not. */
function callsEnded(ctx: TransitionContext): Refusal | null {
  const open = (ctx.calls ?? []).filter((k) => !isCallEnded(k.state));
  return need(open.length === 0, 'CALLS_OPEN', `还有${open.length}个呼叫未结束（部门尚未到场或处置），请等待部门处置，或先取消呼叫并说明原因`);
}

const resolve: TransitionSpec<'resolve'> = {
  target: 'resolved',
  permits: STREET,
  guard: (_c, e, ctx) =>
    need(!blank(e.result), 'RESULT_REQUIRED', '请填写办理结果') ??
    need(e.photos.length >= 1, 'EVIDENCE_REQUIRED', '请至少上传1张办结照片') ??
    callsEnded(ctx),
  effects: (c, e, ctx) => ({
    next: {
      ...c,
      resolution: { result: e.result, photos: e.photos, at: ctx.now, by: ctx.actor.id, source: 'handler' },
      clocks: { ...c.clocks, resolvedAt: ctx.now },
    },
    effects: [notify({ kind: 'command' }, 'caseResolved', { caseId: c.id })],
    what: e.result,
    data: { photos: e.photos },
  }),
};

const verify: TransitionSpec<'verify'> = {
  target: (_c, e) => (e.pass ? 'closed' : 'handling'),
  targets: ['closed', 'handling'],
  permits: VERIFY,
  guard: (c, e) =>
    need(e.pass || !blank(e.note), 'NOTE_REQUIRED', '核查不通过须说明原因') ??
    need(e.pass || !!c.assignee, 'NO_ASSIGNEE', '返工需要处置人（请先改派）'),
  effects: (c, e, ctx) => {
    const verification = { pass: e.pass, note: e.note, at: ctx.now, by: ctx.actor.id };
    if (e.pass) {
      return {
        next: { ...c, verification, clocks: { ...c.clocks, closedAt: ctx.now } },
        effects: [
          ...citizen(c, 'caseClosed'),
          ...(c.reporter.openid ? citizen(c, 'rateRequest') : [notify({ kind: 'command' }, 'rateRequest', { caseId: c.id })]),
        ],
        what: '通过',
      };
    }
    return {
      next: { ...reopen(c), verification },
      effects: c.assignee ? [notify({ kind: 'staff', staffId: c.assignee.staffId }, 'verifyFailed', { caseId: c.id, note: e.note ?? '' })] : [],
      what: `不通过：${e.note ?? ''}`,
    };
  },
};

const rate: TransitionSpec<'rate'> = {
  target: (_c, e) => (e.level === 'dissatisfied' ? 'handling' : 'closed'),
  targets: ['closed', 'handling'],
  permits: RATE,
  ready: (c) => need(c.satisfaction?.round !== c.reworkCount, 'ALREADY_RATED', '本次办理已评价'),
  guard: (c, e) =>
    need(e.level !== 'dissatisfied' || !blank(e.reason), 'REASON_REQUIRED', '选择不满意时请说明原因') ??
    need(e.level !== 'dissatisfied' || !!c.assignee, 'NO_ASSIGNEE', '重办需要处置人'),
  effects: (c, e, ctx) => {
    const record = { level: e.level, reason: e.reason, at: ctx.now, by: ctx.actor.id, round: c.reworkCount };
    const rated = { ...c, satisfaction: record, satisfactionHistory: [...c.satisfactionHistory, record] };
    const what = e.reason ? `${SATISFACTION_LEVELS[e.level]}：${e.reason}` : SATISFACTION_LEVELS[e.level];
    if (e.level !== 'dissatisfied') return { next: rated, effects: [], what };
    return {
      next: reopen(rated),
      effects: [
        notify({ kind: 'staff', staffId: c.assignee!.staffId }, 'caseReopened', { caseId: c.id }),
        ...(c.streetId ? [notify({ kind: 'streetLeaders', streetId: c.streetId }, 'caseReopened', { caseId: c.id })] : []),
      ],
      what,
    };
  },
};

const markDuplicate: TransitionSpec<'markDuplicate'> = {
  target: 'duplicate',
  permits: ROUTER,
  guard: (c, e) => reasonGuard(e) ?? need(!blank(e.masterId) && e.masterId !== c.id, 'SELF_DUPLICATE', '不能与自身合并'),
  effects: (c, e, ctx) => ({
    next: { ...c, flags: { ...c.flags, duplicateOf: e.masterId }, closeReason: e.reason, clocks: { ...c.clocks, closedAt: ctx.now } },
    effects: [{ type: 'linkDuplicate', caseId: c.id, masterId: e.masterId }, ...citizen(c, 'caseDuplicate', { masterId: e.masterId })],
    what: `并入 ${e.masterId}：${e.reason}`,
  }),
};

const closeInvalid: TransitionSpec<'closeInvalid'> = {
  target: 'invalid',
  permits: CLOSE_AS,
  guard: (_c, e) => reasonGuard(e),
  effects: (c, e, ctx) => ({
    next: { ...c, closeReason: e.reason, clocks: { ...c.clocks, closedAt: ctx.now } },
    effects: citizen(c, 'caseInvalid', { reason: e.reason }),
    what: e.reason,
  }),
};

const forwardResult: TransitionSpec<'forwardResult'> = {
  target: (_c, e) => (e.outcome === 'resolved' ? 'resolved' : 'triage'),
  targets: ['resolved', 'triage'],
  permits: ROUTER,
  guard: (_c, e) => need(!blank(e.result), 'RESULT_REQUIRED', '请填写反馈内容'),
  effects: (c, e, ctx) => {
    if (e.outcome === 'resolved') {
      return {
        next: { ...c, resolution: { result: e.result, photos: e.photos ?? [], at: ctx.now, by: ctx.actor.id, source: 'grid' }, clocks: { ...c.clocks, resolvedAt: ctx.now } },
        effects: [notify({ kind: 'command' }, 'caseResolved', { caseId: c.id })],
        what: `已办结：${e.result}`,
      };
    }
    const back: RoutingDecision = { target: 'triage', basis: 'none', reason: `网格化平台退回：${e.result}` };
    return {
      next: { ...c, routing: [...c.routing, hop(back, ctx, 'forwardBack')] },
      effects: [notify({ kind: 'command' }, 'caseTriage', { caseId: c.id })],
      what: `退回：${e.result}`,
    };
  },
};

const markOverdue: TransitionSpec<'markOverdue'> = {
  target: (c) => c.state,
  permits: SYSTEM,
  guard: (c, _e, ctx) =>
    need(c.clocks.deadline !== undefined && ctx.now >= c.clocks.deadline, 'NOT_OVERDUE', '尚未到期') ??
    need(c.flags.overdue?.deadline !== c.clocks.deadline, 'ALREADY_OVERDUE', '已标记逾期'),
  effects: (c, _e, ctx) => {
    const deadline = c.clocks.deadline as number;
    const data = { caseId: c.id, deadline: formatBusiness(deadline) };
    return {
      next: { ...c, flags: { ...c.flags, overdue: { at: ctx.now, deadline } } },
      effects: [
        ...(c.assignee ? [notify({ kind: 'staff', staffId: c.assignee.staffId }, 'overdue', data)] : []),
        ...(c.streetId ? [notify({ kind: 'streetLeaders', streetId: c.streetId }, 'overdue', data)] : []),
        notify({ kind: 'command' }, 'overdue', data),
      ],
      what: `期限 ${formatBusiness(deadline)}`,
    };
  },
};

/** 补充说明: the reporter adds what they forgot (text and/or photos) while nobody has accepted the case yet. */
const supplement: TransitionSpec<'supplement'> = {
  target: (c) => c.state,
  permits: REPORTER,
  guard: (_c, e) => need(!blank(e.text) || e.photos.length > 0, 'NOTE_EMPTY', '请填写补充说明或上传照片'),
  effects: (c, e) => ({
    next: c,
    effects: streetHandlers(c.streetId, 'caseSupplemented', { caseId: c.id }),
    what: e.text || `补充照片${e.photos.length}张`,
    data: { photos: e.photos },
  }),
};

/**
 * 撤回: the reporter withdraws the report before the street accepts it. Closed as withdrawn — counted apart and left
 * out of the denominators of 结案率 and 按期结案率 (docs/REQUIREMENTS.md "Decisions"). The street that had it is told.
 */
const withdraw: TransitionSpec<'withdraw'> = {
  target: 'withdrawn',
  permits: REPORTER,
  effects: (c, e, ctx) => ({
    next: { ...c, closeReason: e.reason || '群众撤回', clocks: { ...c.clocks, closedAt: ctx.now } },
    effects: streetHandlers(c.streetId, 'caseWithdrawn', { caseId: c.id }),
    what: e.reason || undefined,
  }),
};

// ───────────────────────────── THE TABLE ─────────────────────────────
// Open states that are still in someone's hands; closing as duplicate/invalid, notes and hard flags apply there.
export const CASE_MACHINE: CaseMachine = {
  submitted: {
    supplement,
    withdraw,
    dispatch,
    sendToTriage,
    forward,
    note: { ...note, permits: NOTE_UNROUTED },
    flagHard: { ...flagHard, permits: COMMAND },
    autoFlagHard,
    markDuplicate,
    closeInvalid,
  },
  triage: {
    supplement,
    withdraw,
    dispatch: { ...dispatch, permits: COMMAND },
    forward: { ...forward, permits: COMMAND },
    note: { ...note, permits: NOTE_UNROUTED },
    flagHard: { ...flagHard, permits: COMMAND },
    autoFlagHard,
    markDuplicate: { ...markDuplicate, permits: COMMAND },
    closeInvalid,
    markOverdue,
  },
  forwarded: {
    forwardResult,
    note: { ...note, permits: NOTE_UNROUTED },
    markDuplicate: { ...markDuplicate, permits: COMMAND },
    closeInvalid,
  },
  dispatched: {
    supplement,
    withdraw,
    accept,
    return: returnCase,
    reroute,
    note,
    flagHard,
    autoFlagHard,
    markDuplicate: { ...markDuplicate, permits: COMMAND },
    closeInvalid,
    markOverdue,
  },
  accepted: {
    assign,
    return: returnCase,
    reroute,
    note,
    extend,
    flagHard,
    autoFlagHard,
    decideHard,
    markDuplicate: { ...markDuplicate, permits: COMMAND },
    closeInvalid,
    markOverdue,
  },
  handling: {
    assign,
    note,
    call,
    extend,
    flagHard,
    autoFlagHard,
    decideHard,
    return: returnCase,
    reroute,
    resolve,
    markDuplicate: { ...markDuplicate, permits: COMMAND },
    closeInvalid,
    markOverdue,
  },
  returned: {
    supplement,
    withdraw,
    reroute,
    note: { ...note, permits: NOTE_UNROUTED },
    flagHard: { ...flagHard, permits: COMMAND },
    autoFlagHard,
    markDuplicate: { ...markDuplicate, permits: COMMAND },
    closeInvalid,
    markOverdue,
  },
  resolved: {
    verify,
    note,
  },
  closed: {
    rate,
  },
  duplicate: {},
  invalid: {},
  withdrawn: {},
};

/** A closed case whose current round of handling the reporter has not rated yet (我的诉求 says 待评价). */
export function awaitsRating(c: Pick<CaseRecord, 'state' | 'satisfaction' | 'reworkCount'>): boolean {
  return c.state === 'closed' && c.satisfaction?.round !== c.reworkCount;
}

/** Events the table allows in a state (regardless of who asks). */
export function allowedEvents(state: CaseState): CaseEventType[] {
  return Object.keys(CASE_MACHINE[state]) as CaseEventType[];
}

/**
 * Events this actor may fire on this case now (for showing buttons): the state allows it, the actor's role and
 * relation permit it, and its preconditions on the case hold (`ready`; payload guards are left to the transition).
 */
export function availableEvents(c: CaseRecord, actor: Actor): CaseEventType[] {
  return allowedEvents(c.state).filter((t) => {
    const spec = CASE_MACHINE[c.state][t]! as TransitionSpec<CaseEventType>;
    return permittedRole(spec.permits, c, actor) !== undefined && !spec.ready?.(c);
  });
}

function permittedRole(permits: Permits, c: CaseRecord, actor: Actor): Role | undefined {
  return actor.roles.find((r) => {
    const rel = permits[r];
    return rel !== undefined && RELATION_CHECKS[rel](c, actor);
  });
}

function logEntry(c: CaseRecord, type: CaseEventType, what: string, ctx: Ctx, from: CaseState, to: CaseState, version: number, data?: Record<string, unknown>): LogEntry {
  return {
    subject: 'case',
    caseId: c.id,
    event: type,
    what,
    by: { id: ctx.actor.id, name: ctx.actor.name },
    role: ctx.role,
    at: ctx.now,
    where: ctx.where,
    from,
    to,
    version,
    data,
  };
}

/** The pure transition. */
export function transition(c: CaseRecord, event: CaseEvent, context: TransitionContext): TransitionResult {
  if (context.expectedVersion !== undefined && context.expectedVersion !== c.version) {
    return refuse('VERSION_CONFLICT', '事项已被他人更新，请刷新后重试');
  }
  const spec = CASE_MACHINE[c.state][event.type] as TransitionSpec<CaseEventType> | undefined;
  if (!spec) {
    return refuse('EVENT_NOT_ALLOWED', `当前状态“${CASE_STATES[c.state].label}”不能进行“${CASE_EVENT_LABELS[event.type]}”`);
  }
  const roleAllowed = context.actor.roles.some((r) => spec.permits[r] !== undefined);
  if (!roleAllowed) return refuse('ROLE_FORBIDDEN', `您的角色无权进行“${CASE_EVENT_LABELS[event.type]}”`);
  const role = permittedRole(spec.permits, c, context.actor);
  if (role === undefined) return refuse('RELATION_FORBIDDEN', '该事项不在您的职责范围内');

  const ctx: Ctx = { ...context, policy: context.policy ?? DEFAULT_SLA_POLICY, role };
  const e = event as CaseEventOf<CaseEventType>;
  const refusal = spec.ready?.(c) ?? spec.guard?.(c, e as never, ctx);
  if (refusal) return refusal;

  const target = typeof spec.target === 'function' ? spec.target(c, e as never) : spec.target;
  const step = spec.effects(c, e as never, ctx, target);
  const version = c.version + 1;
  let next: CaseRecord = { ...step.next, state: target, version, updatedAt: ctx.now };
  const label = CASE_EVENT_LABELS[event.type];
  const effects: Effect[] = [
    { type: 'log', entry: logEntry(c, event.type, step.what ? `${label}：${step.what}` : label, ctx, c.state, target, version, step.data) },
    ...step.effects,
  ];

  // automatic hard-case triggers, in the same transition (one version)
  const auto = autoHardReason(next, ctx.policy);
  if (auto) {
    const reason = AUTO_HARD_LABELS[auto];
    next = { ...next, flags: { ...next.flags, hard: { by: 'system', role: 'system', at: ctx.now, reason, auto } } };
    effects.push(
      {
        type: 'log',
        entry: {
          ...logEntry(c, 'autoFlagHard', `${CASE_EVENT_LABELS.autoFlagHard}：${reason}`, ctx, target, target, version),
          by: { id: 'system', name: '系统' },
          role: 'system',
        },
      },
      ...hardEffects(next, reason),
    );
  }

  // due items: schedule what the next case needs, cancel what it no longer needs
  const before = dueItemsForCase(c, ctx.policy);
  const after = dueItemsForCase(next, ctx.policy);
  const beforeKeys = new Set(before.map((d) => d.key));
  const afterKeys = new Set(after.map((d) => d.key));
  const cancelled = before.filter((d) => !afterKeys.has(d.key)).map((d) => d.key);
  if (cancelled.length > 0) effects.push({ type: 'cancelDue', keys: cancelled });
  for (const item of after) if (!beforeKeys.has(item.key)) effects.push({ type: 'schedule', item });

  return { ok: true, case: next, effects, role };
}
