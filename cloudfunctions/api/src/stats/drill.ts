/**
 * Drill-down: the cases behind a number. Candidates come from the indexed field of the metric's cohort family
 * (as the roll-up reads them), narrowed by the scope; then the same domain contributions decide which cases
 * made up the number for the period's days. Only cases the caller may see count (`@domain/access`: the rule as a
 * query on the candidates, and `canSeeCase` on each), so `total` and the pages agree with what is shown.
 */
import type { CaseRecord } from '@domain/case/case-types';
import type { CallRecord } from '@domain/call/call-types';
import {
  callContributions, callFactOf, caseContributions, caseFactOf, daysBetween, placeCell, reportFactOf, shanghaiDay, shanghaiDayStart, DAY_MS,
  type Counters,
} from '@domain/stats';
import { canSeeCase, caseFilter } from '@domain/access';
import type { Actor } from '@domain/common/actor-types';
import { compareDesc } from '@domain/common/page-cursor';
import { andVisible, ops } from '../../../common/repos/filters';
import { CASE_FACT_FIELDS } from '../../../common/rollup';
import { findCallsBy } from '../../../common/repos/calls';
import { findCases, findCasesBy } from '../../../common/repos/cases';
import type { ScopeInput } from './read';
import { CALL_METRICS, type DrillMetric } from '@domain/contract/inputs';


/** metric → [counter that must be 1, counter that must be 0] */
const DERIVED: Partial<Record<DrillMetric, [keyof Counters, keyof Counters]>> = {
  notClosed: ['dueToClose', 'closed'],
  dissatisfied: ['rated', 'satisfied'],
  respondMissed: ['respondDue', 'respondedIn10'],
  assignMissed: ['assignDue', 'assignedIn60'],
  callsMissed: ['callsDue', 'callsCheckedIn'],
  callsInaccurate: ['callsRated', 'callsAccurate'],
};

const FAMILY_FIELDS: Array<[RegExp, string[]]> = [
  [/^reported$/, ['createdAt']],
  [/^(dueToHandle|handledOnTime|overdueOpen|extended|dueToClose|closed|closedOnTime|reopened|notClosed)$/, ['clocks.deadline', 'clocks.resolvedAt', 'clocks.closedAt']],
  [/^(rated|satisfied|verySatisfied|dissatisfied)$/, ['satisfaction.at']],
  [/^(respond|assign)/, ['clocks.startedAt']],
  [/^closeCount$/, ['clocks.closedAt']],
  [/^calls(Due|CheckedIn|OnTime|Missed)$/, ['meetAt']],
  [/^calls(Rated|Accurate|Inaccurate)$/, ['deptRating.at']],
];

const CAP = 3000;

export interface DrillQuery {
  from: string;
  to: string;
  metric: DrillMetric;
  scope?: ScopeInput;
  /** a hot spot: reports of the category in the cell's 3×3 block */
  place?: { cell: string; categoryCode: string };
  /** the caller: only the cases they may see are listed and counted */
  viewer: Actor;
}

/** The fields the visibility rule reads, beyond the facts. */
const SIGHT_FIELDS = { 'reporter.openid': true, streetId: true, deptIds: true, 'flags.hard.decision.deptId': true, 'routing.decision': true };

/** `canSeeCase` on a partial document (the fields above). */
function sees(d: Partial<CaseRecord>, a: Actor): boolean {
  return canSeeCase({ reporter: {}, deptIds: [], routing: [], flags: {}, ...d } as CaseRecord, a);
}

function inScope(c: Pick<CaseRecord, 'streetId' | 'communityId' | 'categoryCode' | 'deptIds'>, s?: ScopeInput): boolean {
  if (!s) return true;
  if (s.streetId && c.streetId !== s.streetId) return false;
  if (s.communityId && c.communityId !== s.communityId) return false;
  if (s.categoryCode && c.categoryCode !== s.categoryCode) return false;
  if (s.deptId && !(c.deptIds ?? []).includes(s.deptId)) return false;
  return true;
}

function nearCell(cell: string, other: string): boolean {
  const [m, x, y] = cell.split(':').map(Number);
  const [m2, x2, y2] = other.split(':').map(Number);
  return m === m2 && Math.abs(x - x2) <= 1 && Math.abs(y - y2) <= 1;
}

/**
 * Ids of the cases behind the number, newest first with ties by id desc (`keys`: each id's sort time, for keyset
 * pages), and whether the candidate read was capped.
 */
