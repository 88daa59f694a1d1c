/**
 * Seeds the Gulou organisation through the REAL wx-server-sdk, by `_id` (`doc(id).set`), so the same script
 * serves a real CloudBase environment and the embedded local cloud.
 *
 *   npm run seed -- --env <envId>                 real environment (TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY
 *                                                  of a sub-account allowed to write the database, in the environment)
 *   npm run seed -- --local http://127.0.0.1:8787 a running local/ (npm start, or tsx local/main.ts)
 *   flags: --dev           bind the seeded staff to dev openids `dev-<staffId>` and give the Open311 channels their
 *                          development api keys (local development only; without it channels get no key)
 *          --missing-only  insert documents that do not exist; leave existing ones as they are
 *          --dry-run       read and compare only; print what would be written
 *          --scale large   the article's scale: the Gulou seed plus generated departments, communities and cadres
 *                          (src/domain/org/seed/large.ts: 81 departments with their three posts, 4 048 staff)
 *          --no-create     do not create missing collections (by default every collection of
 *                          config/cloud/database.json is created first; indexes and rules are console steps)
 *
 * Idempotent: a document equal to its seed is not written, so running it twice changes nothing. An existing
 * staff record keeps its WeChat binding (openid) and any invite code an administrator issued: re-seeding never
 * unbinds people. Documents not in the seed (added by administrators) are never touched.
 */
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { seedDocuments } from './seed-data';

export interface SeedOptions {
  /** CloudBase environment id (real cloud), or the local env id (default 'local-dev') */
  env?: string;
  /** base URL of a running local/ (http://127.0.0.1:8787): the SDK is pointed at `<url>/admin` */
  localUrl?: string;
  withDevOpenids?: boolean;
  /** the org at the article's scale (generated on top of the Gulou seed) */
  scale?: 'gulou' | 'large';
  missingOnly?: boolean;
  dryRun?: boolean;
  /** create the collections of config/cloud/database.json first (default true; existing ones are left alone) */
  createCollections?: boolean;
  log?: (line: string) => void;
}

export interface SeedReport {
  /** collections created, or found to exist, before writing (indexes and security rules: docs/DEPLOY.md) */
  collectionsEnsured: string[];
  /** the first administrator's invite code while staff-admin is unbound (not with --dev) */
  adminInviteCode?: string;
  collections: Record<string, { inserted: number; updated: number; unchanged: number }>;
  inserted: number;
  updated: number;
  unchanged: number;
}

type Doc = Record<string, unknown>;

