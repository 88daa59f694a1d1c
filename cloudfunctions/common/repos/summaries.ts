/**
 * The `summaries` collection (written by the daily roll-up, read by the statistics):
 *   _id  day:<YYYY-MM-DD>:<scope>   { rows }            scope ∈ all | street | dept | category | community
 *   _id  day:<YYYY-MM-DD>:place     { places }          packed hot-spot entries
 *   _id  month:<YYYY-MM>:scores     { rows, items }     assessment points per subject
 *   _id  rollup:state               { lastDay, watermark }
 * Functions take the database handle (the roll-up and its benches pass theirs) and count requests when asked.
 */
import { database, type Database } from '../sdk';
import { plain } from './read';

const COLL = 'summaries';
const STATE_ID = 'rollup:state';
type Counter = { requests: number } | undefined;
const count = (c: Counter, n = 1) => {
  if (c) c.requests += n;
};

/** Store one day's documents: the scopes' rows and the packed places. */
export async function putDay(db: Database, day: string, rows: Record<string, unknown>, places: readonly string[], asOf: number, counter?: Counter): Promise<void> {
  const col = db.collection(COLL);
  const writes: Promise<unknown>[] = Object.entries(rows).map(([scope, r]) =>
    col.doc(`day:${day}:${scope}`).set({ data: { periodType: 'day', periodKey: day, scope, scopeId: '', rows: r, asOf } }),
  );
  writes.push(col.doc(`day:${day}:place`).set({ data: { periodType: 'day', periodKey: day, scope: 'place', scopeId: '', places, asOf } }));
  await Promise.all(writes);
  count(counter, writes.length);
}

/** Store a month's score rows. */
export async function putMonthScores(db: Database, month: string, rows: unknown[], items: unknown, asOf: number, counter?: Counter): Promise<void> {
  await db.collection(COLL).doc(`month:${month}:scores`).set({ data: { periodType: 'month', periodKey: month, scope: 'scores', scopeId: '', rows, items, asOf } });
  count(counter);
}

/** The stored score months among `months`. */
export async function monthScores<T extends { periodKey: string }>(months: readonly string[]): Promise<T[]> {
  const db = database();
  const res = await db.collection(COLL).where({ periodType: 'month', scope: 'scores', periodKey: db.command.in(months) }).limit(100).get();
  return plain<T[]>(res.data);
}

/** Day documents of one scope in [from, to], `fields` only. */
export async function dayDocs<T>(scope: string, from: string, to: string, fields: Record<string, boolean>): Promise<T[]> {
  const db = database();
  const _ = db.command;
  const res = await db.collection(COLL).where({ periodType: 'day', periodKey: _.gte(from).and(_.lte(to)), scope }).field(fields).limit(1000).get();
  return plain<T[]>(res.data);
}

/** The roll-up's state document (null: never run). */
export async function rollupState<T>(db: Database = database(), counter?: Counter): Promise<T | null> {
  const res = await db.collection(COLL).where({ _id: STATE_ID }).limit(1).get();
  count(counter);
  return (res.data[0] as T | undefined) ?? null;
}

export async function putRollupState(db: Database, state: object, counter?: Counter): Promise<void> {
  await db.collection(COLL).doc(STATE_ID).set({ data: { periodType: 'state', periodKey: '', scope: 'state', scopeId: '', ...state } });
  count(counter);
}
