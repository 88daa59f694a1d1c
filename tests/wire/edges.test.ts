/**
 * The local server at its edges: only loopback Host names with its own port (DNS rebinding), no cross-site writes
 * (Origin), JSON endpoints only take JSON, H5 uploads owned by their visitor, /api/temp-url only for files the
 * visitor may read.
 */
import http from 'node:http';
import { startWire, type Wire } from './helpers';

let w: Wire;
let port: number;
beforeAll(async () => {
  w = await startWire({ devRoleSwitcher: true }, []);
  port = Number(new URL(w.cloud.url).port);
});
afterAll(async () => {
  await w.cloud.stop();
});

/** A raw request (fetch cannot set Host). */
function raw(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Host: loopback names with the own port only (DNS rebinding)', () => {
  test.each(['127.0.0.1', 'localhost', '[::1]'])('%s:<port> is served', async (name) => {
    expect((await raw('GET', '/dev/outbox', { host: `${name}:${port}` })).status).toBe(200);
  });
  test.each(['evil.example.com', `evil.example.com:${port}`, '127.0.0.1', '127.0.0.1:1', `127.0.0.1.nip.io:${port}`, `localhost.evil.com:${port}`])('Host "%s" is refused with 421', async (host) => {
    const r = await raw('GET', '/dev/outbox', host ? { host } : {});
    expect(r.status).toBe(421);
    expect(JSON.parse(r.body).errMsg).toMatch(/Host/);
  });
  test('no Host at all is refused (Node answers 400 before routing)', async () => {
    expect((await raw('GET', '/dev/outbox', {})).status).toBe(400);
  });
  test('a rebinding page cannot switch identity or reach the SDK endpoint', async () => {
    const body = JSON.stringify({ openid: 'dev-staff-admin' });
    const r = await raw('POST', '/dev/identity', { host: `attacker.example:${port}`, 'content-type': 'application/json' }, body);
    expect(r.status).toBe(421);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect((await raw('POST', '/admin', { host: `attacker.example:${port}`, 'content-type': 'application/json' }, '{}')).status).toBe(421);
  });
});

describe('cross-site writes are refused', () => {
  const own = () => ({ host: `127.0.0.1:${port}` });
  test('a text/plain form from another origin cannot set the dev identity', async () => {
    const r = await raw('POST', '/dev/identity', { ...own(), origin: 'https://evil.example', 'content-type': 'text/plain' }, '{"openid":"dev-staff-admin"}');
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).errMsg).toMatch(/cross-origin/);
    expect(r.headers['set-cookie']).toBeUndefined();
  });
  test.each([
    ['/dev/identity', JSON.stringify({ openid: 'x' })],
    ['/api/fn/api', JSON.stringify({ action: 'whoami' })],
    ['/admin', '{}'],
    ['/api/upload?cloudPath=uploads/x/a.jpg', 'x'],
  ])('POST %s with a foreign Origin → 403 (even as JSON)', async (path, body) => {
    expect((await raw('POST', path, { ...own(), origin: 'http://evil.example', 'content-type': 'application/json' }, body)).status).toBe(403);
    expect((await raw('POST', path, { ...own(), origin: 'null', 'content-type': 'application/json' }, body)).status).toBe(403);
    expect((await raw('POST', path, { ...own(), origin: `http://127.0.0.1:${port + 1}`, 'content-type': 'application/json' }, body)).status).toBe(403);
  });
  test('the own origin (and no Origin: the SDK, scripts) is accepted', async () => {
    const ok = await raw('POST', '/dev/identity', { ...own(), origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' }, JSON.stringify({ openid: null }));
    expect(ok.status).toBe(200);
    expect((await raw('POST', '/dev/identity', { host: `localhost:${port}`, origin: `http://localhost:${port}`, 'content-type': 'application/json; charset=utf-8' }, '{"openid":null}')).status).toBe(200);
  });
  test.each([['/dev/identity'], ['/api/fn/whoami']])('%s refuses a non-JSON body with 415 and says so', async (path) => {
    for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const r = await raw('POST', path, { ...own(), ...(ct ? { 'content-type': ct } : {}) }, '{"openid":"dev-staff-admin"}');
      expect([path, ct, r.status]).toEqual([path, ct, 415]);
      expect(JSON.parse(r.body).errMsg).toMatch(/JSON/);
    }
  });
});

describe('H5 uploads are owned by their visitor; temp URLs only for what the visitor may read', () => {
  const A = { cookie: 'yx_anon=anon-aaaaaaaaaaaaaaaaaaaa' };
  const B = { cookie: 'yx_anon=anon-bbbbbbbbbbbbbbbbbbbb' };
  const upload = (who: Record<string, string>, cloudPath: string, bytes: string) =>
    fetch(`${w.cloud.url}/api/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', body: bytes, headers: { 'content-type': 'image/jpeg', ...who } });
  const tempUrl = (who: Record<string, string>, fileID: string) => fetch(`${w.cloud.url}/api/temp-url?fileID=${encodeURIComponent(fileID)}`, { headers: who });

  test('one visitor cannot overwrite another\'s file; the owner can', async () => {
    const first = await upload(A, 'uploads/ka/reports/p.jpg', 'AAA');
    expect(first.status).toBe(200);
    const { fileID } = await first.json();
    const hijack = await upload(B, 'uploads/ka/reports/p.jpg', 'BBB');
    expect(hijack.status).toBe(403);
    expect((await hijack.json()).errMsg).toMatch(/another user/);
    expect(await (await fetch((await (await tempUrl(A, fileID)).json()).url)).text()).toBe('AAA');
    expect((await upload(A, 'uploads/ka/reports/p.jpg', 'AA2')).status).toBe(200);
  });

  test('server-written files (no owner) cannot be overwritten from the H5 app', async () => {
    const fileID = w.cloud.putFile('assets/banner.png', Buffer.from('X'), { contentType: 'image/png' });
    expect((await upload(A, 'assets/banner.png', 'evil')).status).toBe(403);
    expect(fileID).toMatch(/assets\/banner\.png$/);
  });

  test('users\' uploads are readable by every visitor (as WeChat\'s default rule); other files only by their creator', async () => {
    const photo = (await (await upload(A, 'uploads/ka/reports/q.jpg', 'Q')).json()).fileID;
    expect((await tempUrl(B, photo)).status).toBe(200);
    // an administrator's export, created through the SDK inside a function invoked by them
    const exportId = w.cloud.putFile('exports/0123456789abcdef0123456789abcdef/考核排名-2026-11.csv', Buffer.from('a,b'), { contentType: 'text/csv', owner: 'anon-aaaaaaaaaaaaaaaaaaaa' });
    expect((await tempUrl(A, exportId)).status).toBe(200);
    const other = await tempUrl(B, exportId);
    expect(other.status).toBe(404);
    expect((await other.json()).errMsg).toMatch(/not readable/);
    // a server file outside uploads/: nobody through the H5 app
    const server = w.cloud.putFile('exports/fixed/all.csv', Buffer.from('x'), { contentType: 'text/csv' });
    expect((await tempUrl(A, server)).status).toBe(404);
    expect((await tempUrl(A, 'cloud://other-env.bucket/uploads/ka/reports/q.jpg')).status).toBe(404);
  });
});