/** Env the SDK needs to talk to a local/ at `url` (what local/'s `cloud.sdkEnv` holds). */
export function localSdkEnv(url: string, envId = 'local-dev'): Record<string, string> {
  const base = url.replace(/\/+$/, '').replace(/\/admin$/, '');
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${base}/admin` }),
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TENCENTCLOUD_SESSIONTOKEN: 'local-session-token',
    TENCENTCLOUD: 'true',
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
    SILENCE: 'true',
  };
}

/** Stable JSON (sorted keys) to compare a stored document with its seed. */
function canon(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as Doc)
      .filter((k) => (v as Doc)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canon((v as Doc)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function withoutId(d: Doc): Doc {
  const { _id, ...rest } = d;
  void _id;
  return rest;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function randomInviteCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * The staff document to write: the seed, keeping the stored binding state (openid, an issued invite code).
 * The seed's invite codes are public (they are in the repository), so outside --dev a new record gets a random one.
 */
function mergeStaff(seed: Doc, stored: Doc | undefined, dev: boolean): Doc {
  const out: Doc = { ...seed };
  if (stored && typeof stored.openid === 'string' && stored.openid) {
    out.openid = stored.openid;
    if (typeof stored.inviteCode === 'string') out.inviteCode = stored.inviteCode;
    else delete out.inviteCode;
  } else if (stored && typeof stored.inviteCode === 'string') {
    out.inviteCode = stored.inviteCode;
  } else if (!dev) {
    out.inviteCode = randomInviteCode();
  }
  return out;
}

/**
 * Channels: the seed's Open311 api keys are development values, written only with --dev. Otherwise an existing
 * document keeps the key an operator set (docs/DEPLOY.md), and a new one has none until it is set.
 */
function mergeChannel(seed: Doc, stored: Doc | undefined, devKeys: boolean): Doc {
  const out: Doc = { ...seed };
  if (!devKeys) delete out.apiKey;
  if (stored && typeof stored.apiKey === 'string' && (!devKeys || !out.apiKey)) out.apiKey = stored.apiKey;
  return out;
}

async function withRetry<T>(fn: () => Promise<T>, tries = 4): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i + 1 >= tries) throw err;
      // basic plans allow ~30 DB requests/s: back off and retry
      await new Promise((r) => setTimeout(r, 300 * 2 ** i));
    }
  }
}

/** Seed through wx-server-sdk. Sets process.env for the SDK when `localUrl` is given. */
export async function seed(opts: SeedOptions): Promise<SeedReport> {
  const log = opts.log ?? (() => undefined);
  const envId = opts.env ?? (opts.localUrl ? 'local-dev' : undefined);
  if (!envId) throw new Error('seed: --env <envId> or --local <url> is required');
  if (opts.localUrl) Object.assign(process.env, localSdkEnv(opts.localUrl, envId));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: envId });
  // the SDK types query results as `IQueryResult | void | string`; treat the handle loosely (as cloudfunctions/common/sdk.ts does)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db: any = cloud.database();
  const docs = seedDocuments({ withDevOpenids: opts.withDevOpenids, scale: opts.scale });
  const report: SeedReport = { collectionsEnsured: [], collections: {}, inserted: 0, updated: 0, unchanged: 0 };

  if (opts.createCollections !== false && !opts.dryRun) {
    const config = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../config/cloud/database.json'), 'utf8')) as { collections: Record<string, unknown> };
    for (const name of Object.keys(config.collections)) {
      try {
        const res = (await withRetry(() => db.createCollection(name), 2)) as { code?: string; message?: string } | undefined;
        if (res && res.code) throw new Error(`${res.code} ${res.message ?? ''}`);
      } catch (err) {
        // the cloud answers DATABASE_COLLECTION_ALREADY_EXIST for an existing collection (local/ accepts it silently)
        if (!/exist/i.test(String((err as Error)?.message ?? err))) throw err;
      }
      report.collectionsEnsured.push(name);
    }
  }

  for (const [coll, list] of Object.entries(docs)) {
    const counts = { inserted: 0, updated: 0, unchanged: 0 };
    report.collections[coll] = counts;
    if (!list.length) continue;
    // collections must exist first (the cloud console / local/ create them from config/cloud/database.json)
    const stored = new Map<string, Doc>();
    const col = db.collection(coll);
    for (;;) {
      const res = (await withRetry(() => col.skip(stored.size).limit(1000).get())) as { data: Doc[] };
      for (const d of JSON.parse(JSON.stringify(res.data)) as Doc[]) stored.set(String(d._id), d);
      if (res.data.length < 1000) break;
    }
    const writes: Array<{ id: string; data: Doc; isNew: boolean }> = [];
    for (const seedDoc of list) {
      const id = String(seedDoc._id);
      const prev = stored.get(id);
      if (prev && opts.missingOnly) {
        counts.unchanged++;
        continue;
      }
      const next = coll === 'staff' ? mergeStaff(seedDoc, prev, !!opts.withDevOpenids) : coll === 'channels' ? mergeChannel(seedDoc, prev, !!opts.withDevOpenids) : seedDoc;
      if (prev && canon(withoutId(prev)) === canon(withoutId(next))) {
        counts.unchanged++;
        continue;
      }
      writes.push({ id, data: withoutId(next), isNew: !prev });
    }
    if (!opts.dryRun) {
      const CONCURRENCY = 4;
      for (let i = 0; i < writes.length; i += CONCURRENCY) {
        await Promise.all(writes.slice(i, i + CONCURRENCY).map((w) => withRetry(() => col.doc(w.id).set({ data: w.data }))));
      }
    }
    for (const w of writes) (w.isNew ? counts.inserted++ : counts.updated++);
    report.inserted += counts.inserted;
    report.updated += counts.updated;
    report.unchanged += counts.unchanged;
    log(`  ${coll.padEnd(14)} +${counts.inserted} new, ${counts.updated} updated, ${counts.unchanged} unchanged${opts.dryRun ? ' (dry run)' : ''}`);
  }
  if (!opts.withDevOpenids && !opts.dryRun) {
    const res = (await db.collection('staff').where({ _id: 'staff-admin' }).limit(1).get()) as { data: Doc[] };
    const admin = res.data[0];
    if (admin && !admin.openid && typeof admin.inviteCode === 'string') report.adminInviteCode = admin.inviteCode;
  }
  return report;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  return v && !v.startsWith('--') ? v : '';
}

if (require.main === module) {
  // Outside the cloud the SDK may also raise an unhandled rejection next to the rejected call (e.g. missing keys).
  process.on('unhandledRejection', (err) => {
    console.error(`seed failed: ${(err as Error)?.message ?? err}`);
    process.exit(1);
  });
  const env = arg('env') || undefined;
  const localUrl = arg('local') || undefined;
  if (!env && !localUrl) {
    console.error('usage: npm run seed -- (--env <envId> | --local http://127.0.0.1:8787) [--dev] [--missing-only] [--dry-run]');
    process.exit(2);
  }
  if (env && !localUrl && (!process.env.TENCENTCLOUD_SECRETID || !process.env.TENCENTCLOUD_SECRETKEY)) {
    console.error('seed: set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (a CAM sub-account key with database write access) to seed a real environment');
    process.exit(2);
  }
  const withDevOpenids = process.argv.includes('--dev');
  if (withDevOpenids && !localUrl) console.warn('seed: --dev binds staff to dev-… openids; never use it on a production environment');
  const t0 = Date.now();
  console.log(`seeding the Gulou organisation into ${localUrl ? `local cloud ${localUrl}` : `environment ${env}`}${withDevOpenids ? ' (dev openids)' : ''}`);
  const scale = arg('scale') === 'large' ? ('large' as const) : undefined;
  seed({ env, localUrl, withDevOpenids, scale, missingOnly: process.argv.includes('--missing-only'), dryRun: process.argv.includes('--dry-run'), createCollections: !process.argv.includes('--no-create'), log: (l) => console.log(l) })
    .then((r) => {
      console.log(`done in ${Date.now() - t0} ms: ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged`);
      if (r.adminInviteCode) console.log(`first administrator (staff-admin, unbound): invite code ${r.adminInviteCode} — enter it in 我的 → 绑定工作人员身份`);
      process.exit(0);
    })
    .catch((err: unknown) => {
      console.error(`seed failed: ${(err as Error)?.message ?? err}`);
      process.exit(1);
    });
}
