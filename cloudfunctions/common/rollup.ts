/**
 * The daily roll-up (每日汇总) on the server: finds the records that contribute to a day through indexed range
 * queries (never a scan of all cases), turns them into facts (src/domain/stats) and writes that day's summary
 * documents to `summaries`, one per scope:
 *
 *   _id  day:<YYYY-MM-DD>:<scope>     scope ∈ all | street | dept | category | community   { rows: { <key>: counters } }
 *   _id  day:<YYYY-MM-DD>:place        { places: PackedPlace[] }  (hot spots, recurring problems; one string per entry)
 *   _id  month:<YYYY-MM>:scores        { rows: score rows without base }  (assessment points per subject)
 *   _id  rollup:state                  { lastDay, watermark }
 *
 * A day is always recomputed from scratch, so running it twice writes the same documents (idempotent).
 * `runRollup` closes every finished day since `lastDay` (catching up missed runs), and recomputes the days
 * touched by records changed since `watermark` (a case closed late changes the day it came due).
 */
import type { CaseRecord } from '@domain/case/case-types';
import type { CallRecord } from '@domain/call/call-types';
import { subjectKey, type AssessmentRecord } from '@domain/assessment/assessment-types';
import { rollUp } from '@domain/assessment/assessment-rollup';
import {
  buildDaySummaries, callFactOf, caseFactOf, daysBetween, DAY_MS, packPlace, reportFactOf, shanghaiDay, shanghaiDayStart, SUMMARY_SCOPES, touchedDays,
  type CallFact, type CaseFact, type ReportFact,
} from '@domain/stats';
import { database, type Database } from './sdk';
import { pagedFind } from './repos/paging';
import { findCases, findCasesBy, firstReportAt } from './repos/cases';
import { findCallsBy } from './repos/calls';
import { ops } from './repos/filters';
import { putDay, putMonthScores, putRollupState, rollupState } from './repos/summaries';

export { pagedFind };


/**
 * Only the fields the statistics read (`caseFactOf`, `reportFactOf`): documents carry logs, photos, addresses and
 * extension reasons the roll-up does not need, and at district scale it reads several MB a day.
 */
export const CASE_FACT_FIELDS = {
  _id: true, id: true, state: true, categoryCode: true, createdAt: true, reporters: true, updatedAt: true, streetId: true, communityId: true, deptIds: true,
  'location.point': true, reworkCount: true, 'satisfaction.level': true, 'satisfaction.at': true, 'resolution.at': true,
  'clocks.startedAt': true, 'clocks.dispatchedAt': true, 'clocks.acceptedAt': true, 'clocks.assignedAt': true, 'clocks.deadline': true,
  'clocks.originalDeadline': true, 'clocks.resolvedAt': true, 'clocks.closedAt': true, 'clocks.extensions.source': true,
};
const CALL_FACT_FIELDS = { _id: true, id: true, caseId: true, deptId: true, streetId: true, meetAt: true, state: true, checkIn: true, absentAt: true, 'attempts.status': true, deptRating: true, updatedAt: true };

export interface DbCounter {
  requests: number;
}

export interface Contributors {
  cases: CaseRecord[];
  calls: CallRecord[];
}

/** Case/call documents whose facts may contribute to days [from, to] (by each family's cohort moment). */
export async function contributorsOf(db: Database, from: string, to: string, counter?: DbCounter, cap = Infinity): Promise<Contributors & { truncated: boolean }> {
  const _ = ops(db);
  const range = _.gte(shanghaiDayStart(from)).and(_.lt(shanghaiDayStart(to) + DAY_MS));
  const caseFields = ['createdAt', 'clocks.deadline', 'clocks.resolvedAt', 'clocks.closedAt', 'clocks.startedAt', 'satisfaction.at'];
  const callFields = ['meetAt', 'deptRating.at'];
  // every moment of a case comes at or after its report, so the cases reported in the range are complete from the
  // first query; the others need only the cases reported earlier (a run of days then reads each case about once)
  const start = shanghaiDayStart(from);
  const [caseLists, callLists] = await Promise.all([
    Promise.all(caseFields.map((f) => findCasesBy(f === 'createdAt' ? { createdAt: range } : { [f]: range, createdAt: _.lt(start) }, CASE_FACT_FIELDS, f, cap, { db, counter }))),
    Promise.all(callFields.map((f) => findCallsBy<CallRecord & { _id: string }>({ [f]: range }, CALL_FACT_FIELDS, f, cap, { db, counter }))),
  ]);
  const truncated = [...caseLists, ...callLists].some((l) => l.length >= cap);
  const cases = new Map<string, CaseRecord>();
  for (const l of caseLists) for (const c of l) cases.set(c._id, { ...c, id: c.id ?? c._id });
  const calls = new Map<string, CallRecord>();
  for (const l of callLists) for (const c of l) calls.set(c._id, { ...c, id: c.id ?? c._id });
  return { cases: [...cases.values()], calls: [...calls.values()], truncated };
}

