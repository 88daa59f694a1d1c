/**
 * Channel intake (事项收集 from 12345, the grid platform, 数字城管, partner units) and the Open311 GeoReport v2
 * adapter that lets those systems talk to us over HTTP (WeChat cloud "HTTP 访问服务": the function gets an
 * integration request `{ path, httpMethod, headers, queryStringParameters, body, isBase64Encoded }` and answers
 * `{ statusCode, headers, body }`). Written from the GeoReport v2 text (wiki.open311.org/GeoReport_v2); every
 * resource answers XML (`.xml`, the spec's required format) and JSON (`.json`, and a path without a format).
 *
 *   GET  services                 the categories as services (type realtime, metadata false)
 *   GET  services/{code}          a service definition (no attributes); unknown code 404
 *   POST requests                 a new case from the channel of `api_key` (form or JSON). Required: service_code and
 *                                 a location — lat & long, or address_string, or address_id (a community id of ours);
 *                                 description optional (≤ 4000 characters). The partner's own reference
 *                                 (`partner_request_id`, extension, or `service_request_id`) makes re-posts idempotent
 *                                 per channel; without one, a digest of the report's content is the reference
 *   GET  requests                 the channel's own cases, newest first (filters: service_request_id list — which
 *                                 overrides all other arguments — service_code, start_date, end_date, status
 *                                 open|closed). The window defaults to the last 90 days and may not span more; pages
 *                                 of `page_size` (default and maximum 1000); a fuller list answers with the headers
 *                                 `X-Next-Page-Token` and `Link: <…&page_token=…>; rel="next"` (extension)
 *   GET  requests/{id}            one of the channel's cases; another channel's case is 404, as an unknown id
 *   GET  tokens/{id}              every service is realtime, so no token is ever issued: 404
 *   POST results                  (extension) the grid platform reports back on a forwarded case by its reference
 *
 * Callers: only WeChat's HTTP access service (`SOURCE` wx_http, no OPENID) is served. Each channel record (12345, the
 * grid platform, 数字城管, each partner unit) has its own api_key; the key names the channel, and a channel reads and
 * re-posts only within its own cases (by `channelId`, never by the shared kind). Reads of requests need the key too,
 * which the spec does not ask: cases are citizens' matters. Errors are the spec's `errors/error` ({ code,
 * description }) with HTTP 404 (no such resource), 403 (missing or unknown api_key, wrong caller) or 400 (anything
 * else; the body code is more specific: 405 method, 409 conflict, 415 body type, 500 failure). Statuses are reported
 * honestly: `open`/`closed` by the state's kind, the Chinese state label in `status_notes`, the street (or the
 * responsible departments) as `agency_responsible`.
 */
import { BUSINESS_OFFSET_MS, DAY_MS } from '@domain/common/business-time';
import { createHash, timingSafeEqual } from 'node:crypto';
import { channelIntakeInput, forwardResultInput, type ChannelIntakeInput, type ForwardResultInput } from '@domain/case/case-schema';
import { resolveChannel } from '@domain/case/case-channel';
import { CASE_STATES, STATE_LIST, type CaseRecord } from '@domain/case/case-types';
import type { Channel } from '@domain/org/org-types';
import type { Actor } from '@domain/common/actor-types';
import { AppError, Errors } from './errors';
import { applyCaseEvent, type Applied } from './case-runner';
import { ensureChannelIdentity } from './channel-identity';
import { intake, type IntakeResult } from './intake';
import { getOrg, unitName, type Org } from './org';
import { recordOf, type StoredCase } from './repos/records';
import { findCasesWhere } from './repos/cases';
import { ops } from './repos/filters';
import { rateLimit } from './rate-limit';

// ───────────────────────────── channel intake (shared by the api action and Open311) ─────────────────────────────

/**
 * A channel's case: idempotent by the channel record + the channel's reference (two partner units never share a
 * reference space); `hard` marks it 疑难件 (story 4). The channel is named by its record (`channelId`) or by a kind
 * only one record has.
 */
