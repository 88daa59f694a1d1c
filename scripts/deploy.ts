/**
 * `npm run deploy -- --env <envId> [--dry-run] [--region ap-shanghai] [--no-build]`
 *
 * Deploys a real CloudBase environment with the official tooling (@cloudbase/manager-node): collections and
 * indexes from config/cloud/database.json, the security rule of every collection, the cloud functions
 * (cloudfunctions/<fn>: runtime, timeout, memory, environment variables, timer triggers from each config.json) and
 * the HTTP access path of `open311`. The source of truth is the same as `npm run db:setup`'s
 * (scripts/print-db-setup.ts: dbPlan / functionPlan / SECURITY_RULE).
 *
 * Idempotent: it reads the environment's current state, computes a plan (`planDeploy`, a pure function of desired ×
 * current state) and applies only the differences; a second run finds nothing to do and says so.
 * `--dry-run` prints the whole plan against an empty environment and needs no credentials.
 * Credentials: TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for a temporary key),
 * a CAM key allowed to manage this environment's database and functions.
 *
 * What is not compared by content: a function's code. The deploy stores the sha256 of the uploaded bundle in the
 * function's environment variable YX_CODE_SHA256 and re-uploads only when it differs. Environment variables an
 * operator set in the console (e.g. YX_RATE_LIMITS) are kept: the desired ones are merged into the current ones.
 *
 * Secrets (scripts/secrets.ts: YX_PSEUDONYM_KEY): every function whose bundle reads one gets it as an environment
 * variable. The value already set on the environment's functions is kept; else the one in the deploy state file
 * `.deploy/<envId>.json` (mode 0600, never committed); else a new random one (crypto.randomBytes) is generated and
 * written there before anything is deployed. `planDeploy` refuses a plan in which such a function lacks a strong value.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dbPlan, functionPlan, SECURITY_RULE } from './print-db-setup';
import { isStrongSecret, newSecret, PSEUDONYM_KEY_VAR } from './secrets';

const ROOT = path.resolve(__dirname, '..');
export const CODE_HASH_VAR = 'YX_CODE_SHA256';
/** CloudBase runtimes run wx-server-sdk 4.0.2; the bundles target node16 (scripts/build-functions.ts). */
export const DEFAULT_RUNTIME = 'Nodejs16.13';
export const DEFAULT_MEMORY_MB = 256;
/** Uploaded with each function: the bundle, package.json and config.json (open API permissions) — not the sources. */
export const UPLOAD_IGNORE = ['src', 'src/**', '*.ts', 'node_modules', 'node_modules/**'];

// ---------------------------------------------------------------------------------------------------------------
// desired and current state, the plan

export interface IndexWant {
  name: string;
  keys: Array<{ name: string; direction: '1' | '-1' | '2dsphere' }>;
  unique: boolean;
}
export interface FnWant {
  name: string;
  runtime: string;
  timeout: number;
  memorySize: number;
  envVariables: Record<string, string>;
  triggers: Array<{ name: string; type: string; config: string }>;
  /** the HTTP access path bound to this function (open311), if any */
  httpPath?: string;
  /** names of the secret environment variables this function reads (SECRET_VARS), set by `resolveSecrets` */
  secrets: string[];
}
export interface DesiredState {
  collections: Array<{ name: string; rule: string; indexes: IndexWant[] }>;
  functions: FnWant[];
}
export interface FnCurrent {
  runtime: string;
  timeout: number;
  memorySize: number;
  envVariables: Record<string, string>;
  triggers: Array<{ name: string; type: string; config: string }>;
}
export interface CurrentState {
  /** existing collections, with their indexes (without `_id_`) and custom rule (null: none / not custom) */
  collections: Record<string, { indexes: IndexWant[]; rule: string | null }>;
  functions: Record<string, FnCurrent>;
  /** HTTP access paths → function name */
  access: Record<string, string>;
}

