import { RATE_LIMITS, backoffLockMs, rateLimitedMessage, rateLimitsWith, windowStart } from '@domain/common/rate-limits';

const at = (iso: string) => Date.parse(iso);

describe('rate limit rules', () => {
  it('defaults: 10 reports an hour and 30 a day per openid; 20 / 60 citizen messages; invite back-off after 5 failures; Open311 60 a minute', () => {
    expect(RATE_LIMITS.report.windows).toEqual([{ windowSec: 3600, max: 10 }, { windowSec: 86400, max: 30 }]);
    expect(RATE_LIMITS.invite.backoff).toMatchObject({ freeFailures: 5, baseLockSec: 60 });
    expect(RATE_LIMITS.open311.windows).toEqual([{ windowSec: 60, max: 60 }]);
    expect(RATE_LIMITS.message.windows).toEqual([{ windowSec: 3600, max: 20 }, { windowSec: 86400, max: 60 }]);
  });

  it('windows are fixed clock hours and Shanghai calendar days', () => {
    expect(windowStart(at('2026-11-17T09:59:59.999+08:00'), 3600)).toBe(at('2026-11-17T09:00:00+08:00'));
    expect(windowStart(at('2026-11-17T10:00:00+08:00'), 3600)).toBe(at('2026-11-17T10:00:00+08:00'));
    expect(windowStart(at('2026-11-17T00:30:00+08:00'), 86400)).toBe(at('2026-11-17T00:00:00+08:00'));
    expect(windowStart(at('2026-11-17T23:59:00+08:00'), 86400)).toBe(at('2026-11-17T00:00:00+08:00'));
    expect(windowStart(at('2026-11-17T09:00:42+08:00'), 60)).toBe(at('2026-11-17T09:00:00+08:00'));
  });

  it('back-off: free failures, then 1, 2, 4 … minutes, capped', () => {
    const b = RATE_LIMITS.invite.backoff!;
    expect([1, 2, 3, 4].map((f) => backoffLockMs(f, b))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map((f) => backoffLockMs(f, b) / 60_000)).toEqual([1, 2, 4, 8]);
    expect(backoffLockMs(40, b)).toBe(b.maxLockSec * 1000);
  });

  it('the message names the wait in minutes, hours beyond two hours', () => {
    expect(rateLimitedMessage(1)).toBe('操作太频繁，请 1 分钟后再试');
    expect(rateLimitedMessage(59 * 60_000 + 1000)).toBe('操作太频繁，请 60 分钟后再试');
    expect(rateLimitedMessage(60_000 + 8)).toBe('操作太频繁，请 1 分钟后再试'); // milliseconds spent in the function do not add a minute
    expect(rateLimitedMessage(120 * 60_000)).toBe('操作太频繁，请 120 分钟后再试');
    expect(rateLimitedMessage(5 * 3600_000)).toBe('操作太频繁，请 5 小时后再试');
  });

  it('an operator override replaces a rule\'s windows; malformed parts are reported and ignored', () => {
    expect(rateLimitsWith(undefined).rules).toEqual(RATE_LIMITS);
    const r = rateLimitsWith(JSON.stringify({ report: { windows: [{ windowSec: 3600, max: 20 }] }, open311: { windows: [{ windowSec: 60, max: -1 }] }, nope: {} }));
    expect(r.rules.report.windows).toEqual([{ windowSec: 3600, max: 20 }]);
    expect(r.rules.open311).toEqual(RATE_LIMITS.open311);
    expect(r.rules.invite).toEqual(RATE_LIMITS.invite);
    expect(r.errors).toEqual(['open311.windows must be [{windowSec, max}] of positive integers', 'unknown rule nope']);
    expect(rateLimitsWith('{oops').errors).toEqual(['YX_RATE_LIMITS is not JSON']);
    expect(rateLimitsWith('{oops').rules).toEqual(RATE_LIMITS);
  });
});
