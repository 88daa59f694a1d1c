/**
 * Rate limits kept in the database (collection `rateLimits`, read and written by repos/rate-limits.ts), so they
 * hold across function instances and cold starts. The rules are one table in src/domain/common/rate-limits.ts
 * (defaults), overridden by the function's environment variable YX_RATE_LIMITS.
 *
 * Fixed windows, ONE document per (rule, subject, start of the rule's longest window) holding every window's count:
 * `{ key, n<sec>, s<sec>, rev, expiresAt }` (`n` the count, `s` the start of a shorter window; the longest window's
 * start is in the id). An attempt is ONE request in the usual cases:
 *   - the subject's first attempt in the longest window (most citizens report once a day): `add` the document
 *     with every count at 1;
 *   - a later one: one conditional update `where({ _id, s<short>: start, n<each>: _.lt(max) })` that increments
 *     every count, so concurrent instances can never let more than `max` through.
 * Which of the two is tried first follows what this instance last saw of the document; the other follows when it
 * fails (a duplicate id, or no match). When neither applies (a shorter window rolled over, or a window is full),
 * the document is read and rewritten conditionally on its revision (`rev`): counts of a finished shorter window
 * start again from zero, and an attempt refused by a longer window still counts in the shorter ones it passed.
 * Documents of finished windows are removed by the timer (`removeExpiredRateLimits`).
 *
 * Back-off (invite codes): one document per subject `{ failures, lockedUntil, expiresAt }`; each failure is an
 * atomic `_.inc`, and from `freeFailures` on the subject is locked out for a doubling time.
 *
 * Subjects (openids, api keys) are stored only as a hash.
 */
import { createHash } from 'node:crypto';
import { backoffLockMs, rateLimitsWith, windowStart, type RateRule, type RateRuleName } from '@domain/common/rate-limits';
import { Errors } from './errors';
import { ops } from './repos/filters';
import { addRateDoc, rateDoc, removeRateDocs, updateRateDocs } from './repos/rate-limits';

let cached: { env: string | undefined; rules: Record<RateRuleName, RateRule> } | null = null;

/** The rules in force: the defaults with YX_RATE_LIMITS applied (re-read when the variable changes). */
export function rateRules(): Record<RateRuleName, RateRule> {
  const env = process.env.YX_RATE_LIMITS;
  if (!cached || cached.env !== env) {
    const { rules, errors } = rateLimitsWith(env);
    if (errors.length) console.warn('[rate-limit] YX_RATE_LIMITS ignored in part:', errors.join('; '));
    cached = { env, rules };
  }
  return cached.rules;
}

const subjectHash = (subject: string) => createHash('sha256').update(`yx-rate:${subject}`).digest('hex').slice(0, 32);

function isDuplicate(err: unknown): boolean {
  const e = err as { errMsg?: string; message?: string };
  return /duplicate|E11000|already exist/i.test(`${e?.errMsg ?? ''} ${e?.message ?? ''}`);
}

/** Window documents this instance has seen exist (a hint for which request to try first; bounded). */
const known = new Set<string>();
const KNOWN_MAX = 10_000;
function remember(id: string): void {
  if (known.size >= KNOWN_MAX) known.clear();
  known.add(id);
}

interface Window {
  sec: number;
  max: number;
  start: number;
  end: number;
}

type WindowDoc = { _id: string; rev?: number } & Record<string, unknown>;

/** The longest window's start is in the id; shorter windows keep theirs in `s<sec>`. */
const countOf = (doc: WindowDoc, w: Window, longest: Window) =>
  w === longest || doc[`s${w.sec}`] === w.start ? Number(doc[`n${w.sec}`] ?? 0) : 0;

/**
 * Count one attempt of `subject` under `rule`; throws RATE_LIMITED (with the wait) when a window is full.
 * An attempt refused by a longer window still counts in the shorter ones already passed.
 */
