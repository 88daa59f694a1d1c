/**
 * Keyset paging. A list is ordered by a time field and then by `_id` (unique), newest first (or by `_id` alone,
 * ascending, for directories). The cursor names the last row of the page — its sort value and its id — so the
 * next page starts strictly after it: `t < c.t OR (t == c.t AND _id < c.id)`. Rows sharing a millisecond are
 * each seen exactly once, and a row written between two pages never shifts the others (offsets would).
 *
 * The cursor travels as one opaque string `<t>.<id>` (`t`: integer ms, or empty for an id-only order).
 */
import * as z from 'zod/mini';

export interface PageCursor {
  /** the sort value of the last row (absent: the list is ordered by id only) */
  t?: number;
  id: string;
}

const CURSOR_RE = /^(-?\d{1,15})?\.([\x21-\x7e]{1,64})$/;
const MESSAGE = '翻页参数格式不正确';

export function encodeCursor(c: PageCursor): string {
  return `${c.t === undefined ? '' : String(c.t)}.${c.id}`;
}

/** null: not a cursor */
export function decodeCursor(s: string): PageCursor | null {
  const m = CURSOR_RE.exec(s);
  if (!m) return null;
  if (m[1] === undefined) return { id: m[2] };
  const t = Number(m[1]);
  return Number.isSafeInteger(t) ? { t, id: m[2] } : null;
}

/** The input field `cursor`: absent for the first page, then the previous answer's `nextCursor`. */
export const cursorInput = z.optional(
  z.pipe(
    z.string({ error: MESSAGE }).check(z.refine((s) => decodeCursor(s) !== null, MESSAGE)),
    z.transform((s) => decodeCursor(s) as PageCursor),
  ),
);

/** Whether row (t, id) comes after the cursor in a (t desc, id desc) order. */
export function afterDesc(row: { t: number; id: string }, c: PageCursor): boolean {
  if (c.t === undefined) return row.id < c.id;
  return row.t < c.t || (row.t === c.t && row.id < c.id);
}

/**
 * One page out of `rows` fetched `limit + 1` at a time: the first `limit`, and the cursor after the last of them
 * when there is more (null at the end).
 */
export function pageOf<T>(rows: readonly T[], limit: number, key: (row: T) => PageCursor): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit && items.length ? encodeCursor(key(items[items.length - 1])) : null };
}

/** Ordering for in-memory lists: t desc, then id desc. */
export function compareDesc(a: { t: number; id: string }, b: { t: number; id: string }): number {
  return b.t - a.t || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
