import { checkTime, TIME_ABSOLUTE, TIME_BOUNDS } from '@domain/common/time-bounds';
import { timestamp, parseInput } from '@domain/common/schema-parts';

const NOW = Date.parse('2026-11-17T09:00:00+08:00');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('time bounds table', () => {
  test('documented horizons', () => {
    expect(TIME_BOUNDS.deadline.horizonMs).toBe(365 * DAY);
    expect(TIME_BOUNDS.meetAt.horizonMs).toBe(30 * DAY);
    expect(TIME_BOUNDS.meetAt.pastToleranceMs).toBe(5 * MIN);
  });

  test.each<[string, 'deadline' | 'meetAt', number, 'ok' | 'past' | 'tooFar']>([
    ['deadline tomorrow', 'deadline', NOW + DAY, 'ok'],
    ['deadline in 364 days', 'deadline', NOW + 364 * DAY, 'ok'],
    ['deadline exactly 1 year ahead', 'deadline', NOW + 365 * DAY, 'ok'],
    ['deadline 1 year and 1 minute ahead', 'deadline', NOW + 365 * DAY + MIN, 'tooFar'],
    ['deadline a century ahead', 'deadline', NOW + 100 * 365 * DAY, 'tooFar'],
    ['deadline 8.64e15 ms', 'deadline', 8.64e15, 'tooFar'],
    ['deadline now', 'deadline', NOW, 'past'],
    ['deadline a minute ago', 'deadline', NOW - MIN, 'past'],
    ['meeting in an hour', 'meetAt', NOW + 60 * MIN, 'ok'],
    ['meeting 3 minutes ago (picker rounding)', 'meetAt', NOW - 3 * MIN, 'ok'],
    ['meeting 6 minutes ago', 'meetAt', NOW - 6 * MIN, 'past'],
    ['meeting in 30 days', 'meetAt', NOW + 30 * DAY, 'ok'],
    ['meeting in 31 days', 'meetAt', NOW + 31 * DAY, 'tooFar'],
    ['meeting a century ahead', 'meetAt', NOW + 100 * 365 * DAY, 'tooFar'],
    ['NaN', 'meetAt', NaN, 'tooFar'],
  ])('%s', (_n, field, value, expected) => {
    const r = checkTime(field, value, NOW);
    expect(r.ok ? 'ok' : r.why).toBe(expected);
    if (!r.ok) expect(r.message).toMatch(/^(办理期限|到场时间)/);
  });

  test('the input schema refuses values outside the absolute bounds before any clock is known', () => {
    const s = timestamp('办理期限');
    expect(parseInput(s, 8.64e15)).toMatchObject({ ok: false, message: '办理期限超出允许范围' });
    expect(parseInput(s, TIME_ABSOLUTE.max + 1)).toMatchObject({ ok: false });
    expect(parseInput(s, 1)).toMatchObject({ ok: false, message: '办理期限格式不正确' });
    expect(parseInput(s, NOW)).toMatchObject({ ok: true });
  });
});
