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
import type { CaseRecord } from '@domain/case/case-types';
import type { CallRecord } from '@domain/call/call-types';
import { onDue } from '@domain/sla/sla-clock';
import { callTransition, onCallDue, type CallEvent } from '@domain/call/call-machine';
import { SYSTEM_ACTOR } from '@domain/common/actor-types';
import type { Effect, LogEntry } from '@domain/common/effect-types';
import { AppError } from './errors';
import { applyCaseEvent } from './case-runner';
import { deliver, prefetchStaff } from './notify';
import { commit, dueRecords, dueRecordsIn, findDoc, recordOf, type Coll, type DueEntry, type StoredCall, type StoredCase } from './repos/records';

export interface DrainOptions {
  /** the business clock (server clock with the local cloud's offset) */
  now: () => number;
  /** stop starting new pages after this much wall time (ms); the function's timeout is 60 s */
  budgetMs?: number;
  /** page size of the due query (default 100) */
  pageSize?: number;
  /**
   * documents worked on at once per instance (default 8, at most 16). Each document's items stay strictly in order;
   * documents are independent.
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
  // a document read without its log (the due pages) stays without it: nothing may take a part for the whole
  const written = { ...doc, due, nextDueAt: nextPending(due), notified: [...(doc.notified ?? []), ...notified] } as Stored;
  if (doc.log !== undefined) written.log = [...doc.log, ...log];
  return written;
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

/**
 * The notices of the items a drain has handled, being sent: a lane does not wait for them before its next item (the
 * write that claimed them is done); the drain waits for all of them before it answers.
 */
type Sending = Promise<unknown>[];

/** A warning: the write that closes the item claims its notifications; only then are they sent. */
async function warn(coll: Coll, doc: Stored, item: DueEntry, effects: Effect[], at: number, sending: Sending): Promise<ItemResult> {
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
  sending.push(deliver(send, null, at));
  return { doc: written, handled: 1, skipped: 0 };
}

async function caseItem(doc: StoredCase & { notified?: string[] }, item: DueEntry, now: () => number, sending: Sending): Promise<ItemResult> {
  const at = now();
  const out = onDue(recordOf<CaseRecord>(doc), item, at) as Outcome;
  if (!out.run) {
    const written = await closeItems('cases', doc, [item.key], at);
    return { doc: written, handled: 0, skipped: written ? 1 : 0 };
  }
  if (!out.event) return warn('cases', doc, item, out.effects, at, sending);
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

async function callItem(doc: StoredCall & { notified?: string[] }, item: DueEntry, now: () => number, sending: Sending): Promise<ItemResult> {
  const at = now();
  const out = onCallDue(recordOf<CallRecord>(doc), item, at) as Outcome;
  if (!out.run) {
    const written = await closeItems('calls', doc, [item.key], at);
    return { doc: written, handled: 0, skipped: written ? 1 : 0 };
  }
  if (!out.event) return warn('calls', doc, item, out.effects, at, sending);
  const res = callTransition(recordOf<CallRecord>(doc), out.event as CallEvent, { actor: SYSTEM_ACTOR, now: at });
  if (!res.ok) {
    // the domain's windows end strictly after their instant (absent, grace period); at that instant it says "not yet"
    return { doc: null, handled: 0, skipped: 1, stop: true };
  }
  const effects = [...res.effects, ...out.effects];
  const written = await commit([{ coll: 'calls', before: doc, after: res.call }], effects, { markDone: [item.key] });
  if (!written) return { doc: null, handled: 0, skipped: 0 };
  sending.push(deliver(effects, null, at));
  return { doc: null, handled: 1, skipped: 0 };
}

/** Handle every due item of one document up to `cutoff`, in `dueAt` order. */
async function drainDoc(coll: Coll, first: Stored, cutoff: number, now: () => number, sending: Sending): Promise<{ handled: number; skipped: number; done: boolean }> {
  let doc: Stored | null = first;
  let handled = 0;
  let skipped = 0;
  for (let i = 0; i < MAX_ITEMS_PER_DOC; i++) {
    if (!doc) doc = await findDoc<Stored>(coll, first._id);
    if (!doc) return { handled, skipped, done: true };
    const item = earliestDue(doc, cutoff);
    if (!item) return { handled, skipped, done: true };
    const r: ItemResult = coll === 'cases' ? await caseItem(doc as StoredCase, item, now, sending) : await callItem(doc as StoredCall, item, now, sending);
    handled += r.handled;
    skipped += r.skipped;
    if (r.stop) return { handled, skipped, done: false };
    doc = r.doc;
  }
  return { handled, skipped, done: false };
}

/** A due document named to a helper drain: the collection and the id (the helper reads it again). */
export interface DueRef {
  coll: Coll;
  id: string;
}

/** What a helper drain answers: its figures and the documents it could not finish (left for the next tick). */
export interface HelperSummary extends DrainSummary {
  left: DueRef[];
}

/**
 * The audit trail is not read by the drain: a warning or a close appends to it (`_.push`) and an event re-reads
 * the whole document first, so the due pages leave out their largest field.
 */
const WITHOUT_LOG = { log: false } as const;

function emptySummary(): DrainSummary {
  return { scanned: 0, handled: 0, skipped: 0, ms: 0, more: false, errors: 0 };
}

interface Lanes {
  cutoff: number;
  now: () => number;
  started: number;
  budget: number;
  concurrency: number;
  summary: DrainSummary;
}

/** The staff members the first due item of each document will notify, read in one query before the lanes start. */
async function prefetchRecipients(batch: Array<{ coll: Coll; doc: Stored }>, cutoff: number): Promise<void> {
  const ids: string[] = [];
  for (const { coll, doc } of batch) {
    const item = earliestDue(doc, cutoff);
    if (!item) continue;
    try {
      const out = (coll === 'cases' ? onDue(recordOf<CaseRecord>(doc as StoredCase), item, cutoff) : onCallDue(recordOf<CallRecord>(doc as StoredCall), item, cutoff)) as Outcome;
      if (out.run) for (const e of out.effects) if (e.type === 'notify' && e.to.kind === 'staff') ids.push(e.to.staffId);
    } catch {
      // the item is decided again when it is handled
    }
  }
  if (ids.length) await prefetchStaff(ids);
}

/** Drain `batch` over `concurrency` lanes; returns the documents not finished (their items stay pending). */
async function runLanes(batch: Array<{ coll: Coll; doc: Stored }>, l: Lanes): Promise<DueRef[]> {
  await prefetchRecipients(batch, l.cutoff);
  const left: DueRef[] = [];
  const sending: Sending = [];
  const work = async ({ coll, doc }: { coll: Coll; doc: Stored }) => {
    if (Date.now() - l.started > l.budget) {
      l.summary.more = true;
      left.push({ coll, id: doc._id });
      return;
    }
    try {
      const r = await drainDoc(coll, doc, l.cutoff, l.now, sending);
      l.summary.handled += r.handled;
      l.summary.skipped += r.skipped;
      if (!r.done) left.push({ coll, id: doc._id });
    } catch (err) {
      l.summary.errors += 1;
      left.push({ coll, id: doc._id });
      console.error('[timer] due item failed', coll, doc._id, String((err as Error)?.message ?? err));
    }
  };
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(l.concurrency, batch.length) }, async () => {
    while (next < batch.length) await work(batch[next++]);
  }));
  // the notices claimed by this batch's writes (a failure to find their recipients is the item's error, as before)
  for (const r of await Promise.allSettled(sending)) {
    if (r.status === 'rejected') {
      l.summary.errors += 1;
      console.error('[timer] notices not sent', String((r.reason as Error)?.message ?? r.reason));
    }
  }
  return left;
}

