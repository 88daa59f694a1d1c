import type { Polygon } from '../../geo/geo-types';
import type { District, Street } from '../org-types';
import boundaries from './boundaries.json';
import { DISTRICT_OUTLINE, STREET_SOURCES } from './territory-source';

export const DISTRICT: District = {
  _id: 'district-gulou',
  name: '鼓楼区',
  commandCentreName: '鼓楼区城市运行指挥中心（智慧鼓楼服务中心）',
  boundary: { type: 'Polygon', coordinates: [DISTRICT_OUTLINE] },
};

const polygons = boundaries as unknown as Record<string, Polygon>;

/** 9 streets + 1 town, each with its command sub-centre (指挥分中心) and generated boundary. */
export const STREETS: Street[] = STREET_SOURCES.map((s) => ({
  _id: s._id,
  name: s.name,
  kind: s.kind,
  districtId: DISTRICT._id,
  subCentreName: `鼓楼区城市运行${s.name}指挥分中心`,
  centre: s.centre,
  boundary: polygons[s._id],
}));
