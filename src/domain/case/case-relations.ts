import type { Actor } from '../common/actor-types';
import type { CaseRecord } from './case-types';

/**
 * How the actor must relate to the case for a role to count. The lifecycle table names one per role;
 * the server only has to load the actor's profile (street, department, rota duty) — these predicates are pure.
 */
export type Relation =
  | 'any' // command centre, system
  | 'ownReport' // the citizen who reported it, or joined it
  | 'ownStreet' // staff of the street/town the case is dispatched to
  | 'streetOrDistrict' // a street leader of that street, or a district-level leader (no street)
  | 'onDuty' // on the patrol rota now, street or district level as above
  | 'involvedDept' // staff of a department called, decided responsible, or tracking
  | 'assignee'; // the named handler

/** the reporter, or a citizen who joined the case (我也遇到了) */
export const isOwnReport = (c: CaseRecord, a: Actor): boolean =>
  !!a.openid && (a.openid === c.reporter.openid || (c.coReporters ?? []).includes(a.openid));
export const isOwnStreet = (c: CaseRecord, a: Actor): boolean => !!a.streetId && a.streetId === c.streetId;
export const isStreetOrDistrict = (c: CaseRecord, a: Actor): boolean => !a.streetId || a.streetId === c.streetId;
export const isOnDuty = (c: CaseRecord, a: Actor): boolean => a.onDuty === true && isStreetOrDistrict(c, a);
export const isAssignee = (c: CaseRecord, a: Actor): boolean => !!c.assignee && c.assignee.staffId === a.id;
export function isInvolvedDept(c: CaseRecord, a: Actor): boolean {
  if (!a.deptId) return false;
  if (c.deptIds.includes(a.deptId)) return true;
  if (c.flags.hard?.decision?.deptId === a.deptId) return true;
  return c.routing.some((h) => h.decision.trackerDeptId === a.deptId || h.decision.assignments?.some((x) => x.deptId === a.deptId));
}

export const RELATION_CHECKS: Record<Relation, (c: CaseRecord, a: Actor) => boolean> = {
  any: () => true,
  ownReport: isOwnReport,
  ownStreet: isOwnStreet,
  streetOrDistrict: isStreetOrDistrict,
  onDuty: isOnDuty,
  involvedDept: isInvolvedDept,
  assignee: isAssignee,
};

/** What a person may see (read access is wider than write access): `canSeeCase` in `../access/visibility`. */
