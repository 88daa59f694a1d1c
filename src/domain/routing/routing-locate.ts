/**
 * Where a point is, in words: the street/town and the community, from the district's boundaries — the same rule
 * routing uses for territory (`route`: the street polygon containing the point, else one within the edge tolerance;
 * the community by the nearest centre within that street). The app shows it under the pin; the server files a
 * located report with it. Community areas are not surveyed: they are drawn as the street polygon split by nearest
 * community centre (`communityAreas`), which is exactly the region `communityFor` assigns to each community.
 */
import { voronoiCells } from '../geo/geo-clip';
import { toLngLat } from '../geo/geo-measure';
import type { LngLat, PointLike, Polygon } from '../geo/geo-types';
import type { OrgData } from '../org/org-types';
import { DEFAULT_ROUTE_OPTIONS, communityFor, routingTable, streetAt, streetsNear } from './routing-route';

export const OUTSIDE_DISTRICT_HINT = '该位置不在鼓楼区范围内，请将定位移到鼓楼区内，或选择“不便提供位置”并选择所在社区';

export type Located =
  | { inside: true; streetId: string; streetName: string; communityId?: string; communityName?: string; nearEdge: boolean }
  | { inside: false; message: string };

type LocateOrg = Pick<OrgData, 'streets' | 'communities'> & Partial<OrgData>;

const filled = new WeakMap<LocateOrg, OrgData>();
function asOrg(org: LocateOrg): OrgData {
  if (Array.isArray(org.categories) && Array.isArray(org.rules)) return org as OrgData;
  let o = filled.get(org);
  if (!o) {
    o = { categories: [], departments: [], cityUnits: [], rules: [], ...org } as OrgData;
    filled.set(org, o);
  }
  return o;
}

/** The street and community a point lies in (or a clear message when it is outside the district). */
export function locatePoint(p: PointLike, org: LocateOrg, edgeToleranceM = DEFAULT_ROUTE_OPTIONS.edgeToleranceM): Located {
  const t = routingTable(asOrg(org));
  const q = toLngLat(p);
  let street = streetAt(t, q);
  let nearEdge = false;
  if (!street) {
    street = streetsNear(t, q, edgeToleranceM)[0];
    nearEdge = !!street;
  }
  if (!street) return { inside: false, message: OUTSIDE_DISTRICT_HINT };
  const c = communityFor(t, street._id, q);
  return {
    inside: true,
    streetId: street._id,
    streetName: street.name,
    ...(c ? { communityId: c._id, communityName: c.name } : {}),
    nearEdge,
  };
}

export interface CommunityArea {
  communityId: string;
  streetId: string;
  name: string;
  polygon: Polygon;
}

/** Each community's area: its street polygon split by nearest community centre (what `communityFor` assigns). */
export function communityAreas(org: LocateOrg, decimals = 5): CommunityArea[] {
  const out: CommunityArea[] = [];
  for (const s of org.streets) {
    const cs = org.communities.filter((c) => c.streetId === s._id);
    if (!cs.length) continue;
    const cells = cs.length === 1 ? [s.boundary.coordinates[0]] : voronoiCells(cs.map((c) => c.centre as LngLat), s.boundary.coordinates[0], decimals);
    cs.forEach((c, i) => {
      if (cells[i] && cells[i].length >= 4) out.push({ communityId: c._id, streetId: s._id, name: c.name, polygon: { type: 'Polygon', coordinates: [cells[i]] } });
    });
  }
  return out;
}
