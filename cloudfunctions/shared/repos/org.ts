/**
 * The organisation collections (districts, streets, communities, categories, departments, city units, standing
 * rules, staff, rota, channels): every document is checked against its domain schema (org.docs.ts) on read; a bad or
 * undecodable one is skipped and reported (collection, _id, the schema's Chinese reason) instead of failing the
 * request (the org loader lists them for admin.health).
 */
import { ORG_COLLECTIONS, docProblem, type OrgCollection } from '@domain/org/org.docs';
import { database, type Database } from '../sdk';
import { readDocs, safeRead, stripGeo, type Projection, type Skipped } from './read';

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
