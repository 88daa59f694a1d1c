/**
 * Test harness: a fresh embedded cloud per suite on a fake clock, the functions as built, callers by openid.
 * Every call goes app-side → local/ functions.invoke → the function bundle → real wx-server-sdk → local/ /admin.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../local';
import { fixedClock } from '../../src/domain/shared/clock';

export type Envelope<T = any> = { code: 0; data: T } | { code: string; message: string; details?: unknown };

export interface TestCloud {
  cloud: LocalCloud;
  clock: ReturnType<typeof fixedClock>;
  dataDir: string;
  /** call an `api` action as the WeChat user `openid` */
  api<T = any>(openid: string, action: string, payload?: unknown): Promise<Envelope<T>>;
  /** like api() but expects success and returns data */
  ok<T = any>(openid: string, action: string, payload?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startTestCloud(startAt = Date.parse('2026-11-17T09:00:00+08:00')): Promise<TestCloud> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yx-fn-'));
  const clock = fixedClock(startAt);
  const cloud = await startLocalCloud({ dataDir, port: 0, now: () => clock.now() });
  const api = async <T>(openid: string, action: string, payload?: unknown) =>
    (await cloud.callFunction('api', { action, payload }, { openid })) as Envelope<T>;
  return {
    cloud,
    clock,
    dataDir,
    api,
    async ok<T>(openid: string, action: string, payload?: unknown): Promise<T> {
      const res = await api<T>(openid, action, payload);
      if (res.code !== 0) throw new Error(`${action} as ${openid} failed: ${res.code} ${(res as { message: string }).message}`);
      return (res as { data: T }).data;
    },
    async stop() {
      await cloud.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
