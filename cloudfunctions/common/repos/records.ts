/**
 * Persistence of cases and calls. A stored document is the domain record, flattened, plus what the server
 * keeps with it atomically:
 *   log        the audit trail (呼叫全留痕): every LogEntry the transition emitted, appended in the same write
 *   due        the record's timed work (DueItem + status), `nextDueAt` the earliest pending one (indexed; the
 *              timer drains by it)
 *   version    optimistic concurrency: a write names the version it read; a moved-on version is a conflict
 *   assessments  (calls) the assessment records the call's ratings produced (upserted by key), and `scoredIn`
 *              the month each source counts in (`scoredIn.deptPerformance`, `scoredIn.callAccuracy`, indexed):
 *              the monthly scores read them from there, so a rating is one write, not a transaction
 * One record changing → one conditional single-document update (one DB round trip). Several documents
 * (a case and its new calls, a duplicate's master) → one transaction.
 */
import type { CaseRecord } from '@domain/case/case-types';
import type { CallRecord } from '@domain/call/call-types';
import type { DueItem } from '@domain/common/due-types';
import type { Effect, LogEntry } from '@domain/common/effect-types';
import type { AssessmentRecord } from '@domain/assessment/assessment-types';
import { database, type Database } from '../sdk';
import { AppError, Errors } from '../errors';
import { docById, plain, safeRead, type Projection } from './read';

export type DueEntry = DueItem & { status: 'pending' | 'done'; doneAt?: number };

interface Server {
  _id: string;
  log: LogEntry[];
  due: DueEntry[];
  nextDueAt: number | null;
}
export type StoredCase = CaseRecord & Server & { intakeKey?: string; duplicates?: string[] };
export type StoredCall = CallRecord & Server & { assessments?: AssessmentRecord[]; scoredIn?: Partial<Record<AssessmentRecord['source'], string>> };
export type Coll = 'cases' | 'calls';

const SERVER_FIELDS = ['_id', 'log', 'due', 'nextDueAt', 'intakeKey', 'duplicates', 'notified', 'assessments', 'scoredIn'] as const;

/** The domain record inside a stored document. */
export function recordOf<T>(doc: T & Partial<Server>): T {
  const out = { ...doc } as Record<string, unknown>;
  for (const f of SERVER_FIELDS) delete out[f];
  return out as T;
}

export { plain } from './read';

/** One document by id, or null; a document the SDK cannot decode comes without its geometry (repos/read.ts). */
export async function findDoc<T>(coll: string, id: string, db: Database = database()): Promise<T | null> {
  return docById<T>(coll, id, { db });
}

/** A query's documents as plain JSON. */
export async function query<T>(q: { get(): Promise<{ data: unknown[] }> }): Promise<T[]> {
  return plain<T[]>((await q.get()).data);
}

export async function getCaseDoc(id: string): Promise<StoredCase> {
  const doc = await findDoc<StoredCase>('cases', id);
  if (!doc) throw Errors.notFound('事项');
  return doc;
}

export async function getCallDoc(id: string): Promise<StoredCall> {
  const doc = await findDoc<StoredCall>('calls', id);
  if (!doc) throw Errors.notFound('呼叫');
  return doc;
}

/** One document to write: `before` is what was read (null: a new document). */
export interface DocWrite<T extends { id: string; version: number }> {
  coll: Coll;
  before: (T & Server) | null;
  after: T;
  /** extra server fields for a new document (e.g. intakeKey) */
  extra?: Record<string, unknown>;
}

function belongsTo(write: DocWrite<{ id: string; version: number }>, subject: { caseId: string; callId?: string }): boolean {
  return write.coll === 'calls' ? subject.callId === write.after.id : !subject.callId && subject.caseId === write.after.id;
}

function nextDue(due: DueEntry[]): number | null {
  let min: number | null = null;
  for (const d of due) if (d.status === 'pending' && (min === null || d.dueAt < min)) min = d.dueAt;
  return min;
}

