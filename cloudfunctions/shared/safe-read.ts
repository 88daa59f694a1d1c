/**
 * Reading documents that may be bad (written before their schema existed, or by hand in the console) without
 * letting one of them fail the request. Every document is checked against its domain schema (org.docs.ts); a bad
 * one is skipped and reported (collection, _id, the schema's Chinese reason).
 *
 * The real `@cloudbase/database` decoder turns GeoJSON into its Geo classes while it formats a response, and throws
 * on a degenerate polygon (an empty ring, one position): the whole page's `get()` fails. So when a page cannot be
 * read, it is read again with a field projection that leaves the collection's GeoJSON fields out (nothing to
 * decode), and each document of that page is then read on its own: those that still fail are skipped as
 * undecodable. The happy path stays one request per 1000 documents; only a page holding a bad document pays one
 * request per document.
 */
import { ORG_COLLECTIONS, docProblem, type OrgCollection } from '@domain/org/org.docs';
import { database, type Database } from './sdk';
import { plain } from './repo';

export interface Skipped {
  coll: string;
  id: string;
  reason: string;
  /** the document without its geometry (enough to name it: title, category, area's street) */
  doc?: Record<string, unknown>;
}

export interface SafeRead<T> {
  docs: T[];
  skipped: Skipped[];
}

const PAGE = 1000;
export const UNDECODABLE = '地理数据无法解析（如区域边界为空或点数不足）';

/** Projection leaving the collection's GeoJSON fields out. */
export function withoutGeo(coll: OrgCollection): Record<string, false> | null {
  const fields = ORG_COLLECTIONS[coll].geoFields as readonly string[];
  return fields.length ? Object.fromEntries(fields.map((f) => [f, false])) : null;
}

type Q = { skip(n: number): Q; limit(n: number): Q; field(p: Record<string, boolean>): Q; get(): Promise<{ data: unknown[] }> };

/** One page; if the decoder fails on it, the page without geometry and each document on its own. */
async function page(db: Database, coll: OrgCollection, base: Q, offset: number): Promise<{ raw: number; docs: Record<string, unknown>[]; undecodable: Skipped[] }> {
  try {
    const data = plain<Record<string, unknown>[]>((await base.skip(offset).limit(PAGE).get()).data);
    return { raw: data.length, docs: data, undecodable: [] };
  } catch (err) {
    const projection = withoutGeo(coll);
    if (!projection) throw err;
    const bare = plain<Record<string, unknown>[]>((await base.skip(offset).limit(PAGE).field(projection).get()).data);
    const docs: Record<string, unknown>[] = [];
    const undecodable: Skipped[] = [];
    for (const d of bare) {
      try {
        const full = await db.collection(coll).where({ _id: d._id }).limit(1).get();
        if (full.data[0]) docs.push(plain<Record<string, unknown>>(full.data[0]));
      } catch {
        undecodable.push({ coll, id: String(d._id), reason: UNDECODABLE, doc: d });
      }
    }
    return { raw: bare.length, docs, undecodable };
  }
}

/** Every usable document of an org collection (optionally filtered), and the skipped ones. */
export async function readChecked<T>(coll: OrgCollection, where?: Record<string, unknown>, db: Database = database()): Promise<SafeRead<T>> {
  const col = db.collection(coll);
  const base = (where ? col.where(where) : col) as unknown as Q;
  const docs: T[] = [];
  const skipped: Skipped[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const p = await page(db, coll, base, offset);
    skipped.push(...p.undecodable);
    for (const d of p.docs) {
      const problem = docProblem(coll, d);
      if (problem) skipped.push({ coll, id: String(d._id), reason: problem, doc: stripGeo(coll, d) });
      else docs.push(d as T);
    }
    if (p.raw < PAGE) return { docs, skipped };
  }
}

/** One document of an org collection without its geometry (safe to read whatever it holds), or null. */
export async function findBare<T>(coll: OrgCollection, id: string, db: Database = database()): Promise<T | null> {
  const projection = withoutGeo(coll);
  const q = db.collection(coll).where({ _id: id }).limit(1);
  const res = await (projection ? q.field(projection) : q).get();
  return res.data[0] ? plain<T>(res.data[0]) : null;
}

function stripGeo(coll: OrgCollection, doc: Record<string, unknown>): Record<string, unknown> {
  const out = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  for (const f of ORG_COLLECTIONS[coll].geoFields as readonly string[]) {
    const path = f.split('.');
    let o: Record<string, unknown> | undefined = out;
    for (const k of path.slice(0, -1)) o = o?.[k] as Record<string, unknown> | undefined;
    if (o && typeof o === 'object') delete o[path[path.length - 1]];
  }
  return out;
}

/** Log the skipped documents of one load, once. */
export function logSkipped(what: string, skipped: readonly Skipped[]): void {
  if (!skipped.length) return;
  console.warn(`[${what}] skipped ${skipped.length} unusable document(s): ${skipped.map((s) => `${s.coll}/${s.id} (${s.reason})`).join('; ')}`);
}
