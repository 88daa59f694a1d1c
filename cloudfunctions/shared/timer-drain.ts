/**
 * The timer's drain: timed work stored on cases and calls as due items (`due`, `nextDueAt` indexed) is handled
 * when it falls due. Each tick reads the documents whose `nextDueAt <= now`, oldest first, in pages of 100, and
 * asks the owning domain module what an item means now (`onDue` for cases, `onCallDue` for calls):
 *
 *   warning (respond / assign / nearDue / checkinReminder)  → notifications; the item is marked done, the log line
 *       appended and the notification keys remembered on the document (`notified`) in ONE conditional write,
 *       and only the drain whose write succeeded sends (at most once per key, even with two drains at once)
 *   overdue                                                 → the case's `markOverdue` event as the system (auto-flags
 *       hard); the item is marked done in the same write as the event (`applyCaseEvent(..., { markDone })`)
 *   absent                                                  → the call's `markAbsent` event, the same way
 *   stale (the record moved on)                             → marked done, nothing else
 *
 * Handling an item twice changes nothing: the warning write is conditional on the version, on the `nextDueAt`
 * that was read and on the keys not being in `notified` yet; events are guarded by the domain (a second
 * `markOverdue` for the same deadline is stale). Missed ticks catch up: a document's due items are handled in
 * `dueAt` order until none is left at or before the drain's cut-off, and pages repeat until nothing is due or the
 * time budget is spent (the next tick continues).
 */
import type { CaseRecord } from '@domain/case/case.types';
import type { CallRecord } from '@domain/call/call.types';
import { onDue } from '@domain/sla/sla.clock';
import { callTransition, onCallDue, type CallEvent } from '@domain/call/call.machine';
import { SYSTEM_ACTOR } from '@domain/shared/actor.types';
import type { Effect, LogEntry } from '@domain/shared/effect.types';
import { AppError } from './errors';
import { applyCaseEvent } from './case-runner';
import { deliver } from './notify';
import { commit, findDoc, query, recordOf, type Coll, type DueEntry, type StoredCall, type StoredCase } from './repo';
import { database } from './sdk';

export interface DrainOptions {
  /** the business clock (server clock with the local cloud's offset) */
  now: () => number;
  /** stop starting new pages after this much wall time (ms); the function's timeout is 60 s */
  budgetMs?: number;
  /** page size of the due query (default 100) */
  pageSize?: number;
  /**
   * documents worked on at once (default 4). Each document's items stay strictly in order; documents are
   * independent. Kept small: WeChat's basic plan allows about 30 DB requests per second.
   */
  concurrency?: number;
}

export interface DrainSummary {
  /** documents read from the due queries */
  scanned: number;
  /** due items that did something (notified or fired an event) */
  handled: number;
  /** due items closed without effect (stale, already handled by another drain) or left for the next tick */
  skipped: number;
  /** wall time spent (ms) */
  ms: number;
  /** the budget ran out with due documents left (the next tick continues) */
  more: boolean;
  /** items that failed unexpectedly (logged; they stay pending and are retried on the next tick) */
  errors: number;
}

type Stored = (StoredCase | StoredCall) & { notified?: string[] };

/** Thrown inside `decide` when a re-read shows the item no longer applies. */
class StaleItem extends Error {}

const MAX_ITEMS_PER_DOC = 50;
const MAX_VISITS_PER_DOC = 3;

function nextPending(due: DueEntry[]): number | null {
  let min: number | null = null;
  for (const d of due) if (d.status === 'pending' && (min === null || d.dueAt < min)) min = d.dueAt;
  return min;
}

function earliestDue(doc: Stored, cutoff: number): DueEntry | undefined {
  let best: DueEntry | undefined;
  for (const d of doc.due ?? []) {
    if (d.status !== 'pending' || d.dueAt > cutoff) continue;
    if (!best || d.dueAt < best.dueAt || (d.dueAt === best.dueAt && d.key < best.key)) best = d;
  }
  return best;
}

/**
 * Mark due items done without changing the record (no version bump: the record did not change), appending
 * log lines and claiming notification keys, through the one write path of cases and calls (`commit`), conditional
 * on the version and `nextDueAt` that were read and on the keys not being claimed yet. Returns the document as
 * written, or null when someone else wrote first.
 */