/** Categories of the calls' cases (calls do not carry the category): from the loaded cases, else fetched. */
async function categoriesOf(db: Database, calls: CallRecord[], cases: CaseRecord[], counter?: DbCounter): Promise<Map<string, string>> {
  const cat = new Map(cases.map((c) => [c.id, c.categoryCode]));
  const missing = [...new Set(calls.map((c) => c.caseId).filter((id) => !cat.has(id)))];
  for (const d of await findCases<{ _id: string; categoryCode: string }>(missing, { _id: true, categoryCode: true }, { counter, db })) cat.set(d._id, d.categoryCode);
  return cat;
}

export async function factsOf(db: Database, c: Contributors, counter?: DbCounter): Promise<{ cases: CaseFact[]; calls: CallFact[]; reports: ReportFact[] }> {
  const cat = await categoriesOf(db, c.calls, c.cases, counter);
  return {
    cases: c.cases.map(caseFactOf).filter((f): f is CaseFact => !!f),
    calls: c.calls.map((k) => callFactOf(k, cat.get(k.caseId))).filter((f): f is CallFact => !!f),
    reports: c.cases.map(reportFactOf).filter((f): f is ReportFact => !!f),
  };
}

/** Days handled per read of the contributors: neighbouring days share most records (a case reported on one day is
 * resolved, closed and rated on the next ones), so reading them once for a run of days cuts the transfer. */
export const DAYS_PER_READ = 7;

/**
 * Recompute and store the summaries of a run of consecutive finished days, reading their contributors once.
 * Returns the number of contributing records.
 */
export async function recomputeDays(days: readonly string[], asOf: number, db: Database = database(), counter?: DbCounter): Promise<{ cases: number; calls: number }> {
  if (!days.length) return { cases: 0, calls: 0 };
  const contributors = await contributorsOf(db, days[0], days[days.length - 1], counter);
  const f = await factsOf(db, contributors, counter);
  for (const day of days) {
    const s = buildDaySummaries(day, f.cases, f.calls, f.reports, asOf);
    await putDay(db, day, Object.fromEntries(SUMMARY_SCOPES.map((scope) => [scope, s.scopes[scope]])), s.places.map(packPlace), asOf, counter);
  }
  return { cases: contributors.cases.length, calls: contributors.calls.length };
}

/** Records read at most per moment field for today's live figures (a busy district day is ≈ 3 000 reports). */
export const LIVE_DAY_CAP = 20_000;

/**
 * Today so far (今日实时): the summaries of the day that is not closed yet, computed from its contributors as known
 * at `asOf` with the same facts and formulas as the roll-up (buildDaySummaries) — the same indexed range queries as
 * closing a day, each stopped at `cap` records (`truncated` then says the figures are partial). Nothing is stored.
 */
export async function liveDay(day: string, asOf: number, db: Database = database(), cap = LIVE_DAY_CAP): Promise<{ summaries: ReturnType<typeof buildDaySummaries>; truncated: boolean; records: number; requests: number }> {
  const counter: DbCounter = { requests: 0 };
  const contributors = await contributorsOf(db, day, day, counter, cap);
  const f = await factsOf(db, contributors, counter);
  return { summaries: buildDaySummaries(day, f.cases, f.calls, f.reports, asOf), truncated: contributors.truncated, records: contributors.cases.length + contributors.calls.length, requests: counter.requests };
}

/** Sorted days cut into runs of consecutive days, each at most `size` long. */
export function consecutiveRuns(days: readonly string[], size: number): string[][] {
  const runs: string[][] = [];
  for (const d of days) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (run && run.length < size && prev && shanghaiDay(shanghaiDayStart(prev) + DAY_MS) === d) run.push(d);
    else runs.push([d]);
  }
  return runs;
}

/**
 * The assessment records that count in `month`: they live on their calls (repos/records.ts), found through the month each
 * source was scored in (`scoredIn.<source>`, indexed). Two paged reads, whatever the number of calls.
 */
export async function assessmentRecordsOf(db: Database, month: string, counter?: DbCounter): Promise<AssessmentRecord[]> {
  const sources: AssessmentRecord['source'][] = ['deptPerformance', 'callAccuracy'];
  const lists = await Promise.all(
    sources.map((src) => findCallsBy<{ _id: string; assessments?: AssessmentRecord[] }>({ [`scoredIn.${src}`]: month }, { _id: true, assessments: true }, `scoredIn.${src}`, undefined, { db, counter })),
  );
  const out = new Map<string, AssessmentRecord>();
  for (const [i, list] of lists.entries()) for (const d of list) for (const r of d.assessments ?? []) if (r.source === sources[i] && r.month === month) out.set(r.key, r);
  return [...out.values()];
}

/** Points per scoring item and subject (`person:<id>` / `unit:<id>`), for the ranking's detail. */
export function scoreItems(records: readonly AssessmentRecord[]): Record<string, Record<string, { label: string; n: number; points: number }>> {
  const items: Record<string, Record<string, { label: string; n: number; points: number }>> = {};
  for (const r of records) {
    const box = (items[subjectKey(r.subject)] ??= {});
    for (const it of r.items ?? []) {
      const e = (box[it.code] ??= { label: it.label, n: 0, points: 0 });
      e.n += 1;
      e.points = Math.round((e.points + it.points) * 100) / 100;
    }
  }
  return items;
}

