/**
 * Random hex for request ids and tokens, taken from a pool filled 4 KB at a time by the CSPRNG: every byte is
 * used once, as with `randomBytes(n).toString('hex')`, without a call into OpenSSL (and a Buffer) per request.
 */
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let pos = pool.length;

export function randomHex(bytes: number): string {
  if (bytes > pool.length) return randomFillSync(Buffer.alloc(bytes)).toString('hex');
  if (pos + bytes > pool.length) {
    randomFillSync(pool);
    pos = 0;
  }
  const s = pool.toString('hex', pos, pos + bytes);
  pos += bytes;
  return s;
}
