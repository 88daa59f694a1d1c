/**
 * Daily summaries (每日汇总) as stored by the roll-up: for one day, one document per scope holding the additive
 * counters of every key of that scope (street, department, category, community, or 'all'), plus the day's
 * report places for hot spots and recurring problems. Any period's figures are sums over its days' documents
 * (README "How periods work"), so a month is 30 documents, not 80 000 cases.
 */
import { placeCell } from './stats-places';
import { shanghaiDay } from './stats-day';
import { sumCounters, ZERO_COUNTERS } from './stats-indicators';
import { byCategory, byDept, byStreet, overall, rollupDaily, type Keyer } from './stats-rollup';
import type { ReportFact } from './stats-facts';
import type { CallFact, CaseFact, Counters } from './stats-types';

export type SummaryScope = 'all' | 'street' | 'dept' | 'category' | 'community';
export const SUMMARY_SCOPES: readonly SummaryScope[] = ['all', 'street', 'dept', 'category', 'community'];

/**
 * Counters plus the day's volume: reports received (来件量, all but invalid; duplicates included) and, apart, the
 * reports of the day their citizen withdrew before acceptance (撤回: in `reported`, never in 应结案), and the citizens
 * who joined the day's reports (我也遇到了: `coReporters`; 报告人次 = reported + coReporters, every rate counts the case once).
 */
export interface DayCounters extends Counters {
  reported: number;
  withdrawn: number;
  coReporters: number;
}
export type SparseCounters = Partial<DayCounters>;

/** One place-day: reports of one category in one 50 m cell on one day (and where they belong). */
export interface PlaceEntry {
  cell: string;
  categoryCode: string;
  count: number;
  /** of those, reports whose case needed two or more departments */
  multiDept: number;
  /** departments involved, with the number of reports each was involved in */
  depts: Record<string, number>;
  streetId?: string;
  communityId?: string;
}

/**
 * A place entry as stored: one short string instead of an object, because a day at district scale holds thousands
 * of entries and a half-year search reads all of them (strings cross the database protocol far cheaper than
 * objects of numbers). Fields separated by `|` (ids never contain `|`, `,` or `=`):
 *   <categoryCode>|<cell>|<count>|<multiDept>|<dept>=<n>,<dept>=<n>|<streetId>|<communityId>
 */
export type PackedPlace = string;

export function packPlace(e: PlaceEntry): PackedPlace {
  const depts = Object.entries(e.depts).map(([d, n]) => `${d}=${n}`).join(',');
  return `${e.categoryCode}|${e.cell}|${e.count}|${e.multiDept}|${depts}|${e.streetId ?? ''}|${e.communityId ?? ''}`;
}

/** The entry back from its packed form (objects written before packing pass through unchanged). */
export function unpackPlace(p: PackedPlace | PlaceEntry): PlaceEntry {
  if (typeof p !== 'string') return p;
  const [categoryCode, cell, count, multiDept, deptList, streetId, communityId] = p.split('|');
  const depts: Record<string, number> = {};
  if (deptList) for (const part of deptList.split(',')) {
    const i = part.lastIndexOf('=');
    depts[part.slice(0, i)] = Number(part.slice(i + 1));
  }
  const e: PlaceEntry = { cell, categoryCode, count: Number(count), multiDept: Number(multiDept), depts };
  if (streetId) e.streetId = streetId;
  if (communityId) e.communityId = communityId;
  return e;
}

export interface DaySummaries {
  day: string;
  scopes: Record<SummaryScope, Record<string, SparseCounters>>;
  places: PlaceEntry[];
}

const byCommunity: Keyer<CaseFact | CallFact> = (f) => ('communityId' in f && f.communityId ? [f.communityId] : []);
export const SCOPE_KEYERS: Record<SummaryScope, Keyer<CaseFact | CallFact>> = { all: overall, street: byStreet, dept: byDept, category: byCategory, community: byCommunity };

function reportKeys(scope: SummaryScope, r: ReportFact): string[] {
  switch (scope) {
    case 'all':
      return ['all'];
    case 'street':
      return r.streetId ? [r.streetId] : [];
    case 'dept':
      return r.deptIds;
    case 'category':
      return [r.categoryCode];
    case 'community':
      return r.communityId ? [r.communityId] : [];
  }
}

