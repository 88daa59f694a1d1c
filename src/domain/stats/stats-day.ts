/**
 * Business days in Asia/Shanghai for the statistics, in their own names: one UTC+8 module
 * (common/business-time.ts, no daylight saving since 1991) does the arithmetic.
 */
import { BUSINESS_OFFSET_MS, DAY_MS, businessParts, businessTime, dayKey } from '../common/business-time';

export { DAY_MS };
export const SHANGHAI_OFFSET_MS = BUSINESS_OFFSET_MS;

/** 'YYYY-MM-DD' of an instant in Asia/Shanghai. */
export const shanghaiDay = dayKey;

/** ISO weekday of an instant in Asia/Shanghai: 1 = Monday … 7 = Sunday. */
export function shanghaiWeekday(ms: number): number {
  const wd = businessParts(ms).weekday;
  return wd === 0 ? 7 : wd;
}

/** Minutes since local midnight in Asia/Shanghai. */
export function shanghaiMinuteOfDay(ms: number): number {
  return businessParts(ms).minuteOfDay;
}

/** Epoch ms of 00:00 Asia/Shanghai on the given 'YYYY-MM-DD'. */
export function shanghaiDayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return businessTime(y, m, d);
}

/** Days in [from, to] inclusive, both 'YYYY-MM-DD'. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = shanghaiDayStart(from); t <= shanghaiDayStart(to); t += DAY_MS) out.push(shanghaiDay(t));
  return out;
}