export async function drillCaseIds(q: DrillQuery, now: number): Promise<{ ids: string[]; keys: Map<string, number>; truncated: boolean }> {
  const _ = ops();
  const start = shanghaiDayStart(q.from);
  const end = shanghaiDayStart(q.to) + DAY_MS;
  const days = new Set(daysBetween(q.from, q.to));
  const fields = FAMILY_FIELDS.find(([re]) => re.test(q.metric))![1];
  const [need, zero] = DERIVED[q.metric] ?? [q.metric as keyof Counters, undefined];
  const isCall = (CALL_METRICS as readonly string[]).includes(q.metric);
  const s = q.scope;
  const hit = new Map<string, number>();
  let truncated = false;
  const sight = caseFilter(q.viewer);

  if (isCall) {
    const where = (f: string): Record<string, unknown> => ({
      [f]: _.gte(start).and(_.lt(end)),
      ...(s?.streetId ? { streetId: s.streetId } : {}),
      ...(s?.deptId ? { deptId: s.deptId } : {}),
    });
    for (const f of fields) {
      const calls = await findCallsBy<CallRecord & { _id: string }>(where(f), {}, f, CAP);
      if (calls.length >= CAP) truncated = true;
      for (const k of calls) {
        const fact = callFactOf({ ...k, id: k._id });
        if (!fact) continue;
        const add = callContributions(fact, now).filter((c) => days.has(c.day));
        const v = add.reduce((acc, c) => acc + ((c.add[need] as number) ?? 0), 0);
        const z = zero ? add.reduce((acc, c) => acc + ((c.add[zero] as number) ?? 0), 0) : 0;
        if (v > 0 && z === 0) hit.set(k.caseId, Math.max(hit.get(k.caseId) ?? 0, k.meetAt));
      }
    }
    let ids = [...hit.entries()].sort((a, b) => compareDesc({ t: a[1], id: a[0] }, { t: b[1], id: b[0] })).map(([id]) => id);
    if (s?.categoryCode || s?.communityId || !sight.all) {
      const keep = new Set<string>();
      for (const d of await findCases(ids, { _id: true, categoryCode: true, communityId: true, ...SIGHT_FIELDS })) if (inScope(d, s) && sees(d, q.viewer)) keep.add(d._id);
      ids = ids.filter((id) => keep.has(id));
    }
    return { ids, keys: hit, truncated };
  }

  const scopeWhere: Record<string, unknown> = {};
  if (s?.streetId) scopeWhere.streetId = s.streetId;
  if (s?.communityId) scopeWhere.communityId = s.communityId;
  if (s?.categoryCode) scopeWhere.categoryCode = s.categoryCode;
  if (s?.deptId) scopeWhere.deptIds = s.deptId;
  if (q.place) scopeWhere.categoryCode = q.place.categoryCode;
  for (const f of fields) {
    const where = andVisible({ [f]: _.gte(start).and(_.lt(end)), ...scopeWhere }, sight);
    if (!where) break;
    const docs = await findCasesBy(where, { ...CASE_FACT_FIELDS, ...SIGHT_FIELDS }, f, CAP);
    if (docs.length >= CAP) truncated = true;
    for (const d of docs) {
      const rec = { ...d, id: d._id };
      if (!inScope(rec, s) || !sees(rec, q.viewer)) continue;
      if (q.metric === 'reported') {
        const r = reportFactOf(rec);
        if (!r || !days.has(shanghaiDay(r.createdAt))) continue;
        if (q.place && (!r.point || !nearCell(q.place.cell, placeCell(r.point)))) continue;
        hit.set(d._id, d.createdAt);
        continue;
      }
      const fact = caseFactOf(rec);
      if (!fact) continue;
      const add = caseContributions(fact, now).filter((c) => days.has(c.day));
      const v = add.reduce((acc, c) => acc + ((c.add[need] as number) ?? 0), 0);
      const z = zero ? add.reduce((acc, c) => acc + ((c.add[zero] as number) ?? 0), 0) : 0;
      if (v > 0 && z === 0) hit.set(d._id, d.createdAt);
    }
  }
  return { ids: [...hit.entries()].sort((a, b) => compareDesc({ t: a[1], id: a[0] }, { t: b[1], id: b[0] })).map(([id]) => id), keys: hit, truncated };
}

/** Full case documents (without the audit trail and due items) for a page of ids, in the given order. */
export async function casesByIds(ids: string[]): Promise<Array<CaseRecord & { _id: string }>> {
  const byId = new Map((await findCases(ids, { log: false, due: false })).map((d) => [d._id, { ...d, id: d.id ?? d._id }]));
  return ids.map((id) => byId.get(id)).filter((d): d is CaseRecord & { _id: string } => !!d);
}
