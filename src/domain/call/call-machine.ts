/**
 * The call lifecycle (一线呼叫 → 一线报到 → 处置 → 评价), one table like the case machine:
 * state → event → { target, permits, guard?, effects }. `callTransition` is pure.
 */
import { deptPerformanceRecords, callAccuracyRecords, type CaseFacts } from '../assessment/assessment-records';
import type { ScoringFormula } from '../assessment/assessment-formula';
import type { PostChain } from '../assessment/assessment-types';
import type { Person } from '../case/case-types';
import type { CallAccuracyLevel, CallReasonCode, DeptRatingLevel, DeptReasonCode } from '../rating/rating-types';
import { checkCallRating, checkDeptRating } from '../rating/rating-rules';
import { CALL_ACCURACY_LEVELS, DEPT_RATING_LEVELS } from '../rating/rating-codes';
import type { Actor, Role } from '../common/actor-types';
import { formatBusiness, MINUTE_MS } from '../common/business-time';
import { formatMinutesOff, neutralLabel } from '../common/format';
import type { DueItem, CallDueKind } from '../common/due-types';
import type { Effect, LogEntry, TemplateKey } from '../common/effect-types';
import type { GeoPoint, Place } from '../common/geo-distance';
import { refuse, type Refusal } from '../common/result-types';
import { CHECKIN_STATUS_LABELS, DEFAULT_CHECKIN_RULE, verifyCheckIn, type CheckInRule, type CheckInVerdict } from './call-checkin';
import { CALL_STATES, isCallOpen, type CallRecord, type CallState } from './call-types';

export type CallEvent =
  | { type: 'acknowledge' }
  /** the server passes the device location; the time is the server's clock (ctx.now) */
  | { type: 'checkIn'; location: GeoPoint }
  | { type: 'recordAction'; text: string; photos: string[] }
  /** 会商: the responsible department agreed on site (apply to every call of the group) */
  | { type: 'consult'; responsibleDeptId: string; note?: string; /** its name (the server resolves it): log lines carry names, never ids */ responsibleDeptName?: string }
  | { type: 'markAbsent' }
  /** the timer, when the grace period after an accepted check-in passed with no action recorded */
  | { type: 'markNoAction' }
  | { type: 'rateByStreet'; level: DeptRatingLevel; reasons: DeptReasonCode[]; note?: string }
  | { type: 'rateByDept'; level: CallAccuracyLevel; reasons: CallReasonCode[]; note?: string }
  | { type: 'cancel'; reason: string };

export type CallEventType = CallEvent['type'];
type EventOf<T extends CallEventType> = Extract<CallEvent, { type: T }>;

export const CALL_EVENT_LABELS: Record<CallEventType, string> = {
  acknowledge: '响应呼叫',
  checkIn: '到场报到',
  recordAction: '填报处置情况',
  consult: '会商确定责任部门',
  markAbsent: '未到场',
  markNoAction: '报到后未填报处置情况',
  rateByStreet: '街镇评价部门',
  rateByDept: '部门评价呼叫',
  cancel: '取消呼叫',
};
export const CALL_EVENT_TYPES = Object.keys(CALL_EVENT_LABELS) as CallEventType[];

export type CallRelation = 'any' | 'ownDept' | 'callerStreet';
export type CallPermits = Partial<Record<Role, CallRelation>>;

export const CALL_RELATION_CHECKS: Record<CallRelation, (c: CallRecord, a: Actor) => boolean> = {
  any: () => true,
  ownDept: (c, a) => !!a.deptId && a.deptId === c.deptId,
  callerStreet: (c, a) => !!a.streetId && a.streetId === c.streetId,
};

export interface CallContext {
  actor: Actor;
  now: number;
  rule?: CheckInRule;
  where?: { lng: number; lat: number; address?: string };
  expectedVersion?: number;
  /** needed by rateByStreet: the called department's post chain and the case facts (assessment records) */
  assessment?: { chain: PostChain; facts: CaseFacts; formula?: ScoringFormula };
  /** rateByDept may pass a formula too */
  formula?: ScoringFormula;
}

type Ctx = CallContext & { rule: CheckInRule; role: Role };

interface Step {
  next: CallRecord;
  effects: Effect[];
  what?: string;
  data?: Record<string, unknown>;
  verdict?: CheckInVerdict;
}

