import * as S from '@domain/case/case-schema';
import * as C from '@domain/call/call-schema';
import { parseInput } from '@domain/common/schema-parts';
import { PHOTO_RULES, imageTypeOf, parseFileId, photoFileProblem, photoIdProblem, photoListProblem, uploadDirOf } from '@domain/common/photo-rules';

const ENV = 'gulou-prod-7g3k';
const BUCKET = '6775-gulou-prod-7g3k-1312345678';
const ME = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const OTHER = 'ffffeeeeddddccccbbbbaaaa99998888';
const ctx = { env: ENV, ownerKey: ME };
const id = (path: string, env = ENV, bucket = BUCKET) => `cloud://${env}.${bucket}/${path}`;
const mine = (rest: string) => id(`${uploadDirOf(ME)}/${rest}`);

describe('a photo is the caller\'s own upload in this environment', () => {
  it.each<[string, string, string | null]>([
    ['own upload', mine('reports/20261117/p1.jpg'), null],
    ['own upload, png, nested folder', mine('calls/k1/action/20261117/x.png'), null],
    ['another user\'s folder', id(`uploads/${OTHER}/reports/20261117/p1.jpg`), '只能使用您本人上传的照片，请重新上传'],
    ['a prefix of the own key is not the own folder', id(`uploads/${ME}x/reports/p1.jpg`), '只能使用您本人上传的照片，请重新上传'],
    ['another environment', id(`${uploadDirOf(ME)}/reports/p1.jpg`, 'gulou-test-1a2b', '6775-gulou-test-1a2b-1312345678'), '照片不属于本系统，请重新上传'],
    ['https URL (tracking image)', 'https://tracker.example.com/pixel.jpg', '照片须在小程序内上传，不能使用网址'],
    ['http URL', 'http://10.0.0.1/a.jpg', '照片须在小程序内上传，不能使用网址'],
    ['.. in the path', mine('../../exports/abc/考核排名.jpg'), '照片路径不正确'],
    ['.. climbing out of the own folder', id(`uploads/${ME}/../${OTHER}/a.jpg`), '照片路径不正确'],
    ['. segment', mine('./a.jpg'), '照片路径不正确'],
    ['empty segment', mine('reports//a.jpg'), '照片路径不正确'],
    ['percent escapes', mine('%2e%2e/a.jpg'), '照片路径不正确'],
    ['query string', mine('a.jpg?x=1'), '照片路径不正确'],
    ['outside the upload root', id(`exports/${ME}/a.jpg`), '照片须在小程序内上传'],
    ['the upload root itself', id('uploads/a.jpg'), '照片须在小程序内上传'],
    ['not an image', mine('reports/a.csv'), '只能上传图片（jpg、png、webp、gif）'],
    ['no extension', mine('reports/a'), '只能上传图片（jpg、png、webp、gif）'],
    ['empty', '', '照片格式不正确'],
    ['not a file id', 'C:/a.jpg', '照片格式不正确'],
    ['no bucket', 'cloud://env/a.jpg', '照片格式不正确'],
    ['too long', mine(`${'a'.repeat(600)}.jpg`), '照片格式不正确'],
  ])('%s', (_name, fileId, problem) => {
    expect(photoIdProblem(fileId, ctx)).toBe(problem);
  });

  it('lists: too many, duplicates, the first bad one', () => {
    const nine = Array.from({ length: 9 }, (_, i) => mine(`r/${i}.jpg`));
    expect(photoListProblem(nine, ctx)).toBeNull();
    expect(photoListProblem([...nine, mine('r/9.jpg')], ctx)).toBe('最多上传9张照片');
    expect(photoListProblem([nine[0], nine[0]], ctx)).toBe('照片重复');
    expect(photoListProblem([nine[0], 'https://x.example/a.jpg'], ctx)).toBe('照片须在小程序内上传，不能使用网址');
    expect(photoListProblem([], ctx)).toBeNull();
  });

  it('the fileID forms of WeChat storage and local/ parse', () => {
    expect(parseFileId(id('uploads/k/a.jpg'))).toEqual({ env: ENV, bucket: BUCKET, path: 'uploads/k/a.jpg' });
    expect(parseFileId('cloud://local-dev.6c6f-local-dev-1250000000/uploads/k/a.jpg')).toMatchObject({ env: 'local-dev', path: 'uploads/k/a.jpg' });
    expect(parseFileId('https://x/a.jpg')).toBeNull();
  });

  it('stored files: image types only, bounded size', () => {
    expect(photoFileProblem({ contentType: 'image/jpeg', size: 200_000 })).toBeNull();
    expect(photoFileProblem({ contentType: 'image/png; charset=binary', size: 1 })).toBeNull();
    expect(photoFileProblem({ contentType: 'text/html', size: 10 })).toBe('只能上传图片（jpg、png、webp、gif）');
    expect(photoFileProblem({ contentType: 'image/svg+xml', size: 10 })).toBe('只能上传图片（jpg、png、webp、gif）');
    expect(photoFileProblem({ contentType: 'image/jpeg', size: PHOTO_RULES.maxBytes })).toBeNull();
    expect(photoFileProblem({ contentType: 'image/jpeg', size: PHOTO_RULES.maxBytes + 1 })).toBe('照片不能超过10MB');
    expect(photoFileProblem({ contentType: 'image/jpeg', size: 0 })).toBe('照片文件已损坏，请重新上传');
    expect(photoFileProblem({ contentType: 'image/jpeg', size: NaN })).toBe('照片文件已损坏，请重新上传');
  });

  test('the first bytes decide what the file is: JPEG, PNG, GIF, WebP; text, SVG or HTML under an image type is refused', () => {
    const bytes = (...xs: Array<number | string>) => Uint8Array.from(xs.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));
    const jpeg = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF');
    const png = bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d);
    const webp = bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 ');
    expect([jpeg, png, bytes('GIF89a', 1, 0), bytes('GIF87a'), webp].map(imageTypeOf)).toEqual(['image/jpeg', 'image/png', 'image/gif', 'image/gif', 'image/webp']);
    for (const bad of [bytes('<svg xmlns="http://www.w3.org/2000/svg">'), bytes('<html>'), bytes('RIFF', 0, 0, 0, 0, 'WAVE'), bytes(0xff, 0xd8), bytes(), bytes('%PDF-1.7')]) expect(imageTypeOf(bad)).toBeNull();
    expect(photoFileProblem({ contentType: 'image/jpeg', size: 10, head: jpeg })).toBeNull();
    expect(photoFileProblem({ contentType: 'image/jpeg', size: 10, head: png })).toBeNull(); // a mislabelled image is still an image
    expect(photoFileProblem({ contentType: 'image/jpeg', size: 40, head: bytes('<svg xmlns="http://www.w3.org/2000/svg">') })).toBe('照片文件不是有效的图片，请重新上传');
    expect(photoFileProblem({ contentType: 'text/html', size: 10, head: jpeg })).toBe('只能上传图片（jpg、png、webp、gif）');
  });
});