/** Apply schedule / cancel effects to a due list: scheduling an existing key is a no-op; done stays done. */
export function applyDue(due: DueEntry[], effects: readonly Effect[], owns: (item: { caseId: string; callId?: string }) => boolean, cancellable: Set<string>): DueEntry[] {
  let out = due.slice();
  for (const e of effects) {
    if (e.type === 'schedule' && owns(e.item) && !out.some((d) => d.key === e.item.key)) out.push({ ...e.item, status: 'pending' });
    if (e.type === 'cancelDue') for (const k of e.keys) cancellable.add(k);
  }
  out = out.filter((d) => !(d.status === 'pending' && cancellable.has(d.key)));
  return out;
}

interface Built {
  write: DocWrite<{ id: string; version: number }>;
  doc: Record<string, unknown>;
  newLog: LogEntry[];
}

function build(write: DocWrite<{ id: string; version: number }>, effects: readonly Effect[], markDone: string[], doneAt?: number): Built {
  const owns = (s: { caseId: string; callId?: string }) => belongsTo(write, s);
  const newLog = effects.filter((e): e is Extract<Effect, { type: 'log' }> => e.type === 'log' && owns(e.entry)).map((e) => e.entry);
  const cancel = new Set<string>();
  let due = applyDue(write.before?.due ?? [], effects, owns, cancel);
  if (markDone.length) due = due.map((d) => (markDone.includes(d.key) && d.status === 'pending' ? { ...d, status: 'done', ...(doneAt !== undefined ? { doneAt } : {}) } : d));
  const doc: Record<string, unknown> = {
    ...(write.extra ?? {}),
    ...write.after,
    _id: write.after.id,
    log: [...(write.before?.log ?? []), ...newLog],
    due,
    nextDueAt: nextDue(due),
  };
  const prev = write.before as unknown as Record<string, unknown> | null;
  if (prev) for (const f of ['intakeKey', 'duplicates', 'notified', 'assessments', 'scoredIn'] as const) if (prev[f] !== undefined) doc[f] = prev[f];
  if (write.coll === 'calls') {
    const records = effects.flatMap((e) => (e.type === 'writeAssessment' ? e.records : [])).filter((r) => r.callId === write.after.id);
    if (records.length) {
      const keys = new Set(records.map((r) => r.key));
      doc.assessments = [...((doc.assessments as AssessmentRecord[] | undefined) ?? []).filter((r) => !keys.has(r.key)), ...records];
      doc.scoredIn = { ...((doc.scoredIn as Record<string, string> | undefined) ?? {}), ...Object.fromEntries(records.map((r) => [r.source, r.month])) };
    }
  }
  return { write, doc, newLog };
}

function patchOf(db: Database, before: Record<string, unknown>, b: Built): Record<string, unknown> {
  const _ = db.command;
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b.doc)) {
    if (k === '_id') continue;
    if (k === 'log') {
      if (b.newLog.length) patch.log = _.push(b.newLog);
      continue;
    }
    if (v === undefined) continue;
    if (JSON.stringify(before[k]) !== JSON.stringify(v)) patch[k] = _.set(v);
  }
  for (const k of Object.keys(before)) if (k !== '_id' && (b.doc[k] === undefined)) patch[k] = _.remove();
  return patch;
}

class Conflict extends Error {}

export interface CommitOptions {
  /** due keys the timer handled with this write (marked done; the write also requires the `nextDueAt` it read) */
  markDone?: string[];
  /** when they were handled (`doneAt` of the items marked done) */
  doneAt?: number;
  /**
   * notification keys this write claims (one document only): it succeeds only while none of them is in the
   * document's `notified` yet and adds them there, so a notice is sent by exactly one writer
   */
  claim?: string[];
}

/**
 * Write records and everything their effects imply, atomically. Returns false on a version conflict
 * (someone else wrote first): the caller re-reads and re-decides.
 */