export interface CallTransitionSpec<T extends CallEventType> {
  target: CallState | ((c: CallRecord, e: EventOf<T>, ctx: Ctx) => CallState);
  targets?: readonly CallState[];
  permits: CallPermits;
  /** preconditions on the call alone: also decide whether the event is offered (`availableCallEvents`) */
  ready?: (c: CallRecord) => Refusal | null;
  guard?: (c: CallRecord, e: EventOf<T>, ctx: Ctx) => Refusal | null;
  effects: (c: CallRecord, e: EventOf<T>, ctx: Ctx) => Step;
}

export type CallMachine = { [S in CallState]: { [T in CallEventType]?: CallTransitionSpec<T> } };

export type CallTransitionResult =
  | { ok: true; call: CallRecord; effects: Effect[]; role: Role; verdict?: CheckInVerdict }
  | Refusal;

const DEPT: CallPermits = { dept: 'ownDept', deptLeader: 'ownDept' };
const STREET: CallPermits = { handler: 'callerStreet', community: 'callerStreet' };
const SYSTEM: CallPermits = { system: 'any' };

const blank = (s: string | undefined) => !s || s.trim().length === 0;
const need = (cond: boolean, code: string, message: string): Refusal | null => (cond ? null : refuse(code, message));
const toStreet = (c: CallRecord, template: TemplateKey): Effect => ({ type: 'notify', to: { kind: 'staff', staffId: c.caller.staffId }, template, data: { callId: c.id, caseId: c.caseId } });
const toDept = (c: CallRecord, template: TemplateKey): Effect => ({ type: 'notify', to: { kind: 'dept', deptId: c.deptId }, template, data: { callId: c.id, caseId: c.caseId, meetAt: formatBusiness(c.meetAt), address: c.place.address } });

// ───────────────────────────── due items ─────────────────────────────
export function callDueKey(callId: string, kind: CallDueKind, meetAt: number): string {
  return `call:${callId}:${kind}:${meetAt}`;
}

/**
 * Due items the call needs now: before a check-in, a reminder before the meeting and the absent check after the
 * window; after an accepted check-in, the end of the grace period for recording what was done.
 */
export function dueItemsForCall(c: CallRecord, rule: CheckInRule = DEFAULT_CHECKIN_RULE): DueItem[] {
  const item = (kind: CallDueKind, dueAt: number): DueItem => ({ key: callDueKey(c.id, kind, c.meetAt), kind, caseId: c.caseId, callId: c.id, dueAt, ref: c.meetAt, round: 0 });
  if (c.state === 'checkedIn' && c.checkIn) return [item('noAction', noActionDueAt(c, rule))];
  if (c.state !== 'created' && c.state !== 'acknowledged') return [];
  const items: DueItem[] = [];
  const remindAt = c.meetAt - rule.reminderLeadMin * MINUTE_MS;
  if (remindAt > c.createdAt) items.push(item('checkinReminder', remindAt));
  // a check-in at exactly the window's end still counts (late), so absence is due the instant after it
  items.push(item('absent', c.meetAt + rule.absentAfterMin * MINUTE_MS + 1));
  return items;
}

export type CallDueOutcome = { run: false; reason: 'notYetDue' | 'stale' } | { run: true; effects: Effect[]; event?: CallEvent };

/** What a call's due item means now (stale when the call moved on). */
export function onCallDue(c: CallRecord, item: DueItem, now: number, rule: CheckInRule = DEFAULT_CHECKIN_RULE): CallDueOutcome {
  if (now < item.dueAt) return { run: false, reason: 'notYetDue' };
  if (!dueItemsForCall(c, rule).some((d) => d.key === item.key)) return { run: false, reason: 'stale' };
  if (item.kind === 'absent') return { run: true, effects: [], event: { type: 'markAbsent' } };
  if (item.kind === 'noAction') return { run: true, effects: [], event: { type: 'markNoAction' } };
  return { run: true, effects: [{ ...toDept(c, 'checkinReminder'), dedupeKey: item.key } as Effect] };
}

// ───────────────────────────── creation ─────────────────────────────
export interface NewCallGroup {
  groupId: string;
  caseId: string;
  streetId: string;
  caller: Person;
  deptIds: string[];
  what: string;
  place: Place;
  meetAt: number;
}

export const callId = (groupId: string, deptId: string) => `${groupId}-${deptId}`;

