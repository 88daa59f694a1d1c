/**
 * The `open311` function (Open311 GeoReport v2; JSON here, XML and the spec's details in open311-conformance.test.ts): the integration requests WeChat's HTTP access service sends
 * (`{ path, httpMethod, headers, queryStringParameters, body, isBase64Encoded }`) invoked through local/ on the real
 * SDK, answers checked as integration responses `{ statusCode, headers, body }`.
 */
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg } from './seed';
import { CATEGORIES } from '../../src/domain/org/seed/categories';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud(Date.parse('2026-11-17T09:00:00+08:00'));
  seedOrg(t.cloud);
});
afterAll(() => t.stop());

const KEY_12345 = 'dev-open311-12345';
const KEY_DCM = 'dev-open311-dcm';
const KEY_GRID = 'dev-open311-grid';
const KEY_SWJT = 'dev-open311-swjt';

interface Req {
  query?: Record<string, string>;
  form?: Record<string, string>;
  json?: Record<string, unknown>;
  base64?: boolean;
  openid?: string;
}
async function http(method: string, path: string, req: Req = {}): Promise<{ status: number; headers: Record<string, string>; body: any }> {
  let body = '';
  const headers: Record<string, string> = { host: 'env-local.service.tcloudbase.com', 'user-agent': 'partner-system/1.0' };
  if (req.form) {
    body = new URLSearchParams(req.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  } else if (req.json) {
    body = JSON.stringify(req.json);
    headers['content-type'] = 'application/json';
  }
  if (req.base64) body = Buffer.from(body, 'utf8').toString('base64');
  const event = {
    path: `/open311${path}`,
    httpMethod: method,
    headers,
    queryStringParameters: req.query ?? {},
    requestContext: { requestId: 'req-1', envId: 'local-dev', appId: 123456789, uin: 123456789 },
    body,
    isBase64Encoded: !!req.base64,
  };
  const res = (await t.cloud.callFunction('open311', event, { openid: req.openid, source: 'wx_http' })) as { statusCode: number; headers: Record<string, string>; body: string };
  if (/\.xml$/.test(path)) {
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    return { status: res.statusCode, headers: res.headers, body: res.body };
  }
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) };
}

const zuohai = { lat: '26.104', long: '119.283', address_string: '左海公园北门至左海家具城路段' };

describe('services', () => {
  test('GET services.json lists every category as a service', async () => {
    const res = await http('GET', '/services.json');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(CATEGORIES.length);
    expect(res.body.find((s: any) => s.service_code === 'lamp')).toEqual({
      service_code: 'lamp',
      service_name: '路灯不亮',
      description: '路灯不亮（规定办理时限 72 小时）',
      metadata: false,
      type: 'realtime',
      keywords: '路灯,不亮,灯坏',
      group: '部件',
    });
  });

  test('GET services/{code}.json is the definition; unknown codes are 404 in Open311 error form', async () => {
    expect(await http('GET', '/services/lamp.json')).toMatchObject({ status: 200, body: { service_code: 'lamp', attributes: [] } });
    expect(await http('GET', '/services/lamp')).toMatchObject({ status: 200 });
    expect(await http('GET', '/services/nope.json')).toMatchObject({ status: 404, body: [{ code: 404, description: expect.stringContaining('nope') }] });
  });
});

