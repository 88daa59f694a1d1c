/**
 * Open311 GeoReport v2 conformance, written from the spec text (wiki.open311.org/GeoReport_v2): every resource in
 * XML (the required format) and JSON, required and optional arguments, the error format and HTTP codes, the default
 * 90-day window, paging (extension: page_size / page_token), caller verification, and two partner units whose keys
 * never see each other's requests. Through the built `open311` function on the real SDK against local/.
 * XML answers are parsed with a strict parser (saxes): a malformed document fails the test.
 */
import { SaxesParser } from 'saxes';
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg } from './seed';
import { CATEGORIES } from '../../src/domain/org/seed/categories';

let t: TestCloud;
const T0 = Date.parse('2026-11-17T09:00:00+08:00');
beforeAll(async () => {
  t = await startTestCloud(T0);
  seedOrg(t.cloud);
});
afterAll(() => t.stop());

const KEY_12345 = 'dev-open311-12345';
const KEY_SWJT = 'dev-open311-swjt';
const KEY_GDGS = 'dev-open311-gdgs';

interface Req {
  query?: Record<string, string>;
  form?: Record<string, string>;
  openid?: string;
  source?: string;
}
interface Res {
  status: number;
  type: string;
  headers: Record<string, string>;
  text: string;
}
async function call(method: string, path: string, req: Req = {}): Promise<Res> {
  const body = req.form ? new URLSearchParams(req.form).toString() : '';
  const event = {
    path,
    httpMethod: method,
    headers: req.form ? { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } : {},
    queryStringParameters: req.query ?? {},
    body,
    isBase64Encoded: false,
  };
  const res = (await t.cloud.callFunction('open311', event, { openid: req.openid, source: req.source ?? 'wx_http' })) as { statusCode: number; headers: Record<string, string>; body: string };
  return { status: res.statusCode, type: res.headers['content-type'], headers: res.headers, text: res.body };
}
const json = async (method: string, path: string, req?: Req) => {
  const r = await call(method, path, req);
  expect(r.type).toBe('application/json; charset=utf-8');
  return { ...r, body: JSON.parse(r.text) };
};

