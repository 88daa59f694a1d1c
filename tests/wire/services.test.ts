/** Storage, open API (subscribe messages, msgSecCheck) and the HTTP side (H5 API, dev routes, static). */
import fs from 'node:fs';
import path from 'node:path';
import { startLocalCloud } from '../../local';
import { startWire, tmpDir, normalise, type Wire } from './helpers';

let w: Wire;
const staticRoot = tmpDir('static');
fs.writeFileSync(path.join(staticRoot, 'index.html'), '<!doctype html><title>一线处置</title>');
fs.mkdirSync(path.join(staticRoot, 'js'));
fs.writeFileSync(path.join(staticRoot, 'js', 'app.js'), 'console.log(1)');

beforeAll(async () => {
  w = await startWire({ staticRoot, devRoleSwitcher: true, secCheck: { review: ['可疑'], risky: ['违禁词'] } }, []);
  w.cloud.store.insert('staff', [
    { _id: 'st1', openid: 'o-handler', name: '张三', roles: ['handler'], unitName: '五凤街道' },
    { _id: 'st2', name: '未绑定' },
  ]);
});
afterAll(async () => {
  await w.cloud.stop();
});

describe('storage', () => {
  test('uploadFile → getTempFileURL → download → deleteFile (request snapshots)', async () => {
    w.cloud.clearRequestLog();
    const up = await w.sdk.uploadFile({ cloudPath: 'cases/c1/照片.jpg', fileContent: Buffer.from('JPEGDATA') });
    expect(up.fileID).toBe('cloud://local-dev.6c6f-local-dev-1250000000/cases/c1/照片.jpg');
    expect(fs.readFileSync(path.join(w.dataDir, 'storage', 'cases/c1/照片.jpg'), 'utf8')).toBe('JPEGDATA');
    const tmp = await w.sdk.getTempFileURL({ fileList: [up.fileID, { fileID: 'cloud://local-dev.6c6f-local-dev-1250000000/missing.png', maxAge: 60 }] });
    expect(tmp.fileList[0]).toMatchObject({ status: 0, fileID: up.fileID });
    expect(tmp.fileList[1]).toMatchObject({ status: -503003, tempFileURL: '' });
    const r = await fetch(tmp.fileList[0].tempFileURL);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/jpeg');
    expect(await r.text()).toBe('JPEGDATA');
    const dl = await w.sdk.downloadFile({ fileID: up.fileID });
    expect(dl.fileContent.toString()).toBe('JPEGDATA');
    const del = await w.sdk.deleteFile({ fileList: [up.fileID, 'cloud://local-dev.6c6f-local-dev-1250000000/nope'] });
    expect(del.fileList.map((f: { status: number }) => f.status)).toEqual([0, -503003]);
    expect((await fetch(tmp.fileList[0].tempFileURL)).status).toBe(404);
    expect(w.cloud.requestLog().map(normalise)).toMatchSnapshot('storage requests');
  });
  test('download URLs expire and need the signature', async () => {
    const up = await w.sdk.uploadFile({ cloudPath: 'x/exp.txt', fileContent: Buffer.from('hi') });
    const t0 = Date.now();
    const { fileList } = await w.sdk.getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: 60 }] });
    const url = new URL(fileList[0].tempFileURL);
    url.searchParams.set('sign', 'bad');
    expect((await fetch(url)).status).toBe(403);
    w.cloud.setNow(() => t0 + 61_000 + 1000);
    expect((await fetch(fileList[0].tempFileURL)).status).toBe(403);
    w.cloud.setNow(Date.now);
  });
  test('an upload PUT without the metadata token is refused', async () => {
    const r = await fetch(`${w.cloud.url}/storage/6c6f-local-dev-1250000000/evil.txt`, { method: 'PUT', body: 'x' });
    expect(r.status).toBe(403);
  });
});

describe('open API at the protocol level (wx.openApi + protobuf)', () => {
  test('subscribeMessage.send is recorded in the outbox (persisted in _outbox)', async () => {
    w.cloud.clearRequestLog();
    const res = await w.sdk.openapi.subscribeMessage.send({ touser: 'o-citizen', templateId: 'TPL_CASE_DONE', page: 'pages/case/detail?id=c1', data: { thing1: { value: '路灯已修复' } }, miniprogramState: 'developer' });
    expect(res.errCode).toBe(0);
    const sent = w.cloud.requestLog()[0];
    expect(sent.action).toBe('wx.openApi');
    expect(sent.apiName).toBe('subscribeMessage.send');
    expect(w.cloud.outbox()).toEqual([{ at: expect.any(Number), touser: 'o-citizen', templateId: 'TPL_CASE_DONE', page: 'pages/case/detail?id=c1', data: { thing1: { value: '路灯已修复' } } }]);
    expect(w.cloud.store.count('_outbox')).toBe(1);
    const dev = await (await fetch(`${w.cloud.url}/dev/outbox`)).json();
    expect(dev).toHaveLength(1);
  });
  test('subscribeMessage.send without touser fails like WeChat (errcode → errCode)', async () => {
    await expect(w.sdk.openapi.subscribeMessage.send({ templateId: 'T', data: {} })).rejects.toMatchObject({ errCode: 40003 });
  });
  test('security.msgSecCheck v2: pass / review / risky from the configured words', async () => {
    const check = (content: string) => w.sdk.openapi.security.msgSecCheck({ content, version: 2, scene: 2, openid: 'o-citizen' });
    expect((await check('路灯不亮了')).result).toEqual({ suggest: 'pass', label: 100 });
    expect((await check('这里有可疑的东西')).result).toEqual({ suggest: 'review', label: 21000 });
    expect((await check('含违禁词')).result).toEqual({ suggest: 'risky', label: 21000 });
  });
  test('other open APIs fail with a clear error', async () => {
    await expect(w.sdk.openapi.wxacode.getUnlimited({ scene: 'a' })).rejects.toMatchObject({ errCode: 48001, errMsg: expect.stringContaining('not implemented by the local cloud') });
  });
});