/** How many lanes a drain runs at once (each document's items stay strictly in order; documents are independent). */
const lanesOf = (concurrency: number | undefined) => Math.max(1, Math.min(concurrency ?? 8, 16));

/**
 * Drain due items of cases and calls. With `helper` (a way to run `drainRefs` in another instance of the timer
 * function) and `helpers` > 0, a full page is shared out: this drain keeps one part and each helper drains one of
 * the others at the same time (bounded parallelism: 1 + helpers instances); a page that is not full is drained here.
 */
export async function drainDue(opts: DrainOptions & { helpers?: number; helper?: (refs: DueRef[], cutoff: number, budgetMs: number) => Promise<HelperSummary> }): Promise<DrainSummary> {
  const started = Date.now();
  const budget = opts.budgetMs ?? 50_000;
  const pageSize = Math.max(1, Math.min(opts.pageSize ?? 100, 1000));
  const helpers = opts.helper ? Math.max(0, Math.min(opts.helpers ?? 0, 8)) : 0;
  const cutoff = opts.now();
  const summary = emptySummary();
  const visits = new Map<string, number>();
  const leave: Record<Coll, Set<string>> = { cases: new Set(), calls: new Set() };
  const lanes: Lanes = { cutoff, now: opts.now, started, budget, concurrency: lanesOf(opts.concurrency), summary };

  let undecodable = 0;
  const page = async (coll: Coll): Promise<Stored[]> => {
    const res = await dueRecords<Stored>(coll, cutoff, leave[coll], pageSize, WITHOUT_LOG);
    for (const id of res.undecodable) leave[coll].add(id);
    undecodable += res.undecodable.length;
    return res.docs;
  };

  for (;;) {
    if (Date.now() - started > budget) {
      summary.more = true;
      break;
    }
    const before = undecodable;
    // counted before the page: an undecodable record left out of it makes a short page that is not the last one
    const leftBefore = leave.cases.size + leave.calls.size;
    const [cases, calls] = await Promise.all([page('cases'), page('calls')]);
    if (cases.length === 0 && calls.length === 0) {
      if (undecodable > before) continue; // only undecodable records on this page: read the next one without them
      break;
    }
    // one timeline: case and call items interleaved by when they fell due
    const batch = [...cases.map((d) => ({ coll: 'cases' as Coll, doc: d })), ...calls.map((d) => ({ coll: 'calls' as Coll, doc: d }))].sort(
      (a, b) => (a.doc.nextDueAt ?? 0) - (b.doc.nextDueAt ?? 0) || a.doc._id.localeCompare(b.doc._id),
    );
    summary.scanned += batch.length;
    const finished = new Set<string>();
    for (const { coll, doc } of batch) {
      const id = `${coll}/${doc._id}`;
      const n = (visits.get(id) ?? 0) + 1;
      visits.set(id, n);
      // a document seen too often in this run is left for the next tick
      if (n >= MAX_VISITS_PER_DOC) finished.add(id);
    }
    const full = batch.length >= pageSize && helpers > 0;
    const parts: Array<typeof batch> = Array.from({ length: full ? helpers + 1 : 1 }, () => []);
    batch.forEach((b, i) => parts[i % parts.length].push(b));
    const remaining = () => Math.max(1, budget - (Date.now() - started));
    const results = await Promise.all([
      runLanes(parts[0], lanes),
      ...parts.slice(1).map(async (part) => {
        const refs = part.map(({ coll, doc }) => ({ coll, id: doc._id }));
        try {
          const r = await opts.helper!(refs, cutoff, remaining());
          summary.handled += r.handled;
          summary.skipped += r.skipped;
          summary.errors += r.errors;
          if (r.more) summary.more = true;
          return r.left;
        } catch (err) {
          // the helper could not run: its part is drained here
          console.warn('[timer] helper drain failed; draining its part here', String((err as Error)?.message ?? err));
          return runLanes(part, lanes);
        }
      }),
    ]);
    for (const r of results.flat()) leave[r.coll].add(r.id);
    for (const id of finished) {
      const [coll, docId] = id.split('/') as [Coll, string];
      leave[coll].add(docId);
    }
    if (summary.more) break;
    // short pages and every document finished: nothing at or before the cut-off is left (no second look needed)
    if (cases.length < pageSize && calls.length < pageSize && leave.cases.size + leave.calls.size === leftBefore) break;
  }
  summary.ms = Date.now() - started;
  return summary;
}

