/**
 * The HTTP access route (云开发 HTTP 访问服务) of local/: `ANY /http/<fn>/<rest>` invokes functions whose config.json
 * declares `"http": { "path" }` with the integration request and writes back the integration response; no WeChat
 * identity on such calls. A fixture function shows the event and the response mapping; the real open311 function
 * (built by esbuild as deployed) is then reached over HTTP the way a partner system would.
 */
import path from 'node:path';
import { startWire, REPO, type Wire } from './helpers';
import { buildFunctions } from '../../scripts/build-functions';
import { seedOrg } from '../functions/seed';
import { CATEGORIES } from '../../src/domain/org/seed/categories';
import { CHANNELS } from '../../src/domain/org/seed/channels';

let w: Wire;
beforeAll(async () => {
  await buildFunctions(['open311']);
  w = await startWire({ databaseConfig: path.join(REPO, 'config/cloud/database.json') });
  seedOrg(w.cloud);
});
afterAll(async () => {
  await w.cloud.stop();
});

async function call(method: string, p: string, init: { body?: string | Buffer; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${w.cloud.url}${p}`, { method, headers: init.headers, body: typeof init.body === "string" ? init.body : init.body ? new Uint8Array(init.body) : undefined });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') };
}

describe('fixture function', () => {
  test('GET: the integration request (relative path, method, lower-cased headers, query) and no OPENID', async () => {
    const res = await call('GET', '/http/httpecho/a/b%20c.json?x=1&y=%E4%BD%A0', { headers: { 'X-Partner-Id': 'P-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-echo')).toBe('yes');
    const out = JSON.parse(res.text);
    expect(out.openid).toBeNull();
    expect(out.source).toBe('wx_http');
    expect(out.event).toMatchObject({ path: '/a/b c.json', httpMethod: 'GET', queryStringParameters: { x: '1', y: '你' }, body: '', isBase64Encoded: false });
    expect(out.event.headers['x-partner-id']).toBe('P-1');
    for (const k of Object.keys(out.event.headers)) expect(k).toBe(k.toLowerCase());
    expect(out.event.requestContext).toMatchObject({ envId: 'local-dev', path: '/echo/a/b c.json', httpMethod: 'GET' });
  });

  test('the function root is path "/"', async () => {
    const out = JSON.parse((await call('GET', '/http/httpecho')).text);
    expect(out.event.path).toBe('/');
  });

  test('a text body arrives as text; a binary body as base64 with isBase64Encoded', async () => {
    const text = JSON.parse((await call('POST', '/http/httpecho/t', { body: '{"a":"中文"}', headers: { 'content-type': 'application/json' } })).text);
    expect(text.event).toMatchObject({ httpMethod: 'POST', body: '{"a":"中文"}', isBase64Encoded: false });
    const bin = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x10]);
    const b = JSON.parse((await call('PUT', '/http/httpecho/img', { body: bin, headers: { 'content-type': 'image/jpeg' } })).text);
    expect(b.event).toMatchObject({ httpMethod: 'PUT', isBase64Encoded: true });
    expect(Buffer.from(b.event.body, 'base64').equals(bin)).toBe(true);
    // invalid UTF-8 under a text type is still sent as base64 (nothing lost)
    const bad = JSON.parse((await call('POST', '/http/httpecho/t', { body: Buffer.from([0x61, 0xc3]), headers: { 'content-type': 'text/plain' } })).text);
    expect(bad.event.isBase64Encoded).toBe(true);
    expect(Buffer.from(bad.event.body, 'base64')).toEqual(Buffer.from([0x61, 0xc3]));
  });

  test('the response: status and headers as returned, body base64-decoded when isBase64Encoded', async () => {
    const teapot = await call('DELETE', '/http/httpecho/x?status=418');
    expect(teapot.status).toBe(418);
    const bin = await call('GET', '/http/httpecho/x?mode=binary');
    expect(bin.status).toBe(200);
    expect(bin.headers.get('content-type')).toBe('application/octet-stream');
    expect(bin.headers.get('x-kind')).toBe('bytes');
    expect([...bin.bytes]).toEqual([0, 1, 2, 253, 254, 255]);
  });

  test('a plain return value is sent as JSON (200); a failing function is a 502', async () => {
    const plain = await call('GET', '/http/httpecho/p?mode=plain');
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.text)).toEqual({ plain: true, path: '/p' });
    const fail = await call('GET', '/http/httpecho/p?mode=fail');
    expect(fail.status).toBe(502);
    expect(JSON.parse(fail.text).errMsg).toContain('故意失败');
  });

  test('functions without an HTTP path, and unknown functions, are not reachable (404)', async () => {
    expect((await call('GET', '/http/whoami/x')).status).toBe(404);
    expect((await call('GET', '/http/nosuchfn/x')).status).toBe(404);
    expect((await call('GET', '/http/')).status).toBe(404);
  });
});

describe('open311 over HTTP', () => {
  const key = CHANNELS.find((c) => c.code === 'hotline12345')!.apiKey!;

  test('GET /http/open311/services.json lists every category', async () => {
    const res = await call('GET', '/http/open311/services.json');
    expect(res.status).toBe(200);
    const list = JSON.parse(res.text) as Array<{ service_code: string }>;
    expect(list).toHaveLength(CATEGORIES.length);
    expect(list).toHaveLength(23);
    expect(list.map((s) => s.service_code)).toContain('lamp');
  });

  test('POST /http/open311/requests.json (form, dev api key) creates a case once; a re-post answers the same case', async () => {
    const form = new URLSearchParams({ api_key: key, service_code: 'lamp', lat: '26.104', long: '119.283', address_string: '左海公园北门至左海家具城路段', description: '路灯不亮，晚上很黑', partner_request_id: 'HTTP-WIRE-1' });
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const before = w.cloud.store.count('cases', {});
    const a = await call('POST', '/http/open311/requests.json', { body: form.toString(), headers });
    expect(a.status).toBe(201);
    const [created] = JSON.parse(a.text) as Array<{ service_request_id: string; partner_request_id: string }>;
    expect(created.partner_request_id).toBe('HTTP-WIRE-1');
    expect(w.cloud.store.count('cases', {})).toBe(before + 1);
    const [doc] = w.cloud.store.find('cases', { _id: created.service_request_id }) as Array<Record<string, unknown>>;
    expect(doc).toMatchObject({ channel: 'hotline12345', channelRef: 'HTTP-WIRE-1' });
    const b = await call('POST', '/http/open311/requests.json', { body: form.toString(), headers });
    expect(b.status).toBe(200);
    expect(JSON.parse(b.text)[0].service_request_id).toBe(created.service_request_id);
    expect(w.cloud.store.count('cases', {})).toBe(before + 1);
    // the channel reads its own case back over HTTP
    const got = await call('GET', `/http/open311/requests/${created.service_request_id}.json?api_key=${key}`);
    expect(got.status).toBe(200);
    expect(JSON.parse(got.text)[0]).toMatchObject({ service_request_id: created.service_request_id, status: 'open' });
  });

  test('a wrong api key is refused (403) and creates nothing', async () => {
    const before = w.cloud.store.count('cases', {});
    const res = await call('POST', '/http/open311/requests.json', { body: JSON.stringify({ api_key: 'nope', service_code: 'lamp', description: '路灯坏了', lat: 26.104, long: 119.283 }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(403);
    expect(w.cloud.store.count('cases', {})).toBe(before);
  });
});
