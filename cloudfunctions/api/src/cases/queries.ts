/**
 * Case queries. One visibility rule (`@domain/access`: `canSeeCase`) for the detail read and every list: each list
 * narrows its own filter (a citizen: own reports; an inbox: the own street; a board: hard cases…) by the rule as a
 * query (`caseFilter`), so pages and counts cover only what the caller may see, and checks every row with the rule
 * again. Pages are 20 items, newest first; `cursor` is the last item's `createdAt`.
 */
import * as z from 'zod/mini';
import { canSeeCase, caseFilter, sightOf } from '@domain/access';
import type { Actor } from '@domain/shared/actor.types';
import { STATE_LIST, isOpen, type CaseRecord } from '@domain/case/case.types';
import type { CallRecord } from '@domain/call/call.types';
import type { LogEntry } from '@domain/shared/effect.types';
import { onDutyLeaders } from '@domain/org/rota';
import { INBOX_TAB_STATES, inInboxList, type InboxListKey } from '@domain/case/case.lists';
import { id } from '@domain/shared/schema.parts';
import { defineAction } from '../../../shared/actions';
import { Errors } from '../../../shared/errors';
import { actorOf } from '../../../shared/identity';
import { getOrg } from '../../../shared/org';
import { getCaseDoc, query, recordOf, type StoredCall, type StoredCase } from '../../../shared/repo';
import { database } from '../../../shared/sdk';
import { andVisible, callView, caseSummary, caseView, logView, pseudonymsFor, visibleRows } from '../../../shared/views';

export const PAGE = 20;
export const OPEN_STATES = STATE_LIST.filter((s) => isOpen(s));

/** the payload itself must be an object */
export const PAYLOAD = { error: '请求参数格式不正确' };

export const cursorSchema = z.optional(z.number({ error: '翻页参数格式不正确' }).check(z.int('翻页参数格式不正确'), z.gt(0, '翻页参数格式不正确')));

/** One page of the cases matching `where` that `actor` may see, newest first. */
export async function casePage(where: Record<string, unknown>, cursor: number | undefined, now: number, actor: Actor) {
  const db = database();
  const _ = db.command;
  const org = await getOrg();
  const visible = andVisible(cursor ? { ...where, createdAt: _.lt(cursor) } : where, caseFilter(actor));
  if (!visible) return { items: [], nextCursor: null };
  const docs = await query<StoredCase>(db.collection('cases').where(visible).orderBy('createdAt', 'desc').limit(PAGE + 1));
  const page = docs.slice(0, PAGE);
  return {
    items: visibleRows(page, actor).map((d) => caseSummary(d, org, now)),
    nextCursor: docs.length > PAGE ? page[page.length - 1].createdAt : null,
  };
}

