/** Function invocation: per-invocation WeChat context, isolation, timeouts, errors, chaining, reload, timers. */
import fs from 'node:fs';
import path from 'node:path';
import { startWire, tmpDir, type Wire } from './helpers';

let w: Wire;
let fakeNow = Date.UTC(2025, 5, 1, 0, 0, 30);
const fnRoot = tmpDir('fns');
beforeAll(async () => {
  // a copy of a fixture we can rewrite (reload test)
  fs.mkdirSync(path.join(fnRoot, 'reloadme'));
  fs.writeFileSync(path.join(fnRoot, 'reloadme', 'index.js'), 'exports.main = async () => "v1";\n');
  w = await startWire({ functionsRoot: fnRoot, timers: true, now: () => fakeNow }, ['wire_items', 'wire_ticks']);
});
afterAll(async () => {
  await w.cloud.stop();
});

test('callFunction through the SDK (request snapshot) and cloud.callFunction with an identity', async () => {
  w.cloud.clearRequestLog();
  const res = await w.sdk.callFunction({ name: 'whoami', data: { hello: '你好' } });
  expect(res.result.event).toEqual({ hello: '你好' });
  const sent = { ...w.cloud.requestLog()[0] };
  for (const k of ['sessionToken', 'wxCloudApiToken']) if (sent[k]) sent[k] = `<${k}>`;
  expect(sent).toMatchSnapshot('invokeFunction request');
  const direct = (await w.cloud.callFunction('whoami', {}, { openid: 'o-alice', appid: 'wx-app', unionid: 'u1' })) as Record<string, unknown>;
  expect(direct).toMatchObject({ openid: 'o-alice', appid: 'wx-app', source: 'wx_client', env: 'local-dev' });
});

test('two concurrent invocations with different openids each see their own', async () => {
  const [a, b] = (await Promise.all([
    w.cloud.callFunction('whoami', { delayMs: 150 }, { openid: 'o-a' }),
    w.cloud.callFunction('whoami', { delayMs: 150 }, { openid: 'o-b' }),
  ])) as Array<Record<string, unknown>>;
  expect([a.openid, a.openidAfter]).toEqual(['o-a', 'o-a']);
  expect([b.openid, b.openidAfter]).toEqual(['o-b', 'o-b']);
});

test('warm instances are reused; the second call is not a cold start', async () => {
  const before = w.cloud.functionStats();
  await w.cloud.callFunction('whoami', {}, { openid: 'o-x' });
  await w.cloud.callFunction('whoami', {}, { openid: 'o-y' });
  const after = w.cloud.functionStats();
  expect(after.invocations - before.invocations).toBe(2);
  expect(after.coldStarts - before.coldStarts).toBe(0);
});

test("a function's own DB calls come back to this cloud with the fake clock", async () => {
  const r = (await w.cloud.callFunction('whoami', { write: 'x1' }, { openid: 'o-writer' })) as { written: string; clockOffset: number };
  const doc = w.cloud.store.findOne('wire_items', { _id: r.written })!;
  expect(doc.by).toBe('o-writer');
  expect((doc.at as Date).getTime()).toBe(fakeNow);
  expect(Math.abs(r.clockOffset - (fakeNow - Date.now()))).toBeLessThan(5000);
});

test('callFunction from inside a function keeps the user identity; SOURCE gains ",scf"', async () => {
  const r = (await w.cloud.callFunction('chain', {}, { openid: 'o-chain' })) as { me: string; callee: Record<string, unknown> };
  expect(r.me).toBe('o-chain');
  expect(r.callee).toMatchObject({ openid: 'o-chain', source: 'wx_client,scf', event: { from: 'chain' } });
});

test('errors come back in the cloud shape; wx-server-sdk 4.0.2 rejects with code + errMsg (errCode -1)', async () => {
  // node-sdk 3.17.2 ignores wx-server-sdk's throwOnCode:false and throws the {code,message} reply,
  // so errCode ends up -1 and the cloud's code is on err.code (same with the real cloud).
  await expect(w.sdk.callFunction({ name: 'whoami', data: { fail: '测试' } })).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', errMsg: expect.stringContaining('故意失败: 测试') });
  await expect(w.sdk.callFunction({ name: 'no_such_fn', data: {} })).rejects.toMatchObject({ code: 'FUNCTIONS_REQUEST_FAIL', errMsg: expect.stringContaining('FunctionName parameter could not be found') });
});

test('timeout from config.json (1 s) → FUNCTIONS_EXECUTE_FAIL and the instance is replaced', async () => {
  await expect(w.cloud.callFunction('slow', {})).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', message: expect.stringContaining('timed out after 1 seconds') });
  expect(w.cloud.functionStats().timeouts).toBeGreaterThanOrEqual(1);
});

test('an instance is reloaded when index.js changes', async () => {
  expect(await w.cloud.callFunction('reloadme', {})).toBe('v1');
  const f = path.join(fnRoot, 'reloadme', 'index.js');
  fs.writeFileSync(f, 'exports.main = async () => "v2";\n');
  fs.utimesSync(f, new Date(), new Date(Date.now() + 2000));
  expect(await w.cloud.callFunction('reloadme', {})).toBe('v2');
});

test('timer trigger fires on the cloud clock with the timer event shape', async () => {
  // config "0 */1 * * * * *": every minute at second 0 (Asia/Shanghai). Advance the fake clock past it.
  await w.cloud.tickTimers(); // establishes nothing new at 00:00:30
  fakeNow = Date.UTC(2025, 5, 1, 0, 1, 10);
  const fired = await w.cloud.tickTimers();
  expect(fired).toEqual([expect.objectContaining({ fn: 'ticker', trigger: 'everyMinute', ok: true })]);
  const ticks = w.cloud.store.find('wire_ticks', {});
  expect(ticks).toHaveLength(1);
  expect(ticks[0]).toMatchObject({ event: { Type: 'Timer', TriggerName: 'everyMinute', Time: '2025-06-01T00:01:00Z', Message: '' }, source: 'wx_trigger', trigger: 'timer' });
  // no new occurrence → no firing
  expect(await w.cloud.tickTimers()).toEqual([]);
});
