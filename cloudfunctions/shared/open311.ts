/**
 * Channel intake (事项收集 from 12345, the grid platform, 数字城管, partner units) and the Open311 GeoReport v2
 * adapter (JSON) that lets those systems talk to us over HTTP (WeChat cloud "HTTP 访问服务": the function gets an
 * integration request `{ path, httpMethod, headers, queryStringParameters, body, isBase64Encoded }` and answers
 * `{ statusCode, headers, body }`).
 *
 *   GET  services                 the categories as Open311 services
 *   GET  services/{code}          a service definition (no extra attributes: metadata=false)
 *   POST requests                 a new case from the channel identified by `api_key` (form or JSON); the partner's
 *                                 own reference (`service_request_id` or `partner_request_id`) makes re-posts
 *                                 idempotent; without one, a digest of the report's content is the reference
 *   GET  requests                 the channel's own cases (filters: service_request_id list, service_code,
 *                                 start_date, end_date, status open|closed), newest first, at most 500
 *   GET  requests/{id}            one of the channel's cases
 *   POST results                  (extension) the grid platform reports back on a forwarded case by its reference
 *
 * Reads of requests need the api_key too: cases are citizens' matters and a channel sees only what it submitted.
 * Statuses are reported honestly: `open`/`closed` by the state's kind, with the Chinese state label in
 * `status_notes` and the street (or the responsible departments) as `agency_responsible`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { channelIntakeInput, forwardResultInput, type ChannelIntakeInput, type ForwardResultInput } from '@domain/case/case.schema';
import { CASE_STATES, STATE_LIST, type CaseRecord, type Channel as CaseChannel } from '@domain/case/case.types';
import type { Channel } from '@domain/org/org.types';
import type { Actor } from '@domain/shared/actor.types';
import { AppError, Errors } from './errors';
import { applyCaseEvent, type Applied } from './case-runner';
import { intake, type IntakeResult } from './intake';
import { getOrg, unitName, type Org } from './org';
import { query, recordOf, type StoredCase } from './repo';
import { database } from './sdk';
import { rateLimit } from './rate-limit';

// ───────────────────────────── channel intake (shared by the api action and Open311) ─────────────────────────────

/** A channel's case: idempotent by channel + the channel's reference; `hard` marks it 疑难件 (story 4). */
export async function channelIntake(input: ChannelIntakeInput, actor: Actor, now: number): Promise<IntakeResult> {
  return intake(
    {
      channel: input.channel,
      ref: input.channelRef,
      channelRef: input.channelRef,
      reporter: { name: input.contactName, phone: input.phone },
      categoryCode: input.categoryCode,
      description: input.description,
      photos: input.photos,
      location: input.location,
      communityId: input.communityId,
      phone: input.phone,
      hard: input.hard,
      actor,
    },
    now,
  );
}

/** The forwarded case a grid platform reference points at (its reference, or our case id when none was recorded). */
export async function findForwarded(forwardRef: string): Promise<StoredCase> {
  const db = database();
  const byRef = await query<StoredCase>(db.collection('cases').where({ forwardRef }).limit(2));
  if (byRef.length > 1) throw new AppError('AMBIGUOUS_REFERENCE', '网格工单编号对应多个事项，请联系指挥中心处理');
  if (byRef[0]) return byRef[0];
  const byId = await query<StoredCase>(db.collection('cases').where({ _id: forwardRef, state: 'forwarded' }).limit(1));
  if (byId[0]) return byId[0];
  throw Errors.notFound('网格工单对应的事项');
}

/** The grid platform's result on a forwarded case: resolved → 待核查, rejected → back to the command centre. */
export async function forwardResult(input: ForwardResultInput, actor: Actor, now: () => number): Promise<Applied> {
  const doc = await findForwarded(input.forwardRef);
  return applyCaseEvent(null, now, doc._id, () => ({ type: 'forwardResult', outcome: input.outcome, result: input.result, photos: input.photos }), { actor });
}

/** A channel acting through its adapter (Open311): the system role, with the channel's name in the audit trail. */
export function channelActor(ch: Channel): Actor {
  return { id: ch._id, name: ch.name, roles: ['system'] };
}

// ───────────────────────────── HTTP plumbing ─────────────────────────────