export type Step =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'updateIndexes'; collection: string; create: IndexWant[]; drop: string[] }
  | { kind: 'setRule'; collection: string; rule: string }
  | { kind: 'createFunction'; fn: FnWant }
  | { kind: 'updateCode'; fn: FnWant }
  | { kind: 'updateConfig'; fn: FnWant; envVariables: Record<string, string>; changed: string[] }
  | { kind: 'deleteTrigger'; fn: string; trigger: string }
  | { kind: 'createTriggers'; fn: string; triggers: FnWant['triggers'] }
  | { kind: 'createAccess'; path: string; fn: string }
  | { kind: 'warn'; message: string };

export const EMPTY_STATE: CurrentState = { collections: {}, functions: {}, access: {} };

const DIRECTION = { asc: '1', desc: '-1', geo: '2dsphere' } as const;

/** The secret environment variables the deploy generates and keeps (scripts/secrets.ts). */
export const SECRET_VARS = [PSEUDONYM_KEY_VAR] as const;

/** Whether the function's bundle reads `name` (it names the variable); a function not built yet gets every secret. */
export function bundleReads(dir: string, name: string): boolean {
  const file = path.join(dir, 'index.js');
  return !fs.existsSync(file) || fs.readFileSync(file, 'utf8').includes(name);
}

/**
 * Reads config/cloud/database.json and cloudfunctions/<fn>/config.json; `codeHash(fn)` fingerprints each bundle;
 * `needsSecret(fn, name)` says which functions read which secret (default: `bundleReads`).
 */
export function desiredState(opts: { dbFile?: string; fnRoot?: string; codeHash?: (fn: string) => string; needsSecret?: (fn: string, name: string) => boolean } = {}): DesiredState {
  const fnRoot = opts.fnRoot ?? path.join(ROOT, 'cloudfunctions');
  const codeHash = opts.codeHash ?? ((fn: string) => bundleHash(path.join(fnRoot, fn)));
  const needsSecret = opts.needsSecret ?? ((fn: string, name: string) => bundleReads(path.join(fnRoot, fn), name));
  const collections = dbPlan(opts.dbFile).map((c) => ({
    name: c.name,
    rule: JSON.stringify(c.securityRule ?? SECURITY_RULE),
    indexes: c.indexes.map((ix) => ({ name: ix.name, unique: ix.unique, keys: ix.fields.map((f) => ({ name: f.field, direction: DIRECTION[f.order] })) })),
  }));
  const functions = functionPlan(fnRoot).map((f): FnWant => {
    const cfg = readJson(path.join(fnRoot, f.name, 'config.json')) as { runtime?: string; memorySize?: number; envVariables?: Record<string, unknown>; http?: { path?: string } };
    const envVariables: Record<string, string> = {};
    for (const [k, v] of Object.entries(cfg.envVariables ?? {})) envVariables[k] = String(v);
    envVariables[CODE_HASH_VAR] = codeHash(f.name);
    return {
      name: f.name,
      runtime: cfg.runtime ?? DEFAULT_RUNTIME,
      timeout: f.timeoutSeconds,
      memorySize: cfg.memorySize ?? DEFAULT_MEMORY_MB,
      envVariables,
      triggers: f.triggers,
      httpPath: cfg.http?.path,
      secrets: SECRET_VARS.filter((name) => needsSecret(f.name, name)),
    };
  });
  return { collections, functions };
}

// ---------------------------------------------------------------------------------------------------------------
// secrets: generated once per environment, kept stable, never committed

/** What the deploy keeps per environment (`.deploy/<envId>.json`, gitignored, mode 0600). */
export interface DeployState {
  envId: string;
  secrets: Record<string, string>;
}