describe('HTTP for the H5 build', () => {
  test('POST /api/fn/:name: anonymous citizen openid kept in a cookie; dev identity overrides it', async () => {
    const r1 = await fetch(`${w.cloud.url}/api/fn/whoami`, { method: 'POST', body: JSON.stringify({ a: 1 }), headers: { 'content-type': 'application/json' } });
    expect(r1.status).toBe(200);
    const cookie = r1.headers.get('set-cookie')!;
    expect(cookie).toMatch(/yx_anon=anon-[0-9a-f]+/);
    const anon = /yx_anon=([^;]+)/.exec(cookie)![1];
    const b1 = await r1.json();
    expect(b1).toMatchObject({ openid: anon, event: { a: 1 }, source: 'wx_client' });
    const r2 = await fetch(`${w.cloud.url}/api/fn/whoami`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', cookie: `yx_anon=${anon}` } });
    expect((await r2.json()).openid).toBe(anon);
    const set = await fetch(`${w.cloud.url}/dev/identity`, { method: 'POST', body: JSON.stringify({ openid: 'o-handler' }), headers: { 'content-type': 'application/json' } });
    const idCookie = /yx_openid=[^;]+/.exec(set.headers.get('set-cookie')!)![0];
    const r3 = await fetch(`${w.cloud.url}/api/fn/whoami`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', cookie: `yx_anon=${anon}; ${idCookie}` } });
    expect((await r3.json()).openid).toBe('o-handler');
    const clear = await fetch(`${w.cloud.url}/dev/identity`, { method: 'POST', body: JSON.stringify({ openid: null }), headers: { 'content-type': 'application/json' } });
    expect(clear.headers.get('set-cookie')).toMatch(/yx_openid=;.*Max-Age=0/);
  });
  test('bad requests get clear JSON errors; body size is limited', async () => {
    const bad = await fetch(`${w.cloud.url}/api/fn/whoami`, { method: 'POST', body: '{oops', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errMsg).toMatch(/JSON/);
    const big = await fetch(`${w.cloud.url}/api/fn/whoami`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 10), headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    const missing = await fetch(`${w.cloud.url}/api/fn/nope`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(missing.status).toBe(404);
    const failing = await fetch(`${w.cloud.url}/api/fn/whoami`, { method: 'POST', body: JSON.stringify({ fail: 'h5' }), headers: { 'content-type': 'application/json' } });
    expect(failing.status).toBe(502);
    expect(await failing.json()).toMatchObject({ errCode: -504002, errMsg: expect.stringContaining('故意失败: h5') });
  });
  test('POST /api/upload keeps the content type; GET /api/temp-url returns a served URL', async () => {
    const visitor = { cookie: 'yx_anon=anon-0123456789abcdef0123' };
    const up = await fetch(`${w.cloud.url}/api/upload?cloudPath=h5/a.png`, { method: 'POST', body: Buffer.from([1, 2, 3]), headers: { 'content-type': 'image/png', ...visitor } });
    const { fileID } = await up.json();
    expect(fileID).toMatch(/^cloud:\/\/local-dev\./);
    const { url } = await (await fetch(`${w.cloud.url}/api/temp-url?fileID=${encodeURIComponent(fileID)}`, { headers: visitor })).json();
    const got = await fetch(url);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]));
    expect((await fetch(`${w.cloud.url}/api/temp-url?fileID=cloud://nope`)).status).toBe(404);
    expect((await fetch(`${w.cloud.url}/api/upload?cloudPath=../../etc/passwd`, { method: 'POST', body: 'x' })).status).toBe(400);
  });
  test('/dev/identities lists bound staff plus an anonymous citizen', async () => {
    const body = await (await fetch(`${w.cloud.url}/dev/identities`)).json();
    expect(body.identities).toEqual([
      { _id: null, openid: null, name: '匿名群众', roles: ['citizen'], unitName: '' },
      { _id: 'st1', openid: 'o-handler', name: '张三', roles: ['handler'], unitName: '五凤街道' },
    ]);
  });
  test('static H5 build with SPA fallback; no path traversal', async () => {
    expect(await (await fetch(`${w.cloud.url}/`)).text()).toContain('一线处置');
    expect(await (await fetch(`${w.cloud.url}/pages/case/detail`)).text()).toContain('一线处置');
    expect((await fetch(`${w.cloud.url}/js/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${w.cloud.url}/js/missing.js`)).status).toBe(404);
    expect((await fetch(`${w.cloud.url}/..%2f..%2fetc%2fpasswd`)).status).not.toBe(200);
  });
});

describe('safety', () => {
  test('refuses to start on a non-loopback host', async () => {
    await expect(startLocalCloud({ dataDir: tmpDir('x'), host: '0.0.0.0' })).rejects.toThrow(/non-loopback/);
    await expect(startLocalCloud({ dataDir: tmpDir('x'), host: '192.168.1.5' })).rejects.toThrow(/non-loopback/);
  });
  test('/dev routes are absent unless devRoleSwitcher is on', async () => {
    const c = await startLocalCloud({ dataDir: tmpDir('nodev') });
    try {
      expect((await fetch(`${c.url}/dev/identities`)).status).toBe(404);
      expect((await fetch(`${c.url}/dev/identity`, { method: 'POST', body: '{"openid":"x"}' })).status).toBe(404);
    } finally {
      await c.stop();
    }
  });
});
