import committed from '../../../src/domain/org/seed/boundaries.json';
import { buildBoundaries } from '../../../src/domain/org/boundaries-build';
import {
  bboxOf, clipByConvex, isConvexRing, pointInPolygon, ringAreaM2,
} from '@domain/geo';
import type { LngLat } from '@domain/geo';
import {
  CATEGORIES, CHANNELS, CITY_UNITS, COMMUNITIES, DEPARTMENTS, DISTRICT, GRIDS, GULOU_SEED, ROTA, STAFF, STANDING_RULES, STREETS,
} from '@domain/org';

// docs/REQUIREMENTS.md, names exactly as written
const STREET_NAMES = ['鼓东街道', '鼓西街道', '温泉街道', '东街街道', '南街街道', '安泰街道', '华大街道', '水部街道', '五凤街道', '洪山镇'];
const CATEGORY_NAMES = ['路灯不亮', '道路破损', '井盖缺失破损', '护栏缺失破损', '排水管道堵塞破损', '道路积水', '供水问题', '电线下垂', '垃圾堆放',
  '乱张贴小广告', '占道经营', '违章搭建', '餐饮油烟', '噪音扰民', '园林绿化损坏', '共享单车乱停放', '交通信号灯故障', '违章停车', '楼道堆物', '邻里纠纷',
  '物业管理问题', '不文明养犬', '其他'];
const GRID_CATEGORIES = ['楼道堆物', '邻里纠纷', '物业管理问题', '不文明养犬'];
const DEPT_NAMES = ['区城管局', '区城管局市政所', '区城管局执法大队', '区城管局环卫处', '区生态环境局', '区住建局', '区市场监管局', '区园林中心', '区公安分局',
  '区交警大队', '区卫健局', '区民政局', '区应急管理局', '区消防救援大队', '区商务局', '区教育局', '区文体旅局', '区发改局', '区人社局', '区司法局', '区水利局',
  '区国资中心', '区数据管理局'];

describe('streets and boundaries', () => {
  test('9 streets + 1 town with exact names and sub-centres', () => {
    expect(STREETS.map((s) => s.name).sort()).toEqual([...STREET_NAMES].sort());
    expect(STREETS.filter((s) => s.kind === 'town').map((s) => s.name)).toEqual(['洪山镇']);
    for (const s of STREETS) expect(s.subCentreName).toContain('指挥分中心');
  });
  test('committed boundaries.json equals the generator output', () => {
    expect(committed).toEqual(buildBoundaries());
  });
  test('each polygon is a closed, convex GeoJSON ring inside Gulou\'s box and contains its centre', () => {
    for (const s of STREETS) {
      const ring = s.boundary.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(isConvexRing(ring)).toBe(true);
      const [x0, y0, x1, y1] = bboxOf(s.boundary);
      expect(x0).toBeGreaterThanOrEqual(119.23);
      expect(x1).toBeLessThanOrEqual(119.34);
      expect(y0).toBeGreaterThanOrEqual(26.06);
      expect(y1).toBeLessThanOrEqual(26.13);
      expect(pointInPolygon(s.centre, s.boundary)).toBe(true);
    }
  });
  test('the district outline is convex (the Voronoi clipping relies on it)', () => {
    expect(isConvexRing(DISTRICT.boundary.coordinates[0])).toBe(true);
  });
  test('polygons do not overlap and together cover the district outline', () => {
    let total = 0;
    for (const a of STREETS) {
      total += ringAreaM2(a.boundary.coordinates[0]);
      for (const b of STREETS) {
        if (a._id < b._id) expect(ringAreaM2(clipByConvex(a.boundary.coordinates[0], b.boundary.coordinates[0]))).toBeLessThan(5);
      }
    }
    expect(total / ringAreaM2(DISTRICT.boundary.coordinates[0])).toBeCloseTo(1, 3);
  });
  test.each<[string, LngLat, string]>([
    // landmarks → street (best knowledge of real places)
    ['左海公园北', [119.2830, 26.1040], 'street-wufeng'],
    ['三坊七巷南后街', [119.2965, 26.0835], 'street-nanjie'],
    ['朱紫坊', [119.3020, 26.0795], 'street-antai'],
    ['温泉公园', [119.3150, 26.0900], 'street-wenquan'],
    ['洪山桥', [119.2600, 26.0850], 'street-hongshan'],
    ['水部门', [119.3200, 26.0790], 'street-shuibu'],
    ['屏山北 华林路', [119.3000, 26.1020], 'street-huada'],
  ])('%s lies in its street', (_n, p, streetId) => {
    const hits = STREETS.filter((s) => pointInPolygon(p, s.boundary)).map((s) => s._id);
    expect(hits).toEqual([streetId]);
  });
});

