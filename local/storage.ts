/**
 * Cloud storage on disk: <dataDir>/storage/<cloudPath>, with a `.meta.json` sidecar (content type).
 * Upload flow of the SDK: `storage.getUploadMetadata {path}` → { url, token, authorization, fileId,
 * cosFileId } then an HTTP PUT of the bytes to `url` (headers Signature/authorization, x-cos-meta-fileid,
 * key); the SDK parses the PUT reply as XML (COS), so success is an empty 200. Downloads use
 * signed, expiring URLs served by this server (`/storage/<bucket>/<path>?t=<expiry>&sign=<hmac>`).
 *
 * Ownership, as WeChat's default storage rule (所有用户可读，仅创建者可读写): each file records the openid that
 * created it (`owner` in the sidecar: the H5 visitor for /api/upload, the invoking user for an SDK upload from a
 * function, none for a server-side upload). A file can be overwritten only by its creator (`writeAs`), and the
 * H5 app's `/api/temp-url` reads only files it may read (`readableBy`): users' uploads (`uploads/…`, shown to
 * every user of the app, e.g. staff viewing a citizen's photos) and files the requester created (an export).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';
import { CloudError, Codes } from './errors';

const MIME: Record<string, string> = {
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8', '.json': 'application/json', '.pdf': 'application/pdf', '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg', '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
};
/** Users' uploads (the app's photos) live under this folder (src/domain/common/photo-rules.ts). */
export const UPLOADS_ROOT = 'uploads';

export const mimeOf = (p: string) => MIME[path.extname(p).toLowerCase()] ?? 'application/octet-stream';

export class StorageService {
  readonly bucket: string;
  private secret = randomBytes(16).toString('hex');
  private uploads = new Map<string, { cloudPath: string; expires: number; owner?: string }>();