// ── a strict XML reading of an answer ──
interface El {
  name: string;
  children: El[];
  text: string;
}
function parseXml(text: string): El {
  // the spec: the root element is preceded by the XML declaration with the encoding
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const parser = new SaxesParser({ xmlns: false });
  const stack: El[] = [];
  let root: El | undefined;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const el: El = { name: tag.name, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (s) => {
    if (stack.length) stack[stack.length - 1].text += s;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(text).close();
  return root!;
}
const xml = async (method: string, path: string, req?: Req) => {
  const r = await call(method, path, req);
  expect(r.type).toBe('text/xml; charset=utf-8');
  return { ...r, root: parseXml(r.text) };
};
const child = (el: El, name: string) => el.children.find((c) => c.name === name);
const value = (el: El, name: string) => {
  const c = child(el, name);
  if (!c) throw new Error(`<${el.name}> has no <${name}>`);
  return c.text.trim();
};
/** The spec's error document: errors/error with code and description. */
function expectXmlError(root: El, code: number) {
  expect(root.name).toBe('errors');
  expect(root.children.map((c) => c.name)).toEqual(['error']);
  expect(value(root.children[0], 'code')).toBe(String(code));
  expect(value(root.children[0], 'description').length).toBeGreaterThan(0);
}

const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

const zuohai = { lat: '26.104', long: '119.283', address_string: '左海公园北门' };
let seq = 0;
async function post(key: string, extra: Record<string, string> = {}): Promise<string> {
  seq += 1;
  const res = await json('POST', '/requests.json', { form: { api_key: key, service_code: 'lamp', lat: String(26.08 + seq * 0.0013), long: '119.29', description: `路灯不亮（第${seq}盏）`, partner_request_id: `R-${seq}`, ...extra } });
  expect(res.status).toBe(201);
  return res.body[0].service_request_id as string;
}

describe('GET services (XML required, JSON offered)', () => {
  test('services.xml: services/service with the spec’s fields; services.json is the same list', async () => {
    const x = await xml('GET', '/services.xml');
    expect(x.status).toBe(200);
    expect(x.root.name).toBe('services');
    expect(x.root.children).toHaveLength(CATEGORIES.length);
    for (const s of x.root.children) {
      expect(s.name).toBe('service');
      expect(s.children.map((c) => c.name)).toEqual(SERVICE_FIELDS);
      expect(value(s, 'metadata')).toBe('false');
      expect(value(s, 'type')).toBe('realtime');
    }
    const j = await json('GET', '/services.json', { query: { jurisdiction_id: 'gl.gov.cn' } });
    expect(j.status).toBe(200);
    expect(j.body.map((s: any) => s.service_code)).toEqual(x.root.children.map((s) => value(s, 'service_code')));
    expect(j.body.map((s: any) => s.service_name)).toEqual(x.root.children.map((s) => value(s, 'service_name')));
    expect(Object.keys(j.body[0])).toEqual(SERVICE_FIELDS);
  });

  test('services/{code}: service_definition with service_code and attributes, in both formats; unknown code 404', async () => {
    const x = await xml('GET', '/services/lamp.xml');
    expect(x.status).toBe(200);
    expect(x.root.name).toBe('service_definition');
    expect(value(x.root, 'service_code')).toBe('lamp');
    expect(child(x.root, 'attributes')?.children).toEqual([]);
    expect(await json('GET', '/services/lamp.json')).toMatchObject({ status: 200, body: { service_code: 'lamp', attributes: [] } });
    const missing = await xml('GET', '/services/nope.xml');
    expect(missing.status).toBe(404);
    expectXmlError(missing.root, 404);
    expect(await json('GET', '/services/nope.json')).toMatchObject({ status: 404, body: [{ code: 404, description: expect.stringContaining('nope') }] });
  });
});

describe('POST requests', () => {
  test('requests.xml answers service_requests/request with service_request_id, service_notice and account_id', async () => {
    const x = await xml('POST', '/requests.xml', { form: { api_key: KEY_12345, service_code: 'lamp', ...zuohai, description: '路灯不亮', partner_request_id: 'X-1' } });
    expect(x.status).toBe(201);
    expect(x.root.name).toBe('service_requests');
    const [r] = x.root.children;
    expect(r.name).toBe('request');
    expect(value(r, 'service_request_id')).toMatch(/^GL20261117-/);
    expect(value(r, 'service_notice')).toBe('诉求已受理');
    expect(child(r, 'account_id')).toEqual({ name: 'account_id', children: [], text: '' });
    // a re-post in the other format is the same request
    const again = await json('POST', '/requests.json', { form: { api_key: KEY_12345, service_code: 'lamp', ...zuohai, description: '路灯不亮', partner_request_id: 'X-1' } });
    expect(again).toMatchObject({ status: 200, body: [{ service_request_id: value(r, 'service_request_id') }] });
  });

  test('description is optional: the case says what and where', async () => {
    const res = await json('POST', '/requests.json', { form: { api_key: KEY_12345, service_code: 'ads', lat: '26.0822', long: '119.296', address_string: '东街口天桥', partner_request_id: 'NODESC-1' } });
    expect(res.status).toBe(201);
    const [doc] = t.cloud.store.find('cases', { _id: res.body[0].service_request_id }) as any[];
    expect(doc.description).toBe(`${CATEGORIES.find((c) => c.code === 'ads')!.name}（东街口天桥）`);
    // an empty parameter is a parameter not given (spec: Optional Arguments)
    const empty = await json('POST', '/requests.json', { form: { api_key: KEY_12345, service_code: 'lamp', lat: '26.1', long: '119.28', description: '', email: '', partner_request_id: 'NODESC-2' } });
    expect(empty.status).toBe(201);
  });

  test('the location is lat & long, or address_string, or address_id (a community id); none of them is 400', async () => {
    const byAddress = await json('POST', '/requests.json', { form: { api_key: KEY_12345, service_code: 'lamp', address_string: '鼓楼区西湖路1号', description: '路灯不亮', partner_request_id: 'LOC-1' } });
    expect(byAddress.status).toBe(201);
    const byId = await json('POST', '/requests.json', { form: { api_key: KEY_12345, service_code: 'lamp', address_id: 'comm-zuohai', description: '路灯不亮', partner_request_id: 'LOC-2' } });
    expect(byId.status).toBe(201);
    const [doc] = t.cloud.store.find('cases', { _id: byId.body[0].service_request_id }) as any[];
    expect(doc).toMatchObject({ communityId: 'comm-zuohai', streetId: 'street-wufeng', state: 'dispatched' });
    const read = await json('GET', `/requests/${doc._id}.json`, { query: { api_key: KEY_12345 } });
    expect(read.body[0]).toMatchObject({ address_id: 'comm-zuohai', lat: null, long: null });

    const before = t.cloud.store.count('cases', {});
    const none = await xml('POST', '/requests.xml', { form: { api_key: KEY_12345, service_code: 'lamp', description: '路灯不亮', partner_request_id: 'LOC-3' } });
    expect(none.status).toBe(400);
    expectXmlError(none.root, 400);
    expect(value(none.root.children[0], 'description')).toContain('address_string');
    const unknown = await json('POST', '/requests.json', { form: { api_key: KEY_12345, service_code: 'lamp', address_id: 'comm-nowhere', partner_request_id: 'LOC-4' } });
    expect(unknown).toMatchObject({ status: 400, body: [{ code: 400, description: expect.stringContaining('comm-nowhere') }] });
    expect(t.cloud.store.count('cases', {})).toBe(before);
  });

  test('a description up to 4000 characters is accepted, a longer one is 400', async () => {
    const long = '路'.repeat(4000);
    expect((await json('POST', '/requests.json', { form: { api_key: KEY_12345, service_code: 'lamp', ...zuohai, lat: '26.111', description: long, partner_request_id: 'LONG-1' } })).status).toBe(201);
    expect((await json('POST', '/requests.json', { form: { api_key: KEY_12345, service_code: 'lamp', ...zuohai, description: `${long}路`, partner_request_id: 'LONG-2' } })).status).toBe(400);
  });

  test('api_key missing or unknown: 403 in the spec’s error format (both formats); service_code missing 400, unknown 404', async () => {
    const before = t.cloud.store.count('cases', {});
    const noKey = await xml('POST', '/requests.xml', { form: { service_code: 'lamp', ...zuohai } });
    expect(noKey.status).toBe(403);
    expectXmlError(noKey.root, 403);
    const badKey = await json('POST', '/requests.json', { form: { api_key: 'dev-open311-forged', service_code: 'lamp', ...zuohai } });
    expect(badKey).toMatchObject({ status: 403, body: [{ code: 403, description: 'api_key 无效' }] });
    expect((await json('POST', '/requests.json', { form: { api_key: KEY_12345, ...zuohai } })).status).toBe(400);
    const unknown = await xml('POST', '/requests.xml', { form: { api_key: KEY_12345, service_code: 'ufo', ...zuohai } });
    expect(unknown.status).toBe(404);
    expectXmlError(unknown.root, 404);
    expect(t.cloud.store.count('cases', {})).toBe(before);
  });
});

describe('GET requests and requests/{id}', () => {
  test('requests/{id}.xml: service_requests/request with every field of the spec, JSON the same values', async () => {
    const id = await post(KEY_12345);
    const x = await xml('GET', `/requests/${id}.xml`, { query: { api_key: KEY_12345 } });
    expect(x.status).toBe(200);
    expect(x.root.name).toBe('service_requests');
    const [r] = x.root.children;
    expect(r.name).toBe('request');
    for (const f of REQUEST_FIELDS) expect(child(r, f)).toBeDefined();
    expect(value(r, 'status')).toBe('open');
    expect(value(r, 'requested_datetime')).toMatch(W3C);
    expect(value(r, 'updated_datetime')).toMatch(W3C);
    expect(child(r, 'zipcode')?.text).toBe('');
    const j = await json('GET', `/requests/${id}.json`, { query: { api_key: KEY_12345 } });
    expect(j.body).toHaveLength(1);
    for (const f of REQUEST_FIELDS) {
      const v = j.body[0][f];
      expect(v === null ? '' : String(v)).toBe(value(r, f));
    }
    const missing = await xml('GET', '/requests/GL-NOPE.xml', { query: { api_key: KEY_12345 } });
    expect(missing.status).toBe(404);
    expectXmlError(missing.root, 404);
  });

  test('text is escaped for XML: & < > " \' survive, characters XML cannot carry are dropped', async () => {
    const nasty = `井盖<破损> & "很危险" 'x'\u0001]]>`;
    const id = await post(KEY_12345, { description: nasty });
    const x = await xml('GET', `/requests/${id}.xml`, { query: { api_key: KEY_12345 } });
    expect(x.root.children[0].children.find((c) => c.name === 'description')!.text).toBe(nasty.replace('\u0001', ''));
    const list = await xml('GET', '/requests.xml', { query: { api_key: KEY_12345, service_request_id: id } });
    expect(value(list.root.children[0], 'description')).toBe(nasty.replace('\u0001', ''));
  });

  test('service_request_id (comma delimited) overrides every other argument', async () => {
    const a = await post(KEY_12345);
    const b = await post(KEY_12345);
    const res = await json('GET', '/requests.json', { query: { api_key: KEY_12345, service_request_id: `${a},${b}`, status: 'closed', service_code: 'drain', start_date: '2020-01-01T00:00:00Z', end_date: '2020-01-02T00:00:00Z' } });
    expect(res.status).toBe(200);
    expect(res.body.map((r: any) => r.service_request_id).sort()).toEqual([a, b].sort());
  });

  test('status takes open, closed or both (comma delimited); service_code takes several', async () => {
    const all = await json('GET', '/requests.json', { query: { api_key: KEY_12345 } });
    const both = await json('GET', '/requests.json', { query: { api_key: KEY_12345, status: 'open,closed' } });
    expect(both.body.map((r: any) => r.service_request_id)).toEqual(all.body.map((r: any) => r.service_request_id));
    const codes = await json('GET', '/requests.json', { query: { api_key: KEY_12345, service_code: 'lamp,ads' } });
    expect(new Set(codes.body.map((r: any) => r.service_code))).toEqual(new Set(['lamp', 'ads']));
    expect((await xml('GET', '/requests.xml', { query: { api_key: KEY_12345, status: 'pending' } })).status).toBe(400);
  });

  test('the window: the last 90 days by default, never more than 90 days, W3C dates with a time zone', async () => {
    const old = T0 - 100 * 86400_000;
    t.clock.set(old);
    const oldId = await post(KEY_12345, { partner_request_id: 'OLD-100D' });
    t.clock.set(T0);
    const ids = async (query: Record<string, string>) => (await json('GET', '/requests.json', { query: { api_key: KEY_12345, ...query } })).body.map((r: any) => r.service_request_id);
    expect(await ids({})).not.toContain(oldId);
    expect(await ids({ start_date: '2026-08-01T00:00:00+08:00' })).toContain(oldId);
    expect(await ids({ end_date: '2026-08-31T00:00:00+08:00' })).toContain(oldId);
    expect(await ids({ start_date: '2026-08-01T00:00:00+08:00', end_date: '2026-08-31T00:00:00+08:00' })).toEqual([oldId]);
    const span = await xml('GET', '/requests.xml', { query: { api_key: KEY_12345, start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' } });
    expect(span.status).toBe(400);
    expectXmlError(span.root, 400);
    expect((await json('GET', '/requests.json', { query: { api_key: KEY_12345, start_date: '2026-11-17T00:00:00Z', end_date: '2026-11-16T00:00:00Z' } })).status).toBe(400);
    expect((await json('GET', '/requests.json', { query: { api_key: KEY_12345, start_date: '2026-11-17T00:00:00' } })).status).toBe(400);
  });

  test('paging: page_size pages, X-Next-Page-Token and Link rel=next until the last page; nothing lost or repeated', async () => {
    // a channel of its own for a known count: the second partner unit
    const mine: string[] = [];
    for (let i = 0; i < 7; i++) mine.push(await post(KEY_GDGS, { partner_request_id: `GD-PAGE-${i}` }));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await json('GET', '/requests.json', { query: { api_key: KEY_GDGS, page_size: '3', ...(token ? { page_token: token } : {}) } });
      expect(res.status).toBe(200);
      pages++;
      seen.push(...res.body.map((r: any) => r.service_request_id));
      token = res.headers['x-next-page-token'];
      if (token) {
        expect(res.body).toHaveLength(3);
        expect(res.headers.link).toBe(`<requests.json?page_size=3&page_token=${token}>; rel="next"`);
      } else expect(res.headers.link).toBeUndefined();
    } while (token && pages < 10);
    expect(pages).toBe(3);
    expect(seen.length).toBe(7);
    expect(new Set(seen)).toEqual(new Set(mine));
    // newest first, the same order as one page of all
    const all = await json('GET', '/requests.json', { query: { api_key: KEY_GDGS } });
    expect(all.body.map((r: any) => r.service_request_id)).toEqual(seen);
    expect(all.headers['x-next-page-token']).toBeUndefined();
    // XML pages the same way
    const x = await xml('GET', '/requests.xml', { query: { api_key: KEY_GDGS, page_size: '5' } });
    expect(x.root.children).toHaveLength(5);
    expect(x.headers.link).toMatch(/^<requests\.xml\?page_size=5&page_token=[\w-]+>; rel="next"$/);
    for (const bad of [{ page_size: '0' }, { page_size: '1001' }, { page_size: 'ten' }, { page_token: 'garbage' }] as Record<string, string>[]) {
      expect((await json('GET', '/requests.json', { query: { api_key: KEY_GDGS, ...bad } })).status).toBe(400);
    }
  });
});

describe('tokens (every service is realtime)', () => {
  test('tokens/{id} is 404 in both formats; tokens without an id is 400', async () => {
    const x = await xml('GET', '/tokens/123456.xml');
    expect(x.status).toBe(404);
    expectXmlError(x.root, 404);
    expect(await json('GET', '/tokens/123456.json')).toMatchObject({ status: 404, body: [{ code: 404 }] });
    expect(await json('GET', '/tokens.json')).toMatchObject({ status: 400, body: [{ code: 400 }] });
  });
});

describe('two partner units never see each other’s requests', () => {
  test('ids, lists, id lists and re-posted references are scoped to the key’s own channel', async () => {
    const sw = await json('POST', '/requests.json', { form: { api_key: KEY_SWJT, service_code: 'water-supply', lat: '26.09', long: '119.30', description: '水压偏低', partner_request_id: 'SHARED-REF-1' } });
    expect(sw.status).toBe(201);
    const swId = sw.body[0].service_request_id;
    // the other partner posting the same reference creates its own case, it does not get the first one's
    const gd = await json('POST', '/requests.json', { form: { api_key: KEY_GDGS, service_code: 'lamp', lat: '26.07', long: '119.27', description: '路灯不亮', partner_request_id: 'SHARED-REF-1' } });
    expect(gd.status).toBe(201);
    const gdId = gd.body[0].service_request_id;
    expect(gdId).not.toBe(swId);
    const docs = t.cloud.store.find('cases', { channelRef: 'SHARED-REF-1' }) as any[];
    expect(docs.map((d) => [d._id, d.channel, d.channelId]).sort()).toEqual([[swId, 'partner', 'ch-partner-swjt'], [gdId, 'partner', 'ch-partner-gdgs']].sort());
    // each re-post finds its own
    expect((await json('POST', '/requests.json', { form: { api_key: KEY_SWJT, service_code: 'water-supply', lat: '26.09', long: '119.30', partner_request_id: 'SHARED-REF-1' } })).body[0].service_request_id).toBe(swId);
    expect((await json('POST', '/requests.json', { form: { api_key: KEY_GDGS, service_code: 'lamp', lat: '26.07', long: '119.27', partner_request_id: 'SHARED-REF-1' } })).body[0].service_request_id).toBe(gdId);

    // another channel's id is exactly as not found as an id that does not exist
    const foreign = await json('GET', `/requests/${swId}.json`, { query: { api_key: KEY_GDGS } });
    const absent = await json('GET', '/requests/GL20261117-ZZZZZ.json', { query: { api_key: KEY_GDGS } });
    expect(foreign.status).toBe(404);
    expect(absent.status).toBe(404);
    expect(foreign.body[0].description.replace(swId, 'X')).toBe(absent.body[0].description.replace('GL20261117-ZZZZZ', 'X'));
    expect((await xml('GET', `/requests/${gdId}.xml`, { query: { api_key: KEY_SWJT } })).status).toBe(404);
    // lists and id lists
    const swList = (await json('GET', '/requests.json', { query: { api_key: KEY_SWJT } })).body.map((r: any) => r.service_request_id);
    const gdList = (await json('GET', '/requests.json', { query: { api_key: KEY_GDGS } })).body.map((r: any) => r.service_request_id);
    expect(swList).toContain(swId);
    expect(swList).not.toContain(gdId);
    expect(gdList).toContain(gdId);
    expect(gdList).not.toContain(swId);
    expect((await json('GET', '/requests.json', { query: { api_key: KEY_GDGS, service_request_id: `${swId},${gdId}` } })).body.map((r: any) => r.service_request_id)).toEqual([gdId]);
    // nor does 12345 see either
    const hotline = (await json('GET', '/requests.json', { query: { api_key: KEY_12345 } })).body.map((r: any) => r.service_request_id);
    expect(hotline).not.toContain(swId);
    expect(hotline).not.toContain(gdId);
  });
});

describe('callers', () => {
  test('only WeChat’s HTTP access service without a user: another source or an OPENID is 403 in the spec’s format', async () => {
    for (const req of [{ source: 'wx_client' }, { source: 'wx_client,scf' }, { source: 'scf' }, { source: 'wx_http', openid: 'oCitizen' }]) {
      const x = await xml('GET', '/services.xml', req);
      expect(x.status).toBe(403);
      expectXmlError(x.root, 403);
      const before = t.cloud.store.count('cases', {});
      const j = await json('POST', '/requests.json', { ...req, form: { api_key: KEY_12345, service_code: 'lamp', ...zuohai, partner_request_id: 'CALLER-1' } });
      expect(j).toMatchObject({ status: 403, body: [{ code: 403 }] });
      expect(t.cloud.store.count('cases', {})).toBe(before);
    }
  });
});
