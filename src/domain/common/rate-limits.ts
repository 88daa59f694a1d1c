/**
 * Per-subject rate limits: the ONE table of rules (defaults) and the pure arithmetic of their windows and
 * back-off. The counters live in the database (collection `rateLimits`, cloudfunctions/common/rate-limit.ts) so
 * they hold across function instances. Operators override the defaults with the function's environment variable
 * `YX_RATE_LIMITS` (JSON, partial: `{"report":{"windows":[{"windowSec":3600,"max":20}]}}`), see README.
 *
 * Windows are fixed and aligned to Asia/Shanghai (an hour is a clock hour, a day a calendar day in Fuzhou).
 */
import { BUSINESS_OFFSET_MS } from './business-time';

export interface WindowLimit {
  /** window length in seconds */
  windowSec: number;
  /** attempts allowed in one window */
  max: number;
}

export interface BackoffRule {
  /** failures allowed before the first lock-out */
  freeFailures: number;
  /** the first lock-out; each further failure doubles it */
  baseLockSec: number;
  maxLockSec: number;
  /** failures are forgotten this long after the last one */
  forgetSec: number;
}

export interface RateRule {
  /** who is counted and what (for docs and logs) */
  what: string;
  /** every window must have room; the attempt counts in each */
  windows: WindowLimit[];
  /** failures lock the subject out for a doubling time */
  backoff?: BackoffRule;
}

export type RateRuleName = 'report' | 'message' | 'invite' | 'open311';

export const RATE_LIMITS: Record<RateRuleName, RateRule> = {
  /** 随手拍 per WeChat user (openid). Subscribe messages follow from reports, so their volume is bounded too. */
  report: { what: 'case.report per openid', windows: [{ windowSec: 3600, max: 10 }, { windowSec: 86400, max: 30 }] },
  /**
   * A citizen's messages on cases (case.note, case.supplement) per openid: each one notifies the case's handlers, so
   * without a bound one person could flood a street's phones and grow a case's log without end. Staff are not counted.
   */
  message: { what: 'case.note / case.supplement by a citizen, per openid', windows: [{ windowSec: 3600, max: 20 }, { windowSec: 86400, max: 60 }] },
  /** account.bindInvite per openid: a burst limit, and after 5 wrong codes a lock-out of 1, 2, 4 … minutes (≤ 1 day). */
  invite: {
    what: 'account.bindInvite per openid',
    windows: [{ windowSec: 60, max: 10 }],
    backoff: { freeFailures: 5, baseLockSec: 60, maxLockSec: 86400, forgetSec: 86400 },
  },
  /** Open311 POST requests per channel (api_key). */
  open311: { what: 'Open311 POST per api_key', windows: [{ windowSec: 60, max: 60 }] },
};


/** Start (epoch ms) of the fixed window of `windowSec` holding `now`, aligned to Asia/Shanghai. */
export function windowStart(now: number, windowSec: number): number {
  const ms = windowSec * 1000;
  return Math.floor((now + BUSINESS_OFFSET_MS) / ms) * ms - BUSINESS_OFFSET_MS;
}

/** The lock-out after `failures` failures (0 while still within the free failures). */
export function backoffLockMs(failures: number, rule: BackoffRule): number {
  if (failures < rule.freeFailures) return 0;
  const doublings = Math.min(failures - rule.freeFailures, 30);
  return Math.min(rule.baseLockSec * 2 ** doublings, rule.maxLockSec) * 1000;
}

/** The Chinese message for a refusal, with the wait (to the second) rounded up to minutes (hours beyond two hours). */
export function rateLimitedMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(Math.round(retryAfterMs / 1000) / 60));
  if (minutes > 120) return `操作太频繁，请 ${Math.ceil(minutes / 60)} 小时后再试`;
  return `操作太频繁，请 ${minutes} 分钟后再试`;
}

const positiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/**
 * The defaults with an operator's override (the JSON of YX_RATE_LIMITS). Unknown rules and malformed entries are
 * reported in `errors` and ignored, so a typo never disables a limit.
 */
export function rateLimitsWith(overrideJson: string | undefined): { rules: Record<RateRuleName, RateRule>; errors: string[] } {
  const rules = { ...RATE_LIMITS };
  const errors: string[] = [];
  if (!overrideJson || !overrideJson.trim()) return { rules, errors };
  let parsed: unknown;
  try {
    parsed = JSON.parse(overrideJson);
  } catch {
    return { rules, errors: ['YX_RATE_LIMITS is not JSON'] };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { rules, errors: ['YX_RATE_LIMITS must be an object'] };
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!Object.prototype.hasOwnProperty.call(RATE_LIMITS, name)) {
      errors.push(`unknown rule ${name}`);
      continue;
    }
    const v = value as Partial<RateRule> | null;
    const rule: RateRule = { ...rules[name as RateRuleName] };
    if (v?.windows !== undefined) {
      if (Array.isArray(v.windows) && v.windows.length > 0 && v.windows.every((w) => positiveInt(w?.windowSec) && positiveInt(w?.max))) {
        rule.windows = v.windows.map((w) => ({ windowSec: w.windowSec, max: w.max }));
      } else errors.push(`${name}.windows must be [{windowSec, max}] of positive integers`);
    }
    if (v?.backoff !== undefined) {
      const b = v.backoff as Partial<BackoffRule> | null;
      if (b && positiveInt(b.freeFailures) && positiveInt(b.baseLockSec) && positiveInt(b.maxLockSec) && positiveInt(b.forgetSec)) {
        rule.backoff = { freeFailures: b.freeFailures, baseLockSec: b.baseLockSec, maxLockSec: b.maxLockSec, forgetSec: b.forgetSec };
      } else errors.push(`${name}.backoff must have positive integers freeFailures, baseLockSec, maxLockSec, forgetSec`);
    }
    rules[name as RateRuleName] = rule;
  }
  return { rules, errors };
}
