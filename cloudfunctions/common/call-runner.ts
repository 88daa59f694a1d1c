/**
 * Applying a domain event to a stored call (mirrors case-runner): read → pure `callTransition` → one conditional
 * write (the call with its audit log and due items; assessment records in the same transaction) → notifications.
 * On a version conflict the call is re-read and the event re-decided.
 * 会商 (consult) changes every call of a group at once: `applyCallGroupEvent` writes them in one transaction.
 */
import { callTransition, consultGroup, type CallContext, type CallEvent } from '@domain/call/call-machine';
import { DEFAULT_CHECKIN_RULE, type CheckInVerdict } from '@domain/call/call-checkin';
import type { CallRecord } from '@domain/call/call-types';
import type { Actor } from '@domain/common/actor-types';
import type { Effect } from '@domain/common/effect-types';
import { refuse } from '@domain/common/result-types';
import { AppError, Errors } from './errors';
import { actorOf, type Caller } from './identity';
import { getOrg, unitName, type Org } from './org';
import { commit, getCallDoc, recordOf, type DocWrite, type StoredCall } from './repos/records';
import { callsOfGroup } from './repos/calls';
import { deliver } from './notify';

/** The event plus what some events need from outside the call (assessment context for ratings). */
export interface CallStep {
  event: CallEvent;
  context?: Pick<CallContext, 'assessment' | 'formula'>;
}

export interface CallEventOptions {
  expectedVersion?: number;
  where?: { lng: number; lat: number; address?: string };
  /** the actor, when not the caller (the timer acts as the system) */
  actor?: Actor;
  /** due keys handled by this step (timer) */
  markDone?: string[];
}

export interface AppliedCall {
  call: CallRecord;
  effects: Effect[];
  doc: StoredCall;
  actor: Actor;
  org: Org;
  verdict?: CheckInVerdict;
}

/** Fire `decide(call)` on the call `callId` as the caller. `decide` may read other documents (it runs again on a conflict). */
export async function applyCallEvent(
  caller: Caller | null,
  now: () => number,
  callId: string,
  decide: (c: CallRecord, org: Org, actor: Actor, at: number) => CallEvent | CallStep | Promise<CallEvent | CallStep>,
  opts: CallEventOptions = {},
): Promise<AppliedCall> {
  const org = await getOrg();
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = await getCallDoc(callId);
    const c = recordOf<CallRecord>(doc);
    const at = now();
    const actor = opts.actor ?? actorOf(caller as Caller, org, at, c.streetId);
    const d = await decide(c, org, actor, at);
    const step: CallStep = 'event' in d ? d : { event: d };
    const res = callTransition(c, step.event, {
      actor,
      now: at,
      rule: DEFAULT_CHECKIN_RULE,
      where: opts.where,
      expectedVersion: opts.expectedVersion,
      ...step.context,
    });
    if (!res.ok) throw new AppError(res.code, res.message);
    const write: DocWrite<CallRecord> = { coll: 'calls', before: doc, after: res.call };
    if (await commit([write], res.effects, { markDone: opts.markDone })) {
      await deliver(res.effects, org, at);
      return { call: res.call, effects: res.effects, doc, actor, org, verdict: res.verdict };
    }
  }
  throw Errors.conflict();
}

export async function groupCallDocs(groupId: string): Promise<StoredCall[]> {
  return callsOfGroup(groupId);
}

/**
 * 会商 on a whole group: the consultation is recorded on every call of the group that can take it, in one
 * transaction. Calls that cannot (not yet acknowledged, cancelled) are left as they are.
 */
export async function applyConsult(
  caller: Caller,
  now: () => number,
  groupId: string,
  event: Extract<CallEvent, { type: 'consult' }>,
  check?: (calls: CallRecord[], org: Org) => void,
  opts: { where?: { lng: number; lat: number; address?: string } } = {},
): Promise<{ calls: CallRecord[]; actor: Actor; org: Org }> {
  const org = await getOrg();
  for (let attempt = 0; attempt < 3; attempt++) {
    const docs = await groupCallDocs(groupId);
    if (!docs.length) throw Errors.notFound('呼叫组');
    const calls = docs.map((d) => recordOf<CallRecord>(d));
    const at = now();
    const actor = actorOf(caller, org, at, calls[0].streetId);
    const named = { ...event, responsibleDeptName: event.responsibleDeptName ?? unitName(org, event.responsibleDeptId) };
    const res = consultGroup(calls, named, { actor, now: at, rule: DEFAULT_CHECKIN_RULE, where: opts.where });
    if (!res.ok) throw new AppError(res.code, res.message);
    check?.(calls, org);
    const changed = res.calls.map((after, i) => ({ after, before: docs[i], same: after === calls[i] })).filter((x) => !x.same);
    if (!changed.length) {
      const r = refuse('EVENT_NOT_ALLOWED', '该组呼叫当前都不能进行会商（须先响应呼叫）');
      throw new AppError(r.code, r.message);
    }
    const writes: DocWrite<CallRecord>[] = changed.map((x) => ({ coll: 'calls', before: x.before, after: x.after }));
    if (await commit(writes, res.effects)) {
      await deliver(res.effects, org, at);
      return { calls: res.calls, actor, org };
    }
  }
  throw Errors.conflict();
}
