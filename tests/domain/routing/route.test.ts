import { haversineM } from '@domain/geo';
import type { LngLat } from '@domain/geo';
import { CATEGORIES, COMMUNITIES, EXAMPLE_STANDING_RULE, GULOU_ORG, STREETS } from '@domain/org';
import type { OrgData, StandingRule } from '@domain/org';
import { manualRoute, rerouteAfterReturn, route } from '../../../src/domain/routing/routing-route';

const JINTANG = COMMUNITIES.find((c) => c.name === '金汤社区')!;
const withRules = (rules: StandingRule[]): OrgData => ({ ...GULOU_ORG, rules });

describe('territory by polygon', () => {
  test.each(STREETS.map((s) => [s.name, s.centre, s._id] as const))('%s centre → that street', (_n, centre, id) => {
    const d = route({ categoryCode: 'lamp', point: centre }, GULOU_ORG);
    expect(d).toMatchObject({ target: 'street', basis: 'polygon', streetId: id });
    expect(d.reason).toContain('按属地原则');
  });

  test.each(COMMUNITIES.map((c) => [c.name, c] as const))('%s centre → its street and community', (_n, c) => {
    expect(route({ categoryCode: 'road', point: c.centre }, GULOU_ORG)).toMatchObject({ streetId: c.streetId, communityId: c._id });
  });

  test('accepts a GeoJSON Point and {lng, lat}', () => {
    const s = STREETS[3];
    expect(route({ categoryCode: 'lamp', point: { type: 'Point', coordinates: s.centre } }, GULOU_ORG).streetId).toBe(s._id);
    expect(route({ categoryCode: 'lamp', point: { lng: s.centre[0], lat: s.centre[1] } }, GULOU_ORG).streetId).toBe(s._id);
  });

  test('a point on a shared border goes to exactly one of the two neighbours, the same one every time', () => {
    const a = STREETS.find((s) => s._id === 'street-nanjie')!;
    const b = STREETS.find((s) => s._id === 'street-antai')!;
    // a vertex shared by both polygons
    const shared = a.boundary.coordinates[0].find((p) => b.boundary.coordinates[0].some((q) => q[0] === p[0] && q[1] === p[1]))!;
    expect(shared).toBeDefined();
    const d1 = route({ categoryCode: 'lamp', point: shared }, GULOU_ORG);
    const d2 = route({ categoryCode: 'lamp', point: shared }, GULOU_ORG);
    expect([a._id, b._id]).toContain(d1.streetId);
    expect(d2).toEqual(d1);
  });

  test('a few metres either side of a border routes to each side', () => {
    const a = STREETS.find((s) => s._id === 'street-nanjie')!;
    const b = STREETS.find((s) => s._id === 'street-antai')!;
    // the bisector between the two centres: a point 20 m towards each centre from the midpoint
    const mid: LngLat = [(a.centre[0] + b.centre[0]) / 2, (a.centre[1] + b.centre[1]) / 2];
    const towards = (c: LngLat): LngLat => {
      const f = 20 / haversineM(mid, c);
      return [mid[0] + (c[0] - mid[0]) * f, mid[1] + (c[1] - mid[1]) * f];
    };
    expect(route({ categoryCode: 'lamp', point: towards(a.centre) }, GULOU_ORG).streetId).toBe(a._id);
    expect(route({ categoryCode: 'lamp', point: towards(b.centre) }, GULOU_ORG).streetId).toBe(b._id);
  });

  test.each<[string, LngLat]>([
    ['台江 (south of the district)', [119.3000, 26.0550]],
    ['仓山 across the Min river', [119.3100, 26.0300]],
    ['晋安 (east)', [119.3500, 26.0900]],
    ['Beijing', [116.40, 39.90]],
  ])('outside the district → command-centre triage: %s', (_n, p) => {
    const d = route({ categoryCode: 'lamp', point: p, communityId: JINTANG._id }, GULOU_ORG);
    expect(d).toMatchObject({ target: 'triage', basis: 'none' });
    expect(d.streetId).toBeUndefined();
    expect(d.reason).toContain('不在鼓楼区范围内');
  });

  test('just outside the outline (GPS noise, < 100 m) goes to the nearest street', () => {
    // 50 m south of the southern outline point [119.27, 26.064]
    const d = route({ categoryCode: 'lamp', point: [119.2700, 26.06355] }, GULOU_ORG);
    expect(d).toMatchObject({ target: 'street', basis: 'polygon' });
    expect(d.reason).toContain('边界附近');
  });
});