export async function rateLimit(ruleName: RateRuleName, subject: string, now: number): Promise<void> {
  const rule = rateRules()[ruleName];
  const key = `${ruleName}.${subjectHash(subject)}`;
  const windows: Window[] = [...rule.windows]
    .sort((a, b) => a.windowSec - b.windowSec)
    .map((w) => {
      const start = windowStart(now, w.windowSec);
      return { sec: w.windowSec, max: w.max, start, end: start + w.windowSec * 1000 };
    });
  const longest = windows[windows.length - 1];
  const id = `${key}.${longest.sec}.${longest.start}`;
  const _ = ops();

  const add = async (): Promise<boolean> => {
    const data: Record<string, unknown> = { _id: id, key, rev: 0, expiresAt: longest.end };
    for (const w of windows) {
      data[`n${w.sec}`] = 1;
      if (w !== longest) data[`s${w.sec}`] = w.start;
    }
    try {
      await addRateDoc(data);
      return true;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      return false;
    }
  };
  const increment = async (): Promise<boolean> => {
    const where: Record<string, unknown> = { _id: id };
    const data: Record<string, unknown> = { rev: _.inc(1) };
    for (const w of windows) {
      where[`n${w.sec}`] = _.lt(w.max);
      if (w !== longest) where[`s${w.sec}`] = w.start;
      data[`n${w.sec}`] = _.inc(1);
    }
    return (await updateRateDocs(where, data)) === 1;
  };

  // the usual cases: one request
  if (known.has(id) ? await increment() : (await add()) || (await increment())) {
    remember(id);
    return;
  }
  remember(id);
  // a shorter window rolled over or a window is full: read, decide, write conditionally on the revision
  for (let attempt = 0; attempt < 8; attempt++) {
    const doc = (await rateDoc<WindowDoc>(id)) ?? undefined;
    if (!doc) {
      if (await add()) return;
      continue;
    }
    const data: Record<string, unknown> = {};
    let refused: Window | undefined;
    for (const w of windows) {
      const count = countOf(doc, w, longest);
      if (count >= w.max) {
        refused = w;
        break;
      }
      data[`n${w.sec}`] = count + 1;
      if (w !== longest) data[`s${w.sec}`] = w.start;
    }
    if (Object.keys(data).length) {
      const updated = await updateRateDocs({ _id: id, rev: doc.rev ?? 0 }, { ...data, rev: (doc.rev ?? 0) + 1 });
      if (updated !== 1) continue; // another attempt wrote first: decide again on what it wrote
    }
    if (refused) throw Errors.rateLimited(refused.end - now);
    return;
  }
  // the subject's own attempts kept overtaking each other: a burst, refused like one
  throw Errors.rateLimited(1000);
}

/**
 * Remove the documents of finished windows and of forgotten failures (the timer calls it now and then; a document
 * is never read after its `expiresAt`).
 */
export async function removeExpiredRateLimits(now: number): Promise<number> {
  return removeRateDocs({ expiresAt: ops().lt(now) });
}

interface BackoffDoc {
  _id: string;
  failures: number;
  lockedUntil: number;
  expiresAt: number;
}

const backoffId = (ruleName: RateRuleName, subject: string) => `${ruleName}.${subjectHash(subject)}.backoff`;

/** Throws RATE_LIMITED while `subject` is locked out after failures under `rule`. */
export async function assertNotLockedOut(ruleName: RateRuleName, subject: string, now: number): Promise<void> {
  const doc = await rateDoc<BackoffDoc>(backoffId(ruleName, subject));
  if (doc && doc.expiresAt > now && doc.lockedUntil > now) throw Errors.rateLimited(doc.lockedUntil - now);
}

/** Record a failure of `subject`; from the rule's free failures on, lock it out for a doubling time. */
export async function recordFailure(ruleName: RateRuleName, subject: string, now: number): Promise<{ failures: number; lockedUntil: number }> {
  const rule = rateRules()[ruleName].backoff;
  if (!rule) throw new Error(`rate rule ${ruleName} has no back-off`);
  const _ = ops();
  const id = backoffId(ruleName, subject);
  const key = `${ruleName}.${subjectHash(subject)}`;
  const expiresAt = now + rule.forgetSec * 1000;
  // failures older than forgetSec start again from zero
  if ((await updateRateDocs({ _id: id, expiresAt: _.gt(now) }, { failures: _.inc(1), expiresAt })) !== 1) {
    if ((await updateRateDocs({ _id: id }, { failures: 1, lockedUntil: 0, expiresAt })) !== 1) {
      try {
        await addRateDoc({ _id: id, key, failures: 1, lockedUntil: 0, expiresAt });
      } catch (err) {
        if (!isDuplicate(err)) throw err;
        await updateRateDocs({ _id: id }, { failures: _.inc(1), expiresAt });
      }
    }
  }
  const after = (await rateDoc<BackoffDoc>(id))!;
  const lockMs = backoffLockMs(after.failures, rule);
  if (lockMs <= 0) return { failures: after.failures, lockedUntil: 0 };
  const lockedUntil = now + lockMs;
  // never shorten a longer lock another instance just set
  await updateRateDocs({ _id: id, lockedUntil: _.lt(lockedUntil) }, { lockedUntil });
  return { failures: after.failures, lockedUntil };
}

/** A success forgets the subject's failures. */
export async function clearFailures(ruleName: RateRuleName, subject: string): Promise<void> {
  await removeRateDocs({ _id: backoffId(ruleName, subject) });
}