describe('communities and grids', () => {
  test('4–8 communities per street, each centre inside its street, names unique', () => {
    for (const s of STREETS) {
      const cs = COMMUNITIES.filter((c) => c.streetId === s._id);
      expect(cs.length).toBeGreaterThanOrEqual(4);
      expect(cs.length).toBeLessThanOrEqual(8);
      for (const c of cs) expect(pointInPolygon(c.centre, s.boundary)).toBe(true);
    }
    expect(new Set(COMMUNITIES.map((c) => c.name)).size).toBe(COMMUNITIES.length);
    expect(COMMUNITIES.find((c) => c.name === '金汤社区')?.streetId).toBe('street-wenquan');
    expect(COMMUNITIES.find((c) => c.name === '军门社区')?.streetId).toBe('street-dongjie');
  });
  test('grids reference existing communities', () => {
    const ids = new Set(COMMUNITIES.map((c) => c._id));
    expect(GRIDS.length).toBeGreaterThanOrEqual(COMMUNITIES.length * 2);
    for (const g of GRIDS) expect(ids.has(g.communityId)).toBe(true);
  });
});

describe('departments, city units, staff', () => {
  test('departments listed in docs/REQUIREMENTS.md exist with exact full names; 城管 sub-units hang under 区城管局', () => {
    const names = DEPARTMENTS.map((d) => d.fullName);
    for (const n of DEPT_NAMES) expect(names).toContain(n);
    for (const sub of ['dept-cgj-szs', 'dept-cgj-zfdd', 'dept-cgj-hwc']) expect(DEPARTMENTS.find((d) => d._id === sub)?.parentId).toBe('dept-cgj');
  });
  test('city units name their counterpart district department', () => {
    const byName = Object.fromEntries(CITY_UNITS.map((u) => [u.name, DEPARTMENTS.find((d) => d._id === u.counterpartDeptId)?.fullName]));
    expect(byName).toEqual({
      福州市水务集团: '区水利局', 国网福州供电公司: '区发改局', 福州地铁集团: '区住建局', 福州华润燃气: '区应急管理局', 通信运营商: '区数据管理局',
    });
  });
  test('every department has an officer, a deputy and a chief', () => {
    for (const d of DEPARTMENTS.filter((x) => x.kind !== 'command')) {
      const posts = STAFF.filter((s) => s.deptId === d._id).map((s) => s.post);
      expect(posts).toEqual(expect.arrayContaining(['officer', 'deputy', 'chief']));
    }
  });
  test('every street has a handler and two rota leaders; 金汤 and 军门 have community workers', () => {
    for (const s of STREETS) {
      expect(STAFF.some((x) => x.streetId === s._id && x.roles.includes('handler'))).toBe(true);
      expect(STAFF.filter((x) => x.streetId === s._id && x.roles.includes('leader')).length).toBe(2);
    }
    for (const c of ['comm-jintang', 'comm-junmen']) expect(STAFF.some((x) => x.communityId === c && x.roles.includes('community'))).toBe(true);
    for (const r of ['command', 'admin'] as const) expect(STAFF.some((x) => x.roles.includes(r))).toBe(true);
    expect(STAFF.filter((x) => x.roles.includes('leader') && !x.streetId).length).toBeGreaterThanOrEqual(5);
  });
  test('the three people named in the article are where the article puts them', () => {
    const by = (n: string) => STAFF.find((s) => s.name === n);
    expect(by('毛晓嘉')).toMatchObject({ streetId: 'street-wufeng', roles: ['handler'] });
    expect(by('郑净')).toMatchObject({ deptId: 'dept-zhzx', title: '智慧鼓楼服务中心副主任' });
    expect(by('林芳芳')).toMatchObject({ streetId: 'street-hongshan' });
  });
  test('staff ids, names, phones and invite codes are unique; dev openids are dev-<_id>', () => {
    for (const key of ['_id', 'name', 'phone', 'inviteCode', 'openid'] as const) {
      expect(new Set(STAFF.map((s) => s[key])).size).toBe(STAFF.length);
    }
    for (const s of STAFF) {
      expect(s.openid).toBe(`dev-${s._id}`);
      expect(s.phone).toMatch(/^138\d{8}$/);
    }
  });
  test('every referenced street/community/department exists', () => {
    const units = new Set([...DEPARTMENTS, ...CITY_UNITS].map((d) => d._id));
    for (const s of STAFF) {
      if (s.streetId) expect(STREETS.some((x) => x._id === s.streetId)).toBe(true);
      if (s.communityId) expect(COMMUNITIES.some((x) => x._id === s.communityId)).toBe(true);
      if (s.deptId) expect(units.has(s.deptId)).toBe(true);
    }
    for (const r of ROTA) expect(STAFF.some((s) => s._id === r.staffId && s.roles.includes('leader'))).toBe(true);
  });
});

