import type { BBox, LngLat, PointLike, Polygon, Ring } from './geo-types';

/** Mean Earth radius in metres (IUGG). */
export const EARTH_RADIUS_M = 6371008.8;

const RAD = Math.PI / 180;

/** Normalise any PointLike to [lng, lat]. */
export function toLngLat(p: PointLike): LngLat {
  if (Array.isArray(p)) return p as LngLat;
  if ('coordinates' in p) return p.coordinates;
  return [p.lng, p.lat];
}

/** Great-circle distance in metres between two points (haversine). */
export function haversineM(a: PointLike, b: PointLike): number {
  const [lng1, lat1] = toLngLat(a);
  const [lng2, lat2] = toLngLat(b);
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Bounding box of a ring, a polygon or a list of points. */
export function bboxOf(shape: Polygon | Ring | LngLat[]): BBox {
  const points: LngLat[] = Array.isArray(shape) ? shape : shape.coordinates[0];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

export function bboxContains(box: BBox, p: PointLike): boolean {
  const [x, y] = toLngLat(p);
  return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
}

export function bboxIntersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Grow a bbox by a distance in metres (approximate, fine at city scale). */
export function bboxExpand(box: BBox, metres: number): BBox {
  const midLat = (box[1] + box[3]) / 2;
  const dLat = metres / (EARTH_RADIUS_M * RAD);
  const dLng = dLat / Math.cos(midLat * RAD);
  return [box[0] - dLng, box[1] - dLat, box[2] + dLng, box[3] + dLat];
}

/**
 * Ray casting on one ring. Points exactly on an edge count as inside, so that
 * a point on a shared border is claimed by (at least) one neighbour, never by none.
 */
export function pointInRing(p: PointLike, ring: Ring): boolean {
  const [x, y] = toLngLat(p);
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (onSegment(x, y, xi, yi, xj, yj)) return true;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onSegment(x: number, y: number, x1: number, y1: number, x2: number, y2: number): boolean {
  const cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1);
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (Math.abs(cross) > 1e-12 * Math.max(len, 1e-12)) return false;
  return x >= Math.min(x1, x2) - 1e-12 && x <= Math.max(x1, x2) + 1e-12 && y >= Math.min(y1, y2) - 1e-12 && y <= Math.max(y1, y2) + 1e-12;
}

/** Point in GeoJSON polygon (outer ring minus holes). */
export function pointInPolygon(p: PointLike, polygon: Polygon): boolean {
  const [outer, ...holes] = polygon.coordinates;
  if (!outer || !pointInRing(p, outer)) return false;
  for (const hole of holes) {
    // a point on a hole's edge stays inside the polygon
    if (pointInRing(p, hole) && !onRingEdge(p, hole)) return false;
  }
  return true;
}

function onRingEdge(p: PointLike, ring: Ring): boolean {
  const [x, y] = toLngLat(p);
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    if (onSegment(x, y, ring[i][0], ring[i][1], ring[j][0], ring[j][1])) return true;
  }
  return false;
}

/** Local equirectangular projection to metres around a reference latitude (city scale: error ≪ 1 m per km). */
export function projector(refLat: number): { toXY(p: LngLat): [number, number]; toLngLat(xy: [number, number]): LngLat } {
  const kx = EARTH_RADIUS_M * RAD * Math.cos(refLat * RAD);
  const ky = EARTH_RADIUS_M * RAD;
  return {
    toXY: ([lng, lat]) => [lng * kx, lat * ky],
    toLngLat: ([x, y]) => [x / kx, y / ky],
  };
}

/** Planar area of a ring in square metres (shoelace on the local projection; sign dropped). */
export function ringAreaM2(ring: Ring): number {
  if (ring.length < 3) return 0;
  const refLat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  const pr = projector(refLat);
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = pr.toXY(ring[i]);
    const [xj, yj] = pr.toXY(ring[j]);
    sum += xj * yi - xi * yj;
  }
  return Math.abs(sum) / 2;
}

/** Shortest distance in metres from a point to a ring's edges (0 when on an edge; inside/outside not considered). */
export function distanceToRingM(p: PointLike, ring: Ring): number {
  const q = toLngLat(p);
  const pr = projector(q[1]);
  const [px, py] = pr.toXY(q);
  let best = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = pr.toXY(ring[j]);
    const [bx, by] = pr.toXY(ring[i]);
    const dx = bx - ax;
    const dy = by - ay;
    const l2 = dx * dx + dy * dy;
    const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2));
    const d = Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
    if (d < best) best = d;
  }
  return best;
}

/** Distance from a point to a polygon in metres: 0 inside, otherwise to the nearest edge. */
export function distanceToPolygonM(p: PointLike, polygon: Polygon): number {
  if (pointInPolygon(p, polygon)) return 0;
  return distanceToRingM(p, polygon.coordinates[0]);
}
