/**
 * Function secrets (environment variables that must be random, stable and never committed), shared by
 * `npm run deploy` (scripts/deploy.ts: one per cloud environment) and `npm start` (scripts/start.ts: one per local
 * data directory).
 *
 * `YX_PSEUDONYM_KEY` keys the per-case pseudonyms that replace citizens' openids in answers
 * (cloudfunctions/common/views.ts `citizenAlias`, an HMAC). Changing it changes every pseudonym's display, no data.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const PSEUDONYM_KEY_VAR = 'YX_PSEUDONYM_KEY';

/** 256 random bits, hex. */
export function newSecret(): string {
  return crypto.randomBytes(32).toString('hex');
}

/** At least 32 characters of hex / base64 / base64url (e.g. `openssl rand -hex 32` or `-base64 32`), not one repeated character. */
export function isStrongSecret(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 32 && v.length <= 256 && /^[A-Za-z0-9+/=_-]+$/.test(v) && new Set(v).size >= 8;
}

/**
 * The secret kept in `file` (created with mode 0600, with its directory, when missing or not a strong secret).
 * The same file gives the same secret on every call.
 */
export function loadOrCreateSecretFile(file: string, generate: () => string = newSecret): string {
  if (fs.existsSync(file)) {
    const v = fs.readFileSync(file, 'utf8').trim();
    if (isStrongSecret(v)) return v;
  }
  const v = generate();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${v}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return v;
}

/** `npm start`: the pseudonym key of a local data directory (`<dataDir>/secrets/pseudonym.key`). */
export function localPseudonymKey(dataDir: string): string {
  return loadOrCreateSecretFile(path.join(dataDir, 'secrets', 'pseudonym.key'));
}
