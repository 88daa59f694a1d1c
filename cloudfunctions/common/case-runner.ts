/**
 * Applying a domain event to a stored case: read → pure transition → one conditional write (with the audit
 * log and due items) → notifications. On a version conflict the case is re-read and the event re-decided, so
 * two handlers accepting one order end with exactly one acceptance and a clear refusal for the other.
 */
import type { CaseRecord } from '@domain/case/case-types';
import type { CaseEvent } from '@domain/case/case-events';
import { EVENTS_NEEDING_CALLS, transition } from '@domain/case/case-machine';
import type { CallState } from '@domain/call/call-types';
import type { CategoryClock } from '@domain/sla/sla-policy';
import type { Actor } from '@domain/common/actor-types';
import type { Effect } from '@domain/common/effect-types';
import { AppError, Errors } from './errors';
import { getOrg, type Org } from './org';
import { actorOf, type Caller } from './identity';
import { commit, getCaseDoc, recordOf, type DocWrite, type StoredCase } from './repos/records';
import { callsOfCase } from './repos/calls';
import { deliver } from './notify';

export function categoryClock(org: Org, code: string): CategoryClock | undefined {
  const cat = org.byId.category.get(code);
  return cat ? { deadlineMin: cat.deadlineMinutes, businessHoursOnly: cat.pauseAtNight } : undefined;
}

export interface CaseStep {
  event: CaseEvent;
  /** extra documents written in the same commit (e.g. new calls) */
  alsoWrite?: ReadonlyArray<DocWrite<any>>;
  /** extra effects (e.g. from the call module) */
  alsoEffects?: readonly Effect[];
}

export interface CaseEventOptions {
  expectedVersion?: number;
  where?: { lng: number; lat: number; address?: string };
  /** the actor, when not the caller (the timer acts as the system) */
  actor?: Actor;
  /** due keys handled by this step (timer) */
  markDone?: string[];
}

export interface Applied {
  case: CaseRecord;
  effects: Effect[];
  doc: StoredCase;
  actor: Actor;
  org: Org;
}

/** The states of a case's calls (what a guard on the calls needs, nothing more). */
async function callStates(caseId: string): Promise<Array<{ id: string; deptId: string; state: CallState }>> {
  return callsOfCase<{ id: string; deptId: string; state: CallState }>(caseId, { id: true, deptId: true, state: true });
}

/**
 * Fire `decide(case)` on the case `caseId` as the caller. `decide` may return the event plus other documents
 * to write atomically with the case (calls); `at` is the instant of the step (the same one the transition uses).
 */
export async function applyCaseEvent(
  caller: Caller | null,
  now: () => number,
  caseId: string,
  decide: (c: CaseRecord, org: Org, actor: Actor, at: number) => CaseEvent | CaseStep,
  opts: CaseEventOptions = {},
): Promise<Applied> {
  const org = await getOrg();
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = await getCaseDoc(caseId);
    const c = recordOf<CaseRecord>(doc);
    const at = now();
    const actor = opts.actor ?? actorOf(caller as Caller, org, at, c.streetId);
    const d = decide(c, org, actor, at);
    const step: CaseStep = 'event' in d ? d : { event: d };
    const calls = EVENTS_NEEDING_CALLS.has(step.event.type) && c.callGroupIds.length > 0 ? await callStates(c.id) : undefined;
    const res = transition(c, step.event, {
      actor,
      now: at,
      category: categoryClock(org, c.categoryCode),
      where: opts.where,
      expectedVersion: opts.expectedVersion,
      calls,
    });
    if (!res.ok) throw new AppError(res.code, res.message);
    const effects = [...res.effects, ...(step.alsoEffects ?? [])];
    const written = await commit([{ coll: 'cases', before: doc, after: res.case }, ...(step.alsoWrite ?? [])], effects, { markDone: opts.markDone });
    if (written) {
      await deliver(effects, org, at);
      return { case: res.case, effects, doc, actor, org };
    }
  }
  throw Errors.conflict();
}
