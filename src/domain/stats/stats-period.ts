import { DAY_MS, daysBetween, shanghaiDay, shanghaiDayStart, shanghaiWeekday } from './stats-day';

export type PeriodKind = 'day' | 'week' | 'month' | 'halfYear' | 'custom';

export interface PeriodInput {
  period: PeriodKind;
  /** 'YYYY-MM-DD': the anchor day (day/week/month/halfYear) or the first day (custom) */
  from?: string;
  /** 'YYYY-MM-DD': the last day (custom only) */
  to?: string;
}

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
  /** Chinese label, e.g. "2026年11月" */
  label: string;
  days: number;
}

/** Longest custom period accepted (a year and a day). */
export const MAX_PERIOD_DAYS = 366;

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Resolves a period to inclusive days [from, to] (Asia/Shanghai). Periods are calendar units containing the
 * anchor day (default: yesterday, the last day the daily roll-up has closed) and are cut at yesterday:
 * summaries exist only for finished days. Weeks run Monday–Sunday; half-years are January–June and July–December.
 */
export function resolvePeriod(input: PeriodInput, now: number): Period {
  const yesterday = shanghaiDay(now - DAY_MS);
  const anchor = input.from && DAY_RE.test(input.from) ? input.from : yesterday;
  const [y, m] = anchor.split('-').map(Number);
  let from: string;
  let to: string;
  let label: string;
  switch (input.period) {
    case 'day':
      from = to = anchor;
      label = anchor;
      break;
    case 'week': {
      const start = shanghaiDayStart(anchor) - (shanghaiWeekday(shanghaiDayStart(anchor)) - 1) * DAY_MS;
      from = shanghaiDay(start);
      to = shanghaiDay(start + 6 * DAY_MS);
      label = `${from} 起一周`;
      break;
    }
    case 'month': {
      from = `${y}-${pad(m)}-01`;
      to = shanghaiDay(shanghaiDayStart(m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`) - DAY_MS);
      label = `${y}年${m}月`;
      break;
    }
    case 'halfYear': {
      const first = m <= 6;
      from = first ? `${y}-01-01` : `${y}-07-01`;
      to = first ? `${y}-06-30` : `${y}-12-31`;
      label = `${y}年${first ? '上' : '下'}半年`;
      break;
    }
    case 'custom': {
      if (!input.from || !input.to || !DAY_RE.test(input.from) || !DAY_RE.test(input.to)) throw new RangeError('自定义时段需要开始和结束日期');
      from = input.from;
      to = input.to;
      if (from > to) throw new RangeError('开始日期不能晚于结束日期');
      label = `${from} 至 ${to}`;
      break;
    }
    default:
      throw new RangeError('未知的统计周期');
  }
  if (to > yesterday && input.period !== 'custom') to = yesterday < from ? from : yesterday;
  const days = daysBetween(from, to).length;
  if (days > MAX_PERIOD_DAYS) throw new RangeError(`统计时段最长${MAX_PERIOD_DAYS}天`);
  return { kind: input.period, from, to, label, days };
}

/** Days of [from, to] as epoch ms bounds: [start of from, start of the day after to). */
export function periodBounds(from: string, to: string): { start: number; end: number } {
  return { start: shanghaiDayStart(from), end: shanghaiDayStart(to) + DAY_MS };
}

/**
 * The period before `p`, for comparisons: the previous day, week, month or half-year (whole), or for a custom period
 * the same number of days just before it.
 */
export function previousPeriod(p: Period): Period {
  const dayBefore = shanghaiDay(shanghaiDayStart(p.from) - DAY_MS);
  if (p.kind === 'custom') {
    const from = shanghaiDay(shanghaiDayStart(p.from) - p.days * DAY_MS);
    return { kind: 'custom', from, to: dayBefore, label: `${from} 至 ${dayBefore}`, days: p.days };
  }
  // the whole previous calendar unit: resolved as of a moment far after it (nothing cut at "yesterday")
  return resolvePeriod({ period: p.kind, from: dayBefore }, shanghaiDayStart(p.from) + 400 * DAY_MS);
}