export const STATE_DIR = path.join(ROOT, '.deploy');
export const stateFile = (envId: string, dir = STATE_DIR) => path.join(dir, `${envId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);

export function readDeployState(file: string, envId: string): DeployState {
  if (!fs.existsSync(file)) return { envId, secrets: {} };
  const st = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DeployState>;
  if (st.envId && st.envId !== envId) throw new Error(`部署状态文件 ${file} 属于环境 ${st.envId}，不是 ${envId}`);
  return { envId, secrets: { ...(st.secrets ?? {}) } };
}

export function writeDeployState(file: string, st: DeployState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(st, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/**
 * Pure: the value of each secret some function needs — the strong value already on the environment's functions,
 * else the stored one, else `generate()` — and `desired` with it in those functions' variables. Two different strong
 * values on the environment are refused (pseudonyms would differ between functions). `notes` say where each came from.
 */
export function resolveSecrets(desired: DesiredState, current: CurrentState, stored: Record<string, string>, generate: () => string = newSecret): { desired: DesiredState; secrets: Record<string, string>; notes: string[] } {
  const secrets: Record<string, string> = {};
  const notes: string[] = [];
  for (const name of SECRET_VARS) {
    const users = desired.functions.filter((f) => f.secrets.includes(name));
    if (!users.length) continue;
    const onCloud = [...new Set(users.map((f) => current.functions[f.name]?.envVariables[name]).filter(isStrongSecret))];
    if (onCloud.length > 1) throw new Error(`拒绝部署：函数 ${users.map((f) => f.name).join('、')} 的 ${name} 不一致，请在控制台统一后重试`);
    if (onCloud.length === 1) {
      secrets[name] = onCloud[0];
      notes.push(stored[name] && stored[name] !== onCloud[0] ? `${name}：沿用环境中已设置的值（与本机部署状态文件不同，已更新状态文件）` : `${name}：沿用环境中已设置的值`);
    } else if (isStrongSecret(stored[name])) {
      secrets[name] = stored[name];
      notes.push(`${name}：使用部署状态文件中的值`);
    } else {
      secrets[name] = generate();
      notes.push(`${name}：首次部署，已生成新的随机密钥并保存到部署状态文件`);
    }
  }
  const functions = desired.functions.map((f) => {
    const env = { ...f.envVariables };
    for (const name of f.secrets) env[name] = secrets[name];
    return { ...f, envVariables: env };
  });
  return { desired: { ...desired, functions }, secrets, notes };
}

/** Functions that need a secret but would be deployed without a strong value for it (`planDeploy` refuses them). */
export function missingSecrets(desired: DesiredState): string[] {
  return desired.functions.flatMap((f) => f.secrets.filter((name) => !isStrongSecret(f.envVariables[name])).map((name) => `${f.name}.${name}`));
}

function readJson(file: string): Record<string, unknown> {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

/** sha256 over what is uploaded (index.js, package.json, config.json), 16 hex digits. */
export function bundleHash(dir: string): string {
  const h = crypto.createHash('sha256');
  for (const f of ['index.js', 'package.json', 'config.json']) {
    const p = path.join(dir, f);
    h.update(`${f}\0`);
    if (fs.existsSync(p)) h.update(fs.readFileSync(p));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

const sameIndex = (a: IndexWant, b: IndexWant) =>
  a.unique === b.unique && a.keys.length === b.keys.length && a.keys.every((k, i) => k.name === b.keys[i].name && k.direction === b.keys[i].direction);

const sameTrigger = (a: FnWant['triggers'][number], b: FnWant['triggers'][number]) => a.type === b.type && a.config.trim() === b.config.trim();

/** The steps that bring `current` to `desired`. Pure; nothing to do → []. Never drops what it does not manage. */
export function planDeploy(desired: DesiredState, current: CurrentState): Step[] {
  const missing = missingSecrets(desired);
  if (missing.length) throw new Error(`拒绝部署：缺少函数密钥 ${missing.join('、')}（由 npm run deploy 生成，见 docs/DEPLOY.md）`);
  const steps: Step[] = [];
  for (const c of desired.collections) {
    const cur = current.collections[c.name];
    if (!cur) steps.push({ kind: 'createCollection', collection: c.name });
    const have = cur?.indexes ?? [];
    const create: IndexWant[] = [];
    const drop: string[] = [];
    for (const ix of c.indexes) {
      const existing = have.find((h) => h.name === ix.name);
      if (!existing) create.push(ix);
      else if (!sameIndex(existing, ix)) {
        drop.push(ix.name);
        create.push(ix);
      }
    }
    if (create.length || drop.length) steps.push({ kind: 'updateIndexes', collection: c.name, create, drop });
    if (!cur || !sameRule(cur.rule, c.rule)) steps.push({ kind: 'setRule', collection: c.name, rule: c.rule });
  }
  for (const fn of desired.functions) {
    const cur = current.functions[fn.name];
    if (!cur) {
      steps.push({ kind: 'createFunction', fn });
    } else {
      if (cur.runtime !== fn.runtime) steps.push({ kind: 'warn', message: `函数 ${fn.name} 的运行时为 ${cur.runtime}，配置为 ${fn.runtime}：运行时只能在创建时指定，如需更换请在控制台删除该函数后重新部署` });
      if (cur.envVariables[CODE_HASH_VAR] !== fn.envVariables[CODE_HASH_VAR]) steps.push({ kind: 'updateCode', fn });
      const changed: string[] = [];
      if (cur.timeout !== fn.timeout) changed.push(`timeout ${cur.timeout}→${fn.timeout}`);
      if (cur.memorySize !== fn.memorySize) changed.push(`memorySize ${cur.memorySize}→${fn.memorySize}`);
      for (const [k, v] of Object.entries(fn.envVariables)) if (cur.envVariables[k] !== v) changed.push(`env ${k}`);
      if (changed.length) steps.push({ kind: 'updateConfig', fn, envVariables: { ...cur.envVariables, ...fn.envVariables }, changed });
      const add: FnWant['triggers'] = [];
      for (const t of fn.triggers) {
        const existing = cur.triggers.find((x) => x.name === t.name);
        if (existing && sameTrigger(existing, t)) continue;
        if (existing) steps.push({ kind: 'deleteTrigger', fn: fn.name, trigger: t.name });
        add.push(t);
      }
      if (add.length) steps.push({ kind: 'createTriggers', fn: fn.name, triggers: add });
    }
    if (fn.httpPath) {
      const bound = current.access[fn.httpPath];
      if (!bound) steps.push({ kind: 'createAccess', path: fn.httpPath, fn: fn.name });
      else if (bound !== fn.name) steps.push({ kind: 'warn', message: `HTTP 访问路径 ${fn.httpPath} 已关联到 ${bound}，不是 ${fn.name}：请在控制台改为关联 ${fn.name}` });
    }
  }
  return steps;
}

function sameRule(a: string | null, b: string): boolean {
  if (a === null) return false;
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return a === b;
  }
}

/** One line per step, Chinese (what an operator reads). */
export function describeStep(s: Step): string {
  switch (s.kind) {
    case 'createCollection':
      return `创建集合 ${s.collection}`;
    case 'updateIndexes':
      return `集合 ${s.collection}：${s.drop.length ? `删除索引 ${s.drop.join('、')}；` : ''}添加索引 ${s.create.map((i) => `${i.name}(${i.keys.map((k) => `${k.name} ${k.direction}`).join(', ')}${i.unique ? ', 唯一' : ''})`).join('、')}`;
    case 'setRule':
      return `集合 ${s.collection}：安全规则 ${s.rule}`;
    case 'createFunction':
      return `创建函数 ${s.fn.name}（${s.fn.runtime}，超时 ${s.fn.timeout} 秒，内存 ${s.fn.memorySize} MB${s.fn.triggers.length ? `，定时触发器 ${s.fn.triggers.map((t) => `${t.name} ${t.config}`).join('、')}` : ''}），上传代码并云端安装依赖`;
    case 'updateCode':
      return `函数 ${s.fn.name}：上传新代码（${CODE_HASH_VAR}=${s.fn.envVariables[CODE_HASH_VAR]}）`;
    case 'updateConfig':
      return `函数 ${s.fn.name}：更新配置（${s.changed.join('，')}）`;
    case 'deleteTrigger':
      return `函数 ${s.fn}：删除已变更的触发器 ${s.trigger}`;
    case 'createTriggers':
      return `函数 ${s.fn}：创建触发器 ${s.triggers.map((t) => `${t.name}（${t.type}）${t.config}`).join('、')}`;
    case 'createAccess':
      return `HTTP 访问服务：路径 ${s.path} → 函数 ${s.fn}（身份认证关闭）`;
    case 'warn':
      return `注意：${s.message}`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the tooling: @cloudbase/manager-node

/** The part of @cloudbase/manager-node's CloudBase this script uses. */
export interface Manager {
  database: {
    listCollections(o?: { MgoLimit?: number; MgoOffset?: number }): Promise<{ Collections: Array<{ CollectionName: string }>; Pager?: { Total?: number } }>;
    describeCollection(name: string): Promise<{ Indexes?: Array<{ Name: string; Keys?: Array<{ Name?: string; Direction?: string }>; Unique?: boolean }> }>;
    createCollection(name: string): Promise<unknown>;
    updateCollection(name: string, info: { CreateIndexes?: unknown[]; DropIndexes?: unknown[] }): Promise<unknown>;
  };
  permission: {
    describeResourcePermission(o: { resourceType: 'collection'; resources?: string[] }): Promise<any>;
    modifyResourcePermission(o: { resourceType: 'collection'; resource: string; permission: 'CUSTOM'; securityRule: string }): Promise<unknown>;
  };
  functions: {
    getFunctionDetail(name: string): Promise<any>;
    createFunction(p: Record<string, unknown>): Promise<unknown>;
    updateFunctionCode(p: Record<string, unknown>): Promise<unknown>;
    updateFunctionConfig(f: Record<string, unknown>): Promise<unknown>;
    createFunctionTriggers(name: string, triggers: FnWant['triggers']): Promise<unknown>;
    deleteFunctionTrigger(name: string, trigger: string): Promise<unknown>;
    waitFunctionActive(name: string): Promise<void>;
  };
  access: {
    getAccessList(o: { path?: string; name?: string }): Promise<{ APISet?: Array<{ Path?: string; Name?: string }> }>;
    createAccess(o: { name: string; path: string; auth?: boolean }): Promise<unknown>;
  };
}

export function connect(envId: string, region?: string): Manager {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const CloudBase = require('@cloudbase/manager-node');
  return new CloudBase({
    envId,
    region,
    secretId: process.env.TENCENTCLOUD_SECRETID,
    secretKey: process.env.TENCENTCLOUD_SECRETKEY,
    token: process.env.TENCENTCLOUD_SESSIONTOKEN,
  }) as Manager;
}

const NOT_FOUND = /ResourceNotFound/;

function triggerConfig(desc: unknown): string {
  if (typeof desc !== 'string') return '';
  try {
    const parsed = JSON.parse(desc) as { cron?: string };
    if (parsed && typeof parsed.cron === 'string') return parsed.cron;
  } catch {
    // a plain cron expression
  }
  return desc;
}

/** Reads what the environment has of what `desired` names (read-only requests). */
export async function readCurrent(m: Manager, desired: DesiredState): Promise<CurrentState> {
  const state: CurrentState = { collections: {}, functions: {}, access: {} };
  const names = new Set<string>();
  for (let offset = 0; ; ) {
    const page = await m.database.listCollections({ MgoLimit: 100, MgoOffset: offset });
    for (const c of page.Collections ?? []) names.add(c.CollectionName);
    offset += page.Collections?.length ?? 0;
    if (!page.Collections?.length || offset >= (page.Pager?.Total ?? 0)) break;
  }
  const present = desired.collections.filter((c) => names.has(c.name)).map((c) => c.name);
  for (const name of present) {
    const d = await m.database.describeCollection(name);
    const indexes = (d.Indexes ?? [])
      .filter((ix) => ix.Name !== '_id_')
      .map((ix) => ({ name: ix.Name, unique: !!ix.Unique, keys: (ix.Keys ?? []).map((k) => ({ name: k.Name ?? '', direction: String(k.Direction ?? '1') as IndexWant['keys'][number]['direction'] })) }));
    state.collections[name] = { indexes, rule: null };
  }
  for (let i = 0; i < present.length; i += 100) {
    const res = await m.permission.describeResourcePermission({ resourceType: 'collection', resources: present.slice(i, i + 100) });
    const list: Array<{ Resource?: string; Permission?: string; SecurityRule?: string }> = res?.Data?.PermissionList ?? res?.PermissionList ?? [];
    for (const p of list) if (p.Resource && state.collections[p.Resource] && p.Permission === 'CUSTOM') state.collections[p.Resource].rule = p.SecurityRule ?? null;
  }
  for (const fn of desired.functions) {
    let d: any;
    try {
      d = await m.functions.getFunctionDetail(fn.name);
    } catch (e) {
      if (NOT_FOUND.test(String((e as { code?: string }).code ?? ''))) continue;
      throw e;
    }
    const env: Record<string, string> = {};
    for (const v of d.Environment?.Variables ?? []) env[v.Key] = String(v.Value);
    state.functions[fn.name] = {
      runtime: d.Runtime,
      timeout: Number(d.Timeout),
      memorySize: Number(d.MemorySize),
      envVariables: env,
      triggers: (d.Triggers ?? []).map((t: { TriggerName: string; Type: string; TriggerDesc?: string }) => ({ name: t.TriggerName, type: t.Type, config: triggerConfig(t.TriggerDesc) })),
    };
  }
  for (const fn of desired.functions) {
    if (!fn.httpPath) continue;
    const res = await m.access.getAccessList({ path: fn.httpPath });
    for (const a of res.APISet ?? []) if (a.Path && a.Name) state.access[a.Path] = a.Name;
  }
  return state;
}

/** Applies the steps in order, one request (or a few) each; `log` gets one line per step. */
export async function applySteps(m: Manager, steps: Step[], opts: { fnRoot?: string; log?: (line: string) => void } = {}): Promise<void> {
  const fnRoot = opts.fnRoot ?? path.join(ROOT, 'cloudfunctions');
  const log = opts.log ?? ((l: string) => console.log(l));
  const code = (fn: FnWant) => ({ name: fn.name, runtime: fn.runtime, installDependency: true, ignore: UPLOAD_IGNORE });
  for (const s of steps) {
    log(`→ ${describeStep(s)}`);
    switch (s.kind) {
      case 'createCollection':
        await m.database.createCollection(s.collection);
        break;
      case 'updateIndexes':
        if (s.drop.length) await m.database.updateCollection(s.collection, { DropIndexes: s.drop.map((IndexName) => ({ IndexName })) });
        await m.database.updateCollection(s.collection, {
          CreateIndexes: s.create.map((ix) => ({ IndexName: ix.name, MgoKeySchema: { MgoIndexKeys: ix.keys.map((k) => ({ Name: k.name, Direction: k.direction })), MgoIsUnique: ix.unique } })),
        });
        break;
      case 'setRule':
        await m.permission.modifyResourcePermission({ resourceType: 'collection', resource: s.collection, permission: 'CUSTOM', securityRule: s.rule });
        break;
      case 'createFunction':
        await m.functions.createFunction({
          func: { ...code(s.fn), timeout: s.fn.timeout, memorySize: s.fn.memorySize, envVariables: s.fn.envVariables, triggers: s.fn.triggers },
          functionRootPath: fnRoot,
          deployMode: 'zip',
        });
        break;
      case 'updateCode':
        await m.functions.updateFunctionCode({ func: code(s.fn), functionRootPath: fnRoot, deployMode: 'zip' });
        await m.functions.waitFunctionActive(s.fn.name);
        break;
      case 'updateConfig':
        await m.functions.updateFunctionConfig({ name: s.fn.name, timeout: s.fn.timeout, memorySize: s.fn.memorySize, envVariables: s.envVariables });
        await m.functions.waitFunctionActive(s.fn.name);
        break;
      case 'deleteTrigger':
        await m.functions.deleteFunctionTrigger(s.fn, s.trigger);
        break;
      case 'createTriggers':
        await m.functions.createFunctionTriggers(s.fn, s.triggers);
        break;
      case 'createAccess':
        await m.access.createAccess({ name: s.fn, path: s.path, auth: false });
        break;
      case 'warn':
        break;
    }
  }
}

/**
 * Read, resolve the secrets (kept in `stateFile` when given, written before anything is applied), plan, apply.
 * Returns the plan it applied ([] when the environment was up to date).
 */
export async function deploy(m: Manager, wanted: DesiredState, opts: { fnRoot?: string; log?: (line: string) => void; stateFile?: string; envId?: string } = {}): Promise<Step[]> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const current = await readCurrent(m, wanted);
  const envId = opts.envId ?? '';
  const state = opts.stateFile ? readDeployState(opts.stateFile, envId) : { envId, secrets: {} };
  const { desired, secrets, notes } = resolveSecrets(wanted, current, state.secrets);
  notes.forEach(log);
  if (opts.stateFile && Object.entries(secrets).some(([k, v]) => state.secrets[k] !== v)) writeDeployState(opts.stateFile, { envId, secrets: { ...state.secrets, ...secrets } });
  const steps = planDeploy(desired, current);
  if (!steps.length) {
    log('环境已是最新：无需任何变更');
    return steps;
  }
  await applySteps(m, steps, opts);
  log(`完成：${steps.length} 项变更`);
  return steps;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const envId = arg('--env');
  const dryRun = process.argv.includes('--dry-run');
  if (!envId && !dryRun) throw new Error('用法：npm run deploy -- --env <环境ID> [--dry-run] [--region ap-shanghai] [--no-build]');
  if (!process.argv.includes('--no-build')) {
    const { buildFunctions } = await import('./build-functions');
    await buildFunctions();
  }
  const desired = desiredState();
  if (dryRun) {
    // the plan for an empty environment: the stored secrets if this machine has deployed it, else throw-away ones (not saved)
    const stored = envId ? readDeployState(stateFile(envId), envId).secrets : {};
    const resolved = resolveSecrets(desired, EMPTY_STATE, stored);
    const steps = planDeploy(resolved.desired, EMPTY_STATE);
    console.log(`# 部署计划（--dry-run：按空环境计算，未连接云端${envId ? `；环境 ${envId}` : ''}）共 ${steps.length} 项`);
    steps.forEach((s, i) => console.log(`${String(i + 1).padStart(3)}. ${describeStep(s)}`));
    for (const name of Object.keys(resolved.secrets)) {
      const users = resolved.desired.functions.filter((f) => f.secrets.includes(name)).map((f) => f.name);
      console.log(`函数密钥 ${name}（${users.join('、')}）：${stored[name] ? '使用本机部署状态文件中的值' : '实际部署时沿用环境中已设置的值，否则生成并保存到 .deploy/（本次未保存）'}`);
    }
    return;
  }
  if (!process.env.TENCENTCLOUD_SECRETID || !process.env.TENCENTCLOUD_SECRETKEY) throw new Error('请设置 TENCENTCLOUD_SECRETID 与 TENCENTCLOUD_SECRETKEY（可管理该环境的 CAM 子账号密钥）');
  console.log(`# 部署到环境 ${envId}`);
  await deploy(connect(envId!, arg('--region')), desired, { stateFile: stateFile(envId!), envId });
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
