/**
 * `timer`: drains the due items of cases and calls every minute (config.json: 7-field cron, timeout 60 s).
 * Only the timer trigger (or a server-side invocation) runs it: a mini-program client carries an OPENID and is
 * refused, so a user cannot make the drain run at will.
 */
import { drainDue, type DrainSummary } from '../../shared/timer-drain';
import { serverClock } from '../../shared/clock';
import { sdk } from '../../shared/sdk';
import { removeExpiredRateLimits } from '../../shared/rate-limit';

export interface TimerEvent {
  Type?: string;
  TriggerName?: string;
  Time?: string;
  /** server-side invocations (tests, operators' scripts) may shorten the budget or the page */
  budgetMs?: number;
  pageSize?: number;
  concurrency?: number;
}

export async function main(event: TimerEvent = {}): Promise<DrainSummary | { code: string; message: string }> {
  const { OPENID } = sdk().getWXContext();
  if (OPENID) return { code: 'FORBIDDEN', message: '定时任务不能由用户调用' };
  const budgetMs = typeof event.budgetMs === 'number' && event.budgetMs > 0 ? Math.min(event.budgetMs, 50_000) : 50_000;
  const pageSize = typeof event.pageSize === 'number' ? event.pageSize : undefined;
  const concurrency = typeof event.concurrency === 'number' ? event.concurrency : undefined;
  const summary = await drainDue({ now: () => serverClock.now(), budgetMs, pageSize, concurrency });
  console.log('[timer]', event.TriggerName ?? 'manual', JSON.stringify(summary));
  // once an hour (the tick of minute 0): forget the rate-limit counters of finished windows
  const now = serverClock.now();
  if (Math.floor(now / 60_000) % 60 === 0) {
    try {
      await removeExpiredRateLimits(now);
    } catch (err) {
      console.warn('[timer] rate-limit clean-up failed', String((err as Error)?.message ?? err));
    }
  }
  return summary;
}
