/**
 * Durability: local/main.ts in a child process, hammered with acknowledged writes through the real SDK,
 * killed with SIGKILL mid-stream, restarted on the same data dir: every acknowledged write must be there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO, tmpDir, WIRE_DB_CONFIG } from './helpers';

// node itself with tsx's loader, not the `tsx` wrapper: SIGKILL must hit the server process, not a parent that
// would leave the server running (and the "crash" untested)
const NODE_ARGS = ['--import', 'tsx'];

function startChild(dataDir: string): Promise<{ child: ChildProcess; env: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, path.join(REPO, 'local', 'main.ts'), '--data', dataDir, '--port', '0', '--functions', path.join(dataDir, 'no-functions'), '--db-config', WIRE_DB_CONFIG], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /SDK_ENV (.+)\n/.exec(out);
      if (m) resolve({ child, env: JSON.parse(m[1]) as Record<string, string> });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${err}`)));
  });
}

test('kill -9 mid-stream loses no acknowledged write', async () => {
  const dataDir = tmpDir('durable');
  const first = await startChild(dataDir);
  Object.assign(process.env, first.env);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk');
  sdk.init({ env: 'local-dev' });
  const db = sdk.database();
  const acked: string[] = [];
  let stop = false;
  const errors: unknown[] = [];
  const writer = async (k: number) => {
    for (let i = 0; !stop; i++) {
      const id = `w${k}-${i}`;
      try {
        await db.collection('events').add({ data: { _id: id, caseId: `c${k}`, at: new Date(), i } });
        acked.push(id);
      } catch (err) {
        errors.push(err);
        return; // the server died under us: unacknowledged
      }
    }
  };
  const writers = Array.from({ length: 6 }, (_, k) => writer(k));
  while (acked.length < 400) {
    if (errors.length === 6) throw new Error(`all writers failed before the kill: ${String((errors[0] as Error)?.message ?? JSON.stringify(errors[0]))}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  // the server is gone: its port refuses connections
  const url = new URL(JSON.parse(first.env.TCB_CONTEXT_CNFG).URL);
  await expect(fetch(url.origin, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  stop = true;
  await Promise.all(writers);
  const ackedAtKill = acked.slice();
  expect(ackedAtKill.length).toBeGreaterThanOrEqual(400);

  const second = await startChild(dataDir);
  try {
    process.env.TCB_CONTEXT_CNFG = second.env.TCB_CONTEXT_CNFG; // the SDK reads it per request
    const found = new Set<string>();
    const _ = db.command;
    for (let i = 0; i < ackedAtKill.length; i += 500) {
      const chunk = ackedAtKill.slice(i, i + 500);
      const res = await db.collection('events').where({ _id: _.in(chunk) }).limit(1000).field({ _id: true }).get();
      for (const d of res.data) found.add(d._id);
    }
    const missing = ackedAtKill.filter((id) => !found.has(id));
    expect(missing).toEqual([]);
  } finally {
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  }
});