describe('fallbacks', () => {
  test('no location: the community the citizen chose', () => {
    expect(route({ categoryCode: 'lamp', communityId: JINTANG._id }, GULOU_ORG)).toMatchObject({
      target: 'street', basis: 'community', streetId: 'street-wenquan', communityId: JINTANG._id,
    });
  });
  test('an inaccurate location is not used; the community decides', () => {
    const wufeng = STREETS.find((s) => s._id === 'street-wufeng')!;
    const d = route({ categoryCode: 'lamp', point: wufeng.centre, accuracyM: 3000, communityId: JINTANG._id }, GULOU_ORG);
    expect(d).toMatchObject({ basis: 'community', streetId: 'street-wenquan' });
  });
  test('a location beats the chosen community; the community is kept only if it is in that street', () => {
    const wufeng = STREETS.find((s) => s._id === 'street-wufeng')!;
    const d = route({ categoryCode: 'lamp', point: wufeng.centre, communityId: JINTANG._id }, GULOU_ORG);
    expect(d.streetId).toBe('street-wufeng');
    expect(COMMUNITIES.find((c) => c._id === d.communityId)?.streetId).toBe('street-wufeng');
  });
  test('neither location nor community → triage', () => {
    expect(route({ categoryCode: 'lamp' }, GULOU_ORG)).toMatchObject({ target: 'triage', basis: 'none' });
    expect(route({ categoryCode: 'lamp', communityId: 'comm-nowhere' }, GULOU_ORG)).toMatchObject({ target: 'triage' });
  });
  test('no category: territory still works', () => {
    expect(route({ point: JINTANG.centre }, GULOU_ORG)).toMatchObject({ target: 'street', streetId: 'street-wenquan' });
  });
});

describe('every category: grid item, owner, city unit tracker', () => {
  const expected: Record<string, { target: string; owners?: string[]; cityUnit?: string; tracker?: string }> = {
    路灯不亮: { target: 'street', owners: ['dept-cgj-szs'] },
    道路破损: { target: 'street', owners: ['dept-cgj-szs'] },
    井盖缺失破损: { target: 'street', owners: ['dept-cgj-szs'] },
    护栏缺失破损: { target: 'street', owners: ['dept-cgj-szs'] },
    排水管道堵塞破损: { target: 'street', cityUnit: 'city-swjt', tracker: 'dept-slj' },
    道路积水: { target: 'street', owners: ['dept-cgj-szs'], cityUnit: 'city-swjt', tracker: 'dept-slj' },
    供水问题: { target: 'street', cityUnit: 'city-swjt', tracker: 'dept-slj' },
    电线下垂: { target: 'street', cityUnit: 'city-gdgs', tracker: 'dept-fgj' },
    垃圾堆放: { target: 'street', owners: ['dept-cgj-hwc'] },
    乱张贴小广告: { target: 'street', owners: ['dept-cgj-zfdd'] },
    占道经营: { target: 'street', owners: ['dept-cgj-zfdd'] },
    违章搭建: { target: 'street', owners: ['dept-cgj-zfdd'] },
    餐饮油烟: { target: 'street', owners: ['dept-sthjj', 'dept-cgj'] },
    噪音扰民: { target: 'street', owners: ['dept-sthjj', 'dept-gafj'] },
    园林绿化损坏: { target: 'street', owners: ['dept-ylzx'] },
    共享单车乱停放: { target: 'street', owners: ['dept-cgj'] },
    交通信号灯故障: { target: 'street', owners: ['dept-jjdd'] },
    违章停车: { target: 'street', owners: ['dept-jjdd'] },
    楼道堆物: { target: 'grid' },
    邻里纠纷: { target: 'grid' },
    物业管理问题: { target: 'grid', owners: ['dept-zjj'] },
    不文明养犬: { target: 'grid', owners: ['dept-gafj'] },
    其他: { target: 'triage' },
  };
  test('the table covers all 23 categories', () => {
    expect(Object.keys(expected).sort()).toEqual(CATEGORIES.map((c) => c.name).sort());
  });
  test.each(CATEGORIES.map((c) => [c.name, c.code] as const))('%s', (name, code) => {
    const e = expected[name];
    const d = route({ categoryCode: code, point: JINTANG.centre }, GULOU_ORG);
    expect(d.target).toBe(e.target);
    expect(d.basis).toBe(e.target === 'street' ? 'polygon' : e.target === 'grid' ? 'grid' : 'none');
    expect(d.categoryCode).toBe(code);
    expect(d.ownerDeptIds).toEqual(e.owners);
    expect(d.cityUnitId).toBe(e.cityUnit);
    expect(d.trackerDeptId).toBe(e.tracker);
    if (e.tracker) expect(d.reason).toContain('对接协调跟踪');
    // grid items still say where they are, for tracking
    expect(d.streetId).toBe('street-wenquan');
  });
});