/** One call per department of the group (ids are deterministic: re-creating the group is idempotent). */
export function createCalls(input: NewCallGroup, ctx: { actor: Actor; now: number; rule?: CheckInRule }): { calls: CallRecord[]; effects: Effect[] } {
  const rule = ctx.rule ?? DEFAULT_CHECKIN_RULE;
  const role: Role = ctx.actor.roles.find((r) => r === 'handler' || r === 'community') ?? ctx.actor.roles[0] ?? 'handler';
  const calls: CallRecord[] = Array.from(new Set(input.deptIds)).map((deptId) => ({
    id: callId(input.groupId, deptId),
    groupId: input.groupId,
    caseId: input.caseId,
    streetId: input.streetId,
    caller: input.caller,
    deptId,
    what: input.what,
    place: input.place,
    meetAt: input.meetAt,
    state: 'created',
    attempts: [],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 1,
  }));
  const effects: Effect[] = [];
  for (const c of calls) {
    effects.push(
      {
        type: 'log',
        entry: {
          subject: 'call',
          caseId: c.caseId,
          callId: c.id,
          event: 'create',
          what: `一线呼叫：${c.what}（${c.place.address}，${formatBusiness(c.meetAt)}）`,
          by: { id: ctx.actor.id, name: ctx.actor.name },
          role,
          at: ctx.now,
          to: 'created',
          version: 1,
          data: { deptId: c.deptId, meetAt: c.meetAt },
        },
      },
      toDept(c, 'callCreated'),
      ...dueItemsForCall(c, rule).map((item): Effect => ({ type: 'schedule', item })),
    );
  }
  return { calls, effects };
}

// ───────────────────────────── transitions ─────────────────────────────
const acknowledge: CallTransitionSpec<'acknowledge'> = {
  target: 'acknowledged',
  permits: DEPT,
  effects: (c, _e, ctx) => ({
    next: { ...c, acknowledgedAt: ctx.now, acknowledgedBy: ctx.actor.id },
    effects: [toStreet(c, 'callAcknowledged')],
  }),
};

const checkIn: CallTransitionSpec<'checkIn'> = {
  target: (c, e, ctx) => {
    const v = verifyCheckIn(c, { location: e.location, at: ctx.now }, ctx.rule);
    return v.accepted ? 'checkedIn' : v.status === 'absent' ? 'absent' : c.state;
  },
  targets: ['checkedIn', 'absent', 'created', 'acknowledged'],
  permits: DEPT,
  effects: (c, e, ctx) => {
    const verdict = verifyCheckIn(c, { location: e.location, at: ctx.now }, ctx.rule);
    const record = { at: ctx.now, location: e.location, by: ctx.actor.id, byName: ctx.actor.name, status: verdict.status, distanceM: verdict.distanceM, minutesOff: verdict.minutesOff };
    const next: CallRecord = {
      ...c,
      attempts: [...c.attempts, record],
      acknowledgedAt: c.acknowledgedAt ?? ctx.now,
      acknowledgedBy: c.acknowledgedBy ?? ctx.actor.id,
      ...(verdict.accepted ? { checkIn: record } : {}),
      ...(verdict.status === 'absent' ? { absentAt: ctx.now } : {}),
    };
    return {
      next,
      effects: verdict.accepted ? [toStreet(c, 'checkedIn')] : verdict.status === 'absent' ? [toStreet(c, 'callAbsent')] : [],
      what: `${CHECKIN_STATUS_LABELS[verdict.status]}（距离${Math.round(verdict.distanceM)}米，${formatMinutesOff(verdict.minutesOff)}）`,
      data: { ...verdict },
      verdict,
    };
  },
};

const recordAction: CallTransitionSpec<'recordAction'> = {
  target: 'actionRecorded',
  permits: DEPT,
  guard: (_c, e) => need(!blank(e.text), 'ACTION_REQUIRED', '请填写处置情况'),
  effects: (c, e, ctx) => ({
    next: { ...c, action: { text: e.text, photos: e.photos, at: ctx.now, by: ctx.actor.id } },
    effects: [toStreet(c, 'actionRecorded'), toStreet(c, 'rateCallRequest')],
    what: e.text,
    data: { photos: e.photos },
  }),
};

const consult: CallTransitionSpec<'consult'> = {
  target: (c) => c.state,
  permits: STREET,
  guard: (_c, e) => need(!blank(e.responsibleDeptId), 'RESPONSIBLE_REQUIRED', '请选择责任部门'),
  effects: (c, e, ctx) => ({
    next: { ...c, consultation: { responsibleDeptId: e.responsibleDeptId, note: e.note, at: ctx.now, by: ctx.actor.id } },
    effects: [],
    what: `责任部门 ${e.responsibleDeptName ?? neutralLabel(e.responsibleDeptId)}${e.note ? `：${e.note}` : ''}`,
  }),
};

