/**
 * Optimistic transactions for the SDK's startTransaction / runTransaction. Only single-document
 * operations are allowed inside. A transaction snapshots every document it reads (later reads in the
 * same transaction see the snapshot or its own buffered writes) and remembers the version each write
 * was based on; writes are buffered and applied in ONE SQLite transaction on commit, after checking
 * that no document read or written changed meanwhile (first committer wins).
 *
 * Conflicts are reported at COMMIT, never by the operations inside the callback: wx-server-sdk wraps
 * errors of t.collection().doc().get/update/... into CloudSDKError (errCode -501001) and drops the
 * `code`, so @cloudbase/database's runTransaction would not recognise DATABASE_TRANSACTION_CONFLICT
 * there and would not retry; the commit request's error keeps `code` and IS retried.
 */
import { CloudError, Codes } from './errors';
import { newId, type Store } from './store';
import { cloneDoc, type Doc } from './codec';

interface Txn {
  id: string;
  startedAt: number;
  reads: Map<string, { coll: string; id: unknown; v: number; doc: Doc | null }>;
  writes: Map<string, { coll: string; id: unknown; baseV: number; doc: Doc | null }>;
}

const keyOf = (coll: string, id: unknown) => `${coll}\u0000${JSON.stringify(id)}`;

export class TransactionManager {
  private txns = new Map<string, Txn>();
  /** transactions older than this (real ms) are discarded (MongoDB: 60 s lifetime) */
  lifetimeMs = 60_000;
  stats = { started: 0, committed: 0, aborted: 0, conflicts: 0 };

  constructor(private store: Store) {}

  start(): string {
    this.sweep();
    const id = `txn-${newId()}`;
    this.txns.set(id, { id, startedAt: Date.now(), reads: new Map(), writes: new Map() });
    this.stats.started++;
    return id;
  }

  private get(id: string): Txn {
    const t = this.txns.get(id);
    if (!t) throw new CloudError(Codes.DATABASE_REQUEST_FAILED, `[NoSuchTransaction] transaction ${id} does not exist or has ended`);
    return t;
  }

  /** Current view of a document inside the transaction (own writes, else the first-read snapshot). */
  private view(t: Txn, coll: string, id: unknown): { doc: Doc | null; v: number } {
    const k = keyOf(coll, id);
    const w = t.writes.get(k);
    if (w) return { doc: w.doc, v: w.baseV };
    const seen = t.reads.get(k);
    if (seen) return { doc: seen.doc ? cloneDoc(seen.doc) : null, v: seen.v };
    const cur = this.store.getById(coll, id);
    const v = cur?.v ?? 0;
    t.reads.set(k, { coll, id, v, doc: cur?.doc ?? null });
    return { doc: cur?.doc ? cloneDoc(cur.doc) : null, v };
  }

  get_(txnId: string, coll: string, id: unknown): Doc | null {
    const t = this.get(txnId);
    return this.view(t, coll, id).doc;
  }

  private write(t: Txn, coll: string, id: unknown, doc: Doc | null, baseV: number): void {
    const k = keyOf(coll, id);
    const prev = t.writes.get(k);
    t.writes.set(k, { coll, id, baseV: prev ? prev.baseV : baseV, doc });
  }

  insert(txnId: string, coll: string, doc: Doc): unknown {
    const t = this.get(txnId);
    const d = doc._id === undefined ? { _id: newId(), ...doc } : doc;
    const { doc: existing, v } = this.view(t, coll, d._id);
    if (existing) throw new CloudError(Codes.DATABASE_REQUEST_FAILED, `E11000 duplicate key error collection: ${coll} index: _id_ dup key: ${JSON.stringify({ _id: d._id })}`);
    this.write(t, coll, d._id, d, v);
    return d._id;
  }

  /** doc.update (merge) or doc.set (replace + upsert). Returns { updated, upsertedId }. */
  modify(txnId: string, coll: string, id: unknown, data: Doc, merge: boolean, upsert: boolean): { updated: number; upsertedId?: unknown } {
    const t = this.get(txnId);
    const { doc, v } = this.view(t, coll, id);
    if (!doc) {
      if (!upsert) return { updated: 0 };
      const created = merge ? this.store.applyUpdateTo({ _id: id }, data, false) : { ...data, _id: id };
      this.write(t, coll, id, created, v);
      return { updated: 0, upsertedId: id };
    }
    const next = merge ? this.store.applyUpdateTo(doc, data, false) : this.store.applyUpdateTo(doc, data, true);
    this.write(t, coll, id, next, v);
    return { updated: 1 };
  }

  remove(txnId: string, coll: string, id: unknown): number {
    const t = this.get(txnId);
    const { doc, v } = this.view(t, coll, id);
    if (!doc) return 0;
    this.write(t, coll, id, null, v);
    return 1;
  }

  commit(txnId: string): void {
    const t = this.get(txnId);
    try {
      this.store.commit([...t.writes.values()], [...t.reads.values()].filter((r) => !t.writes.has(keyOf(r.coll, r.id))));
    } catch (err) {
      this.txns.delete(t.id);
      if (err instanceof CloudError && err.code === Codes.DATABASE_TRANSACTION_CONFLICT) this.stats.conflicts++;
      throw err;
    }
    this.txns.delete(t.id);
    this.stats.committed++;
  }

  abort(txnId: string): void {
    const t = this.txns.get(txnId);
    if (!t) return;
    this.txns.delete(txnId);
    this.stats.aborted++;
  }

  open(): number {
    return this.txns.size;
  }

  private sweep(): void {
    const limit = Date.now() - this.lifetimeMs;
    for (const t of this.txns.values()) if (t.startedAt < limit) this.abort(t.id);
  }
}
