/**
 * Keyset pages and exact counts through the SDK (`@domain/common/page-cursor`).
 *
 * A page after cursor (t, id) reads `where AND field <= t AND (field < t OR (field == t AND _id < id))` ordered by
 * (field desc, _id desc), `limit + 1` rows: one round trip, exact with ties. The redundant `field <= t` keeps the
 * query index-friendly (a store that cannot plan `$or` still narrows by the range and sorts by the index; only the
 * rows of the boundary millisecond already returned are read again and dropped).
 *
 * Counts are the SDK's `count()` over the same filter: exact at any size (no 1 000-row read).
 */
import { pageOf, type PageCursor } from '@domain/common/page-cursor';
import { database, type Database } from '../sdk';
import { readDocs, type Projection } from './read';

const PAGE = 1000;

export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** `where` restricted to the rows after `c` in a (field desc, _id desc) order (field absent: `_id` asc). */
export function afterCursor(db: Database, where: Record<string, unknown>, field: string | null, c: PageCursor | undefined): Record<string, unknown> {
  if (!c) return where;
  const _ = db.command;
  if (field === null || c.t === undefined) return _.and([where, { _id: _.gt(c.id) }]) as unknown as Record<string, unknown>;
  return _.and([where, { [field]: _.lte(c.t) }, _.or([{ [field]: _.lt(c.t) }, { [field]: c.t, _id: _.lt(c.id) }])]) as unknown as Record<string, unknown>;
}

/**
 * One page of `coll` rows matching `where`, newest `field` first (ties by `_id` desc), after cursor `c`.
 * `field` null: ordered by `_id` ascending (directories). `where` null: nothing may be seen.
 */
export async function keysetPage<T extends { _id: string }>(
  coll: string,
  where: Record<string, unknown> | null,
  field: string | null,
  c: PageCursor | undefined,
  limit: number,
  opts: { projection?: Projection } = {},
): Promise<KeysetPage<T>> {
  if (!where) return { items: [], nextCursor: null };
  const db = database();
  let q = db.collection(coll).where(afterCursor(db, where, field, c));
  q = field === null ? q.orderBy('_id', 'asc') : q.orderBy(field, 'desc').orderBy('_id', 'desc');
  // a row the SDK cannot decode (an old document, written before the schemas) comes without its geometry — a list
  // row never needs it — so one bad document does not fail the list for everyone (repos/read.ts)
  const rows = await readDocs<T>(coll, (p?: Projection) => (p ? q.field(p) : q).limit(limit + 1), { projection: opts.projection });
  return pageOf(rows, limit, (r) => (field === null ? { id: r._id } : { t: valueAt(r, field) as number, id: r._id }));
}

function valueAt(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** Exact number of rows matching `where` (null: 0). */
export async function countOf(coll: string, where: Record<string, unknown> | null): Promise<number> {
  if (!where) return 0;
  const res = await database().collection(coll).where(where).count();
  return res.total;
}

/**
 * All documents matching `where` (paged by 1000, ordered by `orderField` then `_id` so pages are stable). Pages
 * continue from the last value of `orderField` (keyset: `orderField >= last`, skipping only the documents of
 * that value already read) instead of `skip(n)`, which makes the database walk past every earlier document
 * again on each page (quadratic over a day of 20 000 cases). An undecodable document comes without its geometry.
 */
export async function pagedFind<T>(db: Database, coll: string, where: Record<string, unknown>, fields: Record<string, unknown>, orderField: string, counter?: { requests: number }, cap = Infinity): Promise<T[]> {
  const _ = db.command;
  const out: T[] = [];
  let from: unknown;
  let skip = 0;
  for (;;) {
    const cond = from === undefined ? where : _.and(where, { [orderField]: _.gte(from) });
    const q = db.collection(coll).where(cond).orderBy(orderField, 'asc').orderBy('_id', 'asc').skip(skip).limit(PAGE);
    const page = await readDocs<Record<string, unknown>>(coll, (p?: Projection) => (p ? q.field(p) : q), { projection: fields as Projection, counter, db });
    out.push(...(page as T[]));
    if (page.length < PAGE || out.length >= cap) return out;
    const last = valueAt(page[page.length - 1], orderField);
    if (typeof last !== 'number' && typeof last !== 'string') {
      // not a keyset value (absent, a date, an object): plain offset paging
      skip += page.length;
      continue;
    }
    let ties = 0;
    for (let i = page.length - 1; i >= 0 && valueAt(page[i], orderField) === last; i--) ties++;
    skip = last === from ? skip + ties : ties;
    from = last;
  }
}
