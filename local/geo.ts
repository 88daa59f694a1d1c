/**
 * Geo operators for mingo (which has none): `$geoWithin`, `$geoIntersects`, and the distance
 * filter behind `$nearSphere`/`$near` (sorting by distance is done by the store) and the
 * `$geoNear` aggregation stage. Only GeoJSON Point fields are supported (what `db.Geo.Point`
 * stores); distances are metres on a sphere of radius 6378100 m (MongoDB's value).
 */
import { Context } from 'mingo';

export const EARTH_RADIUS_M = 6378100;

type Pos = [number, number];

export function pointOf(v: unknown): Pos | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as { type?: unknown; coordinates?: unknown };
  if (o.type === 'Point' && Array.isArray(o.coordinates) && o.coordinates.length >= 2) {
    const [x, y] = o.coordinates as unknown[];
    if (typeof x === 'number' && typeof y === 'number') return [x, y];
  }
  // legacy coordinate pair
  if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number') return [v[0], v[1]];
  return null;
}

const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres between two [lng, lat] positions. */
export function distanceMeters(a: Pos, b: Pos): number {
  const dLat = rad(b[1] - a[1]);
  const dLng = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function inRing(p: Pos, ring: Pos[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onSegment(p: Pos, a: Pos, b: Pos): boolean {
  const cross = (p[0] - a[0]) * (b[1] - a[1]) - (p[1] - a[1]) * (b[0] - a[0]);
  if (Math.abs(cross) > 1e-12) return false;
  return p[0] >= Math.min(a[0], b[0]) && p[0] <= Math.max(a[0], b[0]) && p[1] >= Math.min(a[1], b[1]) && p[1] <= Math.max(a[1], b[1]);
}

function inPolygon(p: Pos, rings: Pos[][]): boolean {
  if (!rings.length) return false;
  if (!inRing(p, rings[0]) && !ringEdge(p, rings[0])) return false;
  for (let i = 1; i < rings.length; i++) if (inRing(p, rings[i])) return false; // holes
  return true;
}

function ringEdge(p: Pos, ring: Pos[]): boolean {
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) if (onSegment(p, ring[j], ring[i])) return true;
  return false;
}

/** Does the GeoJSON geometry contain / intersect the point? */
export function geometryHasPoint(geometry: unknown, p: Pos): boolean {
  if (!geometry || typeof geometry !== 'object') return false;
  const g = geometry as { type?: string; coordinates?: unknown; geometries?: unknown[] };
  switch (g.type) {
    case 'Point': {
      const q = pointOf(g);
      return !!q && Math.abs(q[0] - p[0]) < 1e-12 && Math.abs(q[1] - p[1]) < 1e-12;
    }
    case 'MultiPoint':
      return (g.coordinates as Pos[]).some((q) => Math.abs(q[0] - p[0]) < 1e-12 && Math.abs(q[1] - p[1]) < 1e-12);
    case 'LineString':
      return segmentsHit(p, g.coordinates as Pos[]);
    case 'MultiLineString':
      return (g.coordinates as Pos[][]).some((l) => segmentsHit(p, l));
    case 'Polygon':
      return inPolygon(p, g.coordinates as Pos[][]);
    case 'MultiPolygon':
      return (g.coordinates as Pos[][][]).some((poly) => inPolygon(p, poly));
    case 'GeometryCollection':
      return (g.geometries ?? []).some((x) => geometryHasPoint(x, p));
    default:
      throw new Error(`unsupported geometry type: ${String(g.type)}`);
  }
}

function segmentsHit(p: Pos, line: Pos[]): boolean {
  for (let i = 1; i < line.length; i++) if (onSegment(p, line[i - 1], line[i])) return true;
  return false;
}

function resolvePath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Build a predicate for `$geoWithin` spec ({$geometry} | {$centerSphere} | {$box} | {$polygon}). */
export function geoWithinPredicate(spec: Record<string, unknown>): (p: Pos) => boolean {
  if (spec.$geometry) {
    const g = spec.$geometry;
    return (p) => geometryHasPoint(g, p);
  }
  if (spec.$centerSphere) {
    const [center, radians] = spec.$centerSphere as [Pos, number];
    const max = radians * EARTH_RADIUS_M;
    return (p) => distanceMeters(center, p) <= max;
  }
  if (spec.$box) {
    const [[x1, y1], [x2, y2]] = spec.$box as [Pos, Pos];
    return (p) => p[0] >= Math.min(x1, x2) && p[0] <= Math.max(x1, x2) && p[1] >= Math.min(y1, y2) && p[1] <= Math.max(y1, y2);
  }
  if (spec.$polygon) {
    const ring = spec.$polygon as Pos[];
    return (p) => inRing(p, ring) || ringEdge(p, ring);
  }
  throw new Error('$geoWithin requires $geometry, $centerSphere, $box or $polygon');
}

export interface NearSpec {
  center: Pos;
  maxDistance?: number;
  minDistance?: number;
}

/** Normalise `$nearSphere`/`$near` (GeoJSON form, as the SDK sends `_.geoNear`). */
export function parseNear(value: unknown): NearSpec {
  const v = value as Record<string, unknown>;
  const geometry = (v && (v.$geometry ?? v)) as unknown;
  const center = pointOf(geometry);
  if (!center) throw new Error('$nearSphere requires a GeoJSON Point');
  return {
    center,
    maxDistance: typeof v.$maxDistance === 'number' ? v.$maxDistance : undefined,
    minDistance: typeof v.$minDistance === 'number' ? v.$minDistance : undefined,
  };
}

export const NEAR_FILTER = '$__yxNear';

type Selector = string;
/** mingo query operators. */
export function geoQueryOps(): Record<string, (selector: Selector, value: unknown, options: unknown) => (obj: unknown) => boolean> {
  return {
    $geoWithin: (selector, value) => {
      const pred = geoWithinPredicate(value as Record<string, unknown>);
      return (obj) => {
        const p = pointOf(resolvePath(obj, selector));
        return !!p && pred(p);
      };
    },
    $geoIntersects: (selector, value) => {
      const g = (value as Record<string, unknown>).$geometry;
      return (obj) => {
        const p = pointOf(resolvePath(obj, selector));
        return !!p && geometryHasPoint(g, p);
      };
    },
    // internal: distance window of a $nearSphere (the store sorts by distance)
    [NEAR_FILTER]: (selector, value) => {
      const spec = value as NearSpec;
      return (obj) => {
        const p = pointOf(resolvePath(obj, selector));
        if (!p) return false;
        const d = distanceMeters(spec.center, p);
        return (spec.maxDistance === undefined || d <= spec.maxDistance) && (spec.minDistance === undefined || d >= spec.minDistance);
      };
    },
  };
}

export { resolvePath };

/** A mingo Context with the default operators plus the geo ones. */
export function makeGeoContext(base?: Context): Context {
  const ctx = base ?? Context.init();
  // mingo's typings want its own operator signature; ours is compatible at runtime
  ctx.addQueryOps(geoQueryOps() as unknown as Parameters<Context['addQueryOps']>[0]);
  return ctx;
}
