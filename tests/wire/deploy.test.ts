/**
 * `npm run deploy` (scripts/deploy.ts): the plan is a pure function of desired × current state, and the requests
 * the official tooling (@cloudbase/manager-node) sends are recorded without network — its HTTP goes through
 * `lib/utils/http-request.js`'s exported `fetch`, called as a property of the module at call time, so the test puts
 * a recorder there that answers like the Tencent Cloud API per `X-TC-Action`, keeping the state the writes create.
 * A first deploy creates everything; a second deploy against the recorded state sends reads only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  desiredState, planDeploy, deploy, connect, describeStep, resolveSecrets, missingSecrets, bundleReads, readDeployState, stateFile,
  EMPTY_STATE, CODE_HASH_VAR, type CurrentState, type DesiredState, type Step,
} from '../../scripts/deploy';
import { PSEUDONYM_KEY_VAR, isStrongSecret, loadOrCreateSecretFile, localPseudonymKey } from '../../scripts/secrets';

const REPO = path.resolve(__dirname, '../..');
const KEY = '0123456789abcdef'.repeat(4);
/** as built: only api's bundle reads the pseudonym key */
const raw = (codeHash: (fn: string) => string): DesiredState => desiredState({ codeHash, needsSecret: (fn) => fn === 'api' });
const withKey = (d: DesiredState, key = KEY) => resolveSecrets(d, EMPTY_STATE, { [PSEUDONYM_KEY_VAR]: key }).desired;
const desired = (hash = 'h1'): DesiredState => withKey(raw((fn) => `${fn}-${hash}`));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'yx-deploy-'));

/** the recorded state of a fully deployed environment, as readCurrent would see it */
function fullyDeployed(d: DesiredState): CurrentState {
  const st: CurrentState = { collections: {}, functions: {}, access: {} };
  for (const c of d.collections) st.collections[c.name] = { indexes: c.indexes, rule: c.rule };
  for (const f of d.functions) {
    st.functions[f.name] = { runtime: f.runtime, timeout: f.timeout, memorySize: f.memorySize, envVariables: { ...f.envVariables, YX_RATE_LIMITS: '{}' }, triggers: f.triggers };
    if (f.httpPath) st.access[f.httpPath] = f.name;
  }
  return st;
}