/** Assessment points of a month per subject (base not applied), for rankings over months and years. */
export async function recomputeScoresMonth(month: string, asOf: number, db: Database = database(), counter?: DbCounter): Promise<number> {
  const records = await assessmentRecordsOf(db, month, counter);
  const rows = rollUp(records, 'month').map(({ score: _s, ...r }) => (void _s, r));
  await putMonthScores(db, month, rows, scoreItems(records), asOf, counter);
  return records.length;
}

export interface RollupState {
  lastDay?: string;
  watermark?: number;
}

export interface RollupResult {
  days: string[];
  months: string[];
  remaining: number;
  state: RollupState;
  requests: number;
}

async function readState(db: Database, counter: DbCounter): Promise<RollupState> {
  const doc = await rollupState<RollupState & { _id?: string }>(db, counter);
  return doc ? { ...(doc.lastDay ? { lastDay: doc.lastDay } : {}), ...(doc.watermark !== undefined ? { watermark: doc.watermark } : {}) } : {};
}

/** Days whose summaries changed because records changed since `since` (their cohort days and report day). */
async function touchedSince(db: Database, since: number, asOf: number, counter: DbCounter): Promise<Set<string>> {
  const _ = ops(db);
  const [cases, calls] = await Promise.all([
    findCasesBy({ updatedAt: _.gte(since) }, CASE_FACT_FIELDS, 'updatedAt', undefined, { db, counter }),
    findCallsBy<CallRecord & { _id: string }>({ updatedAt: _.gte(since) }, CALL_FACT_FIELDS, 'updatedAt', undefined, { db, counter }),
  ]);
  const days = new Set<string>();
  for (const c of cases) {
    days.add(shanghaiDay(c.createdAt));
    const f = caseFactOf({ ...c, id: c._id });
    if (f) for (const d of touchedDays(f, asOf)) days.add(d);
  }
  for (const c of calls) {
    const f = callFactOf({ ...c, id: c._id });
    if (f) for (const d of touchedDays(f, asOf)) days.add(d);
  }
  return days;
}

/** Work time an invocation allows itself (the function's timeout is 60 s): a run of days starts only if, taking as
 * long as the longest run so far, it would end within the budget. */
export const DEFAULT_BUDGET_MS = 45_000;

/**
 * The timer's job: close finished days since the last run (all of them, oldest first: catch-up), recompute
 * days touched by changes since the watermark, refresh the months' score summaries. Stops after `maxDays`
 * days or once `budgetMs` of work is spent; the next run continues (state is saved after every run of days, so even a
 * timeout loses at most that run).
 */
export async function runRollup(now: number, opts: { maxDays?: number; budgetMs?: number; db?: Database } = {}): Promise<RollupResult> {
  const started = performance.now();
  const db = opts.db ?? database();
  const counter: DbCounter = { requests: 0 };
  const state = await readState(db, counter);
  const yesterday = shanghaiDay(now - DAY_MS);
  let first = state.lastDay ? shanghaiDay(shanghaiDayStart(state.lastDay) + DAY_MS) : undefined;
  if (!first) {
    const at = await firstReportAt(db, counter);
    first = at !== null ? shanghaiDay(at) : yesterday;
  }
  const closing = first <= yesterday ? daysBetween(first, yesterday) : [];
  const touched = state.watermark !== undefined ? await touchedSince(db, state.watermark, now, counter) : new Set<string>();
  const todo = [...new Set([...closing, ...[...touched].filter((d) => d <= yesterday && (!first || d < first))])].sort();
  const max = opts.maxDays ?? 400;
  const done: string[] = [];
  let next: RollupState = { ...state };
  const saveState = async () => {
    await putRollupState(db, next, counter);
  };
  const runs = consecutiveRuns(todo.slice(0, max), DAYS_PER_READ);
  const budget = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  let longestRun = 0;
  // within the function's timeout: no new run of days that would end past the budget (the next trigger continues)
  const nextRunFits = () => performance.now() - started + longestRun <= budget;
  for (const [i, run] of runs.entries()) {
    if (i > 0 && !nextRunFits()) break;
    const runStarted = performance.now();
    await recomputeDays(run, now, db, counter);
    longestRun = Math.max(longestRun, performance.now() - runStarted);
    done.push(...run);
    const last = run[run.length - 1];
    if (!next.lastDay || last > next.lastDay) next = { ...next, lastDay: last };
    // progress is saved between runs, so a timeout repeats at most one run
    if (i < runs.length - 1 && nextRunFits()) await saveState();
  }
  const remaining = todo.length - done.length;
  // the watermark moves only when every touched day has been recomputed
  if (remaining === 0) next.watermark = now;
  await saveState();
  const months = [...new Set(done.map((d) => d.slice(0, 7)))].sort();
  for (const m of months) await recomputeScoresMonth(m, now, db, counter);
  return { days: done, months, remaining, state: next, requests: counter.requests };
}