describe('standing rules (长效机制)', () => {
  const wufengCentre = STREETS.find((s) => s._id === 'street-wufeng')!.centre;
  const base: StandingRule = { ...EXAMPLE_STANDING_RULE, active: true, adoptedBy: 'test', adoptedAt: 1000 };
  const districtWide: StandingRule = { ...base, _id: 'r-district', area: undefined, assignments: [{ deptId: 'dept-sthjj', phase: 'during', duty: '环保监督' }] };
  const wufengStreet: StandingRule = { ...base, _id: 'r-street', area: { streetId: 'street-wufeng' } };
  const wufengComm: StandingRule = { ...base, _id: 'r-comm', area: { communityId: 'comm-wufeng' }, assignments: [{ deptId: 'dept-cgj-zfdd', phase: 'after', duty: '城管处置处罚' }] };
  const square = (c: LngLat, d: number) => ({ type: 'Polygon' as const, coordinates: [[[c[0] - d, c[1] - d], [c[0] + d, c[1] - d], [c[0] + d, c[1] + d], [c[0] - d, c[1] + d], [c[0] - d, c[1] - d]] as LngLat[]] });
  const polygonRule: StandingRule = { ...base, _id: 'r-poly', area: { polygon: square(wufengCentre, 0.002) } };

  test('a matching rule decides, names its departments per phase, and the street still leads', () => {
    const d = route({ categoryCode: 'fumes', point: wufengCentre }, withRules([wufengStreet]));
    expect(d).toMatchObject({ target: 'street', basis: 'rule', ruleId: 'r-street', streetId: 'street-wufeng' });
    expect(d.assignments?.map((a) => a.phase)).toEqual(['before', 'during', 'after']);
    expect(d.reason).toContain('事前');
    expect(d.reason).toContain('区生态环境局');
  });
  test('other category or other street: the rule does not apply', () => {
    expect(route({ categoryCode: 'noise', point: wufengCentre }, withRules([wufengStreet])).basis).toBe('polygon');
    expect(route({ categoryCode: 'fumes', point: JINTANG.centre }, withRules([wufengStreet])).basis).toBe('polygon');
  });
  test('inactive rules are ignored', () => {
    expect(route({ categoryCode: 'fumes', point: wufengCentre }, withRules([{ ...wufengStreet, active: false }])).basis).toBe('polygon');
  });
  test.each<[string, StandingRule[], LngLat, string]>([
    ['street beats district-wide', [districtWide, wufengStreet], wufengCentre, 'r-street'],
    ['polygon beats street', [wufengStreet, polygonRule, districtWide], wufengCentre, 'r-poly'],
    ['community beats polygon', [polygonRule, wufengComm], COMMUNITIES.find((c) => c._id === 'comm-wufeng')!.centre, 'r-comm'],
    ['outside the polygon the street rule applies', [wufengStreet, polygonRule], COMMUNITIES.find((c) => c._id === 'comm-meifeng')!.centre, 'r-street'],
    ['elsewhere only the district-wide rule', [districtWide, wufengStreet, polygonRule, wufengComm], JINTANG.centre, 'r-district'],
    ['equal specificity: the newer rule', [{ ...wufengStreet, _id: 'r-old', adoptedAt: 1 }, { ...wufengStreet, _id: 'r-new', adoptedAt: 2 }], wufengCentre, 'r-new'],
  ])('%s', (_n, rules, p, ruleId) => {
    expect(route({ categoryCode: 'fumes', point: p }, withRules(rules)).ruleId).toBe(ruleId);
  });
  test('rules come before grid items', () => {
    const gridRule: StandingRule = { ...districtWide, _id: 'r-dog', categoryCode: 'dog' };
    expect(route({ categoryCode: 'dog', point: JINTANG.centre }, withRules([gridRule]))).toMatchObject({ basis: 'rule', target: 'street' });
  });
  test('a district-wide rule without any territory → triage with the rule attached', () => {
    expect(route({ categoryCode: 'fumes' }, withRules([districtWide]))).toMatchObject({ target: 'triage', basis: 'rule', ruleId: 'r-district' });
  });
});

