/** The opaque owner key of a user's uploads (no SDK here: tests and scripts compute folders with it too). */
import { createHash } from 'node:crypto';
import { uploadDirOf } from '@domain/common/photo-rules';

/** The opaque owner key of an openid (stable; not reversible). */
export function ownerKeyOf(openid: string): string {
  return createHash('sha256').update(`yx-upload:${openid}`).digest('hex').slice(0, 32);
}

/** The user's upload folder, e.g. `uploads/3f2a…`. */
export function uploadDirFor(openid: string): string {
  return uploadDirOf(ownerKeyOf(openid));
}