export interface HttpEvent {
  path?: string;
  httpMethod?: string;
  headers?: Record<string, string | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean | string;
  requestContext?: unknown;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

function json(statusCode: number, body: unknown): HttpResponse {
  return { statusCode, headers: { ...JSON_HEADERS }, body: JSON.stringify(body), isBase64Encoded: false };
}

/** Open311 errors are arrays of { code, description }. */
function error(statusCode: 400 | 403 | 404 | 405 | 409 | 415 | 500, description: string): HttpResponse {
  return json(statusCode, [{ code: statusCode, description }]);
}

class HttpFail extends Error {
  constructor(public readonly status: 400 | 403 | 404 | 405 | 409 | 415, message: string) {
    super(message);
  }
}

type Params = Record<string, string>;

function header(event: HttpEvent, name: string): string {
  const h = event.headers ?? {};
  for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === name) return String(v ?? '');
  return '';
}

function bodyParams(event: HttpEvent): Params {
  if (!event.body) return {};
  const b64 = event.isBase64Encoded === true || event.isBase64Encoded === 'true';
  const text = b64 ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const type = header(event, 'content-type').toLowerCase();
  if (type.includes('application/json') || (!type && /^\s*[{[]/.test(text))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HttpFail(400, '请求内容不是有效的 JSON');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpFail(400, '请求内容应为 JSON 对象');
    const out: Params = {};
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) if (v !== null && v !== undefined) out[k] = typeof v === 'string' ? v : String(v);
    return out;
  }
  if (type.includes('application/x-www-form-urlencoded') || !type) {
    return Object.fromEntries(new URLSearchParams(text).entries());
  }
  throw new HttpFail(415, '仅支持 application/x-www-form-urlencoded 或 application/json');
}

/** The route after the function's trigger path: the last segments named services/requests/results. */
function routeOf(path: string): { resource: string; id?: string; format: string } | null {
  const segs = path.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  for (let i = segs.length - 1; i >= 0; i--) {
    const m = /^(services|requests|results)(?:\.(json|xml))?$/.exec(segs[i]);
    if (!m) continue;
    const rest = segs.slice(i + 1);
    if (rest.length > 1) return null;
    if (rest.length === 0) return { resource: m[1], format: m[2] ?? 'json' };
    if (m[2]) return null;
    const idm = /^(.+?)(?:\.(json|xml))?$/.exec(rest[0])!;
    return { resource: m[1], id: idm[1], format: idm[2] ?? 'json' };
  }
  return null;
}

function keyMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function channelByKey(org: Org, key: string | undefined): Channel {
  if (!key) throw new HttpFail(403, '缺少 api_key');
  const ch = org.channels.find((c) => c.apiKey && keyMatches(key, c.apiKey));
  if (!ch) throw new HttpFail(403, 'api_key 无效');
  return ch;
}

// ───────────────────────────── Open311 views ─────────────────────────────

const BJ_OFFSET_MS = 8 * 3600_000;
/** W3C date-time in Asia/Shanghai (no DST), e.g. 2026-11-17T09:00:00+08:00. */
export function w3c(at: number | undefined): string | null {
  if (at === undefined || at === null) return null;
  return new Date(at + BJ_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

function parseDate(s: string | undefined, name: string): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new HttpFail(400, `${name} 日期格式不正确（应为 W3C 格式，如 2026-11-17T09:00:00+08:00）`);
  return t;
}

function serviceOf(c: Org['categories'][number]) {
  return {
    service_code: c.code,
    service_name: c.name,
    description: `${c.name}（规定办理时限 ${Math.round(c.deadlineMinutes / 60)} 小时）`,
    metadata: false,
    type: 'realtime',
    keywords: (c.keywords ?? []).join(','),
    group: c.class ?? '其他',
  };
}

function agencyOf(c: CaseRecord, org: Org): string {
  if (c.state === 'forwarded') return '网格化平台';
  if (c.state === 'triage' || c.state === 'submitted' || c.state === 'returned') return org.district?.commandCentreName ?? '区城市运行指挥中心';
  const street = c.streetId ? org.byId.street.get(c.streetId)?.name : undefined;
  const depts = c.deptIds.map((id) => unitName(org, id)).filter((x): x is string => !!x);
  return [street, ...depts].filter(Boolean).join('、') || (org.district?.commandCentreName ?? '区城市运行指挥中心');
}

function notesOf(c: CaseRecord): string {
  const label = CASE_STATES[c.state].label;
  const extra =
    c.state === 'duplicate' && c.flags.duplicateOf
      ? `，已并入 ${c.flags.duplicateOf}`
      : c.state === 'invalid' && c.closeReason
        ? `：${c.closeReason}`
        : (c.state === 'resolved' || c.state === 'closed') && c.resolution
          ? `：${c.resolution.result}`
          : '';
  return `${label}${extra}`;
}

export function requestView(doc: StoredCase, org: Org) {
  const c = recordOf<CaseRecord>(doc);
  const cat = org.byId.category.get(c.categoryCode);
  const [lng, lat] = c.location?.point.coordinates ?? [undefined, undefined];
  return {
    service_request_id: c.id,
    partner_request_id: c.channelRef ?? null,
    status: CASE_STATES[c.state].kind === 'open' ? 'open' : 'closed',
    status_notes: notesOf(c),
    service_name: cat?.name ?? c.categoryCode,
    service_code: c.categoryCode,
    description: c.description,
    agency_responsible: agencyOf(c, org),
    service_notice: c.clocks.deadline ? `规定办理期限：${w3c(c.clocks.deadline)}` : null,
    requested_datetime: w3c(c.createdAt),
    updated_datetime: w3c(c.updatedAt),
    expected_datetime: w3c(c.clocks.deadline),
    address: c.location?.address ?? null,
    address_id: null,
    zipcode: null,
    lat: lat ?? null,
    long: lng ?? null,
    media_url: c.photos.find((p) => /^https?:\/\//.test(p)) ?? null,
  };
}

// ───────────────────────────── handlers ─────────────────────────────

const MAX_LIST = 500;

async function listRequests(ch: Channel, q: Params, org: Org, now: number): Promise<HttpResponse> {
  const db = database();
  const _ = db.command;
  const where: Record<string, unknown> = { channel: ch.code as CaseChannel };
  const ids = (q.service_request_id ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length > 100) throw new HttpFail(400, 'service_request_id 一次最多查询 100 个');
  if (ids.length) where._id = _.in(ids);
  if (q.service_code) {
    const codes = q.service_code.split(',').map((s) => s.trim()).filter(Boolean);
    where.categoryCode = codes.length === 1 ? codes[0] : _.in(codes);
  }
  if (q.status) {
    const statuses = q.status.split(',').map((s) => s.trim());
    if (statuses.some((s) => s !== 'open' && s !== 'closed')) throw new HttpFail(400, 'status 只能是 open 或 closed');
    if (statuses.length === 1) where.state = _.in(STATE_LIST.filter((s) => CASE_STATES[s].kind === statuses[0]));
  }
  const start = parseDate(q.start_date, 'start_date');
  const end = parseDate(q.end_date, 'end_date');
  if (!ids.length) {
    // Open311: without ids the window defaults to the last 90 days
    const from = start ?? (end ?? now) - 90 * 86400_000;
    where.createdAt = end !== undefined ? _.gte(from).and(_.lte(end)) : _.gte(from);
  } else if (start !== undefined || end !== undefined) {
    where.createdAt = start !== undefined && end !== undefined ? _.gte(start).and(_.lte(end)) : start !== undefined ? _.gte(start) : _.lte(end);
  }
  const docs = await query<StoredCase>(db.collection('cases').where(where).orderBy('createdAt', 'desc').limit(MAX_LIST));
  return json(200, docs.map((d) => requestView(d, org)));
}

async function getRequest(ch: Channel, id: string, org: Org): Promise<HttpResponse> {
  const docs = await query<StoredCase>(database().collection('cases').where({ _id: id, channel: ch.code }).limit(1));
  if (!docs[0]) throw new HttpFail(404, `未找到诉求 ${id}`);
  return json(200, [requestView(docs[0], org)]);
}

function num(s: string | undefined, name: string, min: number, max: number): number | undefined {
  if (s === undefined || s === '') return undefined;
  const n = Number(s);
  if (!Number.isFinite(n) || n < min || n > max) throw new HttpFail(400, `${name} 不正确`);
  return n;
}

/** A digest of the report's content: re-posting the very same report without a reference stays idempotent. */
function contentRef(p: Params): string {
  const h = createHash('sha256');
  for (const k of ['service_code', 'lat', 'long', 'address_string', 'description', 'email', 'phone', 'media_url']) h.update(`${k}=${p[k] ?? ''}\n`);
  return `sha-${h.digest('hex').slice(0, 40)}`;
}

async function postRequest(ch: Channel, p: Params, now: number): Promise<HttpResponse> {
  await rateLimit('open311', ch._id, now);
  if (!p.service_code) throw new HttpFail(400, '缺少 service_code');
  const lat = num(p.lat, 'lat', -90, 90);
  const lng = num(p.long, 'long', -180, 180);
  if ((lat === undefined) !== (lng === undefined)) throw new HttpFail(400, 'lat 与 long 须同时提供');
  const address = (p.address_string ?? '').trim();
  let description = (p.description ?? '').trim();
  if (!description) throw new HttpFail(400, '缺少 description（问题描述）');
  if (lat === undefined && address) description = `${description}（地址：${address}）`;
  const ref = (p.partner_request_id ?? p.service_request_id ?? '').trim() || contentRef(p);
  const name = [p.last_name, p.first_name].filter(Boolean).join('') || undefined;
  const payload = {
    channel: ch.code,
    channelRef: ref,
    categoryCode: p.service_code,
    description,
    photos: p.media_url ? [p.media_url] : [],
    location: lat !== undefined && lng !== undefined ? { point: { type: 'Point', coordinates: [lng, lat] }, address: address || `${lat},${lng}` } : undefined,
    contactName: name,
    phone: p.phone || undefined,
    hard: p.hard === 'true' || p.hard === '1' ? true : undefined,
  };
  const parsed = channelIntakeInput.safeParse(payload);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new HttpFail(400, `${i?.message ?? '请求参数不正确'}${i?.path.length ? `（${i.path.map(String).join('.')}）` : ''}`);
  }
  const res = await channelIntake(parsed.data, channelActor(ch), now);
  return json(res.replayed ? 200 : 201, [
    {
      service_request_id: res.caseId,
      partner_request_id: ref,
      service_notice: res.duplicateOf ? `同一地点同类问题已在办理中，已并入 ${res.duplicateOf}` : res.replayed ? '该诉求此前已受理' : '诉求已受理',
      account_id: null,
    },
  ]);
}

async function postResult(ch: Channel, p: Params, now: () => number): Promise<HttpResponse> {
  if (ch.code !== 'grid') throw new HttpFail(403, '只有网格化平台可以反馈转办结果');
  const parsed = forwardResultInput.safeParse({
    forwardRef: p.forward_ref ?? p.service_request_id,
    outcome: p.outcome,
    result: p.result,
    photos: p.media_url ? [p.media_url] : [],
  });
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new HttpFail(400, `${i?.message ?? '请求参数不正确'}${i?.path.length ? `（${i.path.map(String).join('.')}）` : ''}`);
  }
  const applied = await forwardResult(parsed.data, channelActor(ch), now);
  return json(200, [requestView({ ...applied.case, _id: applied.case.id } as StoredCase, applied.org)]);
}

const STATUS_OF: Record<string, 400 | 403 | 404 | 409> = {
  INVALID_INPUT: 400,
  UNKNOWN_CATEGORY: 400,
  UNKNOWN_COMMUNITY: 400,
  CONTENT_RISKY: 400,
  RESULT_REQUIRED: 400,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  ROLE_FORBIDDEN: 403,
  RELATION_FORBIDDEN: 403,
  EVENT_NOT_ALLOWED: 409,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  AMBIGUOUS_REFERENCE: 409,
};

/** One HTTP request of the Open311 adapter. */
export async function handleOpen311(event: HttpEvent, now: () => number): Promise<HttpResponse> {
  try {
    const method = String(event.httpMethod ?? 'GET').toUpperCase();
    const route = routeOf(String(event.path ?? '/'));
    if (!route) throw new HttpFail(404, '未知的接口路径（支持 services、requests）');
    if (route.format !== 'json') throw new HttpFail(400, '仅支持 JSON 格式（.json）');
    const q: Params = {};
    for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined && v !== null) q[k] = String(v);
    const org = await getOrg();

    if (route.resource === 'services') {
      if (method !== 'GET') throw new HttpFail(405, '该接口只支持 GET');
      if (!route.id) return json(200, org.categories.map(serviceOf));
      const cat = org.byId.category.get(route.id);
      if (!cat) throw new HttpFail(404, `未找到服务 ${route.id}`);
      return json(200, { service_code: cat.code, attributes: [] });
    }
    if (route.resource === 'requests') {
      if (method === 'GET') {
        const ch = channelByKey(org, q.api_key ?? header(event, 'x-api-key'));
        return route.id ? await getRequest(ch, route.id, org) : await listRequests(ch, q, org, now());
      }
      if (method === 'POST' && !route.id) {
        const p = { ...q, ...bodyParams(event) };
        const ch = channelByKey(org, p.api_key ?? header(event, 'x-api-key'));
        return await postRequest(ch, p, now());
      }
      throw new HttpFail(405, '不支持的请求方法');
    }
    // results (extension)
    if (method !== 'POST' || route.id) throw new HttpFail(405, '该接口只支持 POST');
    const p = { ...q, ...bodyParams(event) };
    const ch = channelByKey(org, p.api_key ?? header(event, 'x-api-key'));
    return await postResult(ch, p, now);
  } catch (err) {
    if (err instanceof HttpFail) return error(err.status, err.message);
    if (err instanceof AppError) return error(STATUS_OF[err.code] ?? 400, err.message);
    console.error('[open311]', err);
    return error(500, '系统繁忙，请稍后重试');
  }
}
