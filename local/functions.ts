/**
 * Cloud function runtime: a function is a folder with index.js (+ config.json). Each warm
 * instance is a worker_thread with its own process.env; an instance runs ONE invocation at a time
 * (as the cloud does); a small pool of instances per function is reused; an instance whose call
 * times out is terminated; instances are replaced when index.js changes.
 */
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import path from 'node:path';
import { CloudError, Codes } from './errors';
import { randomHex } from './random';

export interface FunctionConfig {
  timeout?: number; // seconds
  triggers?: Array<{ name: string; type: string; config: string }>;
  [k: string]: unknown;
}

export interface InvokeContext {
  openid?: string;
  unionid?: string;
  appid?: string;
  source?: string;
  clientIp?: string;
  /** extra env (e.g. TRIGGER_SRC for timers) */
  extraEnv?: Record<string, string>;
}

interface Instance {
  worker: Worker;
  busy: boolean;
  ready: Promise<void>;
  mtimeMs: number;
  dead: boolean;
  pending?: { resolve: (v: { json?: string }) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout };
}

export interface FunctionStats {
  invocations: number;
  coldStarts: number;
  errors: number;
  timeouts: number;
}

export class FunctionRuntime {
  private pools = new Map<string, Instance[]>();
  private waiters = new Map<string, Array<() => void>>();
  stats: FunctionStats = { invocations: 0, coldStarts: 0, errors: 0, timeouts: 0 };
  maxInstances = 4;
  /** invocation tokens → caller context (lets a function's own SDK calls be attributed) */
  readonly tokens = new Map<string, InvokeContext & { name: string }>();

  constructor(
    public roots: string[],
    private baseEnv: () => Record<string, string>,
    private clockOffset: () => number,
    private envId: string,
  ) {}

  dirOf(name: string): string | null {
    if (!/^[A-Za-z0-9_-]{1,60}$/.test(name)) return null;
    for (const r of this.roots) {
      const d = path.join(r, name);
      if (fs.existsSync(path.join(d, 'index.js'))) return d;
    }
    return null;
  }

  list(): string[] {
    const out = new Set<string>();
    for (const r of this.roots) {
      if (!fs.existsSync(r)) continue;
      for (const n of fs.readdirSync(r)) if (this.dirOf(n)) out.add(n);
    }
    return [...out].sort();
  }

  config(name: string): FunctionConfig {
    const d = this.dirOf(name);
    if (!d) return {};
    const f = path.join(d, 'config.json');
    if (!fs.existsSync(f)) return {};
    try {
      return JSON.parse(fs.readFileSync(f, 'utf8')) as FunctionConfig;
    } catch {
      return {};
    }
  }