export async function channelIntake(input: ChannelIntakeInput, actor: Actor, now: () => number): Promise<IntakeResult> {
  const org = await getOrg();
  const found = resolveChannel(org.channels, { channelId: input.channelId, channel: input.channel });
  if (!found.ok) throw Errors.invalidInput(found.message);
  await ensureChannelIdentity(now);
  const ch = found.channel;
  return intake(
    {
      channel: ch.code,
      channelId: ch._id,
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
    now(),
  );
}

/**
 * The forwarded case a grid platform reference points at (its reference, or our case id while it is forwarded).
 * Forwarded cases are the grid platform's business whatever channel they came through; only grid channels and the
 * command centre report on them.
 */
export async function findForwarded(forwardRef: string): Promise<StoredCase> {
  const byRef = await findCasesWhere({ forwardRef }, { limit: 2 });
  if (byRef.length > 1) throw new AppError('AMBIGUOUS_REFERENCE', '网格工单编号对应多个事项，请联系指挥中心处理');
  if (byRef[0]) return byRef[0];
  const byId = await findCasesWhere({ _id: forwardRef, state: 'forwarded' }, { limit: 1 });
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

/** Who invoked the function (WeChat's context): only the HTTP access service, without a user, is served. */
export interface HttpCaller {
  openid?: string;
  source?: string;
}

type Format = 'json' | 'xml';
type HttpStatus = 200 | 201 | 400 | 403 | 404 | 429;

// XML 1.0 allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; lone surrogates are dropped too
const XML_INVALID = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text as XML character data: invalid characters removed, & < > " ' escaped. */
export function xmlText(value: string): string {
  return value.replace(XML_INVALID, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

type Scalar = string | number | boolean | null | undefined;
/** A document in the spec's shapes: an element of scalars, nested objects, or a list of one child element name. */
type XmlNode = Scalar | { [name: string]: XmlNode } | { $list: string; items: XmlNode[] };

function xmlNode(name: string, node: XmlNode, indent: string): string {
  if (node === null || node === undefined || node === '') return `${indent}<${name}/>`;
  if (typeof node !== 'object') return `${indent}<${name}>${xmlText(String(node))}</${name}>`;
  const inner = '$list' in node && Array.isArray(node.items)
    ? node.items.map((item) => xmlNode(node.$list as string, item, `${indent}  `))
    : Object.entries(node as Record<string, XmlNode>).map(([k, v]) => xmlNode(k, v, `${indent}  `));
  return inner.length ? `${indent}<${name}>\n${inner.join('\n')}\n${indent}</${name}>` : `${indent}<${name}/>`;
}

/** A whole XML answer: the declaration with its encoding, then the root element. */
export function xmlDocument(root: string, node: XmlNode): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${xmlNode(root, node, '')}\n`;
}

/** What an answer holds: JSON is the spec's Spark mapping of the XML (a list element becomes an array). */
interface Doc {
  root: string;
  /** the list's child element (services → service, service_requests → request, errors → error) */
  item?: string;
  data: Record<string, Scalar | XmlNode> | Array<Record<string, Scalar | XmlNode>>;
}

const CONTENT_TYPE: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

function toJson(node: XmlNode | Doc['data']): unknown {
  if (Array.isArray(node)) return node.map(toJson);
  if (node && typeof node === 'object') {
    if ('$list' in node && Array.isArray((node as { items: XmlNode[] }).items)) return (node as { items: XmlNode[] }).items.map(toJson);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, toJson(v as XmlNode)]));
  }
  return node === undefined ? null : node;
}

function respond(format: Format, statusCode: HttpStatus, doc: Doc, extraHeaders: Record<string, string> = {}): HttpResponse {
  const body =
    format === 'xml'
      ? xmlDocument(doc.root, Array.isArray(doc.data) ? { $list: doc.item!, items: doc.data as XmlNode[] } : (doc.data as XmlNode))
      : JSON.stringify(toJson(doc.data));
  return { statusCode, headers: { 'content-type': CONTENT_TYPE[format], 'cache-control': 'no-store', ...extraHeaders }, body, isBase64Encoded: false };
}

/**
 * An Open311 error: HTTP 404 (no such resource), 403 (api_key or caller) or 400 (anything else), the body's code
 * more specific where it helps (405 method, 409 conflict, 415 body type, 500 failure).
 */
class HttpFail extends Error {
  constructor(public readonly status: 400 | 403 | 404 | 429, message: string, public readonly code: number = status) {
    super(message);
  }
}

function errorResponse(format: Format, err: HttpFail): HttpResponse {
  return respond(format, err.status, { root: 'errors', item: 'error', data: [{ code: err.code, description: err.message }] });
}

type Params = Record<string, string>;

function header(event: HttpEvent, name: string): string {
  const h = event.headers ?? {};
  for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === name) return String(v ?? '');
  return '';
}

/** Parameters without the empty ones: the spec treats an empty parameter as one not given. */
function present(entries: Iterable<[string, unknown]>): Params {
  const out: Params = {};
  for (const [k, v] of entries) {
    if (v === null || v === undefined) continue;
    const str = typeof v === 'string' ? v : String(v);
    if (str.trim() !== '') out[k] = str;
  }
  return out;
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
    return present(Object.entries(parsed as Record<string, unknown>));
  }
  if (type.includes('application/x-www-form-urlencoded') || !type) return present(new URLSearchParams(text).entries());
  throw new HttpFail(400, '仅支持 application/x-www-form-urlencoded 或 application/json', 415);
}

type Resource = 'services' | 'requests' | 'tokens' | 'results';
interface Route {
  resource: Resource;
  id?: string;
  format: Format;
}

/** The format a path asks for (for errors on paths that are not routes): `.xml` or else JSON. */
function formatOfPath(path: string): Format {
  return /\.xml$/i.test(path.split('?')[0]) ? 'xml' : 'json';
}

/** The route after the function's trigger path: the last segment named services/requests/tokens/results. */
function routeOf(path: string): Route | null {
  const segs = path.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  for (let i = segs.length - 1; i >= 0; i--) {
    const m = /^(services|requests|tokens|results)(?:\.(json|xml))?$/.exec(segs[i]);
    if (!m) continue;
    const rest = segs.slice(i + 1);
    if (rest.length > 1) return null;
    if (rest.length === 0) return { resource: m[1] as Resource, format: (m[2] as Format) ?? 'json' };
    if (m[2]) return null;
    const idm = /^(.+?)(?:\.(json|xml))?$/.exec(rest[0])!;
    return { resource: m[1] as Resource, id: idm[1], format: (idm[2] as Format) ?? 'json' };
  }
  return null;
}

function keyMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The channel whose api_key this is; every key is compared (in constant time per key). */
function channelByKey(org: Org, key: string | undefined): Channel {
  if (!key) throw new HttpFail(403, '缺少 api_key');
  let found: Channel | undefined;
  for (const c of org.channels) if (c.apiKey && keyMatches(key, c.apiKey) && !found) found = c;
  if (!found) throw new HttpFail(403, 'api_key 无效');
  return found;
}

// ───────────────────────────── Open311 views ─────────────────────────────

/** The spec's default window and the most one query may span. */
const WINDOW_MS = 90 * DAY_MS;
/** The spec's "first 1000 requests": the default and largest page. */
const MAX_PAGE = 1000;
const MAX_IDS = 100;

/** W3C date-time in Asia/Shanghai (no DST), e.g. 2026-11-17T09:00:00+08:00. */
export function w3c(at: number | undefined): string | null {
  if (at === undefined || at === null) return null;
  return new Date(at + BUSINESS_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** A W3C date-time (the spec: time zone required). */
function parseDate(s: string | undefined, name: string): number | undefined {
  if (!s) return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s.trim());
  const t = Date.parse(s.trim());
  if (!ok || Number.isNaN(t)) throw new HttpFail(400, `${name} 日期格式不正确（应为带时区的 W3C 格式，如 2026-11-17T09:00:00+08:00）`);
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

/** A case as a GeoReport v2 service request (plus `partner_request_id`, the channel's reference: an extension). */
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
    address_id: c.communityId ?? null,
    zipcode: null,
    lat: lat ?? null,
    long: lng ?? null,
    media_url: c.photos.find((p) => /^https?:\/\//.test(p)) ?? null,
  };
}

// ───────────────────────────── handlers ─────────────────────────────

const requestsDoc = (data: Doc['data']): Doc => ({ root: 'service_requests', item: 'request', data });

function list(s: string | undefined): string[] {
  return (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
}

/** A page position: the last request of the previous page (keyset on createdAt desc, _id desc). */
function encodeToken(doc: { createdAt: number; _id: string }): string {
  return Buffer.from(JSON.stringify([doc.createdAt, doc._id]), 'utf8').toString('base64url');
}

function decodeToken(token: string): { createdAt: number; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof createdAt === 'number' && Number.isFinite(createdAt) && typeof id === 'string' && id) return { createdAt, id };
  } catch {
    /* falls through */
  }
  throw new HttpFail(400, 'page_token 不正确');
}

function pageSizeOf(q: Params): number {
  if (q.page_size === undefined) return MAX_PAGE;
  const n = Number(q.page_size);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw new HttpFail(400, `page_size 应为 1 到 ${MAX_PAGE} 的整数`);
  return n;
}

async function listRequests(ch: Channel, q: Params, route: Route, org: Org, now: number): Promise<HttpResponse> {
  const _ = ops();
  const ids = list(q.service_request_id);
  if (ids.length > MAX_IDS) throw new HttpFail(400, `service_request_id 一次最多查询 ${MAX_IDS} 个`);
  if (ids.length) {
    // the spec: a service_request_id list overrides all other arguments
    const docs = await findCasesWhere({ channelId: ch._id, _id: _.in(ids) }, { newestFirst: true, limit: MAX_IDS });
    return respond(route.format, 200, requestsDoc(docs.map((d) => requestView(d, org))));
  }

  const where: Record<string, unknown> = { channelId: ch._id };
  const codes = list(q.service_code);
  if (codes.length) where.categoryCode = codes.length === 1 ? codes[0] : _.in(codes);
  const statuses = list(q.status);
  if (statuses.some((s) => s !== 'open' && s !== 'closed')) throw new HttpFail(400, 'status 只能是 open 或 closed（可用逗号分隔）');
  const kinds = new Set(statuses);
  if (kinds.size === 1) where.state = _.in(STATE_LIST.filter((s) => CASE_STATES[s].kind === statuses[0]));

  // the window: the last 90 days unless given, never more than 90 days
  // (without end_date the window is open-ended: nothing written by an instance whose clock runs a little ahead is lost)
  let start = parseDate(q.start_date, 'start_date');
  let end = parseDate(q.end_date, 'end_date');
  if (start === undefined) start = (end ?? now) - WINDOW_MS;
  else if (end === undefined && start < now - WINDOW_MS) end = start + WINDOW_MS;
  if (end !== undefined && start > end) throw new HttpFail(400, 'start_date 不能晚于 end_date');
  if (end !== undefined && end - start > WINDOW_MS) throw new HttpFail(400, '查询时间范围不能超过 90 天');
  where.createdAt = end !== undefined ? _.gte(start).and(_.lte(end)) : _.gte(start);

  const size = pageSizeOf(q);
  let cond: unknown = where;
  if (q.page_token) {
    const after = decodeToken(q.page_token);
    cond = _.and([where, _.or([{ createdAt: _.lt(after.createdAt) }, { createdAt: after.createdAt, _id: _.lt(after.id) }])]);
  }
  // one more than the page tells whether there is a next page (within the SDK's 1000 per read)
  const read = Math.min(size + 1, MAX_PAGE);
  const docs = await findCasesWhere(cond as Record<string, unknown>, { newestFirst: true, limit: read });
  let more = docs.length > size;
  const page = docs.slice(0, size);
  if (!more && docs.length === size && size === MAX_PAGE) {
    const last = page[page.length - 1];
    const probe = await findCasesWhere<{ _id: string }>(_.and([where, _.or([{ createdAt: _.lt(last.createdAt) }, { createdAt: last.createdAt, _id: _.lt(last._id) }])]), { limit: 1, projection: { _id: true } });
    more = probe.length > 0;
  }
  const headers: Record<string, string> = {};
  if (more && page.length) {
    const token = encodeToken(page[page.length - 1]);
    const next = new URLSearchParams({ ...q, page_token: token });
    next.delete('api_key');
    headers['x-next-page-token'] = token;
    headers.link = `<requests.${route.format}?${next.toString()}>; rel="next"`;
  }
  return respond(route.format, 200, requestsDoc(page.map((d) => requestView(d, org))), headers);
}

async function getRequest(ch: Channel, route: Route, org: Org): Promise<HttpResponse> {
  // another channel's case is not found, exactly like an id that does not exist
  const docs = await findCasesWhere({ _id: route.id!, channelId: ch._id }, { limit: 1 });
  if (!docs[0]) throw new HttpFail(404, `未找到诉求 ${route.id}`);
  return respond(route.format, 200, requestsDoc([requestView(docs[0], org)]));
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
  for (const k of ['service_code', 'lat', 'long', 'address_string', 'address_id', 'description', 'email', 'phone', 'media_url']) h.update(`${k}=${p[k] ?? ''}\n`);
  return `sha-${h.digest('hex').slice(0, 40)}`;
}

async function postRequest(ch: Channel, p: Params, route: Route, org: Org, now: () => number): Promise<HttpResponse> {
  await rateLimit('open311', ch._id, now());
  if (!p.service_code) throw new HttpFail(400, '缺少 service_code');
  const cat = org.byId.category.get(p.service_code);
  if (!cat) throw new HttpFail(404, `未找到服务 ${p.service_code}`);
  const lat = num(p.lat, 'lat', -90, 90);
  const lng = num(p.long, 'long', -180, 180);
  if ((lat === undefined) !== (lng === undefined)) throw new HttpFail(400, 'lat 与 long 须同时提供');
  const address = (p.address_string ?? '').trim();
  const addressId = (p.address_id ?? '').trim();
  if (lat === undefined && !address && !addressId) throw new HttpFail(400, '缺少位置：须提供 lat 与 long、address_string 或 address_id 之一');
  const community = addressId ? org.byId.community.get(addressId) : undefined;
  if (addressId && !community) throw new HttpFail(400, `address_id ${addressId} 不是本区的社区编号`);
  const where = address || (lat !== undefined ? `${lat},${lng}` : community!.name);
  // description is optional in GeoReport v2: without one the case says what and where
  let description = (p.description ?? '').trim() || `${cat.name}（${where}）`;
  if (lat === undefined && address) description = `${description}（地址：${address}）`;
  const ref = (p.partner_request_id ?? p.service_request_id ?? '').trim() || contentRef(p);
  const name = [p.last_name, p.first_name].filter(Boolean).join('') || undefined;
  const payload = {
    channelId: ch._id,
    channelRef: ref,
    categoryCode: p.service_code,
    description,
    photos: p.media_url ? [p.media_url] : [],
    location: lat !== undefined && lng !== undefined ? { point: { type: 'Point', coordinates: [lng, lat] }, address: address || `${lat},${lng}` } : undefined,
    communityId: community?._id,
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
  return respond(route.format, res.replayed ? 200 : 201, requestsDoc([
    {
      service_request_id: res.caseId,
      partner_request_id: ref,
      service_notice: res.duplicateOf ? `同一地点同类问题已在办理中，已并入 ${res.duplicateOf}` : res.replayed ? '该诉求此前已受理' : '诉求已受理',
      account_id: null,
    },
  ]));
}

async function postResult(ch: Channel, p: Params, route: Route, now: () => number): Promise<HttpResponse> {
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
  return respond(route.format, 200, requestsDoc([requestView({ ...applied.case, _id: applied.case.id } as StoredCase, applied.org)]));
}

/** Domain error codes as Open311 errors: [HTTP status, body code]. */
const STATUS_OF: Record<string, [400 | 403 | 404 | 429, number]> = {
  // per-key rate limit (src/domain/common/rate-limits.ts): HTTP's own code, with Retry-After
  RATE_LIMITED: [429, 429],
  NOT_FOUND: [404, 404],
  FORBIDDEN: [403, 403],
  ROLE_FORBIDDEN: [403, 403],
  RELATION_FORBIDDEN: [403, 403],
  EVENT_NOT_ALLOWED: [400, 409],
  CONFLICT: [400, 409],
  VERSION_CONFLICT: [400, 409],
  AMBIGUOUS_REFERENCE: [400, 409],
};

const notAllowed = (allowed: string) => new HttpFail(400, `该接口只支持 ${allowed}`, 405);

/** One HTTP request of the Open311 adapter. */
export async function handleOpen311(event: HttpEvent, now: () => number, caller: HttpCaller): Promise<HttpResponse> {
  const path = String(event.path ?? '/');
  const route = routeOf(path);
  const format: Format = route?.format ?? formatOfPath(path);
  try {
    if (caller.openid) throw new HttpFail(403, '该接口仅供渠道系统通过 HTTP 调用');
    if (caller.source !== 'wx_http') throw new HttpFail(403, '该接口只接受云开发 HTTP 访问服务的请求');
    if (!route) throw new HttpFail(404, '未知的接口路径（支持 services、requests、tokens）');
    const method = String(event.httpMethod ?? 'GET').toUpperCase();
    const q = present(Object.entries(event.queryStringParameters ?? {}));
    const org = await getOrg();

    if (route.resource === 'services') {
      if (method !== 'GET') throw notAllowed('GET');
      if (!route.id) return respond(format, 200, { root: 'services', item: 'service', data: org.categories.map(serviceOf) });
      const cat = org.byId.category.get(route.id);
      if (!cat) throw new HttpFail(404, `未找到服务 ${route.id}`);
      return respond(format, 200, { root: 'service_definition', data: { service_code: cat.code, attributes: { $list: 'attribute', items: [] } } });
    }
    if (route.resource === 'tokens') {
      if (method !== 'GET') throw notAllowed('GET');
      if (!route.id) throw new HttpFail(400, '缺少 token');
      // every service is realtime: the id comes back at once and no token is ever issued
      throw new HttpFail(404, `未找到 token ${route.id}（本接口的服务均为实时受理，不签发 token）`);
    }
    if (route.resource === 'requests') {
      if (method === 'GET') {
        const ch = channelByKey(org, q.api_key ?? header(event, 'x-api-key'));
        await ensureChannelIdentity(now);
        return route.id ? await getRequest(ch, route, org) : await listRequests(ch, q, route, org, now());
      }
      if (method === 'POST' && !route.id) {
        const p = { ...q, ...bodyParams(event) };
        const ch = channelByKey(org, p.api_key ?? header(event, 'x-api-key'));
        return await postRequest(ch, p, route, org, now);
      }
      throw notAllowed(route.id ? 'GET' : 'GET、POST');
    }
    // results (extension)
    if (method !== 'POST' || route.id) throw notAllowed('POST');
    const p = { ...q, ...bodyParams(event) };
    const ch = channelByKey(org, p.api_key ?? header(event, 'x-api-key'));
    return await postResult(ch, p, route, now);
  } catch (err) {
    if (err instanceof HttpFail) return errorResponse(format, err);
    if (err instanceof AppError) {
      const [status, code] = STATUS_OF[err.code] ?? [400, 400];
      const res = errorResponse(format, new HttpFail(status, err.message, code));
      const retry = (err.details as { retryAfterSec?: number } | undefined)?.retryAfterSec;
      return retry ? { ...res, headers: { ...res.headers, 'Retry-After': String(retry) } } : res;
    }
    console.error('[open311]', err);
    return errorResponse(format, new HttpFail(400, '系统繁忙，请稍后重试', 500));
  }
}
