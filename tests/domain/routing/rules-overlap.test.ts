import { COMMUNITIES, EXAMPLE_STANDING_RULE, GULOU_ORG, STREETS } from '@domain/org';
import type { OrgData, StandingRule } from '@domain/org';
import type { Polygon } from '@domain/geo';
import { route } from '../../../src/domain/routing/routing-route';
import { areasOverlap, conflictingRules, polygonsIntersect, resolveOverlap, ruleChanges, ruleInForce } from '../../../src/domain/routing/routing-rules';

const ctx = {
  streetOfCommunity: (id: string) => COMMUNITIES.find((c) => c._id === id)?.streetId,
  streetBoundary: (id: string) => STREETS.find((s) => s._id === id)?.boundary,
};
const WUFENG = 'street-wufeng';
const OTHER = STREETS.find((s) => s._id !== WUFENG)!._id;
const wufengCommunity = COMMUNITIES.find((c) => c.streetId === WUFENG)!;
const otherCommunity = COMMUNITIES.find((c) => c.streetId === WUFENG && c._id !== wufengCommunity._id)!;
const square = (x: number, y: number, d: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });

const rule = (over: Partial<StandingRule>): StandingRule => ({ ...EXAMPLE_STANDING_RULE, _id: 'r-new', active: true, adoptedBy: 'admin', adoptedAt: 1, ...over });
const NOW = Date.UTC(2026, 11, 5, 2, 0);

describe('areas overlap (one report could lie in both)', () => {
  const wfCentre = STREETS.find((s) => s._id === WUFENG)!.centre;
  test.each([
    ['the whole district and a street', undefined, { streetId: WUFENG }, true],
    ['the same street', { streetId: WUFENG }, { streetId: WUFENG }, true],
    ['two different streets', { streetId: WUFENG }, { streetId: OTHER }, false],
    ['a street and one of its communities', { streetId: WUFENG }, { communityId: wufengCommunity._id }, true],
    ['a community and another street', { communityId: wufengCommunity._id }, { streetId: OTHER }, false],
    ['two communities of one street', { communityId: wufengCommunity._id }, { communityId: otherCommunity._id }, false],
    ['the same community', { communityId: wufengCommunity._id }, { communityId: wufengCommunity._id, streetId: WUFENG }, true],
    ['intersecting polygons', { polygon: square(119.28, 26.08, 0.01) }, { polygon: square(119.285, 26.085, 0.01) }, true],
    ['polygons sharing an edge', { polygon: square(119.28, 26.08, 0.01) }, { polygon: square(119.29, 26.08, 0.01) }, true],
    ['one polygon inside the other', { polygon: square(119.28, 26.08, 0.02) }, { polygon: square(119.285, 26.085, 0.005) }, true],
    ['disjoint polygons', { polygon: square(119.28, 26.08, 0.005) }, { polygon: square(119.3, 26.1, 0.005) }, false],
    ['a small polygon at the street centre and that street', { polygon: square(wfCentre[0], wfCentre[1], 0.0005) }, { streetId: WUFENG }, true],
    ['a small polygon at the street centre and another street', { polygon: square(wfCentre[0], wfCentre[1], 0.0005) }, { streetId: OTHER }, false],
  ] as const)('%s → %s', (_n, a, b, expected) => {
    expect(areasOverlap(a as StandingRule['area'], b as StandingRule['area'], ctx)).toBe(expected);
    expect(areasOverlap(b as StandingRule['area'], a as StandingRule['area'], ctx)).toBe(expected);
  });

  test('polygonsIntersect is false for far boxes and true for crossing edges', () => {
    expect(polygonsIntersect(square(0, 0, 1), square(5, 5, 1))).toBe(false);
    // a thin cross: no vertex of either inside the other, only the edges cross
    const h: Polygon = { type: 'Polygon', coordinates: [[[0, 0.4], [3, 0.4], [3, 0.6], [0, 0.6], [0, 0.4]]] };
    const v: Polygon = { type: 'Polygon', coordinates: [[[1.4, -1], [1.6, -1], [1.6, 2], [1.4, 2], [1.4, -1]]] };
    expect(polygonsIntersect(h, v)).toBe(true);
  });
});

