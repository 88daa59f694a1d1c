/**
 * Users' photos through the real SDK: only the caller's own uploads (whoami.uploadDir) in this environment, checked
 * to exist in storage, images of bounded size; exports get unguessable paths and short-lived URLs.
 */
import { uploadDirFor } from '../../cloudfunctions/common/owner';
import { startTestCloud, type TestCloud } from './harness';
import { at, dev, seedOrg } from './seed';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud(at(11, 17, 9, 0));
  seedOrg(t.cloud);
});
afterAll(() => t.stop());

const ME = 'oPhotoCitizen';
const OTHER = 'oPhotoNeighbour';
const MAO = dev('staff-maoxiaojia');
let n = 0;
const report = (openid: string, photos: string[]) => {
  n += 1;
  return t.api(openid, 'case.report', { clientToken: `ph-${n}`, categoryCode: 'lamp', description: `路灯不亮第${n}处，请尽快处理`, communityId: 'comm-wufeng', photos });
};
const cases = () => t.cloud.store.find('cases', {}).length;

describe('photos of a report', () => {
  test('whoami names the caller\'s own upload folder (an opaque id of the openid)', async () => {
    const me = await t.ok(ME, 'whoami');
    expect(me.uploadDir).toBe(uploadDirFor(ME));
    expect(me.uploadDir).toMatch(/^uploads\/[0-9a-f]{32}$/);
    expect(me.uploadDir).not.toContain(ME);
    expect((await t.ok(OTHER, 'whoami')).uploadDir).not.toBe(me.uploadDir);
  });

  test('the caller\'s own uploaded photo is accepted and stored', async () => {
    const photo = await t.upload(ME, { name: 'lamp.jpg' });
    expect(photo).toMatch(new RegExp(`^cloud://local-dev\\.[^/]+/${uploadDirFor(ME)}/test/lamp\\.jpg$`));
    const r = await report(ME, [photo]);
    expect(r.code).toBe(0);
    expect(t.cloud.store.find('cases', { _id: (r as { data: { caseId: string } }).data.caseId })[0].photos).toEqual([photo]);
  });

  test.each<[string, () => Promise<string>, string, string]>([
    ['a file never uploaded (missing)', async () => (await t.upload(ME, { name: 'x.jpg' })).replace('x.jpg', 'never-uploaded.jpg'), 'PHOTO_NOT_FOUND', '照片不存在或已删除，请重新上传'],
    ['another user\'s upload', () => t.upload(OTHER, { name: 'theirs.jpg' }), 'PHOTO_INVALID', '只能使用您本人上传的照片，请重新上传'],
    ['the caller\'s file outside the upload folder', () => t.upload(ME, { cloudPath: 'exports/abc/x.jpg' }), 'INVALID_INPUT', '照片须在小程序内上传（photos.0）'],
    ['a fileID of another environment', async () => (await t.upload(ME, { name: 'y.jpg' })).replace('cloud://local-dev.', 'cloud://prod-env.'), 'PHOTO_INVALID', '照片不属于本系统，请重新上传'],
    ['an https URL (tracking image)', async () => 'https://tracker.example.com/p.jpg', 'INVALID_INPUT', '照片须在小程序内上传，不能使用网址（photos.0）'],
    ['a path with ..', async () => `${(await t.upload(ME, { name: 'z.jpg' })).replace('/test/z.jpg', '')}/../${uploadDirFor(OTHER).split('/')[1]}/test/theirs.jpg`, 'INVALID_INPUT', '照片路径不正确（photos.0）'],
    ['a file larger than 10 MB', () => t.upload(ME, { name: 'huge.jpg', content: Buffer.alloc(10 * 1024 * 1024 + 1, 0xff) }), 'PHOTO_INVALID', '照片不能超过10MB'],
    ['not an image (stored type)', () => t.upload(ME, { name: 'page.html.png', content: Buffer.from('<html>') }).then((id) => { markType(id, 'text/html'); return id; }), 'PHOTO_INVALID', '只能上传图片（jpg、png、webp、gif）'],
    ['not an image (SVG bytes declared image/jpeg)', () => t.upload(ME, { name: 'x.jpg', content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }).then((id) => { markType(id, 'image/jpeg'); return id; }), 'PHOTO_INVALID', '照片文件不是有效的图片，请重新上传'],
    ['not an image (HTML declared image/png)', () => t.upload(ME, { name: 'y.png', content: Buffer.from('<html><body>hello</body></html>') }).then((id) => { markType(id, 'image/png'); return id; }), 'PHOTO_INVALID', '照片文件不是有效的图片，请重新上传'],
  ])('refused: %s', async (_name, photo, code, message) => {
    const before = cases();
    const res = await report(ME, [await photo()]);
    expect(res).toMatchObject({ code, message });
    expect(cases()).toBe(before);
  });
});

/** Storage keeps the type the uploader sent; rewrite the sidecar to model an upload that declared another type. */
function markType(fileId: string, contentType: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  const p = fileId.replace(/^cloud:\/\/[^/]+\//, '');
  const meta = `${t.dataDir}/storage/${p}.meta.json`;
  fs.writeFileSync(meta, JSON.stringify({ ...JSON.parse(fs.readFileSync(meta, 'utf8')), contentType }));
}

describe('photos of staff actions', () => {
  test('case.note and case.resolve take the handler\'s own uploads only', async () => {
    const r = await report(ME, []);
    const caseId = (r as { data: { caseId: string } }).data.caseId;
    await t.ok(MAO, 'case.accept', { caseId });
    await t.ok(MAO, 'case.assign', { caseId, staffId: 'staff-maoxiaojia' });
    const citizens = await t.upload(ME, { name: 'c.jpg' });
    expect(await t.api(MAO, 'case.note', { caseId, photos: [citizens] })).toMatchObject({ code: 'PHOTO_INVALID' });
    expect(await t.api(MAO, 'case.resolve', { caseId, result: '已修复', photos: ['https://x.example/a.jpg'] })).toMatchObject({ code: 'INVALID_INPUT' });
    const version = t.cloud.store.find('cases', { _id: caseId })[0].version;
    const own = await t.upload(MAO, { name: 'done.jpg' });
    expect((await t.api(MAO, 'case.resolve', { caseId, result: '已修复', photos: [own] })).code).toBe(0);
    expect(t.cloud.store.find('cases', { _id: caseId })[0]).toMatchObject({ version: (version as number) + 1, resolution: { photos: [own] } });
  });
});

describe('exports', () => {
  test('two exports of the same table get different unguessable paths and 10-minute URLs', async () => {
    const LEADER = dev('staff-zhzx-operator-1');
    const a = await t.ok(LEADER, 'stats.exportCsv', { what: 'breakdown', period: 'month', by: 'street' });
    const b = await t.ok(LEADER, 'stats.exportCsv', { what: 'breakdown', period: 'month', by: 'street' });
    for (const e of [a, b]) expect(e.fileID).toMatch(/^cloud:\/\/local-dev\.[^/]+\/exports\/[0-9a-f]{32}\/分项统计-[\d-]+\.csv$/);
    expect(a.fileID).not.toBe(b.fileID);
    expect(a.fileID).not.toContain('staff-');
    const expires = Number(new URL(a.url).searchParams.get('t'));
    expect(expires * 1000 - t.clock.now()).toBeLessThanOrEqual(600_000);
    expect((await fetch(a.url)).status).toBe(200);
    t.clock.advance(601_000);
    expect((await fetch(a.url)).status).toBe(403);
  });
});
