/**
 * Who may see a case or a call — one rule for a single read (case.get, call.get) and for every list that returns
 * case or call rows (case.mine, case.inbox, case.triage, lead.board, stats.drill, call.mine). Each role sees through
 * one relation to the case (table below); a person sees a case if any of their roles does. `caseFilter` says the same
 * as a query (so pages and totals are counted over what the caller may see); `canSeeCase` is the final check on
 * every row. Read access is wider than write access (the lifecycle table decides who may act).
 */
import type { Actor, Role } from '../common/actor-types';
import type { CaseRecord } from '../case/case-types';
import type { CallRecord } from '../call/call-types';
import { RELATION_CHECKS, type Relation } from '../case/case-relations';

/** Through which relation each role sees a case (null: never through this role). */
export const CASE_SIGHT: Record<Role, Relation | null> = {
  command: 'any',
  admin: 'any',
  system: 'any',
  citizen: 'ownReport',
  handler: 'ownStreet',
  community: 'ownStreet',
  dept: 'involvedDept',
  deptLeader: 'involvedDept',
  leader: 'streetOrDistrict',
};

/** May this person see this case? (the reference rule: case.get's) */
export function canSeeCase(c: CaseRecord, a: Actor): boolean {
  return a.roles.some((r) => {
    const rel = CASE_SIGHT[r];
    return rel !== null && RELATION_CHECKS[rel](c, a);
  });
}

/** Sees the case as staff (through a role other than citizen): device positions and check-in details are for them. */
export function seesAsStaff(c: CaseRecord, a: Actor): boolean {
  return canSeeCase(c, { ...a, roles: a.roles.filter((r) => r !== 'citizen') });
}

/** Who may see a call: the called department, the calling street, leaders of that street or the district, command, admin. */
export const CALL_SIGHT: Record<Role, 'any' | 'ownDept' | 'ownStreet' | 'streetOrDistrict' | null> = {
  command: 'any',
  admin: 'any',
  system: 'any',
  citizen: null, // the reporter sees the calls of the own case inside case.get, projected
  handler: 'ownStreet',
  community: 'ownStreet',
  dept: 'ownDept',
  deptLeader: 'ownDept',
  leader: 'streetOrDistrict',
};

export function canSeeCall(c: Pick<CallRecord, 'deptId' | 'streetId'>, a: Actor): boolean {
  return a.roles.some((r) => {
    switch (CALL_SIGHT[r]) {
      case 'any':
        return true;
      case 'ownDept':
        return !!a.deptId && a.deptId === c.deptId;
      case 'ownStreet':
        return !!a.streetId && a.streetId === c.streetId;
      case 'streetOrDistrict':
        return !a.streetId || a.streetId === c.streetId;
      default:
        return false;
    }
  });
}

/**
 * The rule as a query: `all` (no restriction) or documents matching any of the clauses (field → value; for an
 * array field, "contains"). An empty `anyOf` matches nothing.
 */
export type RowFilter = { all: true } | { all: false; anyOf: Array<Record<string, string>> };

function filterOf(clauses: Array<Array<Record<string, string>> | 'all'>): RowFilter {
  if (clauses.includes('all')) return { all: true };
  const anyOf: Array<Record<string, string>> = [];
  for (const c of clauses) if (c !== 'all') for (const x of c) if (!anyOf.some((y) => JSON.stringify(y) === JSON.stringify(x))) anyOf.push(x);
  return { all: false, anyOf };
}

function caseClauses(rel: Relation, a: Actor): Array<Record<string, string>> | 'all' {
  switch (rel) {
    case 'any':
      return 'all';
    case 'ownReport':
      return a.openid ? [{ 'reporter.openid': a.openid }, { coReporters: a.openid }] : [];
    case 'ownStreet':
      return a.streetId ? [{ streetId: a.streetId }] : [];
    case 'streetOrDistrict':
      return a.streetId ? [{ streetId: a.streetId }] : 'all';
    case 'involvedDept':
      return a.deptId
        ? [
            { deptIds: a.deptId },
            { 'flags.hard.decision.deptId': a.deptId },
            { 'routing.decision.trackerDeptId': a.deptId },
            { 'routing.decision.assignments.deptId': a.deptId },
          ]
        : [];
    default:
      return []; // onDuty / assignee are write relations, not read ones
  }
}

/** The cases this person may see, as a query (same rule as `canSeeCase`). */
export function caseFilter(a: Actor): RowFilter {
  return filterOf(a.roles.map((r) => CASE_SIGHT[r]).filter((rel): rel is Relation => rel !== null).map((rel) => caseClauses(rel, a)));
}

/** The calls this person may see, as a query (same rule as `canSeeCall`). */
export function callFilter(a: Actor): RowFilter {
  return filterOf(
    a.roles.map((r) => {
      switch (CALL_SIGHT[r]) {
        case 'any':
          return 'all';
        case 'ownDept':
          return a.deptId ? [{ deptId: a.deptId }] : [];
        case 'ownStreet':
          return a.streetId ? [{ streetId: a.streetId }] : [];
        case 'streetOrDistrict':
          return a.streetId ? [{ streetId: a.streetId }] : 'all';
        default:
          return [];
      }
    }),
  );
}

/**
 * An explicit street scope (a drill-down into one street or one of its communities) is answered only to those who
 * see every case of it: everyone-seeing roles, and staff and leaders of that street. Others are refused rather than
 * given a silently emptied list.
 */
export function maySeeStreet(a: Actor, streetId: string): boolean {
  const f = caseFilter(a);
  return f.all || f.anyOf.some((x) => x.streetId === streetId);
}
