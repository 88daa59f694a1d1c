import { projector, ringAreaM2 } from './geo-measure';
import type { LngLat, Polygon, Ring } from './geo-types';

type XY = [number, number];

/** Open a closed ring (drop the repeated last point). */
function open(ring: Ring): LngLat[] {
  if (ring.length > 1) {
    const a = ring[0];
    const b = ring[ring.length - 1];
    if (a[0] === b[0] && a[1] === b[1]) return ring.slice(0, -1);
  }
  return ring.slice();
}

function close<T extends number[]>(pts: T[]): T[] {
  if (pts.length === 0) return pts;
  return [...pts, pts[0].slice() as T];
}

/**
 * Sutherland–Hodgman step: keep the part of a polygon where f(p) <= 0, f linear.
 * Correct for any convex subject; for a non-convex subject the result may contain
 * zero-width bridges but still covers exactly the right area.
 */
function clipByLinear(pts: XY[], f: (p: XY) => number): XY[] {
  const out: XY[] = [];
  for (let i = 0; i < pts.length; i++) {
    const cur = pts[i];
    const prev = pts[(i + pts.length - 1) % pts.length];
    const fc = f(cur);
    const fp = f(prev);
    if (fc <= 0) {
      if (fp > 0) out.push(lerp(prev, cur, fp / (fp - fc)));
      out.push(cur);
    } else if (fp <= 0) {
      out.push(lerp(prev, cur, fp / (fp - fc)));
    }
  }
  return out;
}

function lerp(a: XY, b: XY, t: number): XY {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/**
 * Voronoi partition of an outline by sites, computed in a local metric projection:
 * cell(i) = outline ∩ { p : |p - site_i| <= |p - site_j| for all j }.
 * Each cell is the outline clipped by the perpendicular bisectors (half-planes).
 * Returns one closed ring per site (in input order), coordinates rounded to `decimals`.
 */
export function voronoiCells(sites: LngLat[], outline: Ring, decimals = 6): Ring[] {
  const refLat = outline.reduce((s, p) => s + p[1], 0) / outline.length;
  const pr = projector(refLat);
  const base = open(outline).map(pr.toXY);
  const xySites = sites.map(pr.toXY);
  const k = 10 ** decimals;
  return xySites.map((a, i) => {
    let cell = base;
    xySites.forEach((b, j) => {
      if (j === i) return;
      const mx = (a[0] + b[0]) / 2;
      const my = (a[1] + b[1]) / 2;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      cell = clipByLinear(cell, (p) => (p[0] - mx) * dx + (p[1] - my) * dy);
    });
    const ring = dedupe(cell.map((xy) => pr.toLngLat(xy)).map(([x, y]) => [Math.round(x * k) / k, Math.round(y * k) / k] as LngLat));
    return close(ring);
  });
}

function dedupe(pts: LngLat[]): LngLat[] {
  const out: LngLat[] = [];
  for (const p of pts) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}

/** Signed orientation of an open ring in the projection: > 0 counter-clockwise. */
function signedArea(pts: XY[]): number {
  let s = 0;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) s += pts[j][0] * pts[i][1] - pts[i][0] * pts[j][1];
  return s / 2;
}

/**
 * Intersection of two polygons' outer rings where `clipper` is convex (any subject).
 * Used to check that territories do not overlap. Returns a closed ring (possibly empty).
 */
export function clipByConvex(subject: Ring, clipper: Ring): Ring {
  const refLat = clipper.reduce((s, p) => s + p[1], 0) / clipper.length;
  const pr = projector(refLat);
  let pts = open(subject).map(pr.toXY);
  let c = open(clipper).map(pr.toXY);
  if (signedArea(c) < 0) c = c.slice().reverse();
  for (let i = 0; i < c.length && pts.length > 0; i++) {
    const a = c[i];
    const b = c[(i + 1) % c.length];
    // inside = left of a→b for a counter-clockwise clipper: cross(b-a, p-a) >= 0, i.e. f(p) = -cross <= 0
    pts = clipByLinear(pts, (p) => -((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])));
  }
  return close(pts.map((xy) => pr.toLngLat(xy)));
}

/** Area in m² shared by two polygons, the second convex. */
export function overlapAreaM2(a: Polygon, convexB: Polygon): number {
  return ringAreaM2(clipByConvex(a.coordinates[0], convexB.coordinates[0]));
}

/** Is a ring convex (no reflex vertex)? */
export function isConvexRing(ring: Ring): boolean {
  const pts = open(ring);
  if (pts.length < 3) return false;
  let sign = 0;
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i];
    const b = pts[(i + 1) % pts.length];
    const c = pts[(i + 2) % pts.length];
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (Math.abs(cross) < 1e-18) continue;
    const s = Math.sign(cross);
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}