/** A helper's part of a page: the named documents still due at `cutoff`, read again (without their log) and drained. */
export async function drainRefs(refs: DueRef[], opts: DrainOptions & { cutoff: number }): Promise<HelperSummary> {
  const started = Date.now();
  const summary = emptySummary();
  const read = async (coll: Coll): Promise<Stored[]> => {
    const ids = refs.filter((r) => r.coll === coll).map((r) => r.id);
    if (!ids.length) return [];
    return dueRecordsIn<Stored>(coll, ids, opts.cutoff, WITHOUT_LOG);
  };
  const [cases, calls] = await Promise.all([read('cases'), read('calls')]);
  const batch = [...cases.map((d) => ({ coll: 'cases' as Coll, doc: d })), ...calls.map((d) => ({ coll: 'calls' as Coll, doc: d }))].sort(
    (a, b) => (a.doc.nextDueAt ?? 0) - (b.doc.nextDueAt ?? 0) || a.doc._id.localeCompare(b.doc._id),
  );
  summary.scanned = batch.length;
  const left = await runLanes(batch, { cutoff: opts.cutoff, now: opts.now, started, budget: opts.budgetMs ?? 50_000, concurrency: lanesOf(opts.concurrency), summary });
  summary.ms = Date.now() - started;
  return { ...summary, left };
}