const markAbsent: CallTransitionSpec<'markAbsent'> = {
  target: 'absent',
  permits: SYSTEM,
  guard: (c, _e, ctx) => need(ctx.now > c.meetAt + ctx.rule.absentAfterMin * MINUTE_MS, 'NOT_ABSENT_YET', '报到时间窗口尚未结束'),
  effects: (c, _e, ctx) => ({
    next: { ...c, absentAt: ctx.now },
    effects: [toStreet(c, 'callAbsent'), { type: 'notify', to: { kind: 'deptLeaders', deptId: c.deptId }, template: 'callAbsent', data: { callId: c.id, caseId: c.caseId } }],
  }),
};

/** The instant the grace period after the accepted check-in ends (the call becomes 报到未处置 just after it). */
export function noActionDueAt(c: CallRecord, rule: CheckInRule = DEFAULT_CHECKIN_RULE): number {
  return (c.checkIn?.at ?? c.meetAt) + rule.actionGraceMin * MINUTE_MS + 1;
}

const markNoAction: CallTransitionSpec<'markNoAction'> = {
  target: 'noAction',
  permits: SYSTEM,
  guard: (c, _e, ctx) => need(ctx.now >= noActionDueAt(c, ctx.rule), 'GRACE_NOT_OVER', '报到后填报处置情况的时限尚未结束'),
  effects: (c, _e, ctx) => ({
    next: { ...c, noActionAt: ctx.now },
    // the street is asked to rate: 只报到不干事 is now a rating it may give; the department's leaders are told
    effects: [toStreet(c, 'rateCallRequest'), { type: 'notify', to: { kind: 'deptLeaders', deptId: c.deptId }, template: 'callAbsent', data: { callId: c.id, caseId: c.caseId } }],
    what: `报到后${ctx.rule.actionGraceMin}分钟内未填报`,
  }),
};

const rateByStreet: CallTransitionSpec<'rateByStreet'> = {
  target: 'rated',
  permits: STREET,
  guard: (c, e, ctx) =>
    checkDeptRating(e) ??
    need(!!ctx.assessment, 'ASSESSMENT_CONTEXT_REQUIRED', '缺少考核所需的部门岗位信息') ??
    need(ctx.assessment?.chain.deptId === c.deptId, 'CHAIN_MISMATCH', '岗位信息与被呼叫部门不一致'),
  effects: (c, e, ctx) => {
    const next: CallRecord = { ...c, streetRating: { level: e.level, reasons: e.reasons, note: e.note, at: ctx.now, by: ctx.actor.id, byName: ctx.actor.name } };
    const a = ctx.assessment!;
    const records = deptPerformanceRecords(next, a.chain, a.facts, a.formula);
    return {
      next,
      effects: [{ type: 'writeAssessment', records }, { type: 'notify', to: { kind: 'dept', deptId: c.deptId }, template: 'callRated', data: { callId: c.id, level: DEPT_RATING_LEVELS[e.level] } }],
      what: DEPT_RATING_LEVELS[e.level],
      data: { level: e.level, reasons: e.reasons },
    };
  },
};

const rateByDept: CallTransitionSpec<'rateByDept'> = {
  target: (c) => c.state,
  permits: DEPT,
  ready: (c) => need(!c.deptRating, 'ALREADY_RATED', '已评价该呼叫'),
  guard: (_c, e) => checkCallRating(e),
  effects: (c, e, ctx) => {
    const next: CallRecord = { ...c, deptRating: { level: e.level, reasons: e.reasons, note: e.note, at: ctx.now, by: ctx.actor.id, byName: ctx.actor.name } };
    return {
      next,
      effects: [{ type: 'writeAssessment', records: callAccuracyRecords(next, ctx.formula) }, toStreet(c, 'callRated')],
      what: CALL_ACCURACY_LEVELS[e.level],
      data: { level: e.level, reasons: e.reasons },
    };
  },
};

const cancel: CallTransitionSpec<'cancel'> = {
  target: 'cancelled',
  permits: STREET,
  guard: (_c, e) => need(!blank(e.reason), 'REASON_REQUIRED', '请填写原因'),
  effects: (c, e, ctx) => ({
    next: { ...c, cancelled: { reason: e.reason, at: ctx.now, by: ctx.actor.id } },
    effects: [toDept(c, 'callCancelled')],
    what: e.reason,
  }),
};

// ───────────────────────────── THE TABLE ─────────────────────────────
export const CALL_MACHINE: CallMachine = {
  created: { acknowledge, checkIn, markAbsent, cancel },
  acknowledged: { checkIn, markAbsent, cancel, consult, rateByDept },
  checkedIn: { recordAction, markNoAction, cancel, consult, rateByDept },
  noAction: { recordAction, rateByStreet, consult, rateByDept },
  absent: { rateByStreet, consult, rateByDept },
  actionRecorded: { rateByStreet, consult, rateByDept },
  rated: { rateByDept, consult },
  cancelled: {},
};

