import { haversineM } from '../geo/geo-measure';
import type { PointLike } from '../geo/geo-types';

export interface DuplicateProbe {
  categoryCode: string;
  point?: PointLike | null;
  /** epoch ms the report was made */
  reportedAt: number;
}

export interface DuplicateWindow {
  /** same place: within this many metres (default 50) */
  radiusM: number;
  /** same time: within this many minutes of each other (default 7 days) */
  windowMin: number;
}

export const DEFAULT_DUPLICATE_WINDOW: DuplicateWindow = { radiusM: 50, windowMin: 7 * 24 * 60 };

/**
 * Is a new report probably the same problem as an open case? Same category, both located and within
 * `radiusM`, and reported within `windowMin` of each other (either order). Reports without a location
 * are never linked automatically (the command centre can still link them by hand).
 * The caller passes open cases only (the case kind is the lifecycle's business).
 */
export function isLikelyDuplicate(newReport: DuplicateProbe, openCase: DuplicateProbe, w: Partial<DuplicateWindow> = {}): boolean {
  const { radiusM, windowMin } = { ...DEFAULT_DUPLICATE_WINDOW, ...w };
  if (newReport.categoryCode !== openCase.categoryCode) return false;
  if (!newReport.point || !openCase.point) return false;
  if (Math.abs(newReport.reportedAt - openCase.reportedAt) > windowMin * 60_000) return false;
  return haversineM(newReport.point, openCase.point) <= radiusM;
}

/** The best master among open cases: the nearest qualifying one, then the earliest reported. */
export function findDuplicateMaster<T extends DuplicateProbe>(newReport: DuplicateProbe, openCases: readonly T[], w: Partial<DuplicateWindow> = {}): T | undefined {
  let best: T | undefined;
  let bestD = Infinity;
  for (const c of openCases) {
    if (!isLikelyDuplicate(newReport, c, w)) continue;
    const d = haversineM(newReport.point as PointLike, c.point as PointLike);
    if (d < bestD || (d === bestD && best && c.reportedAt < best.reportedAt)) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
