/**
 * The `cases` collection: reads by id, by ids and by filter. Every read survives a document the SDK cannot decode
 * (repos/read.ts); writes go through `commit()` (shared/repo.ts: one conditional update or one transaction).
 */
import type { CaseRecord } from '@domain/case/case.types';
import { database } from '../sdk';
import { readDocs, type Projection, type SafeOptions } from './read';

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
