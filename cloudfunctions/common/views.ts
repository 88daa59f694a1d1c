/**
 * What a caller may see of a case or a call: labels resolved, server fields dropped, and the domain's projection
 * (`@domain/access`): citizens' openids replaced by per-case pseudonyms, the reporter's phone masked for anyone not
 * handling the case, staff positions and check-in details only for staff who see the case; plus the events this
 * caller may fire now (for the buttons). Every list's rows pass the domain's visibility rule (`visibleRows`).
 */
import { createHash, createHmac } from 'node:crypto';
import { CASE_STATES, type CaseRecord } from '@domain/case/case-types';
import { availableEvents, awaitsRating } from '@domain/case/case-machine';
import { isOverdueCase } from '@domain/case/case-lists';
import { CALL_STATES, type CallRecord } from '@domain/call/call-types';
import { availableCallEvents } from '@domain/call/call-machine';
import type { Actor } from '@domain/common/actor-types';
import type { LogEntry } from '@domain/common/effect-types';
import {
  canSeeCall, canSeeCase, projectCall, publicCallStatus, projectCase, projectLog, pseudonymsOf, sightOf, type Pseudonyms, type Sight,
} from '@domain/access';
import type { Org } from './org';
import { unitName } from './org';
import { humanizeIds, neutralLabel, type NameBook } from '@domain/common/format';

export { maskPhone } from '@domain/access';

/**
 * A citizen's pseudonym on one case: a one-way hash of the case id and the openid. Stable within the case (the
 * same person is recognisable across its steps), different across cases, and not reversible to the openid.
 * With the function's secret `YX_PSEUDONYM_KEY` set (docs/DEPLOY.md) it is an HMAC, so that someone who already knows
 * a citizen's openid cannot test whether that person reported a given case; without it, a plain salted hash.
 */
export function citizenAlias(caseId: string, openid: string): string {
  const key = process.env.YX_PSEUDONYM_KEY;
  const h = key ? createHmac('sha256', key) : createHash('sha256');
  return `c-${h.update(`yx-citizen\n${caseId}\n${openid}`).digest('hex').slice(0, 16)}`;
}

/** The pseudonyms of the citizens on a case (its reporter, and the authors of citizen steps in `log`). */
export function pseudonymsFor(c: Pick<CaseRecord, 'id' | 'reporter'>, log: readonly LogEntry[] = []): Pseudonyms {
  return pseudonymsOf(c, log, (openid) => citizenAlias(c.id, openid));
}

/** Rows of a list the caller may see (the final filter after the query's own). */
export function visibleRows<T extends CaseRecord>(docs: readonly T[], actor: Actor): T[] {
  return docs.filter((d) => canSeeCase(d, actor));
}

export function caseView(c: CaseRecord, actor: Actor, org: Org, ids: Pseudonyms = pseudonymsFor(c), sight: Sight = sightOf(c, actor)) {
  const cat = org.byId.category.get(c.categoryCode);
  return {
    ...projectCase(c, sight, ids),
    stateLabel: CASE_STATES[c.state].label,
    stateKind: CASE_STATES[c.state].kind,
    categoryName: cat?.name ?? c.categoryCode,
    streetName: c.streetId ? org.byId.street.get(c.streetId)?.name : undefined,
    communityName: c.communityId ? org.byId.community.get(c.communityId)?.name : undefined,
    deptNames: c.deptIds.map((id) => unitName(org, id) ?? neutralLabel(id)),
    available: availableEvents(c, actor),
  };
}

/** A case in a list (`CaseSummary` of the API contract, @domain/contract). `log` (stored docs) gives the latest step. */
export function caseSummary(c: CaseRecord & { log?: ReadonlyArray<{ what: string; at: number }> }, org: Org, now: number) {
  const kind = CASE_STATES[c.state].kind;
  const last = c.log && c.log.length ? c.log[c.log.length - 1] : undefined;
  const deadline = c.clocks.deadline;
  const overdue = isOverdueCase(c, now);
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
    deptNames: c.deptIds.map((id) => unitName(org, id) ?? neutralLabel(id)),
    overdue,
    /** closed and not yet rated by its reporter (the citizen's list says 待评价) */
    awaitsRating: !!c.reporter?.openid && awaitsRating(c),
    latest: last ? { what: humanizeIds(last.what, orgBook(org)), at: last.at } : undefined,
    /** people reporting it (我也遇到了 adds to it) */
    reporters: c.reporters ?? 1,
  };
}

/**
 * What a caller may see of a call, with labels and the call events this caller may fire now. `staff`: whether the
 * caller sees it as staff (default: the call rule; the reporting citizen sees the calls of the own case projected).
 */
export function callView(c: CallRecord, actor: Actor, org: Org, staff: boolean = canSeeCall(c, actor), caseOpen = true) {
  return {
    ...projectCall(c, staff),
    stateLabel: staff ? CALL_STATES[c.state].label : publicCallStatus(c, caseOpen),
    stateKind: CALL_STATES[c.state].kind,
    deptName: unitName(org, c.deptId) ?? neutralLabel(c.deptId),
    streetName: org.byId.street.get(c.streetId)?.name,
    available: availableCallEvents(c, actor).filter((t) => t !== 'markAbsent'),
  };
}

/** The audit trail as this caller may see it. */
export function logView(log: readonly LogEntry[], c: CaseRecord, sight: Sight, ids: Pseudonyms, org: Org) {
  const view = projectLog(log, sight, ids, c.reporter.openid);
  // lines written before log texts carried names (e.g. "责任部门 dept-…") read with names too
  const book = orgBook(org);
  return view.map((e) => ({ ...e, what: humanizeIds(e.what, book) }));
}

/** The org data as a name book for the formatting module (units, streets, communities, staff, categories). */
export function orgBook(org: Org): NameBook {
  return (id) =>
    unitName(org, id) ??
    org.byId.community.get(id)?.name ??
    org.byId.staff.get(id)?.name ??
    org.byId.category.get(id)?.name;
}
