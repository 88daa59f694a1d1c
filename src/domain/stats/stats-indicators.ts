import type { Counters, Indicators, Rate } from './stats-types';

export const ZERO_COUNTERS: Counters = {
  dueToHandle: 0, handledOnTime: 0, overdueOpen: 0, extended: 0,
  dueToClose: 0, closed: 0, closedOnTime: 0, reopened: 0,
  rated: 0, satisfied: 0, verySatisfied: 0,
  respondDue: 0, respondedIn10: 0, assignDue: 0, assignedIn60: 0,
  respondMsSum: 0, respondCount: 0, closeMsSum: 0, closeCount: 0,
  callsDue: 0, callsCheckedIn: 0, callsOnTime: 0, callsRated: 0, callsAccurate: 0,
};

const KEYS = Object.keys(ZERO_COUNTERS) as (keyof Counters)[];

/** Add counters (any number of days, streets, …). */
export function sumCounters(rows: readonly Partial<Counters>[]): Counters {
  const out: Counters = { ...ZERO_COUNTERS };
  for (const r of rows) for (const k of KEYS) out[k] += r[k] ?? 0;
  return out;
}

/** numerator / denominator, or null when nothing was due (shown as "—", never NaN). */
export function ratio(numerator: number, denominator: number): Rate {
  return denominator > 0 ? numerator / denominator : null;
}

/** The indicators of docs/REQUIREMENTS.md from counters; see README.md for the exact definitions. */
export function indicators(c: Counters): Indicators {
  const mean = (sum: number, n: number, unitMs: number) => (n > 0 ? sum / n / unitMs : null);
  return {
    closeRate: ratio(c.closed, c.dueToClose),
    onTimeCloseRate: ratio(c.closedOnTime, c.dueToClose),
    onTimeHandleRate: ratio(c.handledOnTime, c.dueToHandle),
    overdueOpenRate: ratio(c.overdueOpen, c.dueToHandle),
    extensionRate: ratio(c.extended, c.dueToHandle),
    reworkRate: ratio(c.reopened, c.dueToClose),
    satisfactionRate: ratio(c.satisfied, c.rated),
    strictSatisfactionRate: ratio(c.verySatisfied, c.rated),
    respondIn10Rate: ratio(c.respondedIn10, c.respondDue),
    assignIn60Rate: ratio(c.assignedIn60, c.assignDue),
    checkinRate: ratio(c.callsCheckedIn, c.callsDue),
    onTimeCheckinRate: ratio(c.callsOnTime, c.callsDue),
    callAccuracyRate: ratio(c.callsAccurate, c.callsRated),
    meanRespondMinutes: mean(c.respondMsSum, c.respondCount, 60_000),
    meanCloseHours: mean(c.closeMsSum, c.closeCount, 3_600_000),
  };
}

/** A rate as people read it: "87.5%" (one decimal), or "—" when there was nothing to count. */
export function formatRate(r: Rate): string {
  if (r === null || !Number.isFinite(r)) return '—';
  return `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}

/** A mean as people read it, with a unit: "12.5分钟", or "—". */
export function formatMean(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return '—';
  return `${(Math.round(v * 10) / 10).toFixed(1)}${unit}`;
}