describe('at most one rule in force per category and place', () => {
  const old = rule({ _id: 'r-old', title: '五凤街道餐饮油烟', area: { streetId: WUFENG }, from: NOW - 86_400_000 });

  test('an overlapping active rule of the same category is refused by default, naming the rule in force', () => {
    const v = resolveOverlap(rule({ area: { communityId: wufengCommunity._id }, from: NOW }), [old], ctx, NOW);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.conflicts.map((r) => r._id)).toEqual(['r-old']);
      expect(v.message).toContain('「五凤街道餐饮油烟」');
      expect(v.message).toContain('替换');
    }
  });

  test('replace ends the old rule at the new one\'s start (inactive once that has passed)', () => {
    const v = resolveOverlap(rule({ area: { streetId: WUFENG }, from: NOW }), [old], ctx, NOW, 'replace');
    expect(v).toEqual({ ok: true, ends: [{ ...old, until: NOW, active: false }] });
    // a replacement starting on a later day leaves the old rule in force until then
    const later = NOW + 3 * 86_400_000;
    const v2 = resolveOverlap(rule({ area: { streetId: WUFENG }, from: later }), [old], ctx, NOW, 'replace');
    expect(v2).toEqual({ ok: true, ends: [{ ...old, until: later, active: true }] });
  });

  test('no conflict: another category, another street, an inactive or ended rule, a proposal (inactive), the rule itself', () => {
    const mine = rule({ area: { streetId: WUFENG }, from: NOW });
    expect(conflictingRules(mine, [{ ...old, categoryCode: 'lamp' }], ctx, NOW)).toEqual([]);
    expect(conflictingRules(mine, [{ ...old, area: { streetId: OTHER } }], ctx, NOW)).toEqual([]);
    expect(conflictingRules(mine, [{ ...old, active: false }], ctx, NOW)).toEqual([]);
    expect(conflictingRules(mine, [{ ...old, until: NOW }], ctx, NOW)).toEqual([]);
    expect(conflictingRules({ ...mine, active: false }, [old], ctx, NOW)).toEqual([]);
    expect(conflictingRules({ ...old }, [old], ctx, NOW)).toEqual([]);
    // a rule that starts after the old one ends does not conflict
    expect(conflictingRules(rule({ area: { streetId: WUFENG }, from: NOW + 10 }), [{ ...old, until: NOW + 10 }], ctx, NOW)).toEqual([]);
  });

  test('the whole-district rule conflicts with a street rule (both would apply to one report)', () => {
    expect(conflictingRules(rule({ area: undefined, from: NOW }), [old], ctx, NOW).map((r) => r._id)).toEqual(['r-old']);
  });
});

describe('routing follows the rule in force at the report\'s time', () => {
  const centre = STREETS.find((s) => s._id === WUFENG)!.centre;
  const oldRule = rule({ _id: 'r-old', title: '旧规则', area: { streetId: WUFENG }, until: NOW });
  const newRule = rule({ _id: 'r-new', title: '新规则', area: { streetId: WUFENG }, from: NOW, assignments: [{ deptId: 'dept-sthjj', phase: 'during', duty: '环保监督' }] });
  const org: OrgData = { ...GULOU_ORG, rules: [oldRule, newRule] };

  test('before the replacement: the old rule; at and after it: the new one', () => {
    expect(route({ categoryCode: 'fumes', point: centre, at: NOW - 1 }, org)).toMatchObject({ basis: 'rule', ruleId: 'r-old' });
    expect(route({ categoryCode: 'fumes', point: centre, at: NOW }, org)).toMatchObject({ basis: 'rule', ruleId: 'r-new' });
    expect(route({ categoryCode: 'fumes', point: centre, at: NOW + 86_400_000 }, org).overlappingRuleIds).toBeUndefined();
  });

  test('ruleInForce: active and within [from, until)', () => {
    expect(ruleInForce({ active: true }, NOW)).toBe(true);
    expect(ruleInForce({ active: false }, NOW)).toBe(false);
    expect(ruleInForce({ active: true, from: NOW + 1 }, NOW)).toBe(false);
    expect(ruleInForce({ active: true, until: NOW }, NOW)).toBe(false);
    expect(ruleInForce({ active: true, from: NOW, until: NOW + 1 }, NOW)).toBe(true);
  });

  test('two overlapping rules in force (legacy data) are never chosen between silently: the decision names the other', () => {
    const legacy: OrgData = { ...GULOU_ORG, rules: [rule({ _id: 'a', title: '甲', area: { streetId: WUFENG }, adoptedAt: 2 }), rule({ _id: 'b', title: '乙', area: { streetId: WUFENG }, adoptedAt: 1 })] };
    const d = route({ categoryCode: 'fumes', point: centre, at: NOW }, legacy);
    expect(d).toMatchObject({ ruleId: 'a', overlappingRuleIds: ['b'] });
    expect(d.reason).toContain('重叠的长效机制「乙」');
  });
});

test('ruleChanges names what an audited write changed', () => {
  const a = rule({ _id: 'x', title: '甲', from: 1 });
  expect(ruleChanges(null, a)).toEqual(['新建']);
  expect(ruleChanges(a, null)).toEqual(['删除']);
  expect(ruleChanges(a, { ...a, title: '乙', until: 5, active: false })).toEqual(['名称', '启用状态', '终止时间']);
  expect(ruleChanges(a, { ...a })).toEqual([]);
});
