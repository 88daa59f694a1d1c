import type { LngLat } from '@domain/geo';
import { findDuplicateMaster, isLikelyDuplicate } from '../../../src/domain/routing/routing-duplicate';
import type { DuplicateProbe } from '../../../src/domain/routing/routing-duplicate';

const MIN = 60_000;
const base: DuplicateProbe = { categoryCode: 'lamp', point: [119.2830, 26.1040] as LngLat, reportedAt: 1_700_000_000_000 };
// 0.0003° of latitude ≈ 33.4 m; 0.0006° ≈ 66.7 m
const north = (dLat: number): LngLat => [119.2830, 26.1040 + dLat];

describe('isLikelyDuplicate', () => {
  test.each<[string, Partial<DuplicateProbe>, boolean]>([
    ['same place, same time', {}, true],
    ['33 m away', { point: north(0.0003) }, true],
    ['67 m away (radius 50)', { point: north(0.0006) }, false],
    ['other category', { categoryCode: 'road' }, false],
    ['59 min later (window 60)', { reportedAt: base.reportedAt + 59 * MIN }, true],
    ['61 min later', { reportedAt: base.reportedAt + 61 * MIN }, false],
    ['61 min earlier', { reportedAt: base.reportedAt - 61 * MIN }, false],
    ['no location', { point: null }, false],
  ])('%s', (_n, patch, expected) => {
    expect(isLikelyDuplicate({ ...base, ...patch }, base, { radiusM: 50, windowMin: 60 })).toBe(expected);
  });
  test('GeoJSON points work too', () => {
    expect(isLikelyDuplicate({ ...base, point: { type: 'Point', coordinates: north(0.0002) } }, base)).toBe(true);
  });
});

describe('findDuplicateMaster', () => {
  test('nearest qualifying open case, then the earliest', () => {
    const cases = [
      { id: 'far', ...base, point: north(0.0006) },
      { id: 'b', ...base, point: north(0.0002), reportedAt: base.reportedAt + 5 * MIN },
      { id: 'a', ...base, point: north(0.0002), reportedAt: base.reportedAt + 1 * MIN },
      { id: 'other', ...base, categoryCode: 'road' },
    ];
    expect(findDuplicateMaster({ ...base, reportedAt: base.reportedAt + 10 * MIN }, cases, { radiusM: 50, windowMin: 60 })?.id).toBe('a');
    expect(findDuplicateMaster({ ...base, categoryCode: 'noise' }, cases)).toBeUndefined();
  });
});
