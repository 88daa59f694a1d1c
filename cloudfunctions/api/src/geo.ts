/**
 * The district map the app draws (the H5 build's offline vector map, the WeChat map's overlays) and the same
 * street/community look-up the pin uses: the district outline, each street's boundary and each community's area
 * (`@domain/routing/routing-locate`). Served by its own action so `meta.bootstrap` stays small; computed once per
 * loaded org data (≤ 60 s stale, like the org cache).
 */
import { communityAreas } from '@domain/routing/routing-locate';
import type { Polygon } from '@domain/geo/geo-types';
import { implement } from '../../common/actions';
import { contract } from '@domain/contract';
import { getOrg, type Org } from '../../common/org';

const round = (p: Polygon, k = 1e5): Polygon => ({ type: 'Polygon', coordinates: p.coordinates.map((r) => r.map(([x, y]) => [Math.round(x * k) / k, Math.round(y * k) / k])) });

function build(org: Org) {
  return {
    ...(org.district ? { district: { name: org.district.name, boundary: round(org.district.boundary) } } : {}),
    streets: org.streets.map((s) => ({ _id: s._id, name: s.name, centre: s.centre, boundary: round(s.boundary) })),
    communities: communityAreas(org).map((a) => ({
      _id: a.communityId,
      name: a.name,
      streetId: a.streetId,
      centre: org.byId.community.get(a.communityId)!.centre,
      area: a.polygon,
    })),
  };
}

const cache = new WeakMap<Org, ReturnType<typeof build>>();

export const districtMap = implement(contract['geo.districtMap'], {
  async handler() {
    const org = await getOrg();
    let m = cache.get(org);
    if (!m) {
      m = build(org);
      cache.set(org, m);
    }
    return m;
  },
});

export const geoActions = [districtMap];