async function closeItems(coll: Coll, doc: Stored, keys: string[], at: number, log: LogEntry[] = [], notified: string[] = []): Promise<Stored | null> {
  const effects: Effect[] = log.map((entry) => ({ type: 'log', entry }));
  const ok = await commit([{ coll, before: doc, after: recordOf<CaseRecord | CallRecord>(doc) }], effects, { markDone: keys, doneAt: at, claim: notified });
  if (!ok) return null;
  const due = (doc.due ?? []).map((d) => (keys.includes(d.key) && d.status === 'pending' ? { ...d, status: 'done' as const, doneAt: at } : d));
  return { ...doc, due, nextDueAt: nextPending(due), log: [...(doc.log ?? []), ...log], notified: [...(doc.notified ?? []), ...notified] } as Stored;
}

type Outcome = { run: false; reason: string } | { run: true; effects: Effect[]; event?: unknown };

interface ItemResult {
  /** the document after the step (null: re-read it) */
  doc: Stored | null;
  handled: number;
  skipped: number;
  /** the item cannot be handled in this drain (e.g. a guard says "not yet"): stop working on this document */
  stop?: boolean;
}

/** A warning: the write that closes the item claims its notifications; only then are they sent. */
async function warn(coll: Coll, doc: Stored, item: DueEntry, effects: Effect[], at: number): Promise<ItemResult> {
  const notes = effects.filter((e): e is Extract<Effect, { type: 'notify' }> => e.type === 'notify');
  const log = effects.filter((e): e is Extract<Effect, { type: 'log' }> => e.type === 'log').map((e) => e.entry);
  const keys = notes.map((n) => n.dedupeKey ?? `${item.key}:${n.to.kind}`);
  const already = new Set(doc.notified ?? []);
  const fresh = keys.filter((k) => !already.has(k));
  if (fresh.length === 0) {
    // sent before (an earlier write was undone by a concurrent writer): just close the item again
    const written = await closeItems(coll, doc, [item.key], at);
    return { doc: written, handled: 0, skipped: written ? 1 : 0 };
  }
  const written = await closeItems(coll, doc, [item.key], at, log, fresh);
  if (!written) return { doc: null, handled: 0, skipped: 0 };
  const send = notes.filter((_n, i) => fresh.includes(keys[i]));
  await deliver(send, null, at);
  return { doc: written, handled: 1, skipped: 0 };
}

async function caseItem(doc: StoredCase & { notified?: string[] }, item: DueEntry, now: () => number): Promise<ItemResult> {
  const at = now();
  const out = onDue(recordOf<CaseRecord>(doc), item, at) as Outcome;
  if (!out.run) {
    const written = await closeItems('cases', doc, [item.key], at);
    return { doc: written, handled: 0, skipped: written ? 1 : 0 };
  }
  if (!out.event) return warn('cases', doc, item, out.effects, at);
  try {
    await applyCaseEvent(
      null,
      now,
      doc._id,
      (fresh) => {
        const again = onDue(fresh, item, now());
        if (!again.run || !again.event) throw new StaleItem();
        return { event: again.event, alsoEffects: again.effects };
      },
      { actor: SYSTEM_ACTOR, markDone: [item.key] },
    );
    return { doc: null, handled: 1, skipped: 0 };
  } catch (err) {
    if (err instanceof StaleItem) return { doc: null, handled: 0, skipped: 0 };
    // a domain guard refused (e.g. the deadline was moved meanwhile): leave the item for the next look
    if (err instanceof AppError) return { doc: null, handled: 0, skipped: 1, stop: true };
    throw err;
  }
}

async function callItem(doc: StoredCall & { notified?: string[] }, item: DueEntry, now: () => number): Promise<ItemResult> {
  const at = now();
  const out = onCallDue(recordOf<CallRecord>(doc), item, at) as Outcome;
  if (!out.run) {
    const written = await closeItems('calls', doc, [item.key], at);
    return { doc: written, handled: 0, skipped: written ? 1 : 0 };
  }
  if (!out.event) return warn('calls', doc, item, out.effects, at);
  const res = callTransition(recordOf<CallRecord>(doc), out.event as CallEvent, { actor: SYSTEM_ACTOR, now: at });
  if (!res.ok) {
    // the domain's windows end strictly after their instant (absent, grace period); at that instant it says "not yet"
    return { doc: null, handled: 0, skipped: 1, stop: true };
  }
  const effects = [...res.effects, ...out.effects];
  const written = await commit([{ coll: 'calls', before: doc, after: res.call }], effects, { markDone: [item.key] });
  if (!written) return { doc: null, handled: 0, skipped: 0 };
  await deliver(effects, null, at);
  return { doc: null, handled: 1, skipped: 0 };
}

