/**
 * Users' photos: each user uploads under `uploads/<owner key>/` (the owner key is an opaque id of the openid; the
 * app learns its folder from `whoami.uploadDir`). Before a photo is written into a case or a call the server checks
 * (src/domain/common/photo-rules.ts) that it is a fileID of this environment in the caller's own folder, then asks
 * storage through the SDK: `getTempFileURL` says whether each file exists, and a HEAD of that (short-lived) URL
 * gives its content type and size, which must be an image of at most PHOTO_RULES.maxBytes; the file's first bytes
 * (a ranged GET) must be that kind of image too (the declared type is the uploader's word).
 */
import http from 'node:http';
import https from 'node:https';
import { IMAGE_SNIFF_BYTES, photoFileProblem, photoListProblem } from '@domain/common/photo-rules';
import { sdk } from './sdk';
import { Errors } from './errors';
import { ownerKeyOf } from './owner';

export { ownerKeyOf, uploadDirFor } from './owner';

/** The environment this function runs in (the env part of its fileIDs). */
export function currentEnv(): string {
  const ctx = sdk().getWXContext() as { ENV?: string };
  return ctx.ENV || process.env.TCB_ENV || '';
}

function head(url: string): Promise<{ status: number; contentType: string; size: number }> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : http;
    const req = lib.request(url, { method: 'HEAD', timeout: 5000 }, (res) => {
      res.resume();
      resolve({
        status: res.statusCode ?? 0,
        contentType: String(res.headers['content-type'] ?? ''),
        size: Number(res.headers['content-length'] ?? NaN),
      });
    });
    req.on('timeout', () => req.destroy(new Error('HEAD timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** The first `n` bytes of the file at `url` (a ranged GET; a server that ignores Range is cut off after them). */
function firstBytes(url: string, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : http;
    const req = lib.request(url, { method: 'GET', timeout: 5000, headers: { range: `bytes=0-${n - 1}` } }, (res) => {
      const chunks: Buffer[] = [];
      let got = 0;
      const done = () => resolve(Buffer.concat(chunks).subarray(0, n));
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        got += c.length;
        if (got >= n) {
          res.destroy();
          done();
        }
      });
      res.on('end', done);
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('GET timed out')));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Throws PHOTO_INVALID / PHOTO_NOT_FOUND unless every photo is the caller's own upload in this environment, exists,
 * and is an image of bounded size. No photos: nothing to ask.
 */
export async function checkPhotos(photos: readonly string[], openid: string): Promise<void> {
  if (photos.length === 0) return;
  const problem = photoListProblem(photos, { env: currentEnv(), ownerKey: ownerKeyOf(openid) });
  if (problem) throw Errors.photoInvalid(problem);
  const res = (await sdk().getTempFileURL({ fileList: photos.map((fileID) => ({ fileID, maxAge: 120 })) })) as {
    fileList: Array<{ fileID: string; tempFileURL: string; status: number }>;
  };
  const byId = new Map(res.fileList.map((f) => [f.fileID, f]));
  const urls = photos.map((id) => {
    const f = byId.get(id);
    if (!f || f.status !== 0 || !f.tempFileURL) throw Errors.photoNotFound();
    return f.tempFileURL;
  });
  const heads = await Promise.all(
    urls.map((u) =>
      head(u).catch((err: unknown) => {
        console.error('[uploads] HEAD failed', (err as Error)?.message);
        throw Errors.internal();
      }),
    ),
  );
  for (const h of heads) {
    if (h.status === 404) throw Errors.photoNotFound();
    if (h.status !== 200) throw Errors.internal();
    const bad = photoFileProblem({ contentType: h.contentType, size: h.size });
    if (bad) throw Errors.photoInvalid(bad);
  }
  const starts = await Promise.all(
    urls.map((u) =>
      firstBytes(u, IMAGE_SNIFF_BYTES).catch((err: unknown) => {
        console.error('[uploads] GET failed', (err as Error)?.message);
        throw Errors.internal();
      }),
    ),
  );
  heads.forEach((h, i) => {
    const bad = photoFileProblem({ contentType: h.contentType, size: h.size, head: starts[i] });
    if (bad) throw Errors.photoInvalid(bad);
  });
}
