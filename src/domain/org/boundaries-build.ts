import { voronoiCells } from '../geo/geo-clip';
import type { Polygon } from '../geo/geo-types';
import { DISTRICT_OUTLINE, STREET_SOURCES } from './seed/territory-source';

/**
 * Street/town boundary polygons: a Voronoi partition of the district outline by each unit's real
 * centre (computed in a local metric projection, coordinates rounded to 6 decimals ≈ 0.1 m).
 */
export function buildBoundaries(): Record<string, Polygon> {
  const cells = voronoiCells(STREET_SOURCES.map((s) => s.centre), DISTRICT_OUTLINE, 6);
  const out: Record<string, Polygon> = {};
  STREET_SOURCES.forEach((s, i) => {
    out[s._id] = { type: 'Polygon', coordinates: [cells[i]] };
  });
  return out;
}
