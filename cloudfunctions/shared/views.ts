/**
 * What a caller may see of a case: labels resolved, server fields dropped, the reporter's phone masked for
 * anyone not handling the case, and the events this caller may fire now (for the buttons).
 */
import { CASE_STATES, type CaseRecord } from '@domain/case/case.types';
import { availableEvents } from '@domain/case/case.machine';
import { CALL_STATES, type CallRecord } from '@domain/call/call.types';
import { availableCallEvents } from '@domain/call/call.machine';
import type { Actor } from '@domain/shared/actor.types';
import type { Org } from './org';
import { unitName } from './org';

export function maskPhone(phone: string | undefined): string | undefined {
  return phone ? phone.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2') : undefined;
}

function handles(c: CaseRecord, actor: Actor): boolean {
  if (actor.roles.includes('command')) return true;
  if (actor.streetId && actor.streetId === c.streetId && (actor.roles.includes('handler') || actor.roles.includes('community'))) return true;
  return !!actor.openid && actor.openid === c.reporter.openid;
}

export function caseView(c: CaseRecord, actor: Actor, org: Org) {
  const full = handles(c, actor);
  const cat = org.byId.category.get(c.categoryCode);
  return {
    ...c,
    phone: full ? c.phone : maskPhone(c.phone),
    reporter: full ? c.reporter : { phone: maskPhone(c.reporter.phone) },
    stateLabel: CASE_STATES[c.state].label,
    stateKind: CASE_STATES[c.state].kind,
    categoryName: cat?.name ?? c.categoryCode,
    streetName: c.streetId ? org.byId.street.get(c.streetId)?.name : undefined,
    communityName: c.communityId ? org.byId.community.get(c.communityId)?.name : undefined,
    deptNames: c.deptIds.map((id) => unitName(org, id) ?? id),
    available: availableEvents(c, actor),
  };
}
export type CaseView = ReturnType<typeof caseView>;

/** A case in a list (CaseSummary of the API contract). `log` (stored docs) gives the latest step. */
export function caseSummary(c: CaseRecord & { log?: ReadonlyArray<{ what: string; at: number }> }, org: Org, now: number) {
  const kind = CASE_STATES[c.state].kind;
  const last = c.log && c.log.length ? c.log[c.log.length - 1] : undefined;
  const deadline = c.clocks.deadline;
  const overdue = kind === 'open' && (!!c.flags.overdue || (deadline !== undefined && c.state !== 'resolved' && now > deadline));
  return {
    id: c.id,
    categoryCode: c.categoryCode,
    categoryName: org.byId.category.get(c.categoryCode)?.name ?? c.categoryCode,
    description: c.description,
    photo: c.photos[0],
    stateLabel: CASE_STATES[c.state].label,
    stateKind: kind,
    state: c.state,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    streetName: c.streetId ? org.byId.street.get(c.streetId)?.name : undefined,
    deadline,
    respondBy: c.state === 'dispatched' ? c.clocks.respondBy : undefined,
    assignBy: c.state === 'dispatched' || c.state === 'accepted' ? c.clocks.assignBy : undefined,
    hard: !!c.flags.hard,
    hardReason: c.flags.hard?.reason,
    hardDecided: !!c.flags.hard?.decision,
    deptNames: c.deptIds.map((id) => unitName(org, id) ?? id),
    overdue,
    latest: last ? { what: last.what, at: last.at } : undefined,
  };
}
export type CaseSummary = ReturnType<typeof caseSummary>;

/** What a caller may see of a call, with labels and the call events this caller may fire now. */
export function callView(c: CallRecord, actor: Actor, org: Org) {
  return {
    ...c,
    stateLabel: CALL_STATES[c.state].label,
    stateKind: CALL_STATES[c.state].kind,
    deptName: unitName(org, c.deptId) ?? c.deptId,
    streetName: org.byId.street.get(c.streetId)?.name,
    available: availableCallEvents(c, actor).filter((t) => t !== 'markAbsent'),
  };
}
export type CallView = ReturnType<typeof callView>;

/** Who may see a call: the called department, the calling street, leaders of that street or the district, command, admin. */
export function canViewCall(c: CallRecord, actor: Actor): boolean {
  return actor.roles.some((r) => {
    switch (r) {
      case 'command':
      case 'admin':
      case 'system':
        return true;
      case 'dept':
      case 'deptLeader':
        return !!actor.deptId && actor.deptId === c.deptId;
      case 'handler':
      case 'community':
        return !!actor.streetId && actor.streetId === c.streetId;
      case 'leader':
        return !actor.streetId || actor.streetId === c.streetId;
      default:
        return false;
    }
  });
}
