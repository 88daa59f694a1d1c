import {
  CASE_ID_ALPHABET,
  CASE_ID_RANDOM_LENGTH,
  caseIdOf,
  dailyCollisionChance,
  isCaseId,
} from '@domain/case/case-id';

describe('case ids', () => {
  test('format: GL + business day + 7 symbols of Crockford base 32', () => {
    expect(caseIdOf('2026-12-05', [0, 1, 2, 3, 4, 5, 6])).toBe('GL20261205-0123456');
    expect(caseIdOf('2026-12-05', [31, 63, 255, 18, 21, 27, 30])).toBe('GL20261205-ZZZJNVY');
    expect(isCaseId('GL20261205-7K3M9QD')).toBe(true);
  });

  test.each([
    ['GL20261205-7K3M9Q', 'too short'],
    ['GL20261205-7K3M9QDX', 'too long'],
    ['GL20261205-7K3M9QI', 'I is not in the alphabet'],
    ['GL20261205-7K3M9QO', 'O is not in the alphabet'],
    ['GL20261205-7k3m9qd', 'lower case'],
    ['GL2026125-7K3M9QD', 'short day'],
    ['XX20261205-7K3M9QD', 'prefix'],
  ])('%s is not a case id (%s)', (id) => {
    expect(isCaseId(id)).toBe(false);
  });

  test('the alphabet has 32 distinct symbols, none of I L O U', () => {
    expect(new Set(CASE_ID_ALPHABET).size).toBe(32);
    expect(CASE_ID_ALPHABET).not.toMatch(/[ILOU]/);
  });

  test('every byte value maps to a symbol, each symbol from exactly 8 byte values (uniform)', () => {
    const counts = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const sym = caseIdOf('2026-01-01', [b, 0, 0, 0, 0, 0, 0]).slice(-CASE_ID_RANDOM_LENGTH)[0];
      counts.set(sym, (counts.get(sym) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    expect([...counts.values()].every((n) => n === 8)).toBe(true);
  });

  test('refuses a bad day or too few random bytes (a programming error, not user input)', () => {
    expect(() => caseIdOf('20261205', [0, 0, 0, 0, 0, 0, 0])).toThrow();
    expect(() => caseIdOf('2026-12-05', [0, 0, 0])).toThrow();
  });

  test('daily collision chance: the figures the README states', () => {
    expect(dailyCollisionChance(1)).toBe(0);
    expect(dailyCollisionChance(1_000)).toBeLessThan(2e-5);
    expect(dailyCollisionChance(10_000)).toBeGreaterThan(1.4e-3);
    expect(dailyCollisionChance(10_000)).toBeLessThan(1.5e-3);
    expect(dailyCollisionChance(59_000)).toBeGreaterThan(0.04);
    expect(dailyCollisionChance(59_000)).toBeLessThan(0.06);
  });
});