  private spawn(name: string, dir: string, timeoutMs: number): Instance {
    const entry = path.join(dir, 'index.js');
    const mtimeMs = fs.statSync(entry).mtimeMs;
    const worker = new Worker(path.join(__dirname, 'fn-worker.js'), {
      workerData: { name, entry, timeoutMs, env: this.baseEnv() },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const inst: Instance = { worker, busy: false, mtimeMs, dead: false, ready: Promise.resolve() };
    inst.ready = new Promise<void>((resolve, reject) => {
      const onMsg = (m: { type: string }) => {
        if (m.type === 'ready') {
          worker.off('message', onMsg);
          resolve();
        }
      };
      worker.on('message', onMsg);
      worker.once('error', reject);
    });
    worker.on('message', (m: { type: string; ok: boolean; json?: string; error?: { name: string; message: string; stack?: string } }) => {
      if (m.type !== 'result' || !inst.pending) return;
      const p = inst.pending;
      inst.pending = undefined;
      clearTimeout(p.timer);
      if (m.ok) p.resolve({ json: m.json });
      else p.reject(new CloudError(Codes.FUNCTIONS_EXECUTE_FAIL, `${m.error?.name ?? 'Error'}: ${m.error?.message ?? 'unknown error'}${m.error?.stack ? `\n${m.error.stack.split('\n').slice(1, 6).join('\n')}` : ''}`));
    });
    worker.on('error', (err) => {
      inst.dead = true;
      if (inst.pending) {
        clearTimeout(inst.pending.timer);
        inst.pending.reject(new CloudError(Codes.FUNCTIONS_EXECUTE_FAIL, `${err.name}: ${err.message}`));
        inst.pending = undefined;
      }
    });
    worker.on('exit', () => {
      inst.dead = true;
      this.drop(name, inst);
    });
    this.stats.coldStarts++;
    return inst;
  }

  private drop(name: string, inst: Instance): void {
    const pool = this.pools.get(name);
    if (pool) {
      const i = pool.indexOf(inst);
      if (i >= 0) pool.splice(i, 1);
    }
    this.wake(name);
  }

  private wake(name: string): void {
    const w = this.waiters.get(name);
    const next = w?.shift();
    if (next) next();
  }

  private async acquire(name: string, dir: string, timeoutMs: number): Promise<Instance> {
    const mtime = fs.statSync(path.join(dir, 'index.js')).mtimeMs;
    for (;;) {
      const pool = this.pools.get(name) ?? [];
      this.pools.set(name, pool);
      // reload: retire instances of an older build
      for (const inst of [...pool]) {
        if (inst.mtimeMs !== mtime && !inst.busy) {
          inst.dead = true;
          pool.splice(pool.indexOf(inst), 1);
          void inst.worker.terminate();
        }
      }
      const free = pool.find((i) => !i.busy && !i.dead && i.mtimeMs === mtime);
      if (free) {
        free.busy = true;
        return free;
      }
      if (pool.length < this.maxInstances) {
        const inst = this.spawn(name, dir, timeoutMs);
        inst.busy = true;
        pool.push(inst);
        return inst;
      }
      await new Promise<void>((resolve) => {
        const list = this.waiters.get(name) ?? [];
        list.push(resolve);
        this.waiters.set(name, list);
      });
    }
  }

  /** Run `name` with `event`; resolves to the JSON text of its return value (undefined → ''). */
  async invoke(name: string, event: unknown, ctx: InvokeContext): Promise<string | undefined> {
    const dir = this.dirOf(name);
    if (!dir) throw new CloudError(Codes.FUNCTIONS_REQUEST_FAIL, `[ResourceNotFound.Function] FunctionName parameter could not be found: ${name}`);
    const cfg = this.config(name);
    const timeoutMs = Math.round((typeof cfg.timeout === 'number' ? cfg.timeout : 3) * 1000);
    this.stats.invocations++;
    const inst = await this.acquire(name, dir, timeoutMs);
    const token = randomHex(12);
    const requestId = randomHex(16);
    this.tokens.set(token, { ...ctx, name });
    const wx: Record<string, string> = {};
    if (ctx.openid) wx.WX_OPENID = ctx.openid;
    if (ctx.appid) wx.WX_APPID = ctx.appid;
    if (ctx.unionid) wx.WX_UNIONID = ctx.unionid;
    if (ctx.clientIp) wx.WX_CLIENTIP = ctx.clientIp;
    const env: Record<string, string> = {
      ...wx,
      // WX_API_TOKEN is always listed (getWXContext hides it) so the list is never empty:
      // with an empty list getWXContext() returns {} (no ENV/SOURCE), unlike the cloud.
      WX_CONTEXT_KEYS: [...Object.keys(wx), 'WX_API_TOKEN'].join(','),
      TCB_ENV: this.envId,
      SCF_NAMESPACE: this.envId,
      TCB_SOURCE: ctx.source ?? 'wx_client',
      TCB_SEQID: requestId,
      WX_API_TOKEN: token,
      YX_CLOCK_OFFSET_MS: String(this.clockOffset()),
      YX_FUNCTION_NAME: name,
      ...(ctx.extraEnv ?? {}),
    };
    try {
      await inst.ready;
      const res = await new Promise<{ json?: string }>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.stats.timeouts++;
          inst.dead = true;
          inst.pending = undefined;
          void inst.worker.terminate();
          reject(new CloudError(Codes.FUNCTIONS_EXECUTE_FAIL, `Invoking task timed out after ${timeoutMs / 1000} seconds`));
        }, timeoutMs);
        inst.pending = { resolve, reject, timer };
        inst.worker.postMessage({ type: 'invoke', id: requestId, requestId, event, env });
      });
      return res.json;
    } catch (err) {
      this.stats.errors++;
      if (err instanceof CloudError) throw err;
      throw new CloudError(Codes.FUNCTIONS_EXECUTE_FAIL, String((err as Error)?.message ?? err));
    } finally {
      this.tokens.delete(token);
      inst.busy = false;
      if (inst.dead) this.drop(name, inst);
      else this.wake(name);
    }
  }

  async stop(): Promise<void> {
    const all = [...this.pools.values()].flat();
    this.pools.clear();
    await Promise.all(all.map((i) => i.worker.terminate().catch(() => undefined)));
  }
}
