/**
 * Reading documents that the SDK may fail to decode, for every repository.
 *
 * The real `@cloudbase/database` decoder turns stored GeoJSON into its Geo classes while it formats a response and
 * throws on a malformed one (a degenerate polygon, a longitude out of range — data written before the schemas, or by
 * hand in the console): the whole `get()` fails. So a read whose answer cannot be decoded is asked again with a
 * projection that leaves the collection's GeoJSON fields out (nothing to decode), and each document of that answer
 * is then read whole on its own: the good ones come back complete, the undecodable ones without their geometry
 * (`degrade`, what lists and `case.get` show) or not at all (`skip`). Either way they are counted: each is noted in
 * `settings` (`health:<coll>:<id>`) and listed by the administrators' health view (admin.health) until it decodes
 * again or is gone. The happy path stays one request; only an answer holding a bad document pays one per document.
 */
import { ORG_COLLECTIONS } from '@domain/org/org-docs';
import { database, type Database } from '../sdk';
import { serverClock } from '../clock';

/** A document left out of (or degraded in) a read, and why. */
export interface Skipped {
  coll: string;
  id: string;
  reason: string;
  /** the document without its geometry (enough to name it: title, category, area's street) */
  doc?: Record<string, unknown>;
}

export const UNDECODABLE = '地理数据无法解析（如区域边界为空或点数不足）';

/** GeoJSON fields of each collection (what the SDK's decoder parses, and may throw on). */
export const GEO_FIELDS: Record<string, readonly string[]> = {
  cases: ['location.point'],
  calls: ['place.point', 'checkIn.location', 'attempts'],
  ...Object.fromEntries(Object.entries(ORG_COLLECTIONS).map(([k, v]) => [k, v.geoFields as readonly string[]])),
};

/**
 * Documents as plain JSON. The SDK turns stored GeoJSON into its own Geo classes on read; the domain works on
 * GeoJSON, so every read goes through here (the classes serialise back to GeoJSON).
 */
export function plain<T>(docs: unknown): T {
  return JSON.parse(JSON.stringify(docs)) as T;
}

/** Fields to return (true), to leave out (false), or an operator of `db.command.project` (an array's slice). */
export type Projection = Record<string, boolean | object>;

/** A query of the SDK, to be completed with a projection (or none). */
export interface Query {
  field(p: Projection): Query;
  get(): Promise<{ data: unknown[] }>;
}

/** `projection` narrowed so that it returns none of `geo` (inclusion: the geo paths dropped; exclusion: added). */
export function withoutGeo(projection: Projection | undefined, geo: readonly string[]): Projection {
  const touches = (k: string) => geo.some((g) => k === g || k.startsWith(`${g}.`) || g.startsWith(`${k}.`));
  const inclusive = projection && Object.values(projection).some((v) => v === true);
  if (inclusive) return Object.fromEntries(Object.entries(projection!).filter(([k]) => !touches(k)));
  return { ...(projection ?? {}), ...Object.fromEntries(geo.map((g) => [g, false])) };
}

export function stripGeo(coll: string, doc: Record<string, unknown>): Record<string, unknown> {
  const out = plain<Record<string, unknown>>(doc);
  for (const f of GEO_FIELDS[coll] ?? []) {
    const path = f.split('.');
    let o: Record<string, unknown> | undefined = out;
    for (const k of path.slice(0, -1)) o = o?.[k] as Record<string, unknown> | undefined;
    if (o && typeof o === 'object') delete o[path[path.length - 1]];
  }
  return out;
}

export interface SafeOptions {
  /** the fields to read (SDK projection); the fallback keeps it, less the geometry */
  projection?: Projection;
  /** an undecodable document: returned without its geometry (default) or left out */
  undecodable?: 'degrade' | 'skip';
  /** counts requests (the roll-up's budget) */
  counter?: { requests: number };
  db?: Database;
}

export interface SafeResult<T> {
  docs: T[];
  /** the undecodable documents of this read */
  undecodable: Skipped[];
}

/**
 * The documents of `build(projection)`, surviving undecodable ones (see the head of this file). `build` makes the
 * query (collection, filter, order, skip, limit) and applies the projection it is given.
 */
