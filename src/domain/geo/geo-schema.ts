/**
 * Stored geometry is valid by construction: every GeoJSON point and polygon the system writes passes one of these
 * schemas, and every stored document read back is checked with them (a bad one is skipped, never decoded into a
 * crash). The real `@cloudbase/database` decoder throws on a degenerate polygon (an empty ring, one point), so a
 * polygon that reaches the database must already be a proper one.
 *
 * Rules (GeoJSON, [lng, lat], WGS84):
 *   - a position is two finite numbers, longitude in [-180, 180], latitude in [-90, 90]
 *   - and lies inside the district box (`DISTRICT_BOX`: the Gulou seed boundaries plus `DISTRICT_BOX_MARGIN_M`)
 *   - a ring has at least 4 positions and is closed (first = last); a polygon has 1–10 rings
 */
import * as z from 'zod/mini';
import { bboxContains, bboxExpand } from './geo-measure';
import type { BBox, LngLat } from './geo-types';

/** Bounding box of every Gulou seed boundary (district outline and the 10 street/town polygons), in degrees. */
export const DISTRICT_SEED_BBOX: BBox = [119.232, 26.064, 119.332, 26.13];
/** Slack around the seed boundaries: GPS noise and places just across the border (routing sends those to triage). */
export const DISTRICT_BOX_MARGIN_M = 2000;
/** Where any stored geometry may lie (tests/domain/geo/geo-schema.test.ts re-derives it from the seed). */
export const DISTRICT_BOX: BBox = bboxExpand(DISTRICT_SEED_BBOX, DISTRICT_BOX_MARGIN_M);

export const OUTSIDE_DISTRICT_MESSAGE = '位置不在鼓楼区范围内';

const lng = z.number({ error: '经度格式不正确' }).check(z.gte(-180, '经度格式不正确'), z.lte(180, '经度格式不正确'));
const lat = z.number({ error: '纬度格式不正确' }).check(z.gte(-90, '纬度格式不正确'), z.lte(90, '纬度格式不正确'));

/** A [lng, lat] position anywhere on earth (finite, in range). */
export const position = z.tuple([lng, lat], { error: '坐标格式不正确' });

/** A [lng, lat] position inside the district box. */
export const districtPosition = position.check(z.refine((p: LngLat) => bboxContains(DISTRICT_BOX, p), OUTSIDE_DISTRICT_MESSAGE));

const closed = (r: LngLat[]) => r.length > 0 && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1];

const ring = z
  .array(districtPosition, { error: '区域边界格式不正确' })
  .check(z.minLength(4, { error: '区域边界至少需要3个点（首尾闭合共4个坐标）', abort: true }), z.refine(closed, '区域边界须首尾闭合'));

/** GeoJSON Polygon inside the district: closed rings of ≥ 4 positions, 1–10 rings. */
export const districtPolygon = z.object(
  {
    type: z.literal('Polygon', { error: '区域格式不正确' }),
    coordinates: z.array(ring, { error: '区域格式不正确' }).check(z.minLength(1, '区域至少需要1条边界'), z.maxLength(10, '区域边界最多10条')),
  },
  { error: '区域格式不正确' },
);

/** GeoJSON Point anywhere (a device position: a phone may be outside the district). */
export const geoPoint = z.object(
  {
    type: z.literal('Point', { error: '位置格式不正确' }),
    coordinates: position,
  },
  { error: '请选择位置' },
);

/** GeoJSON Point inside the district box (a case's location, a call's meeting place). */
export const districtPoint = z.object(
  {
    type: z.literal('Point', { error: '位置格式不正确' }),
    coordinates: districtPosition,
  },
  { error: '请选择位置' },
);
