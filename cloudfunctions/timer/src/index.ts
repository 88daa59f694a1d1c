/**
 * `timer`: drains the due items of cases and calls every minute (config.json: 7-field cron, timeout 60 s).
 * Only the timer trigger (or a server-side invocation) runs it: a mini-program client carries an OPENID and is
 * refused, so a user cannot make the drain run at will.
 *
 * A large backlog is shared out: a full page of due documents is split between this invocation and `helpers`
 * other invocations of this function (event `{ refs, cutoff }`, called server-side with the SDK), each draining its
 * part at the same time. YX_TIMER_HELPERS (function environment) sets how many; the default is 0 (drain alone): on the
2 shared cores of the local cloud helpers only add instance starts (measured 1.35× the wall time for 2 000 due items),
on the cloud each helper is another machine.
 */
import { drainDue, drainRefs, type DrainSummary, type DueRef, type HelperSummary } from '../../common/timer-drain';
import { serverClock } from '../../common/clock';
import { sdk } from '../../common/sdk';
import { removeExpiredRateLimits } from '../../common/rate-limit';

export interface TimerEvent {
  Type?: string;
  TriggerName?: string;
  Time?: string;
  /** server-side invocations (tests, operators' scripts) may shorten the budget or the page */
  budgetMs?: number;
  pageSize?: number;
  concurrency?: number;
  helpers?: number;
  /** a helper invocation: the documents of a page to drain, and the drain's cut-off */
  refs?: DueRef[];
  cutoff?: number;
}

const DEFAULT_HELPERS = 0;

/** The hour whose rate-limit clean-up this instance has done (a second tick in minute 0 skips it). */
let cleanedHour: number | null = null;

function helpersOf(event: TimerEvent): number {
  if (typeof event.helpers === 'number') return event.helpers;
  const env = Number(process.env.YX_TIMER_HELPERS);
  return Number.isInteger(env) && env >= 0 ? env : DEFAULT_HELPERS;
}

const isRef = (r: unknown): r is DueRef =>
  !!r && typeof r === 'object' && ((r as DueRef).coll === 'cases' || (r as DueRef).coll === 'calls') && typeof (r as DueRef).id === 'string';

async function helper(refs: DueRef[], cutoff: number, budgetMs: number): Promise<HelperSummary> {
  const res = await sdk().callFunction({ name: 'timer', data: { refs, cutoff, budgetMs } });
  const r = (res as { result?: unknown } | undefined)?.result as HelperSummary | { code: string; message: string } | undefined;
  if (!r || 'code' in r || !Array.isArray(r.left)) throw new Error(`helper drain answered ${JSON.stringify(r).slice(0, 200)}`);
  return r;
}

export async function main(event: TimerEvent = {}): Promise<DrainSummary | { code: string; message: string }> {
  const { OPENID } = sdk().getWXContext();
  if (OPENID) return { code: 'FORBIDDEN', message: '定时任务不能由用户调用' };
  const budgetMs = typeof event.budgetMs === 'number' && event.budgetMs > 0 ? Math.min(event.budgetMs, 50_000) : 50_000;
  const pageSize = typeof event.pageSize === 'number' ? event.pageSize : undefined;
  const concurrency = typeof event.concurrency === 'number' ? event.concurrency : undefined;
  const now = () => serverClock.now();
  if (Array.isArray(event.refs)) {
    if (typeof event.cutoff !== 'number' || !event.refs.every(isRef)) return { code: 'INVALID_INPUT', message: '参数不正确' };
    return drainRefs(event.refs, { now, cutoff: event.cutoff, budgetMs, concurrency });
  }
  const summary = await drainDue({ now, budgetMs, pageSize, concurrency, helpers: helpersOf(event), helper });
  console.log('[timer]', event.TriggerName ?? 'manual', JSON.stringify(summary));
  // once an hour (the tick of minute 0, once per instance): forget the rate-limit counters of finished windows
  const at = now();
  const hour = Math.floor(at / 3_600_000);
  if (Math.floor(at / 60_000) % 60 === 0 && cleanedHour !== hour) {
    try {
      await removeExpiredRateLimits(at);
      cleanedHour = hour;
    } catch (err) {
      console.warn('[timer] rate-limit clean-up failed', String((err as Error)?.message ?? err));
    }
  }
  return summary;
}
