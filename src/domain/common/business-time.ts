/**
 * Business time (Asia/Shanghai) without the system clock and without Intl.
 *
 * China has kept UTC+08:00 all year since 1991 (no daylight saving), so wall time in Asia/Shanghai is
 * epoch + 8 h exactly. Doing the arithmetic ourselves keeps the domain bundle small and independent of
 * the mini-program's Intl support; tests/domain/sla checks these helpers against dayjs' timezone plugin.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const BUSINESS_OFFSET_MS = 8 * HOUR_MS;

export interface BusinessParts {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** minutes since local midnight */
  minuteOfDay: number;
}

/** Wall-clock parts of an instant in Asia/Shanghai. */
export function businessParts(at: number): BusinessParts {
  const d = new Date(at + BUSINESS_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
    minuteOfDay: d.getUTCHours() * 60 + d.getUTCMinutes(),
  };
}

/** Epoch ms of a wall-clock time in Asia/Shanghai (month 1..12). */
export function businessTime(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute) - BUSINESS_OFFSET_MS;
}

/** Start (00:00 Asia/Shanghai) of the business day containing `at`. */
export function startOfBusinessDay(at: number): number {
  const p = businessParts(at);
  return businessTime(p.year, p.month, p.day);
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 'YYYY-MM-DD' in Asia/Shanghai. */
export function dayKey(at: number): string {
  const p = businessParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'YYYY-MM' in Asia/Shanghai. */
export function monthKey(at: number): string {
  const p = businessParts(at);
  return `${p.year}-${pad(p.month)}`;
}

/** 'YYYY' in Asia/Shanghai. */
export function yearKey(at: number): string {
  return String(businessParts(at).year);
}

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai, for messages shown to people. */
export function formatBusiness(at: number): string {
  const p = businessParts(at);
  return `${dayKey(at)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * Daily working window in Asia/Shanghai, in minutes since midnight: [startMinute, endMinute).
 * `weekdays` (0 = Sunday) limits the days the clock runs; omitted = every day.
 */
export interface WorkingHours {
  startMinute: number;
  endMinute: number;
  weekdays?: readonly number[];
}

/** Default "pause at night" window: 08:00–20:00 every day. */
export const DAYTIME_HOURS: WorkingHours = { startMinute: 8 * 60, endMinute: 20 * 60 };

/**
 * Adds `minutes` of running clock to `start`, counting only time inside the working window.
 * A start outside the window begins counting at the next opening. Zero minutes returns `start` unchanged.
 */
export function addWorkingMinutes(start: number, minutes: number, hours: WorkingHours): number {
  if (!(hours.endMinute > hours.startMinute) || hours.startMinute < 0 || hours.endMinute > 24 * 60) {
    throw new RangeError('invalid working hours');
  }
  if (hours.weekdays && hours.weekdays.length === 0) throw new RangeError('working hours without days');
  let remaining = minutes * MINUTE_MS;
  if (remaining <= 0) return start;
  let cursor = start;
  // at most one iteration per calendar day; bounded by the minutes requested
  for (;;) {
    const day0 = startOfBusinessDay(cursor);
    const weekday = businessParts(cursor).weekday;
    const open = day0 + hours.startMinute * MINUTE_MS;
    const close = day0 + hours.endMinute * MINUTE_MS;
    const runsToday = !hours.weekdays || hours.weekdays.includes(weekday);
    if (runsToday && cursor < close) {
      const from = Math.max(cursor, open);
      const available = close - from;
      if (remaining <= available) return from + remaining;
      remaining -= available;
    }
    cursor = day0 + DAY_MS; // next local midnight (no DST in Asia/Shanghai)
  }
}
