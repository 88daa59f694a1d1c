/**
 * Rate limits kept in the database (collection `rateLimits`), so they hold across function instances and cold
 * starts. The rules are one table in src/domain/shared/rate.limits.ts (defaults), overridden by the function's
 * environment variable YX_RATE_LIMITS.
 *
 * Fixed windows: one document per (rule, subject, window, window start), `{ key, count, expiresAt }`. An attempt
 * is one conditional update `where({ _id, count: _.lt(max) }).update({ count: _.inc(1) })`: the database
 * increments only while there is room, so concurrent instances can never let more than `max` through. A missing
 * document (first attempt of a window) is added (a duplicate-key race falls back to the update); adding one also
 * removes the subject's expired windows. Windows are checked shortest first and the first full one refuses.
 *
 * Back-off (invite codes): one document per subject `{ failures, lockedUntil, expiresAt }`; each failure is an
 * atomic `_.inc`, and from `freeFailures` on the subject is locked out for a doubling time.
 *
 * Subjects (openids, api keys) are stored only as a hash.
 */
import { createHash } from 'node:crypto';
import { backoffLockMs, rateLimitsWith, windowStart, type RateRule, type RateRuleName } from '@domain/shared/rate.limits';
import { database } from './sdk';
import { Errors } from './errors';

export const RATE_LIMITS_COLLECTION = 'rateLimits';

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

/** Take one slot in a fixed window; false when the window is full. */
async function takeSlot(id: string, key: string, max: number, expiresAt: number, now: number): Promise<boolean> {
  const db = database();
  const _ = db.command;
  const coll = db.collection(RATE_LIMITS_COLLECTION);
  const inc = () => coll.where({ _id: id, count: _.lt(max) }).update({ data: { count: _.inc(1) } });
  const first = await inc();
  if (first.stats.updated === 1) return true;
  try {
    await coll.add({ data: { _id: id, key, count: 1, expiresAt } });
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    // the window exists: full, or another instance added it a moment ago
    return (await inc()).stats.updated === 1;
  }
  // a new window: forget this subject's finished ones
  await coll.where({ key, expiresAt: _.lt(now) }).remove();
  return true;
}

/**
 * Count one attempt of `subject` under `rule`; throws RATE_LIMITED (with the wait) when a window is full.
 * An attempt refused by a longer window still counts in the shorter ones already passed.
 */
export async function rateLimit(ruleName: RateRuleName, subject: string, now: number): Promise<void> {
  const rule = rateRules()[ruleName];
  const key = `${ruleName}.${subjectHash(subject)}`;
  const windows = [...rule.windows].sort((a, b) => a.windowSec - b.windowSec);
  for (const w of windows) {
    const start = windowStart(now, w.windowSec);
    const end = start + w.windowSec * 1000;
    const ok = await takeSlot(`${key}.${w.windowSec}.${start}`, key, w.max, end, now);
    if (!ok) throw Errors.rateLimited(end - now);
  }
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
  const res = await database().collection(RATE_LIMITS_COLLECTION).where({ _id: backoffId(ruleName, subject) }).limit(1).get();
  const doc = res.data[0] as BackoffDoc | undefined;
  if (doc && doc.expiresAt > now && doc.lockedUntil > now) throw Errors.rateLimited(doc.lockedUntil - now);
}

/** Record a failure of `subject`; from the rule's free failures on, lock it out for a doubling time. */
export async function recordFailure(ruleName: RateRuleName, subject: string, now: number): Promise<{ failures: number; lockedUntil: number }> {
  const rule = rateRules()[ruleName].backoff;
  if (!rule) throw new Error(`rate rule ${ruleName} has no back-off`);
  const db = database();
  const _ = db.command;
  const coll = db.collection(RATE_LIMITS_COLLECTION);
  const id = backoffId(ruleName, subject);
  const key = `${ruleName}.${subjectHash(subject)}`;
  const expiresAt = now + rule.forgetSec * 1000;
  // failures older than forgetSec start again from zero
  const fresh = await coll.where({ _id: id, expiresAt: _.gt(now) }).update({ data: { failures: _.inc(1), expiresAt } });
  if (fresh.stats.updated !== 1) {
    const reset = await coll.where({ _id: id }).update({ data: { failures: 1, lockedUntil: 0, expiresAt } });
    if (reset.stats.updated !== 1) {
      try {
        await coll.add({ data: { _id: id, key, failures: 1, lockedUntil: 0, expiresAt } });
      } catch (err) {
        if (!isDuplicate(err)) throw err;
        await coll.where({ _id: id }).update({ data: { failures: _.inc(1), expiresAt } });
      }
    }
  }
  const after = (await coll.where({ _id: id }).limit(1).get()).data[0] as BackoffDoc;
  const lockMs = backoffLockMs(after.failures, rule);
  if (lockMs <= 0) return { failures: after.failures, lockedUntil: 0 };
  const lockedUntil = now + lockMs;
  // never shorten a longer lock another instance just set
  await coll.where({ _id: id, lockedUntil: _.lt(lockedUntil) }).update({ data: { lockedUntil } });
  return { failures: after.failures, lockedUntil };
}

/** A success forgets the subject's failures. */
export async function clearFailures(ruleName: RateRuleName, subject: string): Promise<void> {
  await database().collection(RATE_LIMITS_COLLECTION).where({ _id: backoffId(ruleName, subject) }).remove();
}
