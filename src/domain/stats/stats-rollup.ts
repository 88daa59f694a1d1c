import { shanghaiDay } from './stats-day';
import { isSatisfied } from '../rating/rating-codes';
import type { CallFact, CaseFact, Counters } from './stats-types';

export const RESPOND_WINDOW_MS = 10 * 60_000;
export const ASSIGN_WINDOW_MS = 60 * 60_000;

type Contribution = { day: string; add: Partial<Counters> };

/**
 * The days and counter increments one case contributes, as known at `asOf`. Each indicator family
 * has its own cohort day (README.md): handling and closing by the day they came due, satisfaction by
 * rating day, response and assignment by dispatch day, closing time by close day.
 */
export function caseContributions(f: CaseFact, asOf: number): Contribution[] {
  const out: Contribution[] = [];
  const at = (t: number | undefined) => (t !== undefined && t <= asOf ? t : undefined);
  const handledAt = at(f.handledAt);
  const closedAt = at(f.closedAt);
  const ratedAt = at(f.ratedAt);
  const respondedAt = at(f.respondedAt);
  const assignedAt = at(f.assignedAt);

  if (f.dueAt !== undefined) {
    // handling: due when the deadline passed, or earlier if handled (or closed) before it
    const doneAt = handledAt ?? closedAt;
    const handleMoment = doneAt !== undefined ? Math.min(doneAt, f.dueAt) : f.dueAt;
    if (handleMoment <= asOf) {
      out.push({
        day: shanghaiDay(handleMoment),
        add: {
          dueToHandle: 1,
          handledOnTime: doneAt !== undefined && doneAt <= f.dueAt ? 1 : 0,
          overdueOpen: doneAt === undefined ? 1 : 0,
          extended: f.extended ? 1 : 0,
        },
      });
    }
    // closing: due when the deadline passed, or earlier if closed before it
    const closeMoment = closedAt !== undefined ? Math.min(closedAt, f.dueAt) : f.dueAt;
    if (closeMoment <= asOf) {
      out.push({
        day: shanghaiDay(closeMoment),
        add: {
          dueToClose: 1,
          closed: closedAt !== undefined ? 1 : 0,
          closedOnTime: closedAt !== undefined && closedAt <= f.dueAt ? 1 : 0,
          reopened: (f.reopenCount ?? 0) > 0 ? 1 : 0,
        },
      });
    }
  }
  if (ratedAt !== undefined && f.satisfaction) {
    out.push({
      day: shanghaiDay(ratedAt),
      add: { rated: 1, satisfied: isSatisfied(f.satisfaction) ? 1 : 0, verySatisfied: f.satisfaction === 'satisfied' ? 1 : 0 },
    });
  }
  if (f.dispatchedAt !== undefined && f.dispatchedAt <= asOf) {
    const add: Partial<Counters> = {};
    if (respondedAt !== undefined || f.dispatchedAt + RESPOND_WINDOW_MS <= asOf) {
      add.respondDue = 1;
      add.respondedIn10 = respondedAt !== undefined && respondedAt - f.dispatchedAt <= RESPOND_WINDOW_MS ? 1 : 0;
    }
    if (assignedAt !== undefined || f.dispatchedAt + ASSIGN_WINDOW_MS <= asOf) {
      add.assignDue = 1;
      add.assignedIn60 = assignedAt !== undefined && assignedAt - f.dispatchedAt <= ASSIGN_WINDOW_MS ? 1 : 0;
    }
    if (respondedAt !== undefined) {
      add.respondMsSum = respondedAt - f.dispatchedAt;
      add.respondCount = 1;
    }
    out.push({ day: shanghaiDay(f.dispatchedAt), add });
  }
  if (closedAt !== undefined) {
    out.push({ day: shanghaiDay(closedAt), add: { closeMsSum: closedAt - f.createdAt, closeCount: 1 } });
  }
  return out;
}

/** The days and increments one call contributes at `asOf`. */
export function callContributions(c: CallFact, asOf: number): Contribution[] {
  const out: Contribution[] = [];
  if (c.checkin !== undefined || c.meetAt <= asOf) {
    const accepted = c.checkin === 'onTime' || c.checkin === 'late';
    out.push({ day: shanghaiDay(c.meetAt), add: { callsDue: 1, callsCheckedIn: accepted ? 1 : 0, callsOnTime: c.checkin === 'onTime' ? 1 : 0 } });
  }
  if (c.accuracy && c.accuracyRatedAt !== undefined && c.accuracyRatedAt <= asOf) {
    out.push({ day: shanghaiDay(c.accuracyRatedAt), add: { callsRated: 1, callsAccurate: c.accuracy === 'accurate' ? 1 : 0 } });
  }
  return out;
}

/** Days whose counters a case or call touches: a roll-up recomputes these when the record changes. */
export function touchedDays(f: CaseFact | CallFact, asOf: number): string[] {
  const cs = 'meetAt' in f ? callContributions(f, asOf) : caseContributions(f, asOf);
  return [...new Set(cs.map((c) => c.day))].sort();
}

export interface CounterRow extends Counters {
  day: string;
  /** grouping key, e.g. 'street-wufeng', 'dept-cgj-szs', 'lamp' or 'all' */
  key: string;
}

export type Keyer<T> = (fact: T) => string[];

export const byStreet: Keyer<CaseFact | CallFact> = (f) => (f.streetId ? [f.streetId] : []);
export const byCategory: Keyer<CaseFact | CallFact> = (f) => (f.categoryCode ? [f.categoryCode] : []);
export const byDept: Keyer<CaseFact | CallFact> = (f) => ('deptId' in f ? [f.deptId] : (f.deptIds ?? []));
export const overall: Keyer<CaseFact | CallFact> = () => ['all'];

/**
 * Daily roll-up (每日汇总): counters per (day, key) as known at `asOf`, sorted by day then key.
 * Any period's indicators = indicators(sumCounters(rows of its days and key)).
 */
export function rollupDaily(cases: readonly CaseFact[], calls: readonly CallFact[], asOf: number, keyOf: Keyer<CaseFact | CallFact> = overall): CounterRow[] {
  const rows = new Map<string, CounterRow>();
  const add = (day: string, key: string, inc: Partial<Counters>) => {
    const id = `${day}|${key}`;
    let row = rows.get(id);
    if (!row) {
      row = { day, key, ...zero() };
      rows.set(id, row);
    }
    for (const k of Object.keys(inc) as (keyof Counters)[]) row[k] += inc[k] ?? 0;
  };
  for (const f of cases) for (const c of caseContributions(f, asOf)) for (const key of keyOf(f)) add(c.day, key, c.add);
  for (const f of calls) for (const c of callContributions(f, asOf)) for (const key of keyOf(f)) add(c.day, key, c.add);
  return [...rows.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function zero(): Counters {
  return {
    dueToHandle: 0, handledOnTime: 0, overdueOpen: 0, extended: 0, dueToClose: 0, closed: 0, closedOnTime: 0, reopened: 0,
    rated: 0, satisfied: 0, verySatisfied: 0, respondDue: 0, respondedIn10: 0, assignDue: 0, assignedIn60: 0,
    respondMsSum: 0, respondCount: 0, closeMsSum: 0, closeCount: 0, callsDue: 0, callsCheckedIn: 0, callsOnTime: 0, callsRated: 0, callsAccurate: 0,
  };
}

/** Rows of a period [from, to] (inclusive days) and one key. */
export function rowsFor(rows: readonly CounterRow[], from: string, to: string, key = 'all'): CounterRow[] {
  return rows.filter((r) => r.key === key && r.day >= from && r.day <= to);
}
