/**
 * What a caller may see of a case: labels resolved, server fields dropped, the reporter's phone masked for
 * anyone not handling the case, and the events this caller may fire now (for the buttons).
 */
import { CASE_STATES, type CaseRecord } from '@domain/case/case.types';
import { availableEvents } from '@domain/case/case.machine';
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
