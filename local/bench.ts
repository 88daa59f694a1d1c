/**
 * Store benchmark (called by the team's `npm run bench`):
 *   - raw Store.insert of 100 k small documents in one SQLite transaction (no secondary index, and
 *     with a 3-field compound index),
 *   - an indexed query (equality on two fields, sort on the third, limit 20) over those 100 k,
 *   - sequential `db.collection().add` through the REAL wx-server-sdk → local cloud over HTTP, and the
 *     server's share of it (requestTimings); a 1000-document page read through the SDK, client vs server.
 * Returns the figures (ms, docs/s) and the raw/SDK throughput ratio.
 * Note: loads wx-server-sdk into this process and points process.env at a temporary cloud.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from './store';
import { startLocalCloud } from './index';

export async function benchStore(opts: { docs?: number; sdkDocs?: number } = {}): Promise<Record<string, number>> {
  const N = opts.docs ?? 100_000;
  const M = opts.sdkDocs ?? 1000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yx-bench-'));
  const out: Record<string, number> = {};
  try {
    const statuses = ['open', 'closed', 'pending'];
    const make = (i: number) => ({ status: statuses[i % 3], streetId: `s${i % 10}`, createdAt: new Date(1_700_000_000_000 + i * 1000), n: i });

    // raw, no secondary index
    {
      const s = new Store(path.join(dir, 'plain.sqlite'));
      s.createCollection('docs');
      const docs = Array.from({ length: N }, (_, i) => make(i));
      const t = performance.now();
      s.insert('docs', docs);
      out.rawInsertMs = performance.now() - t;
      out.rawInsertDocsPerSec = (N / out.rawInsertMs) * 1000;
      s.close();
    }
    // raw, with the compound index, then the indexed query
    {
      const s = new Store(path.join(dir, 'indexed.sqlite'));
      s.createCollection('cases', [{ name: 'status_street_createdAt', keys: [['status', 1], ['streetId', 1], ['createdAt', -1]] }]);
      const docs = Array.from({ length: N }, (_, i) => make(i));
      let t = performance.now();
      s.insert('cases', docs);
      out.indexedInsertMs = performance.now() - t;
      const Q = 2000;
      t = performance.now();
      for (let i = 0; i < Q; i++) s.find('cases', { status: 'open', streetId: `s${i % 10}` }, { sort: { createdAt: -1 }, limit: 20 });
      out.indexedQueryMs = (performance.now() - t) / Q;
      out.indexedQueryRowsExamined = s.lastPlan?.rowsExamined ?? -1;
      t = performance.now();
      for (let i = 0; i < 20; i++) s.find('cases', { n: { $gte: N - 5 - i } }, { limit: 20 });
      out.fullScanQueryMs = (performance.now() - t) / 20;
      s.close();
    }
    // through the real SDK
    {
      const cloud = await startLocalCloud({ dataDir: path.join(dir, 'cloud'), databaseConfig: path.join(dir, 'none.json'), functionsRoot: path.join(dir, 'fns') });
      try {
        cloud.store.createCollection('docs');
        Object.assign(process.env, cloud.sdkEnv);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const sdk = require('wx-server-sdk');
        sdk.init({ env: cloud.sdkEnv.TCB_ENV });
        const db = sdk.database();
        for (let i = 0; i < 20; i++) await db.collection('docs').add({ data: make(i) }); // warm-up
        const serverMs = () => cloud.requestTimings().reduce((a, r) => a + r.readMs + r.parseMs + r.handleMs + r.sendMs, 0);
        cloud.clearRequestLog();
        let t = performance.now();
        for (let i = 0; i < M; i++) await db.collection('docs').add({ data: make(i) });
        out.sdkAddMs = performance.now() - t;
        out.sdkAddDocsPerSec = (M / out.sdkAddMs) * 1000;
        out.sdkAddMsPerDoc = out.sdkAddMs / M;
        // the server's share of one add (the rest is the SDK: signing, HTTP, EJSON)
        out.sdkAddServerMsPerDoc = serverMs() / M;
        // a page of 1000 documents through the SDK (where + orderBy + limit 1000), client vs server
        const P = 5;
        cloud.clearRequestLog();
        t = performance.now();
        for (let i = 0; i < P; i++) await db.collection('docs').where({ n: sdk.database().command.gte(0) }).orderBy('n', 'asc').limit(1000).get();
        out.sdkGetPage1000Ms = (performance.now() - t) / P;
        out.sdkGetPage1000ServerMs = serverMs() / P;
      } finally {
        await cloud.stop();
      }
    }
    out.rawToSdkRatio = out.rawInsertDocsPerSec / out.sdkAddDocsPerSec;
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchStore().then(
    (r) => {
      for (const [k, v] of Object.entries(r)) process.stdout.write(`${k.padEnd(28)} ${v.toFixed(3)}\n`);
    },
    (err: unknown) => {
      process.stderr.write(String(err));
      process.exit(1);
    },
  );
}
