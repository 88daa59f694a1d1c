import {
  bboxContains, bboxExpand, bboxIntersects, bboxOf, clipByConvex, distanceToPolygonM, haversineM, isConvexRing,
  pointInPolygon, pointInRing, ringAreaM2, voronoiCells,
} from '@domain/geo';
import type { LngLat, Polygon, Ring } from '@domain/geo';

const square: Ring = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
const sq: Polygon = { type: 'Polygon', coordinates: [square] };

describe('haversineM', () => {
  test.each<[string, LngLat, LngLat, number, number]>([
    // 1° of latitude is 111.195 km on the mean sphere
    ['one degree of latitude', [119.3, 26], [119.3, 27], 111195, 1],
    ['same point', [119.3, 26.08], [119.3, 26.08], 0, 0.001],
    // 东街口 → 三坊七巷 (~ 0.0045° lng, ~0.0035° lat at 26.08°N): hand computed ≈ 591 m
    ['city scale', [119.3005, 26.0860], [119.2960, 26.0825], 591, 5],
  ])('%s', (_n, a, b, expected, tol) => {
    expect(Math.abs(haversineM(a, b) - expected)).toBeLessThanOrEqual(tol);
  });
  test('symmetric and accepts {lng,lat}', () => {
    expect(haversineM({ lng: 119.28, lat: 26.1 }, [119.31, 26.07])).toBeCloseTo(haversineM([119.31, 26.07], [119.28, 26.1]), 6);
  });
});

describe('point in polygon', () => {
  test.each<[string, LngLat, boolean]>([
    ['centre', [0.5, 0.5], true],
    ['outside right', [1.5, 0.5], false],
    ['outside below', [0.5, -0.1], false],
    ['on an edge counts inside', [1, 0.5], true],
    ['on a vertex counts inside', [0, 0], true],
  ])('%s', (_n, p, inside) => {
    expect(pointInRing(p, square)).toBe(inside);
    expect(pointInPolygon(p, sq)).toBe(inside);
  });
  test('holes exclude their inside but not their edge', () => {
    const withHole: Polygon = { type: 'Polygon', coordinates: [square, [[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.4, 0.6], [0.4, 0.4]]] };
    expect(pointInPolygon([0.5, 0.5], withHole)).toBe(false);
    expect(pointInPolygon([0.2, 0.2], withHole)).toBe(true);
    expect(pointInPolygon([0.4, 0.5], withHole)).toBe(true);
  });
  test('concave ring (L shape)', () => {
    const L: Ring = [[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]];
    expect(pointInRing([1.5, 1.5], L)).toBe(false);
    expect(pointInRing([0.5, 1.5], L)).toBe(true);
    expect(isConvexRing(L)).toBe(false);
    expect(isConvexRing(square)).toBe(true);
  });
});

describe('bbox', () => {
  test('of, contains, intersects, expand', () => {
    const b = bboxOf(sq);
    expect(b).toEqual([0, 0, 1, 1]);
    expect(bboxContains(b, [0.5, 1])).toBe(true);
    expect(bboxContains(b, { lng: 1.01, lat: 0.5 })).toBe(false);
    expect(bboxIntersects(b, [1, 1, 2, 2])).toBe(true);
    expect(bboxIntersects(b, [1.1, 0, 2, 2])).toBe(false);
    const e = bboxExpand([119.3, 26.08, 119.3, 26.08], 1000);
    expect(haversineM([e[0], 26.08], [e[2], 26.08])).toBeCloseTo(2000, -1);
    expect(haversineM([119.3, e[1]], [119.3, e[3]])).toBeCloseTo(2000, -1);
  });
});

describe('areas, distances, clipping', () => {
  const km: Ring = [[119.3, 26.08], [119.31, 26.08], [119.31, 26.09], [119.3, 26.09], [119.3, 26.08]];
  test('ringAreaM2 of a 0.01° cell near Fuzhou ≈ 1000.6 m × 1111.9 m', () => {
    // 0.01° lng at 26.085° = 111195 × cos(26.085°) × 0.01 = 998.6 m; 0.01° lat = 1111.95 m
    expect(ringAreaM2(km) / 1e6).toBeCloseTo((998.6 * 1111.95) / 1e6, 2);
  });
  test('distanceToPolygonM is 0 inside and the edge distance outside', () => {
    const poly: Polygon = { type: 'Polygon', coordinates: [km] };
    expect(distanceToPolygonM([119.305, 26.085], poly)).toBe(0);
    expect(distanceToPolygonM([119.305, 26.091], poly)).toBeCloseTo(111.2, 0);
  });
  test('clipByConvex gives the intersection', () => {
    const other: Ring = [[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 1.5], [0.5, 0.5]];
    const inter = clipByConvex(square, other);
    expect(bboxOf(inter)).toEqual([0.5, 0.5, 1, 1]);
    expect(clipByConvex(square, [[2, 2], [3, 2], [3, 3], [2, 2]])).toEqual([]);
  });
  test('voronoiCells partition the outline: areas add up, cells hold their sites, no overlap', () => {
    const sites: LngLat[] = [[119.301, 26.082], [119.308, 26.083], [119.304, 26.088], [119.302, 26.0895]];
    const cells = voronoiCells(sites, km, 7);
    const total = cells.reduce((s, c) => s + ringAreaM2(c), 0);
    expect(total / ringAreaM2(km)).toBeCloseTo(1, 4);
    cells.forEach((c, i) => {
      expect(pointInRing(sites[i], c)).toBe(true);
      expect(isConvexRing(c)).toBe(true);
      cells.forEach((d, j) => {
        if (j > i) expect(ringAreaM2(clipByConvex(c, d))).toBeLessThan(1);
      });
    });
    // a point is in the cell of its nearest site
    const p: LngLat = [119.3035, 26.0871];
    const nearest = sites.map((s) => haversineM(s, p)).reduce((bi, d, i, arr) => (d < arr[bi] ? i : bi), 0);
    expect(pointInRing(p, cells[nearest])).toBe(true);
  });
});
