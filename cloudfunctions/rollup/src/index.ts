/**
 * `rollup`: the daily roll-up (每日汇总). Timer trigger at minute 10 of every hour (config.json, Asia/Shanghai):
 * the 00:10 run closes yesterday; the other runs are cheap catch-ups (missed days, days touched by late changes).
 * Only triggers and other functions may run it: a call from the mini-program (it carries an OPENID) is refused.
 */
import { sdk } from '../../common/sdk';
import { serverClock } from '../../common/clock';
import { runRollup } from '../../common/rollup';

export async function main(event: { maxDays?: number; budgetMs?: number } = {}) {
  const { OPENID } = sdk().getWXContext();
  if (OPENID) return { code: 'FORBIDDEN', message: '您没有权限进行此操作' };
  const t0 = Date.now();
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
  const res = await runRollup(serverClock.now(), { maxDays: num(event.maxDays), budgetMs: num(event.budgetMs) });
  return { code: 0, data: { ...res, ms: Date.now() - t0 } };
}
