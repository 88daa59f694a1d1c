/**
 * Case queries. One visibility rule (`@domain/access`: `canSeeCase`) for the detail read and every list: each list
 * narrows its own filter (a citizen: own reports; an inbox: the own street; a board: hard cases…) by the rule as a
 * query (`caseFilter`), so pages and counts cover only what the caller may see, and checks every row with the rule
 * again. Pages are 20 items, newest first, keyset-paged on (createdAt, _id); counts are exact (`count()`).
 */
import { canSeeCase, caseFilter, sightOf } from '@domain/access';
import type { Actor } from '@domain/common/actor-types';
import { STATE_LIST, isOpen, type CaseRecord } from '@domain/case/case-types';
import type { CallRecord } from '@domain/call/call-types';
import type { LogEntry } from '@domain/common/effect-types';
import { onDutyLeaders } from '@domain/org/rota';
import { INBOX_TAB_STATES, type InboxListKey } from '@domain/case/case-lists';
import type { PageCursor } from '@domain/common/page-cursor';
import { implement } from '../../../common/actions';
import { contract } from '@domain/contract';
import type { TRIAGE_TABS } from '@domain/contract/inputs';
import { Errors } from '../../../common/errors';
import { actorOf } from '../../../common/identity';
import { getOrg } from '../../../common/org';
import { getCaseDoc, recordOf } from '../../../common/repos/records';
import { callsOfCase } from '../../../common/repos/calls';
import { casesPage, countCases as countWhere } from '../../../common/repos/cases';
import { andVisible, ops } from '../../../common/repos/filters';
import { callView, caseSummary, caseView, logView, pseudonymsFor, visibleRows } from '../../../common/views';

export const PAGE = 20;
export const OPEN_STATES = STATE_LIST.filter((s) => isOpen(s));

/**
 * One page of the cases matching `where` that `actor` may see, newest first (ties by id), after `cursor`: keyset
 * paging (`common/repos/paging`), so rows sharing a millisecond are each listed exactly once.
 */
export async function casePage(where: Record<string, unknown>, cursor: PageCursor | undefined, now: number, actor: Actor) {
  const [org, page] = await Promise.all([getOrg(), casesPage(andVisible(where, caseFilter(actor)), cursor, PAGE)]);
  return { items: visibleRows(page.items, actor).map((d) => caseSummary(d, org, now)), nextCursor: page.nextCursor };
}

/** Exact counts of the cases matching each filter that `actor` may see (one `count()` each, in parallel). */
async function countCases<K extends string>(filters: Record<K, Record<string, unknown>>, actor: Actor): Promise<Record<K, number>> {
  const sight = caseFilter(actor);
  const keys = Object.keys(filters) as K[];
  const totals = await Promise.all(keys.map((k) => countWhere(andVisible(filters[k], sight))));
  return Object.fromEntries(keys.map((k, i) => [k, totals[i]])) as Record<K, number>;
}

/**
 * The counters' filters, each a plain conjunction an index answers without reading a case (`config/cloud/database.json`:
 * state_street_hard, state_street_deadline, state_street_overdue, state_review): a hard case is one flagged at a time
 * (`flags.hard.at`), a review one with a content-check suggestion.
 */
const hardWhere = (base: Record<string, unknown>) => ({ ...base, 'flags.hard.at': ops().gt(0) });

/**
 * Overdue (the domain's rule `isOverdueCase`, @domain/case/case-lists, as filters: flagged overdue by the timer, or still being handled past the deadline) as two
 * disjoint counts: flagged, and past the deadline but not (yet) flagged — the timer flags within a minute, so the
 * second reads few cases.
 */
function overdueWheres(streetId: string, now: number): [Record<string, unknown>, Record<string, unknown>] {
  const _ = ops();
  return [
    { state: _.in(OPEN_STATES), streetId, 'flags.overdue.at': _.gt(0) },
    { state: _.in(OPEN_STATES.filter((s) => s !== 'resolved')), streetId, 'clocks.deadline': _.lt(now), 'flags.overdue': _.exists(false) },
  ];
}

/** The case's and its calls' audit trails as one timeline: each list keeps its own (version) order, merged by time. */
export function mergeLogs(lists: ReadonlyArray<ReadonlyArray<LogEntry>>): LogEntry[] {
  const heads = lists.map(() => 0);
  const out: LogEntry[] = [];
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      if (heads[i] < lists[i].length && (best < 0 || lists[i][heads[i]].at < lists[best][heads[best]].at)) best = i;
    }
    if (best < 0) return out;
    out.push(lists[best][heads[best]++]);
  }
}

// ───────────────────────────── citizen ─────────────────────────────
export const mine = implement(contract['case.mine'], {
  readOnly: true,
  async handler({ cursor }, { caller, clock }) {
    const now = clock.now();
    // my reports and the cases I joined (我也遇到了): what I see as a citizen (visibility: `ownReport`)
    const actor = actorOf(caller, await getOrg(), now);
    return casePage({}, cursor, now, { ...actor, roles: ['citizen'], openid: caller.openid });
  },
});

