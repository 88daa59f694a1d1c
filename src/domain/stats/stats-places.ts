import { projector } from '../geo/geo-measure';
import type { LngLat, PointLike } from '../geo/geo-types';
import { toLngLat } from '../geo/geo-measure';
import { daysBetween } from './stats-day';

/** Fixed reference latitude for the place grid (middle of 鼓楼区), so cell keys never move. */
const GRID_REF_LAT = 26.09;
const grid = projector(GRID_REF_LAT);

/**
 * "Place" for repeat complaints: a square cell of `cellM` metres (default 50) on a fixed local grid.
 * Key: "<cellM>:<ix>:<iy>". Two reports a few metres apart on either side of a cell edge fall in
 * different cells; `repeatComplaints` therefore also counts the 8 neighbouring cells (see README).
 */
export function placeCell(p: PointLike, cellM = 50): string {
  const [x, y] = grid.toXY(toLngLat(p));
  return `${cellM}:${Math.floor(x / cellM)}:${Math.floor(y / cellM)}`;
}

/** Centre of a cell as [lng, lat]. */
export function cellCentre(cell: string): LngLat {
  const [m, ix, iy] = cell.split(':').map(Number);
  const [lng, lat] = grid.toLngLat([(ix + 0.5) * m, (iy + 0.5) * m]);
  return [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

/** Additive counter for places: reports per (day, cell, category). */
export interface PlaceCount {
  day?: string;
  cell: string;
  categoryCode: string;
  count: number;
}

export interface RepeatPlace {
  cell: string;
  categoryCode: string;
  centre: LngLat;
  /** reports in the 3×3 block around the cell */
  count: number;
}

/**
 * Repeat complaints (重复投诉): places where at least `threshold` (default 5) reports of the same
 * category were made in the period. A place is a 50 m cell counted together with its 8 neighbours
 * (so a hot spot on a cell edge is not split), and a block is reported once at its busiest cell.
 */
export function repeatComplaints(counts: readonly PlaceCount[], threshold = 5): RepeatPlace[] {
  const byKey = new Map<string, number>();
  for (const c of counts) byKey.set(`${c.categoryCode}|${c.cell}`, (byKey.get(`${c.categoryCode}|${c.cell}`) ?? 0) + c.count);
  const block = (cat: string, cell: string): number => {
    const [m, ix, iy] = cell.split(':').map(Number);
    let n = 0;
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) n += byKey.get(`${cat}|${m}:${ix + dx}:${iy + dy}`) ?? 0;
    return n;
  };
  const hits: RepeatPlace[] = [];
  for (const key of byKey.keys()) {
    const [cat, cell] = key.split('|');
    const n = block(cat, cell);
    if (n >= threshold) hits.push({ cell, categoryCode: cat, centre: cellCentre(cell), count: n });
  }
  // keep the busiest cell of overlapping blocks (own count breaks ties, then key)
  hits.sort((a, b) => b.count - a.count || (byKey.get(`${b.categoryCode}|${b.cell}`) ?? 0) - (byKey.get(`${a.categoryCode}|${a.cell}`) ?? 0) || (a.cell < b.cell ? -1 : 1));
  const kept: RepeatPlace[] = [];
  for (const h of hits) {
    const [, ix, iy] = h.cell.split(':').map(Number);
    const overlaps = kept.some((k) => {
      const [, kx, ky] = k.cell.split(':').map(Number);
      return k.categoryCode === h.categoryCode && Math.abs(kx - ix) <= 2 && Math.abs(ky - iy) <= 2;
    });
    if (!overlaps) kept.push(h);
  }
  return kept;
}

/** Place counts from reports (to store per day, or to feed repeatComplaints directly). */
export function placeCounts(reports: readonly { point?: PointLike | null; categoryCode: string; day?: string }[], cellM = 50): PlaceCount[] {
  const m = new Map<string, PlaceCount>();
  for (const r of reports) {
    if (!r.point) continue;
    const cell = placeCell(r.point, cellM);
    const k = `${r.day ?? ''}|${r.categoryCode}|${cell}`;
    const e = m.get(k);
    if (e) e.count += 1;
    else m.set(k, { ...(r.day ? { day: r.day } : {}), cell, categoryCode: r.categoryCode, count: 1 });
  }
  return [...m.values()];
}

/** Items a community handled on a day (additive counter). */
export interface CommunityDayCount {
  day: string;
  communityId: string;
  items: number;
}

/**
 * Community burden (社区日常承接事项): items per community per day over [from, to], counting every
 * calendar day of the period (days without items count as 0). Gulou's figure: 106 → 34 a day.
 */
export function communityBurden(counts: readonly CommunityDayCount[], from: string, to: string): { communityId: string; items: number; perDay: number | null }[] {
  const days = daysBetween(from, to).length;
  const totals = new Map<string, number>();
  for (const c of counts) if (c.day >= from && c.day <= to) totals.set(c.communityId, (totals.get(c.communityId) ?? 0) + c.items);
  return [...totals.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([communityId, items]) => ({ communityId, items, perDay: days > 0 ? items / days : null }));
}
