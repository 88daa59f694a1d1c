/**
 * The embedded local cloud. The REAL wx-server-sdk talks to it unchanged: point the SDK at it
 * with `cloud.sdkEnv` (TCB_CONTEXT_CNFG={"URL":"http://127.0.0.1:PORT/admin"} + dummy keys)
 * before requiring wx-server-sdk. See local/README.md for the protocol facts.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { Cron } from 'croner';
import { Store, loadDatabaseConfig } from './store';
import { TransactionManager } from './transactions';
import { StorageService } from './storage';
import { FunctionRuntime, type InvokeContext } from './functions';
import { handleAdmin, type AdminDeps } from './admin';
import { parseMultipart, type OutboxEntry } from './openapi';
import { CloudError, Codes } from './errors';

export { Store } from './store';
export type { Doc } from './codec';

export interface StartOptions {
  dataDir: string;
  port?: number;
  host?: string;
  functionsRoot?: string;
  /** extra function folders searched after functionsRoot (tests' fixtures) */
  extraFunctionRoots?: string[];
  staticRoot?: string;
  timers?: boolean;
  now?: () => number;
  secCheck?: { review?: string[]; risky?: string[] };
  devRoleSwitcher?: boolean;
  envId?: string;
  /** collections + indexes file (default <repo>/config/cloud/database.json) */
  databaseConfig?: string;
  /** SQLite synchronous level (default NORMAL: WAL, durable against process crashes) */
  synchronous?: 'NORMAL' | 'FULL';
  /** max warm instances per function (default 4) */
  maxInstances?: number;
  /** environment variables of every function (as set in the cloud console), e.g. YX_RATE_LIMITS */
  functionEnv?: Record<string, string>;
  /** tests only: allow `cloud.injectFault` (off by default; no HTTP route can switch it on) */
  faultInjection?: boolean;
}

/** What `cloud.clearFault()` reports: backend requests seen while armed, and whether the fault fired. */
export interface FaultReport {
  seen: number;
  fired: { action: string; collection: string; nth: number } | null;
}

/**
 * Where the server spent an /admin request's time (ms, from performance.now()): `at` is when the request's
 * headers arrived; `readMs` reading the body, `parseMs` JSON.parse of the body, `handleMs` the action (store,
 * mingo, EJSON codec), `sendMs` JSON.stringify + write. `rows` is what the store examined (0 if no query).
 */
export interface RequestTiming {
  action: string;
  collection: string;
  at: number;
  readMs: number;
  parseMs: number;
  handleMs: number;
  sendMs: number;
  bytesIn: number;
  bytesOut: number;
  rows: number;
}

export interface TimerFiring {
  at: number;
  fn: string;
  trigger: string;
  ok: boolean;
  error?: string;
}

export interface LocalCloud {
  url: string;
  sdkEnv: Record<string, string>;
  callFunction(name: string, data: unknown, ctx?: { openid?: string; unionid?: string; appid?: string; source?: string }): Promise<unknown>;
  setNow(now: () => number): void;
  outbox(): Array<{ at: number; touser: string; templateId: string; page?: string; data: unknown }>;
  stats(): { total: number; byAction: Record<string, number> };
  resetStats(): void;
  store: Store;
  /** run due timer triggers now against the cloud clock (the background loop does this every second) */
  tickTimers(): Promise<TimerFiring[]>;
  timerLog(): TimerFiring[];
  /** the last 500 /admin request bodies as received (multipart fields as strings/base64) */
  requestLog(): Array<Record<string, unknown>>;
  clearRequestLog(): void;
  functionStats(): { invocations: number; coldStarts: number; errors: number; timeouts: number };
  /** server-side timing of the last 2000 /admin requests (see RequestTiming); cleared with clearRequestLog() */
  requestTimings(): RequestTiming[];
  /** write a file into storage (scripts: demo photos), created by `owner` if given; returns its fileID */
  putFile(cloudPath: string, body: Buffer, opts?: { contentType?: string; owner?: string }): string;
  /**
   * Tests only (StartOptions.faultInjection): the `nth` next backend request of a function (a `database.*`,
   * `storage.*` or `wx.openApi` request made with an invocation's token) is answered with the cloud's error reply
   * `{ code, message, requestId }` instead of being carried out; later requests run normally. Throws when the cloud
   * was started without faultInjection.
   */
  injectFault(opts: { nth: number }): void;
  /** disarm the fault and report what was counted since injectFault */
  clearFault(): FaultReport;
  stop(): Promise<void>;
}

