/**
 * The `calls` collection: reads by case and by group. Every read survives a document the SDK cannot decode
 * (repos/read.ts); writes go through `commit()` (repos/records.ts).
 */
import type { StoredCall } from './records';
import { database } from '../sdk';
import type { PageCursor } from '@domain/common/page-cursor';
import { countOf, keysetPage, pagedFind, type KeysetPage } from './paging';
import { readDocs, type Projection, type SafeOptions } from './read';

const COLL = 'calls';

/** The calls of a case (at most 100), oldest first. */
export async function callsOfCase<T = StoredCall>(caseId: string, projection?: Projection): Promise<T[]> {
  const q = database().collection(COLL).where({ caseId }).orderBy('createdAt', 'asc').limit(100);
  return readDocs<T>(COLL, (p?: Projection) => (p ? q.field(p) : q), { projection });
}

/** The calls of a joint meeting group (at most 100). */
export async function callsOfGroup(groupId: string): Promise<StoredCall[]> {
  const q = database().collection(COLL).where({ groupId }).limit(100);
  return readDocs<StoredCall>(COLL, (p?: Projection) => (p ? q.field(p) : q));
}

/** Every call matching `where`, by `orderField` ascending, `fields` only (at most about `cap`). */
export function findCallsBy<T = StoredCall>(where: Record<string, unknown>, fields: Projection, orderField: string, cap?: number, opts: Pick<SafeOptions, 'counter' | 'db'> = {}): Promise<T[]> {
  return pagedFind<T>(opts.db ?? database(), COLL, where, fields, orderField, opts.counter, cap);
}

/** One page of the calls matching `where` (null: none may be seen), newest first, after `cursor`. */
export function callsPage(where: Record<string, unknown> | null, cursor: PageCursor | undefined, limit: number): Promise<KeysetPage<StoredCall>> {
  return keysetPage<StoredCall>(COLL, where, 'createdAt', cursor, limit);
}

/** Exact number of calls matching `where` (null: 0). */
export function countCalls(where: Record<string, unknown> | null): Promise<number> {
  return countOf(COLL, where);
}
