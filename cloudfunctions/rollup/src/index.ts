/**
 * `rollup`: the daily roll-up (每日汇总). Timer trigger at minute 10 of every hour (config.json, Asia/Shanghai):
 * the 00:10 run closes yesterday; the other runs are cheap catch-ups (missed days, days touched by late changes).
 * Only triggers and other functions may run it: a call from the mini-program (it carries an OPENID) is refused.
 */
import { sdk } from '../../shared/sdk';
import { serverClock } from '../../shared/clock';
import { runRollup } from '../../shared/rollup';

export async function main(event: { maxDays?: number } = {}) {
  const { OPENID } = sdk().getWXContext();
  if (OPENID) return { code: 'FORBIDDEN', message: '您没有权限进行此操作' };
  const t0 = Date.now();
  const res = await runRollup(serverClock.now(), { maxDays: typeof event.maxDays === 'number' ? event.maxDays : undefined });
  return { code: 0, data: { ...res, ms: Date.now() - t0 } };
}
