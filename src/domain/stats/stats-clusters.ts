/**
 * Hot spots on the district map: the 50 m cells of `stats.hotspots` (one category each) merged into clusters on a
 * coarser grid so the whole district stays readable. A cluster's size grows with its count (square root: area ∝
 * count), its colour is the category with most reports in it or its share of overdue cases (`overdueLevel`); tapping it
 * opens its cells (and through them the cases).
 */
import type { LngLat } from '../geo/geo-types';

export interface HotCell {
  cell: string;
  categoryCode: string;
  categoryName: string;
  count: number;
  centre: LngLat;
  streetName?: string;
  repeat?: boolean;
  /** of `count`, the cases open past their deadline now */
  overdue?: number;
}

export interface HotCluster {
  id: string;
  centre: LngLat;
  count: number;
  /** the category with most reports in the cluster (ties: by code) */
  categoryCode: string;
  categoryName: string;
  cells: HotCell[];
  repeat: boolean;
  overdue: number;
}

/** Merge cells whose centres fall in the same `gridM` square; the centre is the count-weighted mean. */
export function clusterHotspots(cells: readonly HotCell[], gridM = 400): HotCluster[] {
  const groups = new Map<string, HotCell[]>();
  for (const c of cells) {
    const dLat = gridM / 111_195;
    const dLng = dLat / Math.cos((c.centre[1] * Math.PI) / 180);
    const key = `${Math.floor(c.centre[0] / dLng)}:${Math.floor(c.centre[1] / dLat)}`;
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  const out: HotCluster[] = [];
  for (const [key, list] of groups) {
    const count = list.reduce((s, c) => s + c.count, 0);
    const byCat = new Map<string, number>();
    for (const c of list) byCat.set(c.categoryCode, (byCat.get(c.categoryCode) ?? 0) + c.count);
    const [top] = [...byCat.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const lng = list.reduce((s, c) => s + c.centre[0] * c.count, 0) / count;
    const lat = list.reduce((s, c) => s + c.centre[1] * c.count, 0) / count;
    out.push({
      id: key,
      centre: [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6],
      count,
      categoryCode: top[0],
      categoryName: list.find((c) => c.categoryCode === top[0])!.categoryName,
      cells: [...list].sort((a, b) => b.count - a.count || (a.cell < b.cell ? -1 : 1)),
      repeat: list.some((c) => c.repeat),
      overdue: list.reduce((s, c) => s + (c.overdue ?? 0), 0),
    });
  }
  return out.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
}

/** Bubble radius in px for a count, between `min` and `max` (area grows with the count). */
export function bubbleRadius(count: number, maxCount: number, min = 7, max = 22): number {
  if (maxCount <= 1) return min;
  return Math.round(min + (max - min) * Math.sqrt((count - 1) / (maxCount - 1)));
}

export type OverdueLevel = 'none' | 'some' | 'most';
/** A cluster coloured by overdue: none of its cases overdue, some, or at least half of them. */
export function overdueLevel(c: Pick<HotCluster, 'count' | 'overdue'>): OverdueLevel {
  if (!c.overdue) return 'none';
  return c.overdue * 2 >= c.count ? 'most' : 'some';
}