export function allowedCallEvents(state: CallState): CallEventType[] {
  return Object.keys(CALL_MACHINE[state]) as CallEventType[];
}

function permittedRole(permits: CallPermits, c: CallRecord, actor: Actor): Role | undefined {
  return actor.roles.find((r) => {
    const rel = permits[r];
    return rel !== undefined && CALL_RELATION_CHECKS[rel](c, actor);
  });
}

/** Events this actor may fire on this call now: state, role and relation, and the call-only preconditions (`ready`). */
export function availableCallEvents(c: CallRecord, actor: Actor): CallEventType[] {
  return allowedCallEvents(c.state).filter((t) => {
    const spec = CALL_MACHINE[c.state][t]! as CallTransitionSpec<CallEventType>;
    return permittedRole(spec.permits, c, actor) !== undefined && !spec.ready?.(c);
  });
}

export function callTransition(c: CallRecord, event: CallEvent, context: CallContext): CallTransitionResult {
  if (context.expectedVersion !== undefined && context.expectedVersion !== c.version) {
    return refuse('VERSION_CONFLICT', '呼叫已被他人更新，请刷新后重试');
  }
  const spec = CALL_MACHINE[c.state][event.type] as CallTransitionSpec<CallEventType> | undefined;
  if (!spec) return refuse('EVENT_NOT_ALLOWED', `呼叫当前状态“${CALL_STATES[c.state].label}”不能进行“${CALL_EVENT_LABELS[event.type]}”`);
  if (!context.actor.roles.some((r) => spec.permits[r] !== undefined)) {
    return refuse('ROLE_FORBIDDEN', `您的角色无权进行“${CALL_EVENT_LABELS[event.type]}”`);
  }
  const role = permittedRole(spec.permits, c, context.actor);
  if (role === undefined) return refuse('RELATION_FORBIDDEN', '该呼叫不在您的职责范围内');
  const ctx: Ctx = { ...context, rule: context.rule ?? DEFAULT_CHECKIN_RULE, role };
  const refusal = spec.ready?.(c) ?? spec.guard?.(c, event as never, ctx);
  if (refusal) return refusal;
  const target = typeof spec.target === 'function' ? spec.target(c, event as never, ctx) : spec.target;
  const step = spec.effects(c, event as never, ctx);
  const version = c.version + 1;
  const next: CallRecord = { ...step.next, state: target, version, updatedAt: ctx.now };
  const label = CALL_EVENT_LABELS[event.type];
  const entry: LogEntry = {
    subject: 'call',
    caseId: c.caseId,
    callId: c.id,
    event: event.type,
    what: step.what ? `${label}：${step.what}` : label,
    by: { id: ctx.actor.id, name: ctx.actor.name },
    role,
    at: ctx.now,
    where: ctx.where,
    from: c.state,
    to: target,
    version,
    data: step.data,
  };
  const effects: Effect[] = [{ type: 'log', entry }, ...step.effects];
  const before = dueItemsForCall(c, ctx.rule);
  const after = dueItemsForCall(next, ctx.rule);
  const beforeKeys = new Set(before.map((d) => d.key));
  const afterKeys = new Set(after.map((d) => d.key));
  const cancelled = before.filter((d) => !afterKeys.has(d.key)).map((d) => d.key);
  if (cancelled.length > 0) effects.push({ type: 'cancelDue', keys: cancelled });
  for (const item of after) if (!beforeKeys.has(item.key)) effects.push({ type: 'schedule', item });
  return { ok: true, call: next, effects, role, ...(step.verdict ? { verdict: step.verdict } : {}) };
}

/** 会商 for a whole group: the same consultation recorded on every open-or-rated call of the group. */
export function consultGroup(calls: readonly CallRecord[], event: Extract<CallEvent, { type: 'consult' }>, ctx: CallContext): { ok: true; calls: CallRecord[]; effects: Effect[] } | Refusal {
  const out: CallRecord[] = [];
  const effects: Effect[] = [];
  for (const c of calls) {
    if (!CALL_MACHINE[c.state].consult) {
      out.push(c);
      continue;
    }
    const r = callTransition(c, event, { ...ctx, expectedVersion: undefined });
    if (!r.ok) return r;
    out.push(r.call);
    effects.push(...r.effects);
  }
  return { ok: true, calls: out, effects };
}

export { isCallOpen };