export async function safeRead<T>(coll: string, build: (projection?: Projection) => Query, opts: SafeOptions = {}): Promise<SafeResult<T>> {
  const db = opts.db ?? database();
  const count = () => {
    if (opts.counter) opts.counter.requests++;
  };
  const geo = GEO_FIELDS[coll] ?? [];
  const withProjection = (p: Projection | undefined) => (p && Object.keys(p).length ? build(p) : build());
  try {
    const res = await withProjection(opts.projection).get();
    count();
    return { docs: plain<T[]>(res.data), undecodable: [] };
  } catch (err) {
    if (!geo.length || !decodeFailure(err)) throw err;
    const bare = withoutGeo(opts.projection, geo);
    const res = await build(bare).get();
    count();
    console.warn(`[read] ${coll}: an answer could not be decoded, read again without ${geo.join(', ')}:`, String((err as Error).message ?? err).slice(0, 200));
    const docs: T[] = [];
    const undecodable: Skipped[] = [];
    for (const d of plain<Array<Record<string, unknown>>>(res.data)) {
      try {
        const one = db.collection(coll).where({ _id: d._id }).limit(1);
        const full = await (opts.projection && Object.keys(opts.projection).length ? one.field(opts.projection) : one).get();
        count();
        if (full.data[0]) docs.push(plain<T>(full.data[0]));
      } catch (one) {
        if (!decodeFailure(one)) throw one;
        undecodable.push({ coll, id: String(d._id), reason: UNDECODABLE, doc: d });
        if (opts.undecodable !== 'skip') docs.push(d as T);
      }
    }
    await noteUndecodable(db, undecodable);
    return { docs, undecodable };
  }
}

/**
 * Whether a read failed in the SDK itself (its decoder throws while formatting the answer: the SDK marks such errors
 * errCode -1), not in the database or on the way (those carry the server's code and are not retried here).
 */
function decodeFailure(err: unknown): boolean {
  return (err as { errCode?: unknown } | null)?.errCode === -1;
}

/** `safeRead`'s documents only. */
export async function readDocs<T>(coll: string, build: (projection?: Projection) => Query, opts: SafeOptions = {}): Promise<T[]> {
  return (await safeRead<T>(coll, build, opts)).docs;
}

/** One document by id (undecodable: without its geometry), or null. */
export async function docById<T>(coll: string, id: string, opts: SafeOptions = {}): Promise<T | null> {
  const db = opts.db ?? database();
  const docs = await readDocs<T>(coll, (p) => {
    const q = db.collection(coll).where({ _id: id }).limit(1);
    return p ? q.field(p) : q;
  }, { ...opts, db });
  return docs[0] ?? null;
}

// ───────────── the health notes of undecodable cases and calls (org records are checked on every load) ─────────────
const HEALTH = 'settings';
const NOTE_PREFIX = 'health:';
/** collections whose undecodable documents are noted (the org ones are listed from each load of the org) */
const NOTED = new Set(['cases', 'calls']);

async function noteUndecodable(db: Database, skipped: readonly Skipped[]): Promise<void> {
  for (const s of skipped) {
    if (!NOTED.has(s.coll)) continue;
    try {
      const doc = s.doc ?? {};
      const name = typeof doc.description === 'string' ? doc.description.slice(0, 40) : typeof doc.title === 'string' ? doc.title : s.id;
      await db.collection(HEALTH).doc(`${NOTE_PREFIX}${s.coll}:${s.id}`).set({ data: { kind: 'health', coll: s.coll, id: s.id, reason: s.reason, doc: { name }, at: serverClock.now() } });
    } catch (err) {
      // the note is best effort: the read itself has already survived
      console.warn(`[read] could not note ${s.coll}/${s.id}:`, String((err as Error).message ?? err).slice(0, 200));
    }
  }
}

/**
 * The noted undecodable cases and calls that are still undecodable (each checked again; a note whose document
 * now decodes, or is gone, is dropped).
 */
export async function undecodableNoted(db: Database = database()): Promise<Skipped[]> {
  const notes = plain<Array<{ _id: string; coll: string; id: string; reason: string; doc?: Record<string, unknown> }>>(
    (await db.collection(HEALTH).where({ kind: 'health' }).limit(1000).get()).data,
  );
  const out: Skipped[] = [];
  for (const n of notes) {
    let still = false;
    try {
      await db.collection(n.coll).where({ _id: n.id }).limit(1).get();
    } catch {
      still = true;
    }
    if (still) out.push({ coll: n.coll, id: n.id, reason: n.reason, doc: n.doc });
    else await db.collection(HEALTH).doc(n._id).remove();
  }
  return out;
}

/**
 * Clears geometry fields of an undecodable case or call (数据健康's repair) and bumps its version, so a writer holding
 * the old version re-reads it. Answers whether the document still fails to decode (its note then stays).
 */
export async function clearGeometry(coll: 'cases' | 'calls', id: string, fields: readonly string[], db: Database = database()): Promise<boolean> {
  const _ = db.command;
  await db.collection(coll).where({ _id: id }).update({ data: { ...Object.fromEntries(fields.map((f) => [f, _.remove()])), version: _.inc(1) } });
  try {
    await db.collection(coll).where({ _id: id }).limit(1).get();
  } catch {
    return true;
  }
  await db.collection(HEALTH).doc(`${NOTE_PREFIX}${coll}:${id}`).remove();
  return false;
}
