/**
 * Test harness: a fresh embedded cloud per suite on a fake clock, the functions as built, callers by openid.
 * Every call goes app-side → local/ functions.invoke → the function bundle → real wx-server-sdk → local/ /admin.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../local';
import { fixedClock } from '../../src/domain/common/clock';
import { uploadDirFor } from '../../cloudfunctions/common/owner';

/**
 * Every (action, code) pair an answer carried in this test file, recorded by `api`/`ok`.
 * tests/functions/declared-codes.setup.ts checks after each file that every non-zero code is declared for its action
 * (the API contract, src/domain/contract), so the whole functions suite checks the declarations.
 */
export const answeredCodes = new Map<string, { action: string; code: string }>();
export function recordAnswer(action: string, res: unknown): void {
  const code = (res as { code?: unknown } | null)?.code;
  const text = typeof code === 'string' || typeof code === 'number' ? String(code) : `(no envelope: ${JSON.stringify(res)?.slice(0, 80)})`;
  answeredCodes.set(`${action}\u0000${text}`, { action, code: text });
}

/** A tiny JPEG (the magic bytes are enough for the storage's content type; the server reads type and size). */
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

export type Envelope<T = any> = { code: 0; data: T } | { code: string; message: string; details?: unknown };

export interface TestCloud {
  cloud: LocalCloud;
  clock: ReturnType<typeof fixedClock>;
  dataDir: string;
  /** call an `api` action as the WeChat user `openid` */
  api<T = any>(openid: string, action: string, payload?: unknown): Promise<Envelope<T>>;
  /** like api() but expects success and returns data */
  ok<T = any>(openid: string, action: string, payload?: unknown): Promise<T>;
  /**
   * Upload a photo as the app does for `openid` (through the real SDK, to the user's folder `whoami.uploadDir`)
   * and return its fileID. `cloudPath` overrides the path (e.g. another user's folder); `content`/`contentType`
   * the bytes and type.
   */
  upload(openid: string, opts?: { name?: string; cloudPath?: string; content?: Buffer }): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Rate limits for suites that file many reports as one user to set up their fixtures (the authorization matrix,
 * races, paging): the production defaults would refuse the 11th report in an hour. tests/functions/limits.test.ts
 * runs on the defaults.
 */
export const ROOMY_RATE_LIMITS = JSON.stringify({ report: { windows: [{ windowSec: 3600, max: 100000 }] }, message: { windows: [{ windowSec: 3600, max: 100000 }] } });

export async function startTestCloud(startAt = Date.parse('2026-11-17T09:00:00+08:00'), opts: { functionEnv?: Record<string, string> } = {}): Promise<TestCloud> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yx-fn-'));
  const clock = fixedClock(startAt);
  const cloud = await startLocalCloud({ dataDir, port: 0, now: () => clock.now(), functionEnv: opts.functionEnv, faultInjection: true });
  const api = async <T>(openid: string, action: string, payload?: unknown) => {
    const res = (await cloud.callFunction('api', { action, payload }, { openid })) as Envelope<T>;
    recordAnswer(action, res);
    return res;
  };
  let sdk: any = null;
  let uploads = 0;
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
    async upload(openid, opts = {}) {
      if (!sdk) {
        Object.assign(process.env, cloud.sdkEnv);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        sdk = require('wx-server-sdk');
        sdk.init({ env: 'local-dev' });
      }
      const cloudPath = opts.cloudPath ?? `${uploadDirFor(openid)}/test/${opts.name ?? `p${++uploads}.jpg`}`;
      const res = await sdk.uploadFile({ cloudPath, fileContent: opts.content ?? JPEG });
      return res.fileID as string;
    },
    async stop() {
      await cloud.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