export const get = implement(contract['case.get'], {
  readOnly: true,
  async handler({ caseId }, { caller, clock }) {
    const [doc, org, callDocs] = await Promise.all([getCaseDoc(caseId), getOrg(), callsOfCase(caseId)]);
    const c = recordOf<CaseRecord>(doc);
    const actor = actorOf(caller, org, clock.now(), c.streetId);
    if (!canSeeCase(c, actor)) throw Errors.forbidden('您无权查看该事项');
    const log = mergeLogs([doc.log ?? [], ...callDocs.map((d) => d.log ?? [])]);
    const sight = sightOf(c, actor);
    const ids = pseudonymsFor(c, log);
    return {
      case: caseView(c, actor, org, ids, sight),
      // the calls as part of the case: whole to those who see the case as staff, projected for the reporter
      calls: callDocs.map((d) => callView(recordOf<CallRecord>(d), actor, org, sight.staff, isOpen(c.state))),
      log: logView(log, c, sight, ids, org),
    };
  },
});

// ───────────────────────────── street ─────────────────────────────
/** The lists of the street's inbox: tabs by state, and the counters 逾期/疑难 as filters (`@domain/case/case-lists`). */
function inboxWhere(list: InboxListKey | 'all', streetId: string, now: number): Record<string, unknown> {
  const _ = ops();
  if (list === 'all') return { streetId };
  if (list === 'hard') return { streetId, state: _.in(OPEN_STATES), 'flags.hard': _.exists(true) };
  if (list === 'overdue') {
    return _.and([
      { streetId, state: _.in(OPEN_STATES) },
      _.or([{ 'flags.overdue': _.exists(true) }, { state: _.neq('resolved'), 'clocks.deadline': _.lt(now) }]),
    ]) as unknown as Record<string, unknown>;
  }
  return { streetId, state: _.in([...INBOX_TAB_STATES[list]]) };
}

export const inbox = implement(contract['case.inbox'], {
  readOnly: true,
  async handler({ tab, cursor }, { caller, clock }) {
    const streetId = caller.staff?.streetId;
    if (!streetId) throw Errors.forbidden('您尚未归属任何街镇');
    const _ = ops();
    const now = clock.now();
    const where = inboxWhere(tab, streetId, now);
    const actor = actorOf(caller, await getOrg(), now);
    const [flagged, late] = overdueWheres(streetId, now);
    const [page, n] = await Promise.all([
      casePage(where, cursor, now, actor),
      countCases(
        {
          todo: { state: _.in([...INBOX_TAB_STATES.todo]), streetId },
          doing: { state: _.in([...INBOX_TAB_STATES.doing]), streetId },
          flagged,
          late,
          hard: hardWhere({ state: _.in(OPEN_STATES), streetId }),
        },
        actor,
      ),
    ]);
    return { ...page, counts: { todo: n.todo, doing: n.doing, overdue: n.flagged + n.late, hard: n.hard } };
  },
});

// ───────────────────────────── command centre ─────────────────────────────
type TriageTab = (typeof TRIAGE_TABS)[number];

export const triage = implement(contract['case.triage'], {
  readOnly: true,
  async handler({ tab, cursor }, { caller, clock }) {
    const _ = ops();
    // a street leader sees the own street's cases; command and district leaders all
    const scope: Record<string, unknown> = caller.roles.includes('command') || !caller.staff?.streetId ? {} : { streetId: caller.staff.streetId };
    const byTab: Record<TriageTab, Record<string, unknown>> = {
      triage: { ...scope, state: 'triage' },
      returned: { ...scope, state: 'returned' },
      review: { ...scope, state: _.in(OPEN_STATES), 'flags.review.suggest': _.in(['review', 'risky']) },
      verify: { ...scope, state: 'resolved' },
    };
    const now = clock.now();
    const actor = actorOf(caller, await getOrg(), now);
    const [page, counts] = await Promise.all([casePage(byTab[tab], cursor, now, actor), countCases(byTab, actor)]);
    return { ...page, counts };
  },
});

// ───────────────────────────── leaders on the rota ─────────────────────────────
export const board = implement(contract['lead.board'], {
  readOnly: true,
  async handler({ scope, cursor }, { caller, clock }) {
    const now = clock.now();
    const org = await getOrg();
    const _ = ops();
    const streetId = caller.staff?.streetId;
    const actor = actorOf(caller, org, now);
    const duty = onDutyLeaders(org.rota, streetId, now);
    const leaders = [
      ...duty.district.map((e) => ({ staffId: e.staffId, level: 'district' as const })),
      ...duty.street.map((e) => ({ staffId: e.staffId, level: 'street' as const })),
    ].map((l) => ({ ...l, name: org.byId.staff.get(l.staffId)?.name ?? l.staffId, title: org.byId.staff.get(l.staffId)?.title }));
    const where: Record<string, unknown> = hardWhere({ state: _.in(OPEN_STATES) });
    if (scope === 'mine' && streetId) where.streetId = streetId;
    // 'all': every hard case the caller may see (a street leader: still only the own street's)
    const [page, total] = await Promise.all([casePage(where, cursor, now, actor), countCases({ total: where }, actor)]);
    return { onDuty: actor.onDuty === true, leaders, ...page, total: total.total };
  },
});

export const caseQueries = [mine, get, inbox, triage, board];
