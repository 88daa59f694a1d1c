import type { LngLat, Ring } from '../../geo/geo-types';

/**
 * Source of the territory polygons: each unit's real centre (best knowledge, WGS84) and a simplified
 * convex outline of 鼓楼区. `boundaries-build.ts` partitions the outline by the centres (Voronoi)
 * and `npm run gen:boundaries` writes `boundaries.json`. These are approximations for routing, not surveyed boundaries; an
 * administrator replaces them with official ones.
 */
export interface StreetSource {
  _id: string;
  name: string;
  kind: 'street' | 'town';
  centre: LngLat;
  landmark: string;
}

export const STREET_SOURCES: StreetSource[] = [
  { _id: 'street-gudong', name: '鼓东街道', kind: 'street', centre: [119.3075, 26.0945], landmark: '鼓屏路、冶山、树兜一带' },
  { _id: 'street-guxi', name: '鼓西街道', kind: 'street', centre: [119.2895, 26.0875], landmark: '西湖南侧、杨桥路、西门一带' },
  { _id: 'street-wenquan', name: '温泉街道', kind: 'street', centre: [119.3155, 26.0895], landmark: '温泉公园、五四路东、湖东路' },
  { _id: 'street-dongjie', name: '东街街道', kind: 'street', centre: [119.3035, 26.0875], landmark: '东街口、八一七北路、军门' },
  { _id: 'street-nanjie', name: '南街街道', kind: 'street', centre: [119.2960, 26.0825], landmark: '三坊七巷、南后街' },
  { _id: 'street-antai', name: '安泰街道', kind: 'street', centre: [119.3020, 26.0800], landmark: '安泰河、朱紫坊、乌山' },
  { _id: 'street-huada', name: '华大街道', kind: 'street', centre: [119.2990, 26.1040], landmark: '华林路、北大路、屏西' },
  { _id: 'street-shuibu', name: '水部街道', kind: 'street', centre: [119.3185, 26.0795], landmark: '水部门、古田路、五一北路东' },
  { _id: 'street-wufeng', name: '五凤街道', kind: 'street', centre: [119.2830, 26.1080], landmark: '左海公园北、五凤山、梅峰路' },
  { _id: 'street-hongshan', name: '洪山镇', kind: 'town', centre: [119.2640, 26.0950], landmark: '洪山桥、西洪路、金牛山' },
];

/** Simplified, convex outline of 鼓楼区 (counter-clockwise, closed). */
export const DISTRICT_OUTLINE: Ring = [
  [119.2350, 26.0700],
  [119.2700, 26.0640],
  [119.3000, 26.0665],
  [119.3250, 26.0705],
  [119.3320, 26.0800],
  [119.3300, 26.0960],
  [119.3180, 26.1120],
  [119.3000, 26.1250],
  [119.2800, 26.1300],
  [119.2580, 26.1240],
  [119.2400, 26.1080],
  [119.2320, 26.0900],
  [119.2350, 26.0700],
];
