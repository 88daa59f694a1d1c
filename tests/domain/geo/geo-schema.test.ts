import { DISTRICT_BOX, DISTRICT_BOX_MARGIN_M, DISTRICT_SEED_BBOX, districtPoint, districtPolygon, geoPoint } from '@domain/geo/geo-schema';
import { bboxExpand, bboxOf } from '@domain/geo';
import { parseInput } from '@domain/common/schema-parts';
import { DISTRICT, STREETS } from '@domain/org/seed';
import type { LngLat } from '@domain/geo';

const ring: LngLat[] = [[119.280, 26.100], [119.290, 26.100], [119.290, 26.110], [119.280, 26.100]];
const poly = (coordinates: unknown) => ({ type: 'Polygon', coordinates });
const msg = (schema: Parameters<typeof parseInput>[0], v: unknown) => {
  const r = parseInput(schema, v);
  return r.ok ? null : r.message;
};

describe('district box', () => {
  test('is the bounding box of every seed boundary plus the margin', () => {
    const all = [DISTRICT.boundary, ...STREETS.map((s) => s.boundary)].flatMap((p) => p.coordinates.flat());
    const b = bboxOf(all as LngLat[]);
    DISTRICT_SEED_BBOX.forEach((v, i) => expect(v).toBeCloseTo(b[i], 9));
    expect(DISTRICT_BOX).toEqual(bboxExpand(DISTRICT_SEED_BBOX, DISTRICT_BOX_MARGIN_M));
    // 2 km of margin ≈ 0.018° of latitude
    expect(DISTRICT_BOX[1]).toBeCloseTo(26.064 - 0.018, 3);
  });
  test('every seed boundary and street centre passes the schemas', () => {
    for (const p of [DISTRICT.boundary, ...STREETS.map((s) => s.boundary)]) expect(msg(districtPolygon, p)).toBeNull();
    for (const s of STREETS) expect(msg(districtPoint, { type: 'Point', coordinates: s.centre })).toBeNull();
  });
});

describe('districtPolygon', () => {
  test.each<[string, unknown, string | null]>([
    ['a closed ring of 4 positions', poly([ring]), null],
    ['with a hole', poly([ring, [[119.282, 26.101], [119.284, 26.101], [119.284, 26.103], [119.282, 26.101]]]), null],
    ['unclosed ring', poly([[...ring.slice(0, 3), [119.281, 26.100]]]), '区域边界须首尾闭合'],
    ['3 positions', poly([[ring[0], ring[1], ring[0]]]), '区域边界至少需要3个点'],
    ['one position', poly([[ring[0]]]), '区域边界至少需要3个点'],
    ['empty ring', poly([[]]), '区域边界至少需要3个点'],
    ['no ring', poly([]), '区域至少需要1条边界'],
    ['coordinates missing', { type: 'Polygon' }, '区域格式不正确'],
    ['NaN', poly([[ring[0], [NaN, 26.1], ring[2], ring[0]]]), '经度格式不正确'],
    ['Infinity', poly([[ring[0], [119.29, Infinity], ring[2], ring[0]]]), '纬度格式不正确'],
    ['longitude out of range', poly([[ring[0], [190, 26.1], ring[2], ring[0]]]), '经度格式不正确'],
    ['latitude out of range', poly([[ring[0], [119.29, -91], ring[2], ring[0]]]), '纬度格式不正确'],
    ['outside the district box (Beijing)', poly([[[116.40, 39.90], [116.41, 39.90], [116.41, 39.91], [116.40, 39.90]]]), '位置不在鼓楼区范围内'],
    ['a position a string', poly([[ring[0], ['119.29', 26.1], ring[2], ring[0]]]), '经度格式不正确'],
    ['a point, not a polygon', { type: 'Point', coordinates: ring[0] }, '区域格式不正确'],
  ])('%s', (_n, value, expected) => {
    const m = msg(districtPolygon, value);
    if (expected === null) expect(m).toBeNull();
    else expect(m).toContain(expected);
  });
});

describe('points', () => {
  test.each<[string, unknown, string | null, string | null]>([
    // name, value, districtPoint message, geoPoint message
    ['inside Gulou', { type: 'Point', coordinates: [119.2960, 26.0825] }, null, null],
    ['just outside the seed boundaries, within the margin', { type: 'Point', coordinates: [119.335, 26.132] }, null, null],
    ['Beijing', { type: 'Point', coordinates: [116.40, 39.90] }, '位置不在鼓楼区范围内', null],
    ['NaN', { type: 'Point', coordinates: [NaN, 26.08] }, '经度格式不正确', '经度格式不正确'],
    ['Infinity', { type: 'Point', coordinates: [119.3, Infinity] }, '纬度格式不正确', '纬度格式不正确'],
    ['out of range', { type: 'Point', coordinates: [200, 26] }, '经度格式不正确', '经度格式不正确'],
    ['one coordinate', { type: 'Point', coordinates: [119.3] }, '坐标格式不正确', '坐标格式不正确'],
    ['a polygon', poly([ring]), '位置格式不正确', '位置格式不正确'],
  ])('%s', (_n, value, inDistrict, anywhere) => {
    const a = msg(districtPoint, value);
    const b = msg(geoPoint, value);
    if (inDistrict === null) expect(a).toBeNull();
    else expect(a).toContain(inDistrict);
    if (anywhere === null) expect(b).toBeNull();
    else expect(b).toContain(anywhere);
  });
});
