/**
 * Keyset pages and exact counts through the SDK (`@domain/shared/page.cursor`).
 *
 * A page after cursor (t, id) reads `where AND field <= t AND (field < t OR (field == t AND _id < id))` ordered by
 * (field desc, _id desc), `limit + 1` rows: one round trip, exact with ties. The redundant `field <= t` keeps the
 * query index-friendly (a store that cannot plan `$or` still narrows by the range and sorts by the index; only the
 * rows of the boundary millisecond already returned are read again and dropped).
 *
 * Counts are the SDK's `count()` over the same filter: exact at any size (no 1 000-row read).
 */
import { pageOf, type PageCursor } from '@domain/shared/page.cursor';
import { database, type Database } from './sdk';
import { query } from './repo';

/** GeoJSON fields of the listed collections (what the SDK's decoder parses, and may throw on). */
const GEO_FIELDS: Record<string, readonly string[]> = {
  cases: ['location.point'],
  calls: ['place.point', 'checkIn.location', 'attempts'],
};

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
  opts: { projection?: Record<string, boolean> } = {},
): Promise<KeysetPage<T>> {
  if (!where) return { items: [], nextCursor: null };
  const db = database();
  let q = db.collection(coll).where(afterCursor(db, where, field, c));
  q = field === null ? q.orderBy('_id', 'asc') : q.orderBy(field, 'desc').orderBy('_id', 'desc');
  const geo = GEO_FIELDS[coll];
  let rows: T[];
  try {
    rows = await query<T>((opts.projection ? q.field(opts.projection) : q).limit(limit + 1));
  } catch (err) {
    // The SDK's decoder turns GeoJSON into Geo objects while it formats the answer and throws on a malformed one
    // (an old document, written before the schemas): the page is read again without the geometry — a list row
    // never needs it — so one bad document does not fail the list for everyone.
    if (!geo || opts.projection) throw err;
    console.warn(`[paging] ${coll}: a page could not be decoded, read without ${geo.join(', ')}:`, String((err as Error).message ?? err).slice(0, 200));
    rows = await query<T>(q.field(Object.fromEntries(geo.map((f) => [f, false]))).limit(limit + 1));
  }
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
