/**
 * The `cases` collection: reads by id, by ids and by filter. Every read survives a document the SDK cannot decode
 * (repos/read.ts); writes go through `commit()` (repos/records.ts: one conditional update or one transaction).
 */
import type { CaseRecord } from '@domain/case/case-types';
import type { StoredCase } from './records';
import { database, type Database } from '../sdk';
import type { PageCursor } from '@domain/common/page-cursor';
import { countOf, keysetPage, pagedFind, type KeysetPage } from './paging';
import { docById, readDocs, type Projection, type SafeOptions } from './read';

const COLL = 'cases';
const IN_CHUNK = 500;

/** The cases of `ids` (any order; missing ones left out), read `IN_CHUNK` ids at a time. */
export async function findCases<T = CaseRecord & { _id: string }>(ids: readonly string[], projection?: Projection, opts: Pick<SafeOptions, 'counter' | 'db'> = {}): Promise<T[]> {
  const db = opts.db ?? database();
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const chunk = ids.slice(i, i + IN_CHUNK);
    const q = db.collection(COLL).where({ _id: db.command.in(chunk) }).limit(chunk.length);
    out.push(...(await readDocs<T>(COLL, (p?: Projection) => (p ? q.field(p) : q), { projection, counter: opts.counter, db })));
  }
  return out;
}

/** Every case matching `where`, by `orderField` ascending, `fields` only (at most about `cap`). */
export function findCasesBy<T = CaseRecord & { _id: string }>(where: Record<string, unknown>, fields: Projection, orderField: string, cap?: number, opts: Pick<SafeOptions, 'counter' | 'db'> = {}): Promise<T[]> {
  return pagedFind<T>(opts.db ?? database(), COLL, where, fields, orderField, opts.counter, cap);
}

/**
 * What a list row reads of a case: not its due items, notification claims and intake key (the timer's and intake's
 * business), and of its audit trail only the newest line (the row's 最新进展). A long-running case's trail is most of
 * its size, and every byte read is decoded by the SDK.
 */
function listFields(db: Database): Projection {
  return { due: false, notified: false, intakeKey: false, log: db.command.project.slice(-1) };
}

/** One page of the cases matching `where` (null: none may be seen), newest first, after `cursor`: list rows (`listFields`). */
export function casesPage<T = StoredCase>(where: Record<string, unknown> | null, cursor: PageCursor | undefined, limit: number): Promise<KeysetPage<T & { _id: string }>> {
  return keysetPage<T & { _id: string }>(COLL, where, 'createdAt', cursor, limit, { projection: listFields(database()) });
}

/** Exact number of cases matching `where` (null: 0). */
export function countCases(where: Record<string, unknown> | null): Promise<number> {
  return countOf(COLL, where);
}

/** One case by id (without its geometry if the SDK cannot decode it), or null. */
export function findCase<T = StoredCase>(id: string): Promise<T | null> {
  return docById<T>(COLL, id);
}

/** When the first case was reported (null: none yet). */
export async function firstReportAt(db: Database = database(), counter?: { requests: number }): Promise<number | null> {
  const res = await db.collection(COLL).orderBy('createdAt', 'asc').limit(1).field({ createdAt: true }).get();
  if (counter) counter.requests++;
  return res.data[0] ? (res.data[0] as { createdAt: number }).createdAt : null;
}

/**
 * The cases matching `where` (at most `limit`): newest first (ties by id desc) with `newestFirst`, else in store
 * order; `projection` to read fewer fields.
 */
export async function findCasesWhere<T = StoredCase>(where: Record<string, unknown>, opts: { limit: number; newestFirst?: boolean; projection?: Projection }): Promise<T[]> {
  let q = database().collection(COLL).where(where);
  if (opts.newestFirst) q = q.orderBy('createdAt', 'desc').orderBy('_id', 'desc');
  q = q.limit(opts.limit);
  return readDocs<T>(COLL, (p?: Projection) => (p ? q.field(p) : q), { projection: opts.projection });
}

/** Set fields on the cases matching `where` (a conditional update: none match, nothing changes). */
export async function updateCasesWhere(where: Record<string, unknown>, data: Record<string, unknown>): Promise<number> {
  const res = await database().collection(COLL).where(where).update({ data });
  return res.stats?.updated ?? 0;
}

/** Open cases within `radiusM` of `point` (a little wider; the caller measures exactly), `fields` only. */
export async function casesNear<T = StoredCase>(point: readonly [number, number] | number[], radiusM: number, where: Record<string, unknown>, fields: Projection, limit: number): Promise<T[]> {
  const db = database();
  const q = db
    .collection(COLL)
    .where({ ...where, 'location.point': db.command.geoWithin({ centerSphere: [point, radiusM / EARTH_RADIUS_M] }) })
    .limit(limit);
  return readDocs<T>(COLL, (p?: Projection) => (p ? q.field(p) : q), { projection: fields });
}
const EARTH_RADIUS_M = 6378137;

/** The case created under an intake key (the idempotency key of a report), or null. */
export async function caseByIntakeKey(intakeKey: string): Promise<StoredCase | null> {
  return (await findCasesWhere({ intakeKey }, { limit: 1 }))[0] ?? null;
}