describe('POST requests', () => {
  let first: string;

  test('12345 posts a form: a case on channel hotline12345 with the partner reference, routed by territory (201)', async () => {
    const res = await http('POST', '/requests.json', {
      form: { api_key: KEY_12345, service_code: 'lamp', ...zuohai, description: '左海公园北门路段没有路灯，晚上很黑', partner_request_id: 'GD-20261117-001', first_name: '先生', last_name: '王', phone: '13800000000', email: 'wang@example.cn' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual([{ service_request_id: expect.stringMatching(/^GL20261117-/), partner_request_id: 'GD-20261117-001', service_notice: '诉求已受理', account_id: null }]);
    first = res.body[0].service_request_id;
    const [doc] = t.cloud.store.find('cases', { _id: first }) as any[];
    expect(doc).toMatchObject({ channel: 'hotline12345', channelRef: 'GD-20261117-001', state: 'dispatched', streetId: 'street-wufeng', reporter: { name: '王先生', phone: '13800000000' } });
    expect(doc.location).toEqual({ point: { type: 'Point', coordinates: [119.283, 26.104] }, address: zuohai.address_string });
    expect(doc.log[0]).toMatchObject({ event: 'create', role: 'system', by: { id: 'ch-12345', name: '12345便民服务平台' } });
  });

  test('re-posting the same reference answers the same case (200) and creates nothing', async () => {
    const before = t.cloud.store.count('cases', {});
    const res = await http('POST', '/requests.json', { form: { api_key: KEY_12345, service_code: 'lamp', ...zuohai, description: '重复推送', partner_request_id: 'GD-20261117-001' } });
    expect(res).toMatchObject({ status: 200, body: [{ service_request_id: first, service_notice: '该诉求此前已受理' }] });
    expect(t.cloud.store.count('cases', {})).toBe(before);
  });

  test('JSON and base64 bodies; without a reference the report’s content keeps re-posts idempotent', async () => {
    const json = { api_key: KEY_DCM, service_code: 'ads', lat: 26.0822, long: 119.296, address_string: '东街口天桥', description: '天桥栏杆上贴满小广告', media_url: 'https://dcm.example.cn/photo/88.jpg' };
    const a = await http('POST', '/requests.json', { json, base64: true });
    expect(a.status).toBe(201);
    const b = await http('POST', '/requests.json', { json });
    expect(b).toMatchObject({ status: 200, body: [{ service_request_id: a.body[0].service_request_id }] });
    const [doc] = t.cloud.store.find('cases', { _id: a.body[0].service_request_id }) as any[];
    expect(doc).toMatchObject({ channel: 'dcm', photos: ['https://dcm.example.cn/photo/88.jpg'] });
    expect(doc.channelRef).toMatch(/^sha-[0-9a-f]{40}$/);
  });

  test('hard=true from 12345 flags the case hard (story 4)', async () => {
    const res = await http('POST', '/requests', { form: { api_key: KEY_12345, service_code: 'lamp', lat: '26.1041', long: '119.2831', address_string: '左海公园北门', description: '又一段路没有路灯，多个单位推诿', partner_request_id: 'GD-HARD-1', hard: 'true' } });
    expect(res.status).toBe(201);
    const [doc] = t.cloud.store.find('cases', { _id: res.body[0].service_request_id }) as any[];
    // the same place and category as the first request: linked as a duplicate (nothing lost), not flagged
    expect(doc.state).toBe('duplicate');
    const other = await http('POST', '/requests', { form: { api_key: KEY_12345, service_code: 'guardrail', lat: '26.1045', long: '119.2838', address_string: '左海公园北侧', description: '护栏倒了很久没人修', partner_request_id: 'GD-HARD-2', hard: 'true' } });
    const [hard] = t.cloud.store.find('cases', { _id: other.body[0].service_request_id }) as any[];
    expect(hard.flags.hard).toMatchObject({ auto: 'channel' });
  });

  test.each([
    ['no api_key', { service_code: 'lamp', description: '路灯坏了' }, 403, '缺少 api_key'],
    ['a wrong api_key', { api_key: 'dev-open311-xxxx', service_code: 'lamp', description: '路灯坏了' }, 403, 'api_key 无效'],
    ['no service_code', { api_key: KEY_12345, description: '路灯坏了' }, 400, 'service_code'],
    // GeoReport v2: a service_code that is not found is 404
    ['an unknown service_code', { api_key: KEY_12345, service_code: 'ufo', description: '路灯坏了' }, 404, '未找到服务 ufo'],
    // GeoReport v2: a location is required (lat & long, address_string or address_id); description is optional
    ['no location', { api_key: KEY_12345, service_code: 'lamp', description: '路灯坏了' }, 400, '缺少位置'],
    ['lat without long', { api_key: KEY_12345, service_code: 'lamp', description: '路灯坏了', lat: '26.1' }, 400, 'lat 与 long'],
    ['a latitude out of range', { api_key: KEY_12345, service_code: 'lamp', description: '路灯坏了', lat: '126.1', long: '119.2' }, 400, 'lat 不正确'],
    ['a bad phone', { api_key: KEY_12345, service_code: 'lamp', description: '路灯坏了', address_string: '西湖路', phone: 'abc' }, 400, '电话'],
  ])('%s → Open311 error', async (_name, form, status, text) => {
    const before = t.cloud.store.count('cases', {});
    const res = await http('POST', '/requests.json', { form: form as Record<string, string> });
    expect(res.status).toBe(status);
    expect(res.body).toEqual([{ code: status, description: expect.stringContaining(text) }]);
    expect(t.cloud.store.count('cases', {})).toBe(before);
  });

  test('a body that is not JSON is 400; unknown paths 404; wrong methods 400 (body code 405, GeoReport v2 uses 400/403/404)', async () => {
    const bad = (await t.cloud.callFunction('open311', { path: '/open311/requests.json', httpMethod: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope', isBase64Encoded: false, queryStringParameters: {} }, { source: 'wx_http' })) as any;
    expect(bad.statusCode).toBe(400);
    expect((await http('GET', '/services.xml')).status).toBe(200);
    expect((await http('GET', '/tickets.json')).status).toBe(404);
    expect(await http('DELETE', '/requests.json', { query: { api_key: KEY_12345 } })).toMatchObject({ status: 400, body: [{ code: 405 }] });
    expect(await http('POST', '/services.json')).toMatchObject({ status: 400, body: [{ code: 405 }] });
  });

  test('a mini-program client (with an OPENID) is refused', async () => {
    const res = await http('GET', '/services.json', { openid: 'oCitizen' });
    expect(res.status).toBe(403);
  });
});

describe('GET requests', () => {
  test('a channel sees its own requests with honest statuses', async () => {
    const res = await http('GET', '/requests.json', { query: { api_key: KEY_12345 } });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(3);
    const lamp = res.body.find((r: any) => r.partner_request_id === 'GD-20261117-001');
    expect(lamp).toMatchObject({
      status: 'open',
      status_notes: '待签收',
      service_code: 'lamp',
      service_name: '路灯不亮',
      agency_responsible: '五凤街道',
      requested_datetime: '2026-11-17T09:00:00+08:00',
      address: zuohai.address_string,
      lat: 26.104,
      long: 119.283,
    });
    expect(lamp.expected_datetime).toMatch(/^2026-11-20T09:00:0\d\+08:00$/);
    const dup = res.body.find((r: any) => r.partner_request_id === 'GD-HARD-1');
    expect(dup).toMatchObject({ status: 'closed', status_notes: `重复件，已并入 ${lamp.service_request_id}` });
    // no citizen's contact data leaves the system
    expect(JSON.stringify(res.body)).not.toContain('13800000000');
    const other = await http('GET', '/requests.json', { query: { api_key: KEY_SWJT } });
    expect(other).toMatchObject({ status: 200, body: [] });
  });

  test('filters: status, service_code, service_request_id list, dates', async () => {
    const open = await http('GET', '/requests.json', { query: { api_key: KEY_12345, status: 'open' } });
    expect(open.body.every((r: any) => r.status === 'open')).toBe(true);
    expect(open.body).toHaveLength(2);
    const closed = await http('GET', '/requests.json', { query: { api_key: KEY_12345, status: 'closed' } });
    expect(closed.body.map((r: any) => r.partner_request_id)).toEqual(['GD-HARD-1']);
    const guard = await http('GET', '/requests.json', { query: { api_key: KEY_12345, service_code: 'guardrail' } });
    expect(guard.body.map((r: any) => r.service_code)).toEqual(['guardrail']);
    const ids = open.body.map((r: any) => r.service_request_id);
    const byId = await http('GET', '/requests.json', { query: { api_key: KEY_12345, service_request_id: ids.join(',') } });
    expect(byId.body.map((r: any) => r.service_request_id).sort()).toEqual([...ids].sort());
    const later = await http('GET', '/requests.json', { query: { api_key: KEY_12345, start_date: '2026-11-18T00:00:00+08:00' } });
    expect(later.body).toEqual([]);
    const window = await http('GET', '/requests.json', { query: { api_key: KEY_12345, start_date: '2026-11-17T00:00:00+08:00', end_date: '2026-11-17T23:59:59+08:00' } });
    expect(window.body).toHaveLength(3);
    expect((await http('GET', '/requests.json', { query: { api_key: KEY_12345, status: 'pending' } })).status).toBe(400);
    expect((await http('GET', '/requests.json', { query: { api_key: KEY_12345, start_date: 'yesterday' } })).status).toBe(400);
    expect((await http('GET', '/requests.json')).status).toBe(403);
  });

  test('GET requests/{id}.json: own request 200 (array of one), another channel’s 404', async () => {
    const list = await http('GET', '/requests.json', { query: { api_key: KEY_12345, service_code: 'lamp', status: 'open' } });
    const id = list.body[0].service_request_id;
    const one = await http('GET', `/requests/${id}.json`, { query: { api_key: KEY_12345 } });
    expect(one).toMatchObject({ status: 200, body: [{ service_request_id: id, status: 'open' }] });
    expect((await http('GET', `/requests/${id}.json`, { query: { api_key: KEY_DCM } })).status).toBe(404);
  });
});

describe('POST results (extension: the grid platform reports back)', () => {
  test('only the grid platform; resolved moves the forwarded case to 待核查', async () => {
    const post = await http('POST', '/requests.json', { form: { api_key: KEY_GRID, service_code: 'corridor', description: '楼道堆满杂物堵住通道', address_string: '梅峰社区3号楼', partner_request_id: 'WG-77' } });
    expect(post.status).toBe(201);
    const id = post.body[0].service_request_id;
    const [doc] = t.cloud.store.find('cases', { _id: id }) as any[];
    expect(doc.state).toBe('forwarded');
    const view = await http('GET', `/requests/${id}.json`, { query: { api_key: KEY_GRID } });
    expect(view.body[0]).toMatchObject({ status: 'open', status_notes: '已转网格', agency_responsible: '网格化平台' });

    const refused = await http('POST', '/results.json', { form: { api_key: KEY_12345, forward_ref: id, outcome: 'resolved', result: '已清理' } });
    expect(refused.status).toBe(403);
    const missing = await http('POST', '/results.json', { form: { api_key: KEY_GRID, forward_ref: 'WG-NONE', outcome: 'resolved', result: '已清理' } });
    expect(missing.status).toBe(404);
    const badOutcome = await http('POST', '/results.json', { form: { api_key: KEY_GRID, forward_ref: id, outcome: 'done', result: '已清理' } });
    expect(badOutcome.status).toBe(400);

    const ok = await http('POST', '/results.json', { form: { api_key: KEY_GRID, forward_ref: id, outcome: 'resolved', result: '网格员已督促清理', media_url: 'https://grid.example.cn/p/77.jpg' } });
    expect(ok).toMatchObject({ status: 200, body: [{ service_request_id: id, status: 'open', status_notes: '待核查：网格员已督促清理' }] });
    const [after] = t.cloud.store.find('cases', { _id: id }) as any[];
    expect(after.log.at(-1)).toMatchObject({ event: 'forwardResult', role: 'system', by: { id: 'ch-grid', name: '网格化平台' } });
    expect((await http('POST', '/results.json', { form: { api_key: KEY_GRID, forward_ref: id, outcome: 'resolved', result: '再报一次' } })).status).toBe(404);
  });
});
