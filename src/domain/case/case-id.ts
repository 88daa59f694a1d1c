/**
 * Case ids, read out on a phone call: `GL<yyyymmdd>-<7 symbols>`, e.g. `GL20261205-7K3M9QD`.
 * The day is the business day of the report (Asia/Shanghai); the 7 symbols are random, from Crockford's base-32
 * alphabet (digits and capitals without I, L, O, U — nothing to confuse when spoken or typed).
 *
 * Capacity: 32^7 ≈ 3.4 × 10^10 ids a day. The chance that a day's reports hit the same id at least once is
 * 1 − e^(−n(n−1)/2N): ≈ 1.5 × 10^−3 at 10 000 reports, ≈ 5 % at Beijing 12345's 59 000. A collision is never an
 * error: the store's unique `_id` refuses the second write and intake retries with fresh symbols
 * (`MAX_CASE_ID_ATTEMPTS`), so the figures above are the rate of retries, not of failures.
 */
export const CASE_ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CASE_ID_RANDOM_LENGTH = 7;
export const MAX_CASE_ID_ATTEMPTS = 5;
export const CASE_ID_PATTERN = new RegExp(`^GL\\d{8}-[${CASE_ID_ALPHABET}]{${CASE_ID_RANDOM_LENGTH}}$`);

/**
 * The id for a report of business day `dayKey` (YYYY-MM-DD) from `CASE_ID_RANDOM_LENGTH` random bytes. Each byte
 * gives one symbol (its low 5 bits: 256 is a multiple of 32, so every symbol is equally likely).
 */
export function caseIdOf(dayKey: string, randomBytes: ArrayLike<number>): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dayKey)) throw new Error(`caseIdOf: bad day ${dayKey}`);
  if (randomBytes.length < CASE_ID_RANDOM_LENGTH) throw new Error(`caseIdOf: needs ${CASE_ID_RANDOM_LENGTH} random bytes`);
  let tail = '';
  for (let i = 0; i < CASE_ID_RANDOM_LENGTH; i++) tail += CASE_ID_ALPHABET[randomBytes[i] & 31];
  return `GL${dayKey.replace(/-/g, '')}-${tail}`;
}

export function isCaseId(s: string): boolean {
  return CASE_ID_PATTERN.test(s);
}

/** Probability of at least one repeated id among `perDay` random ids of one day (birthday bound). */
export function dailyCollisionChance(perDay: number): number {
  const n = Math.max(0, perDay);
  const space = CASE_ID_ALPHABET.length ** CASE_ID_RANDOM_LENGTH;
  return -Math.expm1((-n * (n - 1)) / (2 * space));
}