/** Handle every due item of one document up to `cutoff`, in `dueAt` order. */
async function drainDoc(coll: Coll, first: Stored, cutoff: number, now: () => number): Promise<{ handled: number; skipped: number; done: boolean }> {
  let doc: Stored | null = first;
  let handled = 0;
  let skipped = 0;
  for (let i = 0; i < MAX_ITEMS_PER_DOC; i++) {
    if (!doc) doc = await findDoc<Stored>(coll, first._id);
    if (!doc) return { handled, skipped, done: true };
    const item = earliestDue(doc, cutoff);
    if (!item) return { handled, skipped, done: true };
    const r: ItemResult = coll === 'cases' ? await caseItem(doc as StoredCase, item, now) : await callItem(doc as StoredCall, item, now);
    handled += r.handled;
    skipped += r.skipped;
    if (r.stop) return { handled, skipped, done: false };
    doc = r.doc;
  }
  return { handled, skipped, done: false };
}

/** Drain due items of cases and calls. */
export async function drainDue(opts: DrainOptions): Promise<DrainSummary> {
  const started = Date.now();
  const budget = opts.budgetMs ?? 50_000;
  const pageSize = Math.max(1, Math.min(opts.pageSize ?? 100, 1000));
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? 4, 16));
  const cutoff = opts.now();
  const db = database();
  const _ = db.command;
  const summary: DrainSummary = { scanned: 0, handled: 0, skipped: 0, ms: 0, more: false, errors: 0 };
  const visits = new Map<string, number>();
  const leave: Record<Coll, Set<string>> = { cases: new Set(), calls: new Set() };

  const page = async (coll: Coll): Promise<Stored[]> => {
    const where: Record<string, unknown> = { nextDueAt: _.lte(cutoff) };
    if (leave[coll].size) where._id = _.nin([...leave[coll]]);
    return query<Stored>(db.collection(coll).where(where).orderBy('nextDueAt', 'asc').limit(pageSize));
  };

  for (;;) {
    if (Date.now() - started > budget) {
      summary.more = true;
      break;
    }
    const [cases, calls] = await Promise.all([page('cases'), page('calls')]);
    if (cases.length === 0 && calls.length === 0) break;
    const leftBefore = leave.cases.size + leave.calls.size;
    // one timeline: case and call items interleaved by when they fell due
    const batch = [...cases.map((d) => ({ coll: 'cases' as Coll, doc: d })), ...calls.map((d) => ({ coll: 'calls' as Coll, doc: d }))].sort(
      (a, b) => (a.doc.nextDueAt ?? 0) - (b.doc.nextDueAt ?? 0) || a.doc._id.localeCompare(b.doc._id),
    );
    summary.scanned += batch.length;
    const work = async ({ coll, doc }: { coll: Coll; doc: Stored }) => {
      if (Date.now() - started > budget) {
        summary.more = true;
        return;
      }
      const id = `${coll}/${doc._id}`;
      const n = (visits.get(id) ?? 0) + 1;
      visits.set(id, n);
      try {
        const r = await drainDoc(coll, doc, cutoff, opts.now);
        summary.handled += r.handled;
        summary.skipped += r.skipped;
        // a document that cannot be finished now is left for the next tick
        if (!r.done || n >= MAX_VISITS_PER_DOC) leave[coll].add(doc._id);
      } catch (err) {
        summary.errors += 1;
        leave[coll].add(doc._id);
        console.error('[timer] due item failed', coll, doc._id, String((err as Error)?.message ?? err));
      }
    };
    let next = 0;
    const lanes = Array.from({ length: Math.min(concurrency, batch.length) }, async () => {
      while (next < batch.length) await work(batch[next++]);
    });
    await Promise.all(lanes);
    if (summary.more) break;
    // short pages and every document finished: nothing at or before the cut-off is left (no second look needed)
    if (cases.length < pageSize && calls.length < pageSize && leave.cases.size + leave.calls.size === leftBefore) break;
  }
  summary.ms = Date.now() - started;
  return summary;
}
