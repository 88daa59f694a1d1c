/**
 * The organisation collections (districts, streets, communities, categories, departments, city units, standing
 * rules, staff, rota, channels): every document is checked against its domain schema (org-docs.ts) on read; a bad or
 * undecodable one is skipped and reported (collection, _id, the schema's Chinese reason) instead of failing the
 * request (the org loader lists them for admin.health).
 */
import { ORG_COLLECTIONS, docProblem, type OrgCollection } from '@domain/org/org-docs';
import { database, type Database } from '../sdk';
import type { PageCursor } from '@domain/common/page-cursor';
import { keysetPage, type KeysetPage } from './paging';
import { plain, readDocs, safeRead, stripGeo, type Projection, type Skipped } from './read';

export { UNDECODABLE, type Skipped } from './read';

export interface SafeRead<T> {
  docs: T[];
  skipped: Skipped[];
}

const PAGE = 1000;

/** Every usable document of an org collection (optionally filtered), and the skipped ones. */
export async function readChecked<T>(coll: OrgCollection, where?: Record<string, unknown>, db: Database = database()): Promise<SafeRead<T>> {
  const docs: T[] = [];
  const skipped: Skipped[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await safeRead<Record<string, unknown>>(coll, (p?: Projection) => {
      const col = db.collection(coll);
      const q = (where ? col.where(where) : col).skip(offset).limit(PAGE);
      return p ? q.field(p) : q;
    }, { undecodable: 'skip', db });
    skipped.push(...page.undecodable);
    for (const d of page.docs) {
      const problem = docProblem(coll, d);
      if (problem) skipped.push({ coll, id: String(d._id), reason: problem, doc: stripGeo(coll, d) });
      else docs.push(d as T);
    }
    if (page.docs.length + page.undecodable.length < PAGE) return { docs, skipped };
  }
}

/** One document of an org collection without its geometry (safe to read whatever it holds), or null. */
export async function findBare<T>(coll: OrgCollection, id: string, db: Database = database()): Promise<T | null> {
  const geo = ORG_COLLECTIONS[coll].geoFields as readonly string[];
  const docs = await readDocs<T>(coll, () => {
    const q = db.collection(coll).where({ _id: id }).limit(1);
    return geo.length ? q.field(Object.fromEntries(geo.map((f) => [f, false]))) : q;
  }, { db });
  return docs[0] ?? null;
}

/** Log the skipped documents of one load, once. */
export function logSkipped(what: string, skipped: readonly Skipped[]): void {
  if (!skipped.length) return;
  console.warn(`[${what}] skipped ${skipped.length} unusable document(s): ${skipped.map((s) => `${s.coll}/${s.id} (${s.reason})`).join('; ')}`);
}

/** Every document of a collection (optionally filtered), unchecked: what the administration screens edit. */
export async function allDocs<T>(coll: string, where?: Record<string, unknown>): Promise<T[]> {
  const out: T[] = [];
  const base = database().collection(coll);
  for (;;) {
    const q = (where ? base.where(where) : base).skip(out.length).limit(PAGE);
    const page = await readDocs<T>(coll, (p?: Projection) => (p ? q.field(p) : q));
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

/** Whether a staff record holds this invite code. */
export async function inviteCodeTaken(code: string): Promise<boolean> {
  return (await database().collection('staff').where({ inviteCode: code }).count()).total > 0;
}

export interface AdminWrite {
  coll: string;
  id: string;
  /** the new document without `_id`; null removes it */
  after: Record<string, unknown> | null;
  /**
   * instead of replacing the document, set these fields only (a document read without its geometry keeps it;
   * e.g. deactivating a rule whose polygon cannot be decoded)
   */
  patch?: Record<string, unknown>;
  /** the document as the caller read it (without geometry), for the audit line when the stored one cannot be decoded */
  before?: object | null;
}

/**
 * Write org documents and one `adminLog` line per document (`lineOf`) in one transaction. Returns the documents as
 * they were before.
 */
export async function writeInTransaction(writes: readonly AdminWrite[], lineOf: (w: AdminWrite, before: Record<string, unknown> | null) => object): Promise<Array<Record<string, unknown> | null>> {
  const db = database();
  return db.runTransaction(async (tx: Database) => {
    const prev: Array<Record<string, unknown> | null> = [];
    for (const w of writes) {
      const ref = tx.collection(w.coll).doc(w.id);
      let before: Record<string, unknown> | null = null;
      let undecodable = false;
      try {
        const snap = await ref.get();
        before = snap?.data ? plain<Record<string, unknown>>(snap.data) : null;
      } catch {
        // the SDK could not decode the stored document (e.g. a degenerate polygon): it exists, as the caller read it
        undecodable = w.before !== undefined && w.before !== null;
        before = (w.before as Record<string, unknown> | undefined) ?? null;
      }
      if (w.patch) await ref.update({ data: w.patch });
      else if (w.after) await ref.set({ data: w.after });
      else if (before || undecodable) await ref.remove();
      await tx.collection('adminLog').add({ data: lineOf(w, before) });
      prev.push(before);
    }
    return prev;
  });
}

/** One audit line for a change made outside the org collections (数据健康's repair of a case or call). */
export async function appendAudit(line: object): Promise<void> {
  await database().collection('adminLog').add({ data: line });
}

/** The newest audit lines about one record of a collection (at most 100). */
export async function auditLinesOf<T>(coll: string, subjectId: string): Promise<T[]> {
  const q = database().collection('adminLog').where({ coll, subjectId }).orderBy('at', 'desc').limit(100);
  return readDocs<T>('adminLog', (p?: Projection) => (p ? q.field(p) : q));
}

/** One page of the audit trail (optionally of one record), newest first. */
export function auditPage<T extends { _id: string }>(subjectId: string | undefined, cursor: PageCursor | undefined, limit: number): Promise<KeysetPage<T>> {
  return keysetPage<T>('adminLog', subjectId ? { subjectId } : {}, 'at', cursor, limit);
}
