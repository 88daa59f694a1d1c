/** Reading the roll-up's summaries for a period (one request per scope, however long the period). */
import { DAY_MS, daysBetween, placeCell, resolvePeriod, shanghaiDayStart, unpackPlace, type PackedPlace, type Period, type PlaceInput, type PeriodKind, type ScopeDay, type SummaryScope, type PlaceEntry } from '@domain/stats';
import { findCasesBy } from '../../../common/repos/cases';
import { ops } from '../../../common/repos/filters';
import { OPEN_STATES } from '../cases/queries';
import { plain } from '../../../common/repos/records';
import { liveDay } from '../../../common/rollup';
import { dayDocs, rollupState } from '../../../common/repos/summaries';
import { shanghaiDay } from '@domain/stats/stats-day';
import type { DaySummaries } from '@domain/stats/stats-summary';
import { AppError } from '../../../common/errors';

export interface ScopeInput {
  streetId?: string;
  deptId?: string;
  categoryCode?: string;
  communityId?: string;
}

/** Which summary scope and key answer a scope filter (one filter at a time; none = the district). */
export function scopeKey(scope: ScopeInput | undefined): { scope: SummaryScope; key: string } {
  if (scope?.streetId) return { scope: 'street', key: scope.streetId };
  if (scope?.deptId) return { scope: 'dept', key: scope.deptId };
  if (scope?.categoryCode) return { scope: 'category', key: scope.categoryCode };
  if (scope?.communityId) return { scope: 'community', key: scope.communityId };
  return { scope: 'all', key: 'all' };
}

export function period(input: { period: PeriodKind; from?: string; to?: string }, now: number): Period {
  try {
    return resolvePeriod(input, now);
  } catch (err) {
    throw new AppError('INVALID_INPUT', (err as Error).message);
  }
}

function safeKey(k: string): string {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(k)) throw new AppError('INVALID_INPUT', '统计范围不正确');
  return k;
}

/** Day documents of one scope in [from, to]; with `key`, only that key's row is read (a small answer). */
export async function scopeDays(scope: SummaryScope, from: string, to: string, key?: string): Promise<ScopeDay[]> {
  const fields: Record<string, boolean> = { periodKey: true };
  fields[key ? `rows.${safeKey(key)}` : 'rows'] = true;
  return (await dayDocs<{ periodKey: string; rows?: ScopeDay['rows'] }>(scope, from, to, fields)).map((d) => ({ day: d.periodKey, rows: d.rows ?? {} }));
}

/**
 * Place entries of every day in [from, to] as stored (packed), read a month of days per request, the requests in
 * parallel (a half-year at district scale is ~500 000 entries; the pattern search unpacks only what it keeps).
 */
export async function placeRows(from: string, to: string): Promise<PlaceInput[]> {
  const days = daysBetween(from, to);
  const chunks: Array<[string, string]> = [];
  for (let i = 0; i < days.length; i += PLACE_DAYS_PER_READ) chunks.push([days[i], days[Math.min(days.length, i + PLACE_DAYS_PER_READ) - 1]]);
  const pages = await Promise.all(
    chunks.map(([a, b]) => dayDocs<{ periodKey: string; places?: Array<PackedPlace | PlaceEntry> }>('place', a, b, { periodKey: true, places: true })),
  );
  const out: PlaceInput[] = [];
  for (const docs of pages) for (const d of docs) {
    for (const p of d.places ?? []) out.push(typeof p === 'string' ? { day: d.periodKey, packed: p } : { ...plain<PlaceEntry>(p), day: d.periodKey });
  }
  return out;
}

/** Place entries of every day in [from, to], unpacked. */
export async function placeDays(from: string, to: string): Promise<Array<PlaceEntry & { day: string }>> {
  return (await placeRows(from, to)).map((r) => ('packed' in r ? { ...unpackPlace(r.packed), day: r.day } : r));
}
const PLACE_DAYS_PER_READ = 31;

/**
 * Hot spots by overdue: the cases reported in [from, to] that are open past their deadline now (the inbox's rule:
 * flagged overdue by the timer, or still being handled after the deadline), counted per `category|cell` like the place
 * entries. One indexed range query over few cases; at most `cap` are read.
 */
export async function overdueByPlace(from: string, to: string, now: number, cap = 5000): Promise<Map<string, number>> {
  const _ = ops();
  const where = _.and([
    { createdAt: _.gte(shanghaiDayStart(from)).and(_.lt(shanghaiDayStart(to) + DAY_MS)), state: _.in(OPEN_STATES) },
    _.or([{ 'flags.overdue': _.exists(true) }, { state: _.neq('resolved'), 'clocks.deadline': _.lt(now) }]),
  ]) as unknown as Record<string, unknown>;
  type Doc = { categoryCode: string; location?: { point?: { coordinates?: [number, number] } } };
  const docs = await findCasesBy<Doc>(where, { _id: true, createdAt: true, categoryCode: true, 'location.point': true }, 'createdAt', cap);
  const out = new Map<string, number>();
  for (const d of docs) {
    const p = d.location?.point?.coordinates;
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') continue;
    const k = `${d.categoryCode}|${placeCell([p[0], p[1]])}`;
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/** The last day the roll-up has closed (figures are complete up to and including it). */
export async function lastRolledDay(): Promise<string | null> {
  return (await rollupState<{ lastDay?: string }>())?.lastDay ?? null;
}

/** How long this instance reuses today's live figures (each computation reads the day's records once). */
export const LIVE_TTL_MS = 60_000;
export interface Today {
  day: string;
  /** when the figures were computed (epoch ms): shown as "截至 HH:mm" */
  at: number;
  truncated: boolean;
  summaries: DaySummaries;
}
let todayCache: { value: Promise<Today>; day: string; at: number } | null = null;

/**
 * Today so far, per warm instance at most once a minute (by the business clock): the dashboards show it beside the
 * closed days, so a leader at 10:00 sees the morning's reports. The cost is bounded by `LIVE_DAY_CAP` per query.
 */
export function today(now: number): Promise<Today> {
  const day = shanghaiDay(now);
  // |now − at|: a business clock that is not the wall clock (tests, a clock offset) may read a few ms earlier on the
  // next invocation than on the one that filled the cache
  if (todayCache && todayCache.day === day && Math.abs(now - todayCache.at) < LIVE_TTL_MS) return todayCache.value;
  const value = liveDay(day, now).then((r) => ({ day, at: now, truncated: r.truncated, summaries: r.summaries }));
  todayCache = { value, day, at: now };
  value.catch(() => {
    if (todayCache?.value === value) todayCache = null;
  });
  return value;
}