describe('the schemas of users\' photos refuse URLs and paths before the server looks', () => {
  const own = mine('reports/a.jpg');
  it.each([
    ['report', S.reportInput, { clientToken: 't', description: '路灯不亮了', photos: [own], communityId: 'comm-wufeng' }],
    ['note', S.noteInput, { caseId: 'c1', photos: [own] }],
    ['resolve', S.resolveInput, { caseId: 'c1', result: '已修复', photos: [own] }],
    ['recordAction', C.recordActionInput, { callId: 'k1', text: '已到场处置', photos: [own] }],
  ] as const)('%s accepts an uploaded photo', (_n, schema, input) => {
    expect(parseInput(schema as never, input)).toMatchObject({ ok: true });
  });
  it.each([
    ['report', S.reportInput, { clientToken: 't', description: '路灯不亮了', communityId: 'comm-wufeng' }],
    ['note', S.noteInput, { caseId: 'c1' }],
    ['resolve', S.resolveInput, { caseId: 'c1', result: '已修复' }],
    ['recordAction', C.recordActionInput, { callId: 'k1', text: '已到场处置' }],
  ] as const)('%s refuses an https URL, .., and an export file', (_n, schema, base) => {
    for (const [photo, message] of [
      ['https://tracker.example.com/p.jpg', '照片须在小程序内上传，不能使用网址'],
      [mine('../x.jpg'), '照片路径不正确'],
      [id('exports/0f0e/考核排名.csv'), '照片须在小程序内上传'],
    ]) {
      expect(parseInput(schema as never, { ...base, photos: [photo] })).toMatchObject({ ok: false, message, issues: [{ path: 'photos.0' }] });
    }
  });
  it('channels keep their partners\' https media (not users\' uploads)', () => {
    expect(parseInput(S.channelIntakeInput, { channel: 'hotline12345', channelRef: '1', description: '路灯不亮', photos: ['https://dcm.example.cn/p/1.jpg'] })).toMatchObject({ ok: true });
    expect(parseInput(S.forwardResultInput, { forwardRef: 'g1', outcome: 'resolved', result: '已处理', photos: ['https://grid.example.cn/p/1.jpg'] })).toMatchObject({ ok: true });
  });
});