  constructor(
    readonly root: string,
    readonly envId: string,
    private baseUrl: () => string,
    private now: () => number,
  ) {
    this.bucket = `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1250000000`;
    fs.mkdirSync(root, { recursive: true });
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.envId}.${this.bucket}/${cloudPath}`;
  }

  /** cloud://<env>.<bucket>/<path> → <path>, or null for a foreign/invalid id */
  pathOf(fileId: string): string | null {
    const prefix = `cloud://${this.envId}.${this.bucket}/`;
    if (!fileId.startsWith(prefix)) return null;
    return safePath(fileId.slice(prefix.length));
  }

  private abs(cloudPath: string): string {
    return path.join(this.root, cloudPath);
  }

  /** `owner`: the openid of the user on whose behalf the SDK uploads (the invoking user), if any. */
  uploadMetadata(cloudPath: string, owner?: string): Record<string, string> {
    const p = safePath(cloudPath);
    if (!p) throw new CloudError(Codes.INVALID_PARAM, `invalid cloudPath: ${cloudPath}`);
    if (owner && !this.mayWrite(p, owner)) throw new CloudError(Codes.STORAGE_SIGN_PARAM_INVALID, `AccessDenied: ${p} belongs to another user`, 403);
    const token = randomBytes(16).toString('hex');
    this.uploads.set(token, { cloudPath: p, expires: Date.now() + 10 * 60_000, owner });
    const url = `${this.baseUrl()}/storage/${this.bucket}/${encodePath(p)}`;
    return {
      url,
      token,
      authorization: `q-sign-algorithm=sha1&q-ak=local&q-sign=${token}`,
      fileId: this.fileId(p),
      cosFileId: `local/${token}`,
      download_url: url,
    };
  }

  /** PUT from the SDK: authorised by the token handed out in uploadMetadata. */
  acceptUpload(urlPath: string, headers: Record<string, string | string[] | undefined>, body: Buffer): void {
    const auth = String(headers.authorization ?? headers.signature ?? '');
    const token = /q-sign=([0-9a-f]+)/.exec(auth)?.[1] ?? String(headers['x-cos-security-token'] ?? '');
    const up = this.uploads.get(token);
    const p = this.cloudPathFromUrl(urlPath);
    if (!up || up.expires < Date.now() || up.cloudPath !== p) throw new CloudError(Codes.STORAGE_SIGN_PARAM_INVALID, 'SignatureDoesNotMatch', 403);
    this.uploads.delete(token);
    const ct = headers['content-type'];
    this.write(p!, body, typeof ct === 'string' && ct !== 'application/octet-stream' ? ct : mimeOf(p!), up.owner);
  }

  /** Write a file (server side: no owner, or the creator's openid). */
  write(cloudPath: string, body: Buffer, contentType?: string, owner?: string): string {
    const p = safePath(cloudPath);
    if (!p) throw new CloudError(Codes.INVALID_PARAM, `invalid cloudPath: ${cloudPath}`);
    const f = this.abs(p);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, body);
    fs.writeFileSync(`${f}.meta.json`, JSON.stringify({ contentType: contentType ?? mimeOf(p), size: body.length, uploadedAt: this.now(), ...(owner ? { owner } : {}) }));
    return this.fileId(p);
  }

  /** A user's upload (the H5 app): refused with 403 when the file exists and another user (or the server) created it. */
  writeAs(owner: string, cloudPath: string, body: Buffer, contentType?: string): string {
    const p = safePath(cloudPath);
    if (!p) throw new CloudError(Codes.INVALID_PARAM, `invalid cloudPath: ${cloudPath}`);
    if (!this.mayWrite(p, owner)) throw new CloudError(Codes.STORAGE_SIGN_PARAM_INVALID, '无权覆盖他人的文件 (the file belongs to another user)', 403);
    return this.write(p, body, contentType, owner);
  }

  /** The openid that created the file at `cloudPath` (undefined: none recorded, or no such file). */
  ownerOf(cloudPath: string): string | undefined {
    try {
      return (JSON.parse(fs.readFileSync(`${this.abs(cloudPath)}.meta.json`, 'utf8')) as { owner?: string }).owner;
    } catch {
      return undefined;
    }
  }

  private mayWrite(cloudPath: string, owner: string): boolean {
    return !fs.existsSync(this.abs(cloudPath)) || this.ownerOf(cloudPath) === owner;
  }

  /** May `openid` read this file through the H5 app? Users' uploads (uploads/…) or a file they created. */
  readableBy(fileId: string, openid: string): boolean {
    const p = this.pathOf(fileId);
    if (!p || !fs.existsSync(this.abs(p))) return false;
    return p.startsWith(`${UPLOADS_ROOT}/`) || this.ownerOf(p) === openid;
  }

  cloudPathFromUrl(urlPath: string): string | null {
    const prefix = `/storage/${this.bucket}/`;
    if (!urlPath.startsWith(prefix)) return null;
    try {
      return safePath(decodeURIComponent(urlPath.slice(prefix.length)));
    } catch {
      return null;
    }
  }

  private sign(p: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${p}\n${expires}`).digest('hex').slice(0, 32);
  }

  /** One entry of batchGetDownloadUrl's download_list (the SDK passes these keys through: fileID, tempFileURL, maxAge, code). */
  downloadUrl(fileId: string, maxAge?: number): Record<string, unknown> {
    const p = this.pathOf(fileId);
    if (!p || !fs.existsSync(this.abs(p))) {
      return { fileID: fileId, tempFileURL: '', code: Codes.STORAGE_FILE_NONEXIST, message: 'file not exist' };
    }
    const expires = Math.floor(this.now() / 1000) + (typeof maxAge === 'number' && maxAge > 0 ? maxAge : 7200);
    // raw (unencoded) path like the cloud: the SDK's downloadFile applies encodeURI() itself
    const url = `${this.baseUrl()}/storage/${this.bucket}/${p}?t=${expires}&sign=${this.sign(p, expires)}`;
    return { fileID: fileId, tempFileURL: url, maxAge: expires - Math.floor(this.now() / 1000), code: 'SUCCESS' };
  }

  /** Serve a signed download URL: file + content type, or an HTTP status. */
  serve(urlPath: string, query: URLSearchParams): { status: number; body?: Buffer; contentType?: string; message?: string } {
    const p = this.cloudPathFromUrl(urlPath);
    if (!p) return { status: 404, message: 'NoSuchKey' };
    const t = Number(query.get('t'));
    if (!t || query.get('sign') !== this.sign(p, t)) return { status: 403, message: 'AccessDenied: bad signature' };
    if (t * 1000 < this.now()) return { status: 403, message: 'AccessDenied: Request has expired' };
    const f = this.abs(p);
    if (!fs.existsSync(f)) return { status: 404, message: 'NoSuchKey' };
    let contentType = mimeOf(p);
    try {
      contentType = (JSON.parse(fs.readFileSync(`${f}.meta.json`, 'utf8')) as { contentType: string }).contentType;
    } catch {
      /* no sidecar */
    }
    return { status: 200, body: fs.readFileSync(f), contentType };
  }

  remove(fileId: string): Record<string, unknown> {
    const p = this.pathOf(fileId);
    if (!p || !fs.existsSync(this.abs(p))) return { fileID: fileId, code: Codes.STORAGE_FILE_NONEXIST, message: 'file not exist' };
    fs.rmSync(this.abs(p));
    fs.rmSync(`${this.abs(p)}.meta.json`, { force: true });
    return { fileID: fileId, code: 'SUCCESS' };
  }

  exists(fileId: string): boolean {
    const p = this.pathOf(fileId);
    return !!p && fs.existsSync(this.abs(p));
  }
}

function safePath(p: string): string | null {
  const clean = p.replace(/^\/+/, '');
  if (!clean || clean.length > 1024) return null;
  const parts = clean.split('/');
  if (parts.some((s) => s === '' || s === '.' || s === '..' || s.endsWith('.meta.json'))) return null;
  if (/[?#%\\\u0000-\u001f]/.test(clean)) return null;
  return clean;
}
const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');