describe('categories', () => {
  test('all 23 rows, names exactly as docs/REQUIREMENTS.md, in order', () => {
    expect(CATEGORIES.map((c) => c.name)).toEqual(CATEGORY_NAMES);
  });
  test('grid items are exactly the four grid rows', () => {
    expect(CATEGORIES.filter((c) => c.gridItem).map((c) => c.name)).toEqual(GRID_CATEGORIES);
  });
  test('owners and city units exist; deadlines are positive whole minutes', () => {
    const depts = new Set(DEPARTMENTS.map((d) => d._id));
    const units = new Set(CITY_UNITS.map((u) => u._id));
    for (const c of CATEGORIES) {
      for (const d of c.ownerDeptIds) expect(depts.has(d)).toBe(true);
      if (c.cityUnitId) expect(units.has(c.cityUnitId)).toBe(true);
      for (const u of c.otherCityUnitIds ?? []) expect(units.has(u)).toBe(true);
      expect(Number.isInteger(c.deadlineMinutes) && c.deadlineMinutes > 0).toBe(true);
    }
    const deadline = (n: string) => CATEGORIES.find((c) => c.name === n)?.deadlineMinutes;
    expect(deadline('路灯不亮')).toBe(3 * 24 * 60);
    expect(deadline('道路积水')).toBe(4 * 60);
    expect(deadline('噪音扰民')).toBe(2 * 60);
  });
  test('codes and ids are unique', () => {
    expect(new Set(CATEGORIES.map((c) => c.code)).size).toBe(23);
    expect(new Set(CATEGORIES.map((c) => c._id)).size).toBe(23);
  });
});

describe('seed as a whole', () => {
  test('no standing rule is seeded (the fumes rule comes from analysis)', () => {
    expect(STANDING_RULES).toEqual([]);
  });
  test('every _id is unique within its collection and readable', () => {
    for (const [name, rows] of Object.entries(GULOU_SEED)) {
      const ids = (rows as { _id: string }[]).map((r) => r._id);
      expect({ name, unique: new Set(ids).size === ids.length }).toEqual({ name, unique: true });
      for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
    }
  });
  test('channels include the five kinds of docs/REQUIREMENTS.md; partner channel names its city unit', () => {
    const codes = CHANNELS.map((c) => c.code);
    for (const c of ['miniapp', 'hotline12345', 'grid', 'dcm', 'partner']) expect(codes).toContain(c);
    expect(CHANNELS.find((c) => c.code === 'partner')?.cityUnitId).toBe('city-swjt');
  });
  test('seed is small enough to bundle (JSON < 120 KB)', () => {
    expect(JSON.stringify(GULOU_SEED).length).toBeLessThan(120_000);
  });
});
