/**
 * Business days in Asia/Shanghai (UTC+8, no daylight saving since 1991) without a time-zone library:
 * pure arithmetic on epoch milliseconds, so it is identical in cloud functions and the mini-program.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
export const DAY_MS = 24 * 3600 * 1000;

/** 'YYYY-MM-DD' of an instant in Asia/Shanghai. */
export function shanghaiDay(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${y}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
}

/** ISO weekday of an instant in Asia/Shanghai: 1 = Monday … 7 = Sunday. */
export function shanghaiWeekday(ms: number): number {
  const wd = new Date(ms + SHANGHAI_OFFSET_MS).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** Minutes since local midnight in Asia/Shanghai. */
export function shanghaiMinuteOfDay(ms: number): number {
  const local = ms + SHANGHAI_OFFSET_MS;
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 60000);
}

/** Epoch ms of 00:00 Asia/Shanghai on the given 'YYYY-MM-DD'. */
export function shanghaiDayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS;
}

/** Days in [from, to] inclusive, both 'YYYY-MM-DD'. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = shanghaiDayStart(from); t <= shanghaiDayStart(to); t += DAY_MS) out.push(shanghaiDay(t));
  return out;
}