export async function commit(writes: ReadonlyArray<DocWrite<any>>, effects: readonly Effect[], opts: CommitOptions = {}): Promise<boolean> {
  const db = database();
  const built = writes.map((w) => build(w, effects, opts.markDone ?? [], opts.doneAt));
  const claim = opts.claim ?? [];
  const orphans = (effects.flatMap((e) => (e.type === 'writeAssessment' ? e.records : [])) as AssessmentRecord[]).filter(
    (r) => !writes.some((w) => w.coll === 'calls' && w.after.id === r.callId),
  );
  // assessment records live on their call (build): a record for a call not written here has nowhere to go
  if (orphans.length) throw new Error(`assessment records without their call: ${orphans.map((r) => r.key).join(', ')}`);
  const links = effects.filter((e): e is Extract<Effect, { type: 'linkDuplicate' }> => e.type === 'linkDuplicate');

  if (built.length === 1 && links.length === 0) {
    const b = built[0];
    const col = db.collection(b.write.coll);
    if (!b.write.before) {
      await col.add({ data: claim.length ? { ...b.doc, notified: claim } : b.doc });
      return true;
    }
    const where: Record<string, unknown> = { _id: b.doc._id, version: b.write.before.version };
    const patch = patchOf(db, b.write.before as unknown as Record<string, unknown>, b);
    if (opts.markDone?.length && typeof b.write.before.nextDueAt === 'number') where.nextDueAt = b.write.before.nextDueAt;
    if (claim.length) {
      where.notified = db.command.nin(claim);
      patch.notified = db.command.push(claim);
    }
    const res = await col.where(where).update({ data: patch });
    return res.stats.updated === 1;
  }
  if (claim.length) throw new Error('commit: notification keys are claimed by a one-document write only');

  try {
    await db.runTransaction(async (tx: Database) => {
      for (const b of built) {
        const ref = tx.collection(b.write.coll).doc(b.doc._id);
        if (b.write.before) {
          const snap = await ref.get();
          if (!snap.data || snap.data.version !== b.write.before.version) throw new Conflict();
          const { _id, ...rest } = b.doc;
          void _id;
          await ref.set({ data: rest });
        } else {
          await tx.collection(b.write.coll).add({ data: b.doc });
        }
      }
      for (const l of links) {
        const ref = tx.collection('cases').doc(l.masterId);
        const snap = await ref.get();
        const dups = ((snap.data?.duplicates as string[] | undefined) ?? []).filter((x) => x !== l.caseId);
        await ref.update({ data: { duplicates: db.command.set([...dups, l.caseId]) } });
      }
    });
    return true;
  } catch (err) {
    if (err instanceof Conflict) return false;
    throw err;
  }
}

/** A version conflict the caller cannot resolve by re-reading. */
export function conflict(): AppError {
  return Errors.conflict();
}

// The timer's reads of due records are plain reads: a document the SDK cannot decode fails them (as it always has),
// since the timer writes back what it reads and must never work on a record that came without its geometry.

/** The records of `coll` with timed work due by `cutoff` (earliest first), leaving out `exclude`, `fields` only. */
export async function dueRecords<T>(coll: Coll, cutoff: number, exclude: Iterable<string>, limit: number, fields: Projection): Promise<{ docs: T[]; undecodable: string[] }> {
  const db = database();
  const _ = db.command;
  const where: Record<string, unknown> = { nextDueAt: _.lte(cutoff) };
  const out = [...exclude];
  if (out.length) where._id = _.nin(out);
  // a record the SDK cannot decode is left out (never handled without its geometry: a write would drop it) and
  // noted for 数据健康; the caller excludes it from its next page, so one bad record never stops the timer
  const res = await safeRead<T>(coll, (p) => {
    const q = db.collection(coll).where(where).orderBy('nextDueAt', 'asc').limit(limit);
    return p ? q.field(p) : q;
  }, { db, projection: fields, undecodable: 'skip' });
  return { docs: res.docs, undecodable: res.undecodable.map((s) => s.id) };
}

/** The records `ids` of `coll` (at least one) still due by `cutoff`, in store order, `fields` only. */
export async function dueRecordsIn<T>(coll: Coll, ids: readonly string[], cutoff: number, fields: Projection): Promise<T[]> {
  const db = database();
  const _ = db.command;
  return query<T>(db.collection(coll).where({ _id: _.in([...ids]), nextDueAt: _.lte(cutoff) }).limit(ids.length).field(fields));
}

/** One conditional update (`where` names the version read); whether it applied. */
export async function updateIf(coll: Coll, where: Record<string, unknown>, data: Record<string, unknown>): Promise<boolean> {
  const res = await database().collection(coll).where(where).update({ data });
  return res.stats.updated === 1;
}