export const REPO_ROOT = path.resolve(__dirname, '..');
const LIMITS = { admin: 60 * 1024 * 1024, fn: 1024 * 1024, http: 6 * 1024 * 1024, upload: 20 * 1024 * 1024, dev: 64 * 1024 };

export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true;
  return net.isIPv4(host) && host.startsWith('127.');
}

export async function startLocalCloud(opts: StartOptions): Promise<LocalCloud> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new Error(`local cloud refuses to listen on non-loopback host "${host}" (use 127.0.0.1)`);
  const envId = opts.envId ?? 'local-dev';
  let nowFn = opts.now ?? Date.now;
  const now = () => nowFn();
  fs.mkdirSync(opts.dataDir, { recursive: true });

  const dbConfig = loadDatabaseConfig(opts.databaseConfig ?? path.join(REPO_ROOT, 'config/cloud/database.json'));
  const store = new Store(path.join(opts.dataDir, 'db.sqlite'), { now, synchronous: opts.synchronous, config: dbConfig });
  store.createCollection('_outbox');
  const txns = new TransactionManager(store);
  let baseUrl = '';
  const storage = new StorageService(path.join(opts.dataDir, 'storage'), envId, () => baseUrl, now);
  const sdkEnv: Record<string, string> = {};
  const functions = new FunctionRuntime(
    [opts.functionsRoot ?? path.join(REPO_ROOT, 'cloudfunctions'), ...(opts.extraFunctionRoots ?? [])],
    () => ({ ...sdkEnv, ...(opts.functionEnv ?? {}) }),
    () => now() - Date.now(),
    envId,
  );
  if (opts.maxInstances) functions.maxInstances = opts.maxInstances;
  const secCheck = { review: opts.secCheck?.review ?? [], risky: opts.secCheck?.risky ?? [] };
  const recordOutbox = (e: OutboxEntry) => {
    store.insert('_outbox', { ...e, at: e.at });
  };
  const deps: AdminDeps = { store, txns, storage, functions, now, openapi: { now, recordOutbox, secCheck } };

  let listenPort = 0;
  const port = () => listenPort;
  /** Host: a loopback name with this server's own port. */
  function ownHost(hostHeader: string | undefined): boolean {
    const m = /^(\[::1\]|[A-Za-z0-9.-]+):(\d+)$/.exec(hostHeader ?? '');
    if (!m || Number(m[2]) !== listenPort) return false;
    const name = m[1].toLowerCase();
    return name === 'localhost' || name === '[::1]' || (net.isIPv4(name) && name.startsWith('127.'));
  }
  function ownOrigin(origin: string): boolean {
    const m = /^http:\/\/(.+)$/.exec(origin);
    return !!m && ownHost(m[1]);
  }

  // ---- test-only fault injection (StartOptions.faultInjection)
  let fault: { nth: number; seen: number; fired: FaultReport['fired'] } | null = null;
  /** a request a function makes to the backend with its invocation's token (not the test's own SDK calls) */
  function isBackendRequest(action: string, params: Record<string, unknown>): boolean {
    if (!(action.startsWith('database.') || action.startsWith('storage.') || action === 'wx.openApi')) return false;
    return typeof params.wxCloudApiToken === 'string' && functions.tokens.has(params.wxCloudApiToken);
  }
  function countFault(action: string, params: Record<string, unknown>): Record<string, unknown> | null {
    const f = fault!;
    f.seen++;
    if (f.seen !== f.nth) return null;
    const collection = typeof params.collectionName === 'string' ? params.collectionName : '';
    f.fired = { action, collection, nth: f.nth };
    const code = action.startsWith('database.') ? Codes.DATABASE_REQUEST_FAILED : action.startsWith('storage.') ? Codes.STORAGE_REQUEST_FAIL : Codes.SYS_ERR;
    return { code, message: `local cloud: injected fault at backend request #${f.nth} (${action}${collection ? ` ${collection}` : ''})`, requestId: randomBytes(16).toString('hex') };
  }

  let stats = { total: 0, byAction: {} as Record<string, number> };
  // the request's fields as received; the copy shown by requestLog() (Buffers as base64) is made when it is read
  let requestLog: Array<{ params: Record<string, unknown>; shown?: Record<string, unknown> }> = [];
  let timings: RequestTiming[] = [];

  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, err instanceof CloudError ? err.httpStatus : 500, { errCode: Codes.SYS_ERR, errMsg: (err as Error)?.message ?? String(err) });
      else res.end();
    });
  });
  server.keepAliveTimeout = 60_000;

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const p = u.pathname;
    const method = req.method ?? 'GET';

    // DNS rebinding: a page of another site whose name resolves to 127.0.0.1 sends its own name as Host.
    if (!ownHost(req.headers.host)) {
      return sendJson(res, 421, { errCode: -501007, errMsg: `本地云只接受发往本机地址的请求 (Host must be 127.0.0.1, localhost or [::1] with port ${port()}): ${req.headers.host ?? '(none)'}` });
    }
    // Cross-site requests: a browser names the page's origin on every non-GET request; only our own pages may write.
    const origin = req.headers.origin;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && origin !== undefined && !ownOrigin(origin)) {
      return sendJson(res, 403, { errCode: -501007, errMsg: `拒绝跨站请求 (cross-origin ${method} refused): Origin ${origin}` });
    }

    if (p === '/admin' && method === 'POST') {
      const at = performance.now();
      const body = await readBody(req, LIMITS.admin);
      const read = performance.now();
      const ct = String(req.headers['content-type'] ?? '');
      let params: Record<string, unknown>;
      try {
        if (ct.startsWith('multipart/form-data')) {
          const parts = parseMultipart(body, ct);
          params = {};
          for (const [k, v] of Object.entries(parts)) params[k] = k === 'requestData' ? v : v.toString('utf8');
        } else params = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
      } catch (err) {
        sendJson(res, 200, { code: Codes.INVALID_PARAM, message: `bad request body: ${(err as Error).message}` });
        return;
      }
      const action = typeof params.action === 'string' ? params.action : '(none)';
      requestLog.push({ params: { ...params } });
      if (requestLog.length > 500) requestLog.shift();
      stats.total++;
      stats.byAction[action] = (stats.byAction[action] ?? 0) + 1;
      const parsed = performance.now();
      const rowsBefore = store.planStats.rowsExamined;
      const faulted = fault && isBackendRequest(action, params) ? countFault(action, params) : null;
      const reply = faulted ? { kind: 'json' as const, body: faulted } : await handleAdmin(params, deps);
      const handled = performance.now();
      let bytesOut: number;
      if (reply.kind === 'raw') {
        res.writeHead(200, { 'content-type': reply.contentType, 'content-length': reply.body.length });
        res.end(reply.body);
        bytesOut = reply.body.length;
      } else bytesOut = sendJsonCounted(res, 200, reply.body);
      timings.push({
        action, collection: typeof params.collectionName === 'string' ? params.collectionName : '', at,
        readMs: read - at, parseMs: parsed - read, handleMs: handled - parsed, sendMs: performance.now() - handled,
        bytesIn: body.length, bytesOut, rows: store.planStats.rowsExamined - rowsBefore,
      });
      if (timings.length > 2000) timings.splice(0, timings.length - 2000);
      return;
    }

    if (p.startsWith('/storage/')) {
      if (method === 'PUT') {
        const body = await readBody(req, LIMITS.admin);
        try {
          storage.acceptUpload(p, req.headers, body);
          res.writeHead(200, { 'content-length': 0, etag: `"${randomBytes(8).toString('hex')}"` });
          res.end();
        } catch (err) {
          const msg = (err as Error).message;
          res.writeHead(403, { 'content-type': 'application/xml' });
          res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>${msg}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`);
        }
        return;
      }
      if (method === 'GET' || method === 'HEAD') {
        const r = storage.serve(p, u.searchParams);
        if (r.status !== 200) {
          res.writeHead(r.status, { 'content-type': 'application/xml' });
          res.end(method === 'HEAD' ? undefined : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${r.status === 404 ? 'NoSuchKey' : 'AccessDenied'}</Code><Message>${r.message}</Message></Error>`);
          return;
        }
        res.writeHead(200, { 'content-type': r.contentType!, 'content-length': r.body!.length, 'cache-control': 'private, max-age=60' });
        res.end(method === 'HEAD' ? undefined : r.body);
        return;
      }
    }

    if (p.startsWith('/http/')) return httpAccess(req, res, u);
    if (p.startsWith('/api/')) return api(req, res, u);
    if (p.startsWith('/dev/')) {
      if (!opts.devRoleSwitcher) return sendJson(res, 404, { errMsg: 'not found' });
      return dev(req, res, u);
    }
    if (opts.staticRoot && (method === 'GET' || method === 'HEAD')) return serveStatic(opts.staticRoot, p, res, method);
    sendJson(res, 404, { errMsg: `not found: ${method} ${p}` });
  }

  /**
   * The HTTP access service (云开发 HTTP 访问服务) for functions whose config.json declares `"http": { "path" }`:
   * `ANY /http/<fn>/<rest>` invokes <fn> with the integration request `{ path: '/<rest>' (relative to the
   * function's path), httpMethod, headers (lower-case), queryStringParameters, body (text, or base64 with
   * isBase64Encoded for binary), isBase64Encoded, requestContext }` and no WeChat identity (no OPENID), and
   * writes back an integration response `{ statusCode, headers, body, isBase64Encoded }`; any other return
   * value is sent as JSON with status 200, as the cloud does.
   */
  async function httpAccess(req: http.IncomingMessage, res: http.ServerResponse, u: URL): Promise<void> {
    const m = /^\/http\/([A-Za-z0-9_-]+)(\/.*)?$/.exec(u.pathname);
    const fn = m?.[1] ?? '';
    const httpPath = fn ? (functions.config(fn) as { http?: { path?: unknown } }).http?.path : undefined;
    if (!m || typeof httpPath !== 'string' || !functions.dirOf(fn)) {
      return sendJson(res, 404, { errCode: -504001, errMsg: `没有绑定 HTTP 访问路径的云函数 (no HTTP-accessible function): ${fn || u.pathname}` });
    }
    const body = await readBody(req, LIMITS.http).catch((e: Error) => e);
    if (body instanceof Error) return sendJson(res, 413, { errCode: -501007, errMsg: body.message });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    const query: Record<string, string> = {};
    for (const [k, v] of u.searchParams) query[k] = v;
    const text = isTextual(headers['content-type'], body);
    let rel = m[2] ?? '/';
    try {
      rel = decodeURIComponent(rel);
    } catch {
      // keep the raw path
    }
    const requestId = randomBytes(16).toString('hex');
    const event = {
      path: rel,
      httpMethod: req.method ?? 'GET',
      headers,
      queryStringParameters: query,
      body: text ? body.toString('utf8') : body.toString('base64'),
      isBase64Encoded: !text,
      requestContext: { requestId, envId, appId: 0, uin: 0, path: `${httpPath.replace(/\/$/, '')}${rel === '/' ? '' : rel}`, httpMethod: req.method ?? 'GET' },
    };
    let json: string | undefined;
    try {
      json = await functions.invoke(fn, event, { source: 'wx_http', clientIp: req.socket.remoteAddress ?? '127.0.0.1' });
    } catch (err) {
      const e = err instanceof CloudError ? err : new CloudError(Codes.FUNCTIONS_EXECUTE_FAIL, String(err));
      return sendJson(res, 502, { errCode: -504002, errMsg: `云函数执行失败 (function failed): ${e.message}` });
    }
    const result: unknown = json === undefined || json === '' ? null : JSON.parse(json);
    const r = result as { statusCode?: unknown; headers?: unknown; body?: unknown; isBase64Encoded?: unknown } | null;
    if (!r || typeof r !== 'object' || typeof r.statusCode !== 'number') {
      const out = JSON.stringify(result);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(out) });
      res.end(out);
      return;
    }
    const outHeaders: Record<string, string> = {};
    if (r.headers && typeof r.headers === 'object') {
      for (const [k, v] of Object.entries(r.headers as Record<string, unknown>)) {
        const lk = k.toLowerCase();
        if (lk === 'content-length' || lk === 'transfer-encoding' || lk === 'connection') continue;
        if (v !== undefined && v !== null) outHeaders[lk] = String(v);
      }
    }
    const b64 = r.isBase64Encoded === true || r.isBase64Encoded === 'true';
    const raw = r.body === undefined || r.body === null ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    const payload = b64 ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
    outHeaders['content-length'] = String(payload.length);
    res.writeHead(r.statusCode, outHeaders);
    res.end(req.method === 'HEAD' ? undefined : payload);
  }

  function identity(req: http.IncomingMessage, res: http.ServerResponse): string {
    const cookies = parseCookies(req.headers.cookie);
    if (opts.devRoleSwitcher && cookies.yx_openid) return cookies.yx_openid;
    let anon = cookies.yx_anon;
    if (!anon || !/^anon-[0-9a-f]{16,64}$/.test(anon)) {
      anon = `anon-${randomBytes(12).toString('hex')}`;
      appendCookie(res, `yx_anon=${anon}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`);
    }
    return anon;
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, u: URL): Promise<void> {
    const p = u.pathname;
    const m = /^\/api\/fn\/([A-Za-z0-9_-]+)$/.exec(p);
    if (m && req.method === 'POST') {
      if (!isJson(req)) return sendJson(res, 415, { errCode: -501007, errMsg: '请求须为 JSON (Content-Type: application/json)' });
      const body = await readBody(req, LIMITS.fn).catch((e: Error) => e);
      if (body instanceof Error) return sendJson(res, 413, { errCode: -501007, errMsg: body.message });
      let event: unknown = {};
      if (body.length) {
        try {
          event = JSON.parse(body.toString('utf8'));
        } catch {
          return sendJson(res, 400, { errCode: -501007, errMsg: '请求内容不是有效的 JSON (body must be JSON)' });
        }
      }
      const openid = identity(req, res);
      try {
        const json = await functions.invoke(m[1], event, { openid, appid: 'wx-local-h5', source: 'wx_client', clientIp: '127.0.0.1' });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(json === undefined || json === '' ? 'null' : json);
      } catch (err) {
        const e = err instanceof CloudError ? err : new CloudError(Codes.FUNCTIONS_EXECUTE_FAIL, String(err));
        sendJson(res, e.code === Codes.FUNCTIONS_REQUEST_FAIL ? 404 : 502, { errCode: e.code === Codes.FUNCTIONS_REQUEST_FAIL ? -504001 : -504002, errMsg: e.message });
      }
      return;
    }
    if (p === '/api/upload' && req.method === 'POST') {
      const cloudPath = u.searchParams.get('cloudPath') ?? '';
      const body = await readBody(req, LIMITS.upload).catch((e: Error) => e);
      if (body instanceof Error) return sendJson(res, 413, { errMsg: body.message });
      try {
        const ct = req.headers['content-type'];
        // as wx.cloud.uploadFile: the visitor creates the file and owns it; another's file cannot be overwritten
        const fileID = storage.writeAs(identity(req, res), cloudPath, body, typeof ct === 'string' && ct ? ct : undefined);
        return sendJson(res, 200, { fileID });
      } catch (err) {
        return sendJson(res, err instanceof CloudError && err.httpStatus === 403 ? 403 : 400, { errMsg: (err as Error).message });
      }
    }
    if (p === '/api/temp-url' && req.method === 'GET') {
      const fileID = u.searchParams.get('fileID') ?? '';
      // users' uploads (photos, shown to every user) or files the visitor created; nothing else (no exports of others)
      if (!storage.readableBy(fileID, identity(req, res))) return sendJson(res, 404, { errCode: -503003, errMsg: `文件不存在或无权读取 (file not found or not readable): ${fileID}` });
      const r = storage.downloadUrl(fileID);
      if (r.code !== 'SUCCESS') return sendJson(res, 404, { errCode: -503003, errMsg: `文件不存在 (file not found): ${fileID}` });
      return sendJson(res, 200, { url: r.tempFileURL });
    }
    sendJson(res, 404, { errMsg: `not found: ${req.method} ${p}` });
  }

  async function dev(req: http.IncomingMessage, res: http.ServerResponse, u: URL): Promise<void> {
    const p = u.pathname;
    if (p === '/dev/identities' && req.method === 'GET') {
      const staff = store.hasCollection('staff') ? store.find('staff', { openid: { $exists: true } }, { limit: 1000 }) : [];
      const list = [
        { _id: null, openid: null, name: '匿名群众', roles: ['citizen'], unitName: '' },
        ...staff.map((s) => ({ _id: s._id, openid: s.openid, name: s.name, roles: s.roles, unitName: s.unitName })),
      ];
      const current = parseCookies(req.headers.cookie).yx_openid ?? null;
      return sendJson(res, 200, { current, identities: list });
    }
    if (p === '/dev/identity' && req.method === 'POST') {
      if (!isJson(req)) return sendJson(res, 415, { errMsg: 'body must be JSON (Content-Type: application/json): {"openid": "..." | null}' });
      const body = await readBody(req, LIMITS.dev).catch((e: Error) => e);
      if (body instanceof Error) return sendJson(res, 413, { errMsg: body.message });
      let parsed: { openid?: unknown };
      try {
        parsed = JSON.parse(body.toString('utf8') || '{}') as { openid?: unknown };
      } catch {
        return sendJson(res, 400, { errMsg: 'body must be JSON {"openid": "..." | null}' });
      }
      if (parsed.openid === null || parsed.openid === undefined) {
        appendCookie(res, 'yx_openid=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
        return sendJson(res, 200, { openid: null });
      }
      if (typeof parsed.openid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(parsed.openid)) return sendJson(res, 400, { errMsg: 'openid must be a string of [A-Za-z0-9_-]' });
      appendCookie(res, `yx_openid=${parsed.openid}; Path=/; HttpOnly; SameSite=Lax`);
      return sendJson(res, 200, { openid: parsed.openid });
    }
    if (p === '/dev/outbox' && req.method === 'GET') return sendJson(res, 200, outbox());
    sendJson(res, 404, { errMsg: `not found: ${req.method} ${p}` });
  }

  function outbox() {
    return store.find('_outbox', {}, {}).map((d) => ({ at: d.at as number, touser: d.touser as string, templateId: d.templateId as string, page: d.page as string | undefined, data: d.data }));
  }

  // ---------------------------------------------------------------- timers
  interface Trigger {
    fn: string;
    name: string;
    cron: Cron;
    years: Set<number> | null;
    lastCheck: number;
    running: boolean;
  }
  const triggers: Trigger[] = [];
  const firings: TimerFiring[] = [];
  if (opts.timers) {
    for (const fn of functions.list()) {
      for (const t of functions.config(fn).triggers ?? []) {
        if (t.type !== 'timer') continue;
        const { pattern, years } = toCronerPattern(t.config);
        triggers.push({ fn, name: t.name, cron: new Cron(pattern, { timezone: 'Asia/Shanghai', paused: true }), years, lastCheck: now(), running: false });
      }
    }
  }
  async function tickTimers(): Promise<TimerFiring[]> {
    const at = now();
    const fired: Array<Promise<TimerFiring>> = [];
    for (const t of triggers) {
      if (t.running) continue;
      let next = t.cron.nextRun(new Date(t.lastCheck));
      let due: Date | null = null;
      let guard = 0;
      while (next && next.getTime() <= at && guard++ < 100000) {
        if (!t.years || t.years.has(Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(next)))) due = next;
        next = t.cron.nextRun(next);
      }
      t.lastCheck = at;
      if (!due) continue;
      t.running = true;
      const time = due.toISOString().replace(/\.\d{3}Z$/, 'Z');
      fired.push(
        functions
          .invoke(t.fn, { Type: 'Timer', TriggerName: t.name, Time: time, Message: '' }, { source: 'wx_trigger', extraEnv: { TRIGGER_SRC: 'timer' } } as InvokeContext)
          .then(
            () => ({ at, fn: t.fn, trigger: t.name, ok: true }),
            (err: unknown) => ({ at, fn: t.fn, trigger: t.name, ok: false, error: (err as Error).message }),
          )
          .then((f) => {
            t.running = false;
            firings.push(f);
            if (firings.length > 1000) firings.shift();
            return f;
          }),
      );
    }
    return Promise.all(fired);
  }
  const timerLoop = triggers.length ? setInterval(() => void tickTimers(), 1000) : null;
  timerLoop?.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const addr = server.address() as net.AddressInfo;
  listenPort = addr.port;
  const urlHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${urlHost}:${addr.port}`;
  baseUrl = url;
  Object.assign(sdkEnv, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TENCENTCLOUD_SESSIONTOKEN: 'local-session-token',
    // skips the SDK's probe of metadata.tencentyun.com on every request
    TENCENTCLOUD: 'true',
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE,WX_API_TOKEN,TRIGGER_SRC',
    SILENCE: 'true',
  });

  const cloud: LocalCloud = {
    url,
    sdkEnv,
    store,
    async callFunction(name, data, ctx = {}) {
      const json = await functions.invoke(name, data, { openid: ctx.openid, unionid: ctx.unionid, appid: ctx.appid ?? (ctx.openid ? 'wx-local-app' : undefined), source: ctx.source ?? 'wx_client' });
      return json === undefined || json === '' ? undefined : JSON.parse(json);
    },
    setNow(fn) {
      nowFn = fn;
    },
    outbox,
    stats: () => ({ total: stats.total, byAction: { ...stats.byAction } }),
    resetStats() {
      stats = { total: 0, byAction: {} };
    },
    tickTimers,
    timerLog: () => firings.slice(),
    requestLog: () => requestLog.map((e) => (e.shown ??= Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k, Buffer.isBuffer(v) ? `base64:${v.toString('base64')}` : v])))),
    clearRequestLog() {
      requestLog = [];
      timings = [];
    },
    requestTimings: () => timings.slice(),
    putFile: (cloudPath, body, o = {}) => storage.write(cloudPath, body, o.contentType, o.owner),
    functionStats: () => ({ ...functions.stats }),
    injectFault({ nth }) {
      if (!opts.faultInjection) throw new Error('local cloud: fault injection is off (start with faultInjection: true, tests only)');
      if (!Number.isInteger(nth) || nth < 1) throw new Error(`local cloud: injectFault nth must be a positive integer, got ${nth}`);
      fault = { nth, seen: 0, fired: null };
    },
    clearFault() {
      const report: FaultReport = { seen: fault?.seen ?? 0, fired: fault?.fired ?? null };
      fault = null;
      return report;
    },
    async stop() {
      if (timerLoop) clearInterval(timerLoop);
      await functions.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
  return cloud;
}

/** Tencent timer crons have 7 fields (sec min hour dom month dow year); croner takes 6. */
export function toCronerPattern(config: string): { pattern: string; years: Set<number> | null } {
  const parts = config.trim().split(/\s+/);
  if (parts.length !== 7) return { pattern: config.trim(), years: null };
  const year = parts.pop()!;
  if (year === '*') return { pattern: parts.join(' '), years: null };
  const years = new Set<number>();
  for (const piece of year.split(',')) {
    const r = /^(\d{4})(?:-(\d{4}))?$/.exec(piece);
    if (!r) throw new Error(`unsupported year field in timer "${config}"`);
    for (let y = Number(r[1]); y <= Number(r[2] ?? r[1]); y++) years.add(y);
  }
  return { pattern: parts.join(' '), years };
}

// ------------------------------------------------------------------ HTTP helpers
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > limit) {
        failed = true;
        reject(new CloudError(Codes.INVALID_PARAM, `请求体过大 (request body larger than ${limit} bytes)`, 413));
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => !failed && resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A JSON request body (Content-Type application/json, any charset). */
function isJson(req: http.IncomingMessage): boolean {
  return /^application\/json\s*(;|$)/i.test(String(req.headers['content-type'] ?? ''));
}

/** A body the HTTP access service passes as text: a textual content type (or none) and valid UTF-8. */
function isTextual(contentType: string | undefined, body: Buffer): boolean {
  if (!body.length) return true;
  const ct = (contentType ?? '').toLowerCase();
  const textType = !ct || ct.startsWith('text/') || /json|xml|javascript|x-www-form-urlencoded|graphql|yaml|csv/.test(ct);
  if (!textType) return false;
  return Buffer.from(body.toString('utf8'), 'utf8').equals(body);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  sendJsonCounted(res, status, body);
}

/** sendJson, returning the body's size in bytes */
function sendJsonCounted(res: http.ServerResponse, status: number, body: unknown): number {
  const text = JSON.stringify(body);
  const bytes = Buffer.byteLength(text);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes });
  res.end(text);
  return bytes;
}

function appendCookie(res: http.ServerResponse, cookie: string): void {
  const prev = res.getHeader('set-cookie');
  const list = Array.isArray(prev) ? prev : prev ? [String(prev)] : [];
  res.setHeader('set-cookie', [...list, cookie]);
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

function serveStatic(root: string, urlPath: string, res: http.ServerResponse, method: string): void {
  const rootAbs = path.resolve(root);
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return sendJson(res, 400, { errMsg: 'bad path' });
  }
  let file = path.resolve(rootAbs, `.${rel}`);
  if (!file.startsWith(rootAbs)) return sendJson(res, 403, { errMsg: 'forbidden' });
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    const index = path.join(file, 'index.html');
    // SPA fallback: unknown paths without an extension get index.html
    file = fs.existsSync(index) ? index : path.extname(rel) ? '' : path.join(rootAbs, 'index.html');
  }
  if (!file || !fs.existsSync(file)) return sendJson(res, 404, { errMsg: `not found: ${urlPath}` });
  const body = fs.readFileSync(file);
  const ext = path.extname(file).toLowerCase();
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.map': 'application/json' };
  res.writeHead(200, { 'content-type': types[ext] ?? 'application/octet-stream', 'content-length': body.length });
  res.end(method === 'HEAD' ? undefined : body);
}
