/**
 * The `calls` collection: reads by case and by group. Every read survives a document the SDK cannot decode
 * (repos/read.ts); writes go through `commit()` (shared/repo.ts).
 */
import type { StoredCall } from './records';
import { database } from '../sdk';
import { pagedFind } from './paging';
import { readDocs, type Projection } from './read';

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
export function findCallsBy<T = StoredCall>(where: Record<string, unknown>, fields: Projection, orderField: string, cap?: number): Promise<T[]> {
  return pagedFind<T>(database(), COLL, where, fields, orderField, undefined, cap);
}