/** Drops zero fields: stored rows stay small (most keys touch a few counters a day). */
export function sparse(c: Partial<DayCounters>): SparseCounters {
  const out: SparseCounters = {};
  for (const [k, v] of Object.entries(c) as [keyof DayCounters, number][]) if (typeof v === 'number' && v !== 0) out[k] = v;
  return out;
}

/**
 * The summaries of `day` from everything that contributes to it, as known at `asOf`. Facts may include
 * records that contribute to other days too; only `day`'s contributions are kept. Pure and order-independent,
 * so recomputing a day from the same records gives the same documents (the roll-up is idempotent).
 */
export function buildDaySummaries(day: string, cases: readonly CaseFact[], calls: readonly CallFact[], reports: readonly ReportFact[], asOf: number): DaySummaries {
  const scopes = {} as DaySummaries['scopes'];
  const todays = reports.filter((r) => shanghaiDay(r.createdAt) === day);
  for (const scope of SUMMARY_SCOPES) {
    const rows: Record<string, SparseCounters> = {};
    for (const r of rollupDaily(cases, calls, asOf, SCOPE_KEYERS[scope])) {
      if (r.day !== day) continue;
      const { day: _d, key, ...counters } = r;
      void _d;
      const s = sparse(counters);
      if (Object.keys(s).length) rows[key] = s;
    }
    for (const r of todays) {
      for (const key of reportKeys(scope, r)) {
        const row = (rows[key] = { ...(rows[key] ?? {}), reported: (rows[key]?.reported ?? 0) + 1 });
        if (r.withdrawn) row.withdrawn = (row.withdrawn ?? 0) + 1;
        if (r.coReporters) row.coReporters = (row.coReporters ?? 0) + r.coReporters;
      }
    }
    scopes[scope] = rows;
  }
  const places = new Map<string, PlaceEntry>();
  for (const r of todays) {
    if (!r.point) continue;
    const cell = placeCell(r.point);
    const id = `${r.categoryCode}|${cell}|${r.streetId ?? ''}|${r.communityId ?? ''}`;
    let e = places.get(id);
    if (!e) {
      e = { cell, categoryCode: r.categoryCode, count: 0, multiDept: 0, depts: {} };
      if (r.streetId) e.streetId = r.streetId;
      if (r.communityId) e.communityId = r.communityId;
      places.set(id, e);
    }
    e.count += 1;
    if (r.deptIds.length >= 2) e.multiDept += 1;
    for (const d of r.deptIds) e.depts[d] = (e.depts[d] ?? 0) + 1;
  }
  return { day, scopes, places: [...places.values()].sort((a, b) => (a.categoryCode + a.cell < b.categoryCode + b.cell ? -1 : 1)) };
}

/** A stored day document of one scope (what the period queries read). */
export interface ScopeDay {
  day: string;
  rows: Record<string, SparseCounters>;
}

/** Counters (and volume) of one key over the given days' documents. */
export function sumKey(days: readonly ScopeDay[], key: string): DayCounters {
  const rows = days.map((d) => d.rows[key]).filter((r): r is SparseCounters => !!r);
  const total = (k: 'reported' | 'withdrawn' | 'coReporters') => rows.reduce((s, r) => s + (r[k] ?? 0), 0);
  return { ...sumCounters(rows), reported: total('reported'), withdrawn: total('withdrawn'), coReporters: total('coReporters') };
}

/** Every key's counters over the given days (a breakdown by street, department, …). */
export function sumByKey(days: readonly ScopeDay[]): Map<string, DayCounters> {
  const out = new Map<string, DayCounters>();
  for (const d of days) {
    for (const [key, r] of Object.entries(d.rows)) {
      let acc = out.get(key);
      if (!acc) out.set(key, (acc = { ...ZERO_COUNTERS, reported: 0, withdrawn: 0, coReporters: 0 }));
      for (const [k, v] of Object.entries(r) as [keyof DayCounters, number][]) acc[k] += v;
    }
  }
  return out;
}

/** A daily series for one key: every day of the list, zero-filled. */
export function dailySeries(days: readonly string[], docs: readonly ScopeDay[], key: string): Array<{ day: string } & DayCounters> {
  const byDay = new Map(docs.map((d) => [d.day, d]));
  return days.map((day) => ({ day, ...sumKey(byDay.has(day) ? [byDay.get(day)!] : [], key) }));
}
