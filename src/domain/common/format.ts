/**
 * How durations, times and names read on every screen and in every log line: ONE module, pure (no clock, no IO).
 *
 * - Durations always carry units ("9分16秒", "11小时15分", "2天3小时"): never "09:16" or "11:15", which read as
 *   clock times and do not say whether they are minutes or hours.
 * - Minutes early or late are whole minutes ("早30分钟", never "早29.8分钟").
 * - An internal id (dept-…, street-…, staff-…) is never shown: a name from the org data the caller has, or, for an
 *   id nobody knows, a neutral label ("某部门").
 */
import { formatBusiness } from './business-time';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span with units: under an hour "9分16秒" (seconds while they matter), under a day "11小时15分", beyond "2天3小时". */
export function formatDuration(ms: number): string {
  const span = Math.max(0, Math.floor(ms));
  if (span < MINUTE) return `${Math.floor(span / SECOND)}秒`;
  if (span < HOUR) {
    const s = Math.floor(span / SECOND);
    const sec = s % 60;
    return sec ? `${Math.floor(s / 60)}分${sec}秒` : `${Math.floor(s / 60)}分钟`;
  }
  if (span < DAY) {
    const m = Math.floor(span / MINUTE);
    const min = m % 60;
    return min ? `${Math.floor(m / 60)}小时${min}分` : `${Math.floor(m / 60)}小时`;
  }
  const h = Math.floor(span / HOUR);
  const hours = h % 24;
  return hours ? `${Math.floor(h / 24)}天${hours}小时` : `${Math.floor(h / 24)}天`;
}

/** "剩余 9分16秒" before the deadline, "已超时 11小时15分" after it. */
export function formatCountdown(deadline: number, now: number): string {
  const left = deadline - now;
  return left > 0 ? `剩余 ${formatDuration(left)}` : `已超时 ${formatDuration(-left)}`;
}

/** A whole number of minutes early (negative) or late (positive): "准时", "晚12分钟", "早30分钟". */
export function formatMinutesOff(minutes: number): string {
  const m = Math.round(minutes);
  if (m === 0) return '准时';
  return m > 0 ? `晚${m}分钟` : `早${-m}分钟`;
}

/** "2026-11-27 09:05" in business time (Asia/Shanghai). */
export const formatDateTime = formatBusiness;

// ───────────────────────────── names, never ids ─────────────────────────────

/** A lookup from an id to the name the org data gives it (undefined when unknown). */
export type NameBook = (id: string) => string | undefined;

/** The neutral label for an unknown id of each kind (never the id itself). */
export const NEUTRAL_LABELS: ReadonlyArray<readonly [prefix: string, label: string]> = [
  ['dept-', '某部门'],
  ['city-', '某市直单位'],
  ['street-', '某街镇'],
  ['comm-', '某社区'],
  ['staff-', '某工作人员'],
  ['rule-', '某长效机制'],
  ['ch-', '某渠道'],
  ['cat-', '某类别'],
  ['grid-', '某网格'],
  ['rota-', '某轮值'],
];

/**
 * What an internal id looks like in text: one of the org prefixes followed by lowercase letters, digits and hyphens
 * (seed ids and ids made by the admin screens), or an openid (28 characters starting with "o" of the WeChat shape,
 * or the local cloud's "o-…" test openids). Used to resolve names in texts and, in tests, to prove none is shown.
 */
export const INTERNAL_ID_PATTERN = /(?<![A-Za-z0-9_-])(?:(?:dept|city|street|comm|staff|rule|ch|cat|grid|rota)-[a-z0-9][a-z0-9-]*|o[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])|o-[a-z0-9][a-z0-9-]{2,})/g;

/** The neutral label for an id (by its prefix), or a general one. */
export function neutralLabel(id: string): string {
  for (const [prefix, label] of NEUTRAL_LABELS) if (id.startsWith(prefix)) return label;
  return '某单位';
}

/** The name of `id` from the book, else its neutral label; '' for no id. */
export function nameOf(id: string | undefined, book: NameBook): string {
  if (!id) return '';
  return book(id) ?? neutralLabel(id);
}

/** Every internal id in a free text (a log line written before names were recorded) replaced by its name. */
export function humanizeIds(text: string, book: NameBook): string {
  return text.replace(INTERNAL_ID_PATTERN, (id) => {
    if (/^o/.test(id) && !/^o-/.test(id) && id.length === 28) return '群众';
    if (id.startsWith('o-')) return book(id) ?? '群众';
    return nameOf(id, book);
  });
}

/** A name book from lists of `{ _id, name | fullName }` (the org data the app or the server holds). */
export function nameBookOf(...lists: ReadonlyArray<ReadonlyArray<{ _id: string; name?: string; fullName?: string }> | undefined>): NameBook {
  const m = new Map<string, string>();
  for (const list of lists) for (const x of list ?? []) {
    const n = x.fullName ?? x.name;
    if (n && !m.has(x._id)) m.set(x._id, n);
  }
  return (id) => m.get(id);
}