describe('re-routing after 退单', () => {
  const nanjie = STREETS.find((s) => s._id === 'street-nanjie')!;
  const antai = STREETS.find((s) => s._id === 'street-antai')!;
  // a point in 南街 within 200 m of 安泰's border: on the centre line, 150 m from the midpoint towards 南街
  const mid: LngLat = [(nanjie.centre[0] + antai.centre[0]) / 2, (nanjie.centre[1] + antai.centre[1]) / 2];
  const f = 150 / haversineM(mid, nanjie.centre);
  const nearBorder: LngLat = [mid[0] + (nanjie.centre[0] - mid[0]) * f, mid[1] + (nanjie.centre[1] - mid[1]) * f];

  test('the returning street is excluded and a neighbour within 500 m is offered; hops counted', () => {
    expect(route({ categoryCode: 'lamp', point: nearBorder }, GULOU_ORG).streetId).toBe('street-nanjie');
    const d = rerouteAfterReturn({ categoryCode: 'lamp', point: nearBorder }, GULOU_ORG, { returnedBy: ['street-nanjie'], previousHops: 1 });
    expect(d.target).toBe('street');
    expect(d.streetId).not.toBe('street-nanjie');
    expect(d).toMatchObject({ hops: 2, excludedStreetIds: ['street-nanjie'] });
    expect(d.reason).toContain('南街街道退单');
  });
  test('deep inside a street there is no neighbour → triage', () => {
    const hongshan = STREETS.find((s) => s._id === 'street-hongshan')!;
    const d = rerouteAfterReturn({ categoryCode: 'lamp', point: [hongshan.centre[0] - 0.01, hongshan.centre[1]] }, GULOU_ORG, { returnedBy: ['street-hongshan'], previousHops: 1 });
    expect(d).toMatchObject({ target: 'triage', hops: 2 });
    expect(d.hardCase).toBeUndefined();
  });
  test('the second return sends it to the command centre as a hard case', () => {
    const d = rerouteAfterReturn({ categoryCode: 'drain', point: nearBorder }, GULOU_ORG, { returnedBy: ['street-nanjie', 'street-antai'], previousHops: 2 });
    expect(d).toMatchObject({ target: 'triage', hardCase: true, hops: 3, trackerDeptId: 'dept-slj' });
  });
  test('manual routing by the command centre', () => {
    const d = manualRoute(GULOU_ORG, { target: 'street', streetId: 'street-wufeng', categoryCode: 'lamp' }, 3, '疑难件，两级巡查轮值决定');
    expect(d).toMatchObject({ target: 'street', basis: 'manual', streetId: 'street-wufeng', hops: 4, ownerDeptIds: ['dept-cgj-szs'] });
    expect(() => manualRoute(GULOU_ORG, { target: 'street', streetId: 'street-x' }, 0)).toThrow();
  });
});

describe('callDeptsOf: the call form preselects the departments the decision in force names', () => {
  const { callDeptsOf } = require('@domain/routing/routing-types') as typeof import('@domain/routing/routing-types');
  const hop = (decision: Record<string, unknown>) => ({ decision: { target: 'street', basis: 'polygon', reason: 'r', ...decision } as never });
  test('a standing rule: its departments, every phase, once each', () => {
    expect(callDeptsOf([hop({ basis: 'rule', ruleId: 'rule-1', assignments: [
      { deptId: 'dept-sthj', phase: 'during', duty: '监督' }, { deptId: 'dept-cgj-zfdd', phase: 'after', duty: '处罚' }, { deptId: 'dept-sthj', phase: 'before', duty: '承诺' },
    ] })])).toEqual(['dept-sthj', 'dept-cgj-zfdd']);
  });
  test('the latest hop decides; a city unit owner when no rule; nothing otherwise', () => {
    expect(callDeptsOf([hop({ assignments: [{ deptId: 'dept-a', phase: 'during', duty: 'x' }] }), hop({ cityUnitId: 'city-swjt', trackerDeptId: 'dept-slj' })])).toEqual(['city-swjt']);
    expect(callDeptsOf([hop({})])).toEqual([]);
    expect(callDeptsOf([])).toEqual([]);
  });
});
