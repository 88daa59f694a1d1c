/** Shared setup for the wire suite: a local cloud + the REAL wx-server-sdk pointed at it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud, type StartOptions } from '../../local';

export const FIXTURE_FUNCTIONS = path.join(__dirname, 'fixtures', 'functions');
export const WIRE_DB_CONFIG = path.join(__dirname, 'fixtures', 'database.json');
export const REPO = path.resolve(__dirname, '..', '..');

export function tmpDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `yx-wire-${tag}-`));
}

export interface Wire {
  cloud: LocalCloud;
  // the SDK's typings are loose for our purposes; tests assert on values
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  sdk: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: any;
  dataDir: string;
}

/** Start a cloud on a fresh data dir, export its SDK env, load wx-server-sdk (once per test file). */
export async function startWire(extra: Partial<StartOptions> = {}, collections: string[] = []): Promise<Wire> {
  const dataDir = extra.dataDir ?? tmpDir('db');
  const cloud = await startLocalCloud({ functionsRoot: path.join(REPO, 'cloudfunctions'), extraFunctionRoots: [FIXTURE_FUNCTIONS], databaseConfig: WIRE_DB_CONFIG, ...extra, dataDir });
  for (const c of collections) cloud.store.createCollection(c);
  Object.assign(process.env, cloud.sdkEnv);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk');
  sdk.init({ env: 'local-dev' });
  return { cloud, sdk, db: sdk.database(), dataDir };
}

/** Replace volatile values (ids, tokens, urls with ports) so request snapshots are stable. */
export function normalise(value: unknown): unknown {
  const VOLATILE = new Set(['wxCloudApiToken', 'wxCloudbaseAccesstoken', 'tcb_sessionToken', 'sessionToken', 'transactionId', 'crossAuthorizationToken']);
  const walk = (v: unknown, key = ''): unknown => {
    if (VOLATILE.has(key) && v !== undefined && v !== '') return `<${key}>`;
    if (typeof v === 'string') {
      return v
        .replace(/[0-9a-f]{32}/g, '<id>')
        .replace(/txn-<id>/g, '<txn>')
        .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>');
    }
    if (Array.isArray(v)) return v.map((e) => walk(e));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, e]) => [k, walk(e, k)]));
    return v;
  };
  return walk(value);
}