/** Counts over the open cases matching `where` that `actor` may see (one read, only the fields counted). */
async function openFacts(where: Record<string, unknown>, actor: Actor): Promise<Array<Pick<CaseRecord, 'state' | 'flags' | 'clocks'>>> {
  const visible = andVisible(where, caseFilter(actor));
  if (!visible) return [];
  return query(database().collection('cases').where(visible).field({ state: true, flags: true, clocks: true }).limit(1000));
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
export const mine = defineAction({
  name: 'case.mine',
  roles: 'anyone',
  input: z.object({ cursor: cursorSchema }, PAYLOAD),
  async handler({ cursor }, { caller, clock }) {
    const now = clock.now();
    return casePage({ 'reporter.openid': caller.openid }, cursor, now, actorOf(caller, await getOrg(), now));
  },
});

export const get = defineAction({
  name: 'case.get',
  roles: 'anyone',
  input: z.object({ caseId: id('事项编号') }, PAYLOAD),
  async handler({ caseId }, { caller, clock }) {
    const db = database();
    const [doc, org, callDocs] = await Promise.all([
      getCaseDoc(caseId),
      getOrg(),
      query<StoredCall>(db.collection('calls').where({ caseId }).orderBy('createdAt', 'asc').limit(100)),
    ]);
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
/** The lists of the street's inbox: tabs by state, and the counters 逾期/疑难 as filters (`@domain/case/case.lists`). */
function inboxWhere(list: InboxListKey | 'all', streetId: string, now: number): Record<string, unknown> {
  const _ = database().command;
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

export const inbox = defineAction({
  name: 'case.inbox',
  roles: ['handler', 'community'],
  input: z.object({
    tab: z._default(z.enum(['todo', 'doing', 'done', 'overdue', 'hard', 'all'], { error: '列表类型不正确' }), 'todo'),
    cursor: cursorSchema,
  }, PAYLOAD),
  async handler({ tab, cursor }, { caller, clock }) {
    const streetId = caller.staff?.streetId;
    if (!streetId) throw Errors.forbidden('您尚未归属任何街镇');
    const _ = database().command;
    const now = clock.now();
    const where = inboxWhere(tab, streetId, now);
    const actor = actorOf(caller, await getOrg(), now);
    const [page, open] = await Promise.all([casePage(where, cursor, now, actor), openFacts({ streetId, state: _.in(OPEN_STATES) }, actor)]);
    const counts = {
      todo: open.filter((c) => inInboxList('todo', c, now)).length,
      doing: open.filter((c) => inInboxList('doing', c, now)).length,
      overdue: open.filter((c) => inInboxList('overdue', c, now)).length,
      hard: open.filter((c) => inInboxList('hard', c, now)).length,
    };
    return { ...page, counts };
  },
});

// ───────────────────────────── command centre ─────────────────────────────
const TRIAGE_TABS = ['triage', 'returned', 'review', 'verify'] as const;
type TriageTab = (typeof TRIAGE_TABS)[number];

export const triage = defineAction({
  name: 'case.triage',
  roles: ['command', 'leader'],
  input: z.object({ tab: z._default(z.enum(TRIAGE_TABS, { error: '列表类型不正确' }), 'triage'), cursor: cursorSchema }, PAYLOAD),
  async handler({ tab, cursor }, { caller, clock }) {
    const _ = database().command;
    // a street leader sees the own street's cases; command and district leaders all
    const scope: Record<string, unknown> = caller.roles.includes('command') || !caller.staff?.streetId ? {} : { streetId: caller.staff.streetId };
    const byTab: Record<TriageTab, Record<string, unknown>> = {
      triage: { ...scope, state: 'triage' },
      returned: { ...scope, state: 'returned' },
      review: { ...scope, state: _.in(OPEN_STATES), 'flags.review': _.exists(true) },
      verify: { ...scope, state: 'resolved' },
    };
    const now = clock.now();
    const actor = actorOf(caller, await getOrg(), now);
    const [page, facts] = await Promise.all([
      casePage(byTab[tab], cursor, now, actor),
      openFacts({ ...scope, state: _.in(OPEN_STATES) }, actor),
    ]);
    const counts = {
      triage: facts.filter((c) => c.state === 'triage').length,
      returned: facts.filter((c) => c.state === 'returned').length,
      review: facts.filter((c) => !!c.flags?.review).length,
      verify: facts.filter((c) => c.state === 'resolved').length,
    };
    return { ...page, counts };
  },
});

// ───────────────────────────── leaders on the rota ─────────────────────────────
export const board = defineAction({
  name: 'lead.board',
  roles: ['leader', 'command'],
  input: z.object({ scope: z._default(z.enum(['mine', 'all'], { error: '范围不正确' }), 'mine') }, PAYLOAD),
  async handler({ scope }, { caller, clock }) {
    const now = clock.now();
    const org = await getOrg();
    const _ = database().command;
    const streetId = caller.staff?.streetId;
    const actor = actorOf(caller, org, now);
    const duty = onDutyLeaders(org.rota, streetId, now);
    const leaders = [
      ...duty.district.map((e) => ({ staffId: e.staffId, level: 'district' as const })),
      ...duty.street.map((e) => ({ staffId: e.staffId, level: 'street' as const })),
    ].map((l) => ({ ...l, name: org.byId.staff.get(l.staffId)?.name ?? l.staffId, title: org.byId.staff.get(l.staffId)?.title }));
    const where: Record<string, unknown> = { state: _.in(OPEN_STATES), 'flags.hard': _.exists(true) };
    if (scope === 'mine' && streetId) where.streetId = streetId;
    // 'all': every hard case the caller may see (a street leader: still only the own street's)
    const visible = andVisible(where, caseFilter(actor));
    const docs = visible ? await query<StoredCase>(database().collection('cases').where(visible).orderBy('createdAt', 'desc').limit(100)) : [];
    return {
      onDuty: actor.onDuty === true,
      leaders,
      items: visibleRows(docs, actor).map((d) => caseSummary(d, org, now)),
    };
  },
});

export const caseQueries = [mine, get, inbox, triage, board];