describe('planDeploy (pure)', () => {
  test('empty environment: every collection, its indexes and rule; every function; the open311 path', () => {
    const d = desired();
    const steps = planDeploy(d, EMPTY_STATE);
    const kinds = (k: Step['kind']) => steps.filter((s) => s.kind === k);
    expect(kinds('createCollection').map((s: any) => s.collection)).toEqual(d.collections.map((c) => c.name));
    expect(kinds('setRule')).toHaveLength(d.collections.length);
    expect(kinds('setRule').every((s: any) => JSON.parse(s.rule).read === false && JSON.parse(s.rule).write === false)).toBe(true);
    const cases = kinds('updateIndexes').find((s: any) => s.collection === 'cases') as Extract<Step, { kind: 'updateIndexes' }>;
    expect(cases.create.map((i) => i.name)).toContain('intakeKey');
    expect(cases.create.find((i) => i.name === 'intakeKey')!.unique).toBe(true);
    expect(cases.create.find((i) => i.name === 'location')!.keys).toEqual([{ name: 'location.point', direction: '2dsphere' }]);
    // CloudBase has no sparse unique index: staff.openid is an ordinary one there (print-db-setup's rule)
    const staff = kinds('updateIndexes').find((s: any) => s.collection === 'staff') as Extract<Step, { kind: 'updateIndexes' }>;
    expect(staff.create.find((i) => i.name === 'openid')!.unique).toBe(false);
    expect(kinds('createFunction').map((s: any) => s.fn.name).sort()).toEqual(['api', 'open311', 'rollup', 'timer']);
    const timer = (kinds('createFunction') as any[]).find((s) => s.fn.name === 'timer').fn;
    expect(timer).toMatchObject({ runtime: 'Nodejs16.13', timeout: 60, memorySize: 256, triggers: [{ name: 'drainDue', type: 'timer', config: '0 */1 * * * * *' }] });
    expect(timer.envVariables[CODE_HASH_VAR]).toBe('timer-h1');
    expect(kinds('createAccess')).toEqual([{ kind: 'createAccess', path: '/open311', fn: 'open311' }]);
    expect(steps.every((s) => describeStep(s).length > 0)).toBe(true);
  });

  test('fully deployed: nothing to do (operator env variables are not a difference)', () => {
    const d = desired();
    expect(planDeploy(d, fullyDeployed(d))).toEqual([]);
  });

  test('partly deployed: only the differences, nothing the deploy does not manage is dropped', () => {
    const d = desired();
    const cur = fullyDeployed(d);
    delete cur.collections.rateLimits; // a new collection
    cur.collections.cases.indexes = cur.collections.cases.indexes.filter((i) => i.name !== 'updatedAt'); // a new index
    cur.collections.calls.indexes = cur.collections.calls.indexes.map((i) => (i.name === 'caseId' ? { ...i, keys: [{ name: 'caseId', direction: '-1' as const }] } : i)); // a changed index
    cur.collections.cases.indexes.push({ name: 'ops_extra', keys: [{ name: 'x', direction: '1' }], unique: false }); // someone's own index: kept
    cur.collections.staff.rule = '{"read":true,"write":false}';
    cur.functions.api.timeout = 3;
    cur.functions.timer.triggers = [{ name: 'drainDue', type: 'timer', config: '0 */5 * * * * *' }];
    delete cur.functions.rollup;
    cur.access = {};
    const changed = withKey(raw((fn) => (fn === 'api' ? 'api-h2' : `${fn}-h1`)));
    const steps = planDeploy(changed, cur).map(describeStep);
    expect(steps).toEqual([
      '集合 cases：添加索引 updatedAt(updatedAt 1)',
      '集合 calls：删除索引 caseId；添加索引 caseId(caseId 1)',
      '集合 staff：安全规则 {"read":false,"write":false}',
      '创建集合 rateLimits',
      '集合 rateLimits：添加索引 expiresAt(expiresAt 1)',
      '集合 rateLimits：安全规则 {"read":false,"write":false}',
      `函数 api：上传新代码（${CODE_HASH_VAR}=api-h2）`,
      `函数 api：更新配置（timeout 3→10，env ${CODE_HASH_VAR}）`,
      'HTTP 访问服务：路径 /open311 → 函数 open311（身份认证关闭）',
      expect.stringMatching(/^创建函数 rollup（Nodejs16\.13，超时 60 秒，内存 256 MB，定时触发器 rollupHourly 0 10 \* \* \* \* \*）/),
      '函数 timer：删除已变更的触发器 drainDue',
      '函数 timer：创建触发器 drainDue（timer）0 */1 * * * * *',
    ]);
    // the config update keeps the operator's variables
    const upd = planDeploy(changed, cur).find((s) => s.kind === 'updateConfig') as Extract<Step, { kind: 'updateConfig' }>;
    expect(upd.envVariables).toEqual({ [CODE_HASH_VAR]: 'api-h2', [PSEUDONYM_KEY_VAR]: KEY, YX_RATE_LIMITS: '{}' });
  });

  test('the pseudonym key goes to the functions that read it, and a plan without a strong one is refused', () => {
    const d = desired();
    expect(Object.fromEntries(d.functions.map((f) => [f.name, f.envVariables[PSEUDONYM_KEY_VAR] ?? null]))).toEqual({ api: KEY, open311: null, rollup: null, timer: null });
    const bare = raw((fn) => `${fn}-h1`);
    expect(missingSecrets(bare)).toEqual([`api.${PSEUDONYM_KEY_VAR}`]);
    expect(() => planDeploy(bare, EMPTY_STATE)).toThrow(/拒绝部署：缺少函数密钥 api\.YX_PSEUDONYM_KEY/);
    const weak = (v: string): DesiredState => ({ ...d, functions: d.functions.map((f) => (f.name === 'api' ? { ...f, envVariables: { ...f.envVariables, [PSEUDONYM_KEY_VAR]: v } } : f)) });
    for (const v of ['secret', 'a'.repeat(64), '']) expect(() => planDeploy(weak(v), fullyDeployed(d))).toThrow(/拒绝部署：缺少函数密钥 api/);
    expect(missingSecrets(d)).toEqual([]);
  });

  test('resolveSecrets: the value on the environment wins, else the stored one, else a new one; two values are refused', () => {
    const bare = raw((fn) => `${fn}-h1`);
    const other = 'fedcba9876543210'.repeat(4);
    const onCloud = fullyDeployed(desired());
    const gen = jest.fn(() => other);
    // deployed: kept (even when this machine's state file says otherwise), nothing generated
    const kept = resolveSecrets(bare, onCloud, { [PSEUDONYM_KEY_VAR]: other }, gen);
    expect(kept.secrets).toEqual({ [PSEUDONYM_KEY_VAR]: KEY });
    expect(kept.notes[0]).toMatch(/沿用环境中已设置的值（与本机部署状态文件不同/);
    expect(planDeploy(kept.desired, onCloud)).toEqual([]);
    // not deployed yet, stored: the stored one
    expect(resolveSecrets(bare, EMPTY_STATE, { [PSEUDONYM_KEY_VAR]: KEY }, gen).secrets).toEqual({ [PSEUDONYM_KEY_VAR]: KEY });
    expect(gen).not.toHaveBeenCalled();
    // nothing anywhere (or only weak values): generated once, for every function that reads it
    const weak = fullyDeployed(desired());
    weak.functions.api.envVariables[PSEUDONYM_KEY_VAR] = 'changeme';
    const fresh = resolveSecrets(bare, weak, { [PSEUDONYM_KEY_VAR]: 'short' }, gen);
    expect(gen).toHaveBeenCalledTimes(1);
    expect(fresh.secrets).toEqual({ [PSEUDONYM_KEY_VAR]: other });
    expect(planDeploy(fresh.desired, weak).map(describeStep)).toEqual([`函数 api：更新配置（env ${PSEUDONYM_KEY_VAR}）`]);
    // the real generator: 256 random bits, different each time
    const a = resolveSecrets(bare, EMPTY_STATE, {}).secrets[PSEUDONYM_KEY_VAR];
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(resolveSecrets(bare, EMPTY_STATE, {}).secrets[PSEUDONYM_KEY_VAR]).not.toBe(a);
    // two functions reading it with different values on the environment
    const both = desiredState({ codeHash: (fn) => `${fn}-h1`, needsSecret: (fn) => fn === 'api' || fn === 'open311' });
    const split = fullyDeployed(withKey(both));
    split.functions.open311.envVariables[PSEUDONYM_KEY_VAR] = other;
    expect(() => resolveSecrets(both, split, {})).toThrow(/拒绝部署：函数 api、open311 的 YX_PSEUDONYM_KEY 不一致/);
  });

  test('which functions read a secret: those whose bundle names it (a function not built yet gets it)', () => {
    const root = tmp();
    for (const [fn, code] of [['reads', 'const k = process.env.YX_PSEUDONYM_KEY;'], ['other', 'exports.main = () => 1;']]) {
      fs.mkdirSync(path.join(root, fn));
      fs.writeFileSync(path.join(root, fn, 'index.js'), code);
    }
    fs.mkdirSync(path.join(root, 'unbuilt'));
    expect(['reads', 'other', 'unbuilt'].map((fn) => bundleReads(path.join(root, fn), PSEUDONYM_KEY_VAR))).toEqual([true, false, true]);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('secret files: created 0600 with a strong value, the same value on every later read; one per local data directory', () => {
    const dir = tmp();
    const file = path.join(dir, 'a', 'key');
    const v = loadOrCreateSecretFile(file);
    expect(isStrongSecret(v)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecretFile(file)).toBe(v);
    fs.writeFileSync(file, 'weak\n');
    expect(loadOrCreateSecretFile(file)).not.toBe('weak');
    const one = localPseudonymKey(path.join(dir, 'data1'));
    expect(localPseudonymKey(path.join(dir, 'data1'))).toBe(one);
    expect(localPseudonymKey(path.join(dir, 'data2'))).not.toBe(one);
    expect(['0'.repeat(64), 'abc', 'x'.repeat(300), 'has space 0123456789abcdef0123456789'].some(isStrongSecret)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a runtime that differs is reported, not silently ignored', () => {
    const d = desired();
    const cur = fullyDeployed(d);
    cur.functions.api.runtime = 'Nodejs12.16';
    const steps = planDeploy(d, cur);
    expect(steps).toHaveLength(1);
    expect(describeStep(steps[0])).toMatch(/运行时为 Nodejs12\.16/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// the requests, recorded

interface Req { action: string; body: any }

/** A Tencent Cloud API for one environment, in memory: answers what manager-node asks, keeps what it writes. */
function fakeTencentCloud(envId: string) {
  const tables = new Map<string, any[]>();
  const perms = new Map<string, { Permission: string; SecurityRule?: string }>();
  const fns = new Map<string, any>();
  const apis: Array<{ Path: string; Name: string; Type: number; AuthSwitch: number }> = [];
  const log: Req[] = [];
  const err = (Code: string, Message: string) => ({ Response: { Error: { Code, Message }, RequestId: 'r' } });
  const ok = (x: object = {}) => ({ Response: { ...x, RequestId: 'r' } });
  const answer = (action: string, b: any): any => {
    switch (action) {
      case 'DescribeEnvInfo':
        return ok({ EnvInfo: { EnvBaseInfo: { EnvId: envId, Databases: [{ InstanceId: 'tnt-test' }], Storages: [{ AppId: '1250000000', Bucket: `b-1250000000` }], Functions: [{ Namespace: envId }], LogServices: [] }, UserInfo: { AppId: '1250000000' } } });
      case 'ListTables': {
        const all = [...tables.keys()];
        return ok({ Tables: all.slice(b.MgoOffset, b.MgoOffset + b.MgoLimit).map((TableName) => ({ TableName })), Pager: { Offset: b.MgoOffset, Limit: b.MgoLimit, Total: all.length } });
      }
      case 'DescribeTable':
        return tables.has(b.TableName) ? ok({ Indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }, ...tables.get(b.TableName)!], IndexNum: tables.get(b.TableName)!.length + 1 }) : err('ResourceNotFound', 'table not found');
      case 'CreateTable':
        tables.set(b.TableName, []);
        return ok();
      case 'UpdateTable': {
        let ix = tables.get(b.TableName)!;
        ix = ix.filter((i) => !(b.DropIndexes ?? []).some((d: any) => d.IndexName === i.Name));
        for (const c of b.CreateIndexes ?? []) ix.push({ Name: c.IndexName, Keys: c.MgoKeySchema.MgoIndexKeys, Unique: c.MgoKeySchema.MgoIsUnique });
        tables.set(b.TableName, ix);
        return ok();
      }
      case 'DescribeResourcePermission':
        return ok({ Data: { TotalCount: perms.size, PermissionList: (b.Resources ?? []).filter((r: string) => perms.has(r)).map((r: string) => ({ ResourceType: 'collection', Resource: r, ...perms.get(r) })) } });
      case 'ModifyResourcePermission':
        perms.set(b.Resource, { Permission: b.Permission, SecurityRule: b.SecurityRule });
        return ok({ Data: { Success: true } });
      case 'GetFunction': {
        const f = fns.get(b.FunctionName);
        return f ? ok({ ...f, Status: 'Active' }) : err('ResourceNotFound.Function', `function ${b.FunctionName} not found`);
      }
      case 'CreateFunction':
        fns.set(b.FunctionName, { FunctionName: b.FunctionName, Runtime: b.Runtime, Timeout: b.Timeout, MemorySize: b.MemorySize, Environment: b.Environment ?? { Variables: [] }, Triggers: [], Handler: b.Handler });
        return ok();
      case 'UpdateFunctionCode':
        return ok();
      case 'UpdateFunctionConfiguration': {
        const f = fns.get(b.FunctionName);
        Object.assign(f, { Timeout: b.Timeout, MemorySize: b.MemorySize, Environment: b.Environment });
        return ok();
      }
      case 'BatchCreateTrigger': {
        const f = fns.get(b.FunctionName);
        for (const t of JSON.parse(b.Triggers)) f.Triggers.push({ TriggerName: t.TriggerName, Type: t.Type, TriggerDesc: JSON.stringify({ cron: t.TriggerDesc }) });
        return ok();
      }
      case 'DeleteTrigger': {
        const f = fns.get(b.FunctionName);
        f.Triggers = f.Triggers.filter((t: any) => t.TriggerName !== b.TriggerName);
        return ok();
      }
      case 'DescribeCloudBaseGWAPI':
        return ok({ APISet: apis.filter((a) => (!b.Path || a.Path === b.Path) && (!b.Name || a.Name === b.Name)) });
      case 'CreateCloudBaseGWAPI':
        apis.push({ Path: b.Path, Name: b.Name, Type: b.Type, AuthSwitch: b.AuthSwitch });
        return ok({ APIId: `api-${apis.length}` });
      default:
        throw new Error(`unexpected action ${action}`);
    }
  };
  const fetch = async (url: string, config: any) => {
    expect(url).toMatch(/^https:\/\/(tcb|scf)\.tencentcloudapi\.com/);
    expect(config.headers.Authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDdeploytest\//);
    const action = config.headers['X-TC-Action'];
    const body = JSON.parse(config.body);
    log.push({ action, body });
    return answer(action, body);
  };
  return { fetch, log, tables, perms, fns, apis };
}

const WRITES = new Set(['CreateTable', 'UpdateTable', 'ModifyResourcePermission', 'CreateFunction', 'UpdateFunctionCode', 'UpdateFunctionConfiguration', 'BatchCreateTrigger', 'DeleteTrigger', 'CreateCloudBaseGWAPI', 'DeleteCloudBaseGWAPI', 'DeleteTable', 'DeleteFunction']);

describe('the requests @cloudbase/manager-node sends (recorded, no network)', () => {
  const http = require('@cloudbase/manager-node/lib/utils/http-request');
  const realFetch = http.fetch;
  const saved = { ...process.env };
  const tc = fakeTencentCloud('yx-test-1a2b');
  beforeAll(() => {
    http.fetch = tc.fetch;
    process.env.TENCENTCLOUD_SECRETID = 'AKIDdeploytest';
    process.env.TENCENTCLOUD_SECRETKEY = 'deploytestkey';
    delete process.env.http_proxy;
  });
  afterAll(() => {
    http.fetch = realFetch;
    process.env = saved;
  });
  const stateDir = tmp();
  const state = stateFile('yx-test-1a2b', stateDir);
  const quiet = { fnRoot: path.join(REPO, 'cloudfunctions'), log: () => undefined, stateFile: state, envId: 'yx-test-1a2b' };
  const d = raw((fn) => `${fn}-first`);
  afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  test('first deploy: reads, then creates collections, indexes, rules, functions with triggers, the open311 path', async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const steps = await deploy(connect('yx-test-1a2b'), d, quiet);
    expect(steps.length).toBeGreaterThan(40);
    const writes = tc.log.filter((r) => WRITES.has(r.action));
    const actions = writes.map((r) => r.action);
    // reads come first: nothing is written before the whole current state is known
    const firstWrite = tc.log.findIndex((r) => WRITES.has(r.action));
    expect(tc.log.slice(0, firstWrite).map((r) => r.action)).toEqual(['DescribeEnvInfo', 'ListTables', 'GetFunction', 'GetFunction', 'GetFunction', 'GetFunction', 'DescribeCloudBaseGWAPI']);
    expect(actions.filter((a) => a === 'CreateTable')).toHaveLength(d.collections.length);
    expect(actions.filter((a) => a === 'ModifyResourcePermission')).toHaveLength(d.collections.length);
    for (const r of writes.filter((w) => w.action === 'ModifyResourcePermission')) expect(r.body).toMatchObject({ EnvId: 'yx-test-1a2b', ResourceType: 'collection', Permission: 'CUSTOM', SecurityRule: '{"read":false,"write":false}' });
    const casesIdx = writes.find((w) => w.action === 'UpdateTable' && w.body.TableName === 'cases')!.body;
    expect(casesIdx.MongoConnector).toEqual({ DatabaseName: 'tnt-test', InstanceId: 'flexdb' });
    expect(casesIdx.CreateIndexes).toContainEqual({ IndexName: 'intakeKey', MgoKeySchema: { MgoIndexKeys: [{ Name: 'intakeKey', Direction: '1' }], MgoIsUnique: true } });
    const created = writes.filter((w) => w.action === 'CreateFunction').map((w) => w.body);
    expect(created.map((b) => b.FunctionName).sort()).toEqual(['api', 'open311', 'rollup', 'timer']);
    const timer = created.find((b) => b.FunctionName === 'timer');
    expect(timer).toMatchObject({ Namespace: 'yx-test-1a2b', Runtime: 'Nodejs16.13', Timeout: 60, MemorySize: 256, Handler: 'index.main', InstallDependency: 'TRUE' });
    expect(timer.Environment.Variables).toEqual([{ Key: CODE_HASH_VAR, Value: 'timer-first' }]);
    // the pseudonym key: generated, kept in the state file (0600, outside the repository's tracked files), set on api
    const key = readDeployState(state, 'yx-test-1a2b').secrets[PSEUDONYM_KEY_VAR];
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(state).mode & 0o777).toBe(0o600);
    expect(created.find((b) => b.FunctionName === 'api').Environment.Variables).toEqual(expect.arrayContaining([{ Key: PSEUDONYM_KEY_VAR, Value: key }]));
    expect(JSON.stringify(writes.filter((w) => w.body.FunctionName !== 'api'))).not.toContain(key);
    expect(typeof timer.Code.ZipFile).toBe('string'); // the bundle itself, base64 in the request (no COS upload)
    const zip = Buffer.from(timer.Code.ZipFile, 'base64');
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    expect(zip.includes(Buffer.from('config.json'))).toBe(true);
    expect(zip.includes(Buffer.from('src/index.ts'))).toBe(false);
    const triggers = writes.filter((w) => w.action === 'BatchCreateTrigger').map((w) => [w.body.FunctionName, JSON.parse(w.body.Triggers)]);
    expect(triggers).toEqual(
      expect.arrayContaining([
        ['timer', [{ TriggerName: 'drainDue', Type: 'timer', TriggerDesc: '0 */1 * * * * *' }]],
        ['rollup', [{ TriggerName: 'rollupHourly', Type: 'timer', TriggerDesc: '0 10 * * * * *' }]],
      ]),
    );
    expect(writes.filter((w) => w.action === 'CreateCloudBaseGWAPI').map((w) => w.body)).toEqual([{ ServiceId: 'yx-test-1a2b', Path: '/open311', Type: 1, Name: 'open311', AuthSwitch: 2 }]);
  }, 60000);

  test('second deploy against the recorded state: reads only, "nothing to do"', async () => {
    tc.log.length = 0;
    const lines: string[] = [];
    const steps = await deploy(connect('yx-test-1a2b'), d, { ...quiet, log: (l) => lines.push(l) });
    expect(steps).toEqual([]);
    expect(lines).toEqual([`${PSEUDONYM_KEY_VAR}：沿用环境中已设置的值`, '环境已是最新：无需任何变更']);
    expect(tc.log.length).toBeGreaterThan(0);
    expect(tc.log.filter((r) => WRITES.has(r.action))).toEqual([]);
  }, 60000);

  test('a new bundle: one code upload and one config update for that function only, operator variables kept', async () => {
    tc.fns.get('api').Environment.Variables.push({ Key: 'YX_RATE_LIMITS', Value: '{"report":{}}' });
    tc.log.length = 0;
    const key = readDeployState(state, 'yx-test-1a2b').secrets[PSEUDONYM_KEY_VAR];
    const next = raw((fn) => (fn === 'api' ? 'api-second' : `${fn}-first`));
    await deploy(connect('yx-test-1a2b'), next, quiet);
    const writes = tc.log.filter((r) => WRITES.has(r.action));
    expect(writes.map((w) => [w.action, w.body.FunctionName])).toEqual([
      ['UpdateFunctionCode', 'api'],
      ['UpdateFunctionConfiguration', 'api'],
    ]);
    expect(writes[1].body.Environment.Variables).toEqual(
      expect.arrayContaining([
        { Key: CODE_HASH_VAR, Value: 'api-second' },
        { Key: 'YX_RATE_LIMITS', Value: '{"report":{}}' },
        { Key: PSEUDONYM_KEY_VAR, Value: key },
      ]),
    );
  }, 60000);

  test('another machine (no state file): the key on the environment is kept and stored, nothing is written to the cloud', async () => {
    const key = readDeployState(state, 'yx-test-1a2b').secrets[PSEUDONYM_KEY_VAR];
    fs.rmSync(state);
    tc.log.length = 0;
    const lines: string[] = [];
    const steps = await deploy(connect('yx-test-1a2b'), raw((fn) => (fn === 'api' ? 'api-second' : `${fn}-first`)), { ...quiet, log: (l) => lines.push(l) });
    expect(steps).toEqual([]);
    expect(lines).toEqual([`${PSEUDONYM_KEY_VAR}：沿用环境中已设置的值`, '环境已是最新：无需任何变更']);
    expect(tc.log.filter((r) => WRITES.has(r.action))).toEqual([]);
    expect(readDeployState(state, 'yx-test-1a2b').secrets[PSEUDONYM_KEY_VAR]).toBe(key);
    expect(() => readDeployState(state, 'yx-prod-9z')).toThrow(/属于环境 yx-test-1a2b/);
  }, 60000);
});
