/**
 * Bounds of every time a person enters (a picker's value), in ONE table. A stored time outside them is refused with
 * a clear message, so that no far-future value (8.64e15 ms, a century ahead) ever reaches the clocks, the timer's
 * due items, the lists or the Open311 listing.
 *
 *   field     where it is entered                                   earliest            latest
 *   deadline  case.extend newDeadline, case.decideHard deadline     now (exclusive)     now + 1 year
 *   meetAt    case.call meetAt (一线呼叫 到场时间)                   now − 5 minutes     now + 30 days
 *
 * Every time also lies within TIME_ABSOLUTE (2020-01-01 … 2100-01-01 UTC), checked by the input schema
 * (`timestamp()` in schema-parts.ts) before any clock is known. Times the server takes from its clock
 * (reported, accepted, resolved, adopted …) are not entered and need no bound.
 */
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export const TIME_ABSOLUTE = { min: Date.UTC(2020, 0, 1), max: Date.UTC(2100, 0, 1) } as const;

export interface TimeBound {
  /** the field's Chinese name in messages */
  label: string;
  /** how far before now a value may lie (0 with `strictlyAfterNow`: it must be later than now) */
  pastToleranceMs: number;
  strictlyAfterNow: boolean;
  /** how far ahead of now a value may lie */
  horizonMs: number;
  /** the horizon as people say it */
  horizonLabel: string;
}

export type TimeField = 'deadline' | 'meetAt';

export const TIME_BOUNDS: Record<TimeField, TimeBound> = {
  deadline: { label: '办理期限', pastToleranceMs: 0, strictlyAfterNow: true, horizonMs: 365 * DAY_MS, horizonLabel: '1年' },
  meetAt: { label: '到场时间', pastToleranceMs: 5 * MINUTE_MS, strictlyAfterNow: false, horizonMs: 30 * DAY_MS, horizonLabel: '30天' },
};

export type TimeCheck = { ok: true } | { ok: false; why: 'past' | 'tooFar'; message: string };

/** Is `value` an acceptable `field` at `now`? */
export function checkTime(field: TimeField, value: number, now: number): TimeCheck {
  const b = TIME_BOUNDS[field];
  if (!Number.isFinite(value)) return { ok: false, why: 'tooFar', message: `${b.label}格式不正确` };
  const early = b.strictlyAfterNow ? value <= now : value < now - b.pastToleranceMs;
  if (early) return { ok: false, why: 'past', message: b.strictlyAfterNow ? `${b.label}必须晚于当前时间` : `${b.label}不能早于当前时间` };
  if (value > now + b.horizonMs) return { ok: false, why: 'tooFar', message: `${b.label}不能晚于${b.horizonLabel}以后` };
  return { ok: true };
}
