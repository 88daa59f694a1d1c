/**
 * Photos users attach (随手拍, 处置记录, 办结, 部门处置情况): only files of this environment's cloud storage, under
 * the caller's own upload folder `uploads/<owner key>/…`, image files of bounded size. No URLs (a tracking image
 * would load on staff phones), no paths with `..`, no file of another environment or of another user.
 *
 * The owner key is an opaque id of the caller's openid (the server computes it, `whoami` tells the app); the
 * app uploads to `<uploadDir>/<folder>/<day>/<random>.<ext>`. Which folder belongs to whom and whether the file
 * exists are checked on the server with these rules; stored cases keep whatever they hold (older cases may
 * carry https URLs from channels and still display).
 */

export const PHOTO_RULES = {
  maxCount: 9,
  /** bytes; the app compresses photos to well under this */
  maxBytes: 10 * 1024 * 1024,
  contentTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as readonly string[],
  extensions: ['jpg', 'jpeg', 'png', 'webp', 'gif'] as readonly string[],
  /** every user's uploads live under <uploadRoot>/<owner key>/ */
  uploadRoot: 'uploads',
  maxIdLength: 512,
} as const;

/** The caller's upload folder: `uploads/<owner key>`. */
export function uploadDirOf(ownerKey: string): string {
  return `${PHOTO_RULES.uploadRoot}/${ownerKey}`;
}

export interface FileIdParts {
  env: string;
  bucket: string;
  /** the cloud path inside the bucket */
  path: string;
}

/** `cloud://<env>.<bucket>/<path>` (the form WeChat's storage and local/ give) → its parts, or null. */
export function parseFileId(fileId: string): FileIdParts | null {
  const m = /^cloud:\/\/([a-z0-9][a-z0-9-]{0,63})\.([A-Za-z0-9][A-Za-z0-9-]{0,127})\/(.+)$/.exec(fileId);
  return m ? { env: m[1], bucket: m[2], path: m[3] } : null;
}

/** A cloud path made of plain segments: no `.`/`..`, no empty segment, no query, escape or control characters. */
export function cloudPathProblem(path: string): string | null {
  if (!path || path.length > PHOTO_RULES.maxIdLength) return '照片路径不正确';
  if (/[?#%\\\s\u0000-\u001f\u007f]/.test(path)) return '照片路径不正确';
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..')) return '照片路径不正确';
  return null;
}

/** What a photo id must look like whoever sends it: a cloud fileID of an image in an upload folder. */
export function photoIdShapeProblem(fileId: string): string | null {
  if (typeof fileId !== 'string' || !fileId) return '照片格式不正确';
  if (fileId.length > PHOTO_RULES.maxIdLength) return '照片格式不正确';
  if (/^https?:\/\//i.test(fileId)) return '照片须在小程序内上传，不能使用网址';
  const parts = parseFileId(fileId);
  if (!parts) return '照片格式不正确';
  const bad = cloudPathProblem(parts.path);
  if (bad) return bad;
  const segs = parts.path.split('/');
  if (segs[0] !== PHOTO_RULES.uploadRoot || segs.length < 3) return '照片须在小程序内上传';
  const ext = /\.([A-Za-z0-9]+)$/.exec(segs[segs.length - 1])?.[1]?.toLowerCase();
  if (!ext || !PHOTO_RULES.extensions.includes(ext)) return '只能上传图片（jpg、png、webp、gif）';
  return null;
}

export interface PhotoOwnerContext {
  /** the environment the server runs in */
  env: string;
  /** the caller's owner key (see uploadDirOf) */
  ownerKey: string;
}

/** One photo id against the caller: shape, this environment, the caller's own upload folder. */
export function photoIdProblem(fileId: string, ctx: PhotoOwnerContext): string | null {
  const shape = photoIdShapeProblem(fileId);
  if (shape) return shape;
  const parts = parseFileId(fileId)!;
  if (parts.env !== ctx.env) return '照片不属于本系统，请重新上传';
  if (!parts.path.startsWith(`${uploadDirOf(ctx.ownerKey)}/`)) return '只能使用您本人上传的照片，请重新上传';
  return null;
}

/** A list of photo ids: count, duplicates, then each id (the first problem, or null). */
export function photoListProblem(fileIds: readonly string[], ctx: PhotoOwnerContext, max: number = PHOTO_RULES.maxCount): string | null {
  if (fileIds.length > max) return `最多上传${max}张照片`;
  if (new Set(fileIds).size !== fileIds.length) return '照片重复';
  for (const id of fileIds) {
    const p = photoIdProblem(id, ctx);
    if (p) return p;
  }
  return null;
}

/** How many first bytes of a file `imageTypeOf` needs. */
export const IMAGE_SNIFF_BYTES = 16;

/**
 * The image format a file's first bytes say it is (magic numbers: JPEG, PNG, GIF, WebP), or null. The declared
 * type and the name come from the uploader; the bytes are what a viewer's phone will decode.
 */
export function imageTypeOf(head: Uint8Array): string | null {
  const b = (i: number) => head[i];
  const ascii = (from: number, s: string) => [...s].every((c, i) => b(from + i) === c.charCodeAt(0));
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b(i) === x)) return 'image/png';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  return null;
}

/**
 * What storage says about a stored photo: an image type and at most maxBytes; with its first bytes (`head`), also
 * that they are one of those images (a text or SVG file declared as image/jpeg is refused).
 */
export function photoFileProblem(file: { contentType?: string | null; size?: number | null; head?: Uint8Array | null }): string | null {
  const type = (file.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!PHOTO_RULES.contentTypes.includes(type)) return '只能上传图片（jpg、png、webp、gif）';
  if (file.head !== undefined && file.head !== null) {
    const actual = imageTypeOf(file.head);
    if (!actual || !PHOTO_RULES.contentTypes.includes(actual)) return '照片文件不是有效的图片，请重新上传';
  }
  if (typeof file.size !== 'number' || !Number.isFinite(file.size) || file.size <= 0) return '照片文件已损坏，请重新上传';
  if (file.size > PHOTO_RULES.maxBytes) return `照片不能超过${Math.round(PHOTO_RULES.maxBytes / 1024 / 1024)}MB`;
  return null;
}
