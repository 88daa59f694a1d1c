import { bboxContains, bboxOf, distanceToPolygonM, haversineM, pointInPolygon, toLngLat } from '../geo/geo-measure';
import type { BBox, LngLat, PointLike } from '../geo/geo-types';
import type { Category, CityUnit, Community, Department, OrgData, StandingRule, Street } from '../org/org-types';
import type { RoutingDecision } from './routing-types';
import { ruleInForce } from './routing-rules';

/** What routing needs from a report (any channel). */
export interface RouteInput {
  categoryCode?: string;
  /** the reported location; pass `case.location.point` (GeoJSON) or [lng, lat] */
  point?: PointLike | null;
  /** GPS accuracy in metres, when the device gave one */
  accuracyM?: number;
  /** community the citizen chose (fallback when there is no usable location) */
  communityId?: string;
  /** when the report was made (epoch ms): the standing rule in force at that moment applies (absent: any active rule) */
  at?: number;
}

export interface RouteOptions {
  /** a location less accurate than this is not used for territory (default 1000 m) */
  maxAccuracyM: number;
  /** a point outside every polygon but this close to one is given to that street (GPS noise; default 100 m) */
  edgeToleranceM: number;
  /** re-routing: a neighbouring street is offered when the point is this close to it (default 500 m) */
  neighbourM: number;
  /** re-routing: from this many returns on, the case goes to the command centre as a hard case (default 2) */
  maxReturns: number;
}

export const DEFAULT_ROUTE_OPTIONS: RouteOptions = { maxAccuracyM: 1000, edgeToleranceM: 100, neighbourM: 500, maxReturns: 2 };

/**
 * The routing table: the org data indexed once (maps and bboxes). Everything category-specific is data
 * in `Category` / `StandingRule` rows; the code below has no per-category branches.
 */
export interface RoutingTable {
  org: OrgData;
  categories: Map<string, Category>;
  streets: Map<string, Street>;
  streetBoxes: { street: Street; box: BBox }[];
  communities: Map<string, Community>;
  depts: Map<string, Department>;
  cityUnits: Map<string, CityUnit>;
  rulesByCategory: Map<string, StandingRule[]>;
}

const tableCache = new WeakMap<OrgData, RoutingTable>();

export function routingTable(org: OrgData): RoutingTable {
  const cached = tableCache.get(org);
  if (cached) return cached;
  const rulesByCategory = new Map<string, StandingRule[]>();
  for (const r of org.rules) {
    if (!r.active) continue;
    const list = rulesByCategory.get(r.categoryCode) ?? [];
    list.push(r);
    rulesByCategory.set(r.categoryCode, list);
  }
  const table: RoutingTable = {
    org,
    categories: new Map(org.categories.map((c) => [c.code, c])),
    streets: new Map(org.streets.map((s) => [s._id, s])),
    streetBoxes: org.streets.map((street) => ({ street, box: bboxOf(street.boundary) })),
    communities: new Map(org.communities.map((c) => [c._id, c])),
    depts: new Map(org.departments.map((d) => [d._id, d])),
    cityUnits: new Map(org.cityUnits.map((u) => [u._id, u])),
    rulesByCategory,
  };
  tableCache.set(org, table);
  return table;
}

/** Where the report is, as far as the data tells: by polygon, else by the chosen community. */
interface Territory {
  point?: LngLat;
  streetId?: string;
  communityId?: string;
  basis?: 'polygon' | 'community';
  nearEdge?: boolean;
  /** a usable point lies outside the district */
  outside?: boolean;
}

function usablePoint(input: RouteInput, opts: RouteOptions): LngLat | undefined {
  if (!input.point) return undefined;
  const p = toLngLat(input.point);
  if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) return undefined;
  if (input.accuracyM !== undefined && input.accuracyM > opts.maxAccuracyM) return undefined;
  return p;
}

/** Streets whose polygon contains the point; on a shared border, the one with the nearest centre wins. */
export function streetAt(t: RoutingTable, p: LngLat, exclude: readonly string[] = []): Street | undefined {
  const hits = t.streetBoxes
    .filter(({ street, box }) => !exclude.includes(street._id) && bboxContains(box, p) && pointInPolygon(p, street.boundary))
    .map(({ street }) => street);
  return nearestByCentre(hits, p);
}

function nearestByCentre<T extends { centre: LngLat; _id: string }>(items: T[], p: LngLat): T | undefined {
  let best: T | undefined;
  let bestD = Infinity;
  for (const it of items) {
    const d = haversineM(it.centre, p);
    if (d < bestD || (d === bestD && best && it._id < best._id)) {
      best = it;
      bestD = d;
    }
  }
  return best;
}

/** Streets within `metres` of the point, nearest first (by distance to the polygon). */
export function streetsNear(t: RoutingTable, p: LngLat, metres: number, exclude: readonly string[] = []): Street[] {
  return t.org.streets
    .filter((s) => !exclude.includes(s._id))
    .map((s) => ({ s, d: distanceToPolygonM(p, s.boundary) }))
    .filter((x) => x.d <= metres)
    .sort((a, b) => a.d - b.d || (a.s._id < b.s._id ? -1 : 1))
    .map((x) => x.s);
}

/** The community a point belongs to within a street: the chosen one if it is in that street, else the nearest centre. */
export function communityFor(t: RoutingTable, streetId: string, p: LngLat | undefined, chosen?: string): Community | undefined {
  const c = chosen ? t.communities.get(chosen) : undefined;
  if (c && c.streetId === streetId) return c;
  if (!p) return undefined;
  return nearestByCentre(t.org.communities.filter((x) => x.streetId === streetId), p);
}

function territoryOf(t: RoutingTable, input: RouteInput, opts: RouteOptions, exclude: readonly string[] = []): Territory {
  const p = usablePoint(input, opts);
  if (p) {
    let street = streetAt(t, p, exclude);
    let nearEdge = false;
    if (!street) {
      street = streetsNear(t, p, opts.edgeToleranceM, exclude)[0];
      nearEdge = !!street;
    }
    if (street) return { point: p, streetId: street._id, communityId: communityFor(t, street._id, p, input.communityId)?._id, basis: 'polygon', nearEdge };
    // a usable location outside the district (or only in excluded streets) is not overridden by the chosen community
    return { point: p, outside: true };
  }
  const c = input.communityId ? t.communities.get(input.communityId) : undefined;
  if (c && !exclude.includes(c.streetId)) return { streetId: c.streetId, communityId: c._id, basis: 'community' };
  return {};
}

/** Specificity of a rule's area for this report: -1 = does not match; higher = more specific. */
function ruleSpecificity(rule: StandingRule, terr: Territory): number {
  const a = rule.area;
  if (!a || (!a.streetId && !a.communityId && !a.polygon)) return 0;
  let spec = 0;
  if (a.streetId) {
    if (terr.streetId !== a.streetId) return -1;
    spec = Math.max(spec, 1);
  }
  if (a.polygon) {
    if (!terr.point || !pointInPolygon(terr.point, a.polygon)) return -1;
    spec = Math.max(spec, 2);
  }
  if (a.communityId) {
    if (terr.communityId !== a.communityId) return -1;
    spec = Math.max(spec, 3);
  }
  return spec;
}

/**
 * The standing rule that applies: among the rules in force at `at` whose area contains the report, the most specific
 * area first, then the most recently adopted, then _id. Saving rules keeps at most one in force per category and
 * place (routing-rules.ts); should stored data still hold several (written before that rule), `matchRules` names them
 * all so the decision says so instead of choosing silently.
 */
export function matchRules(t: RoutingTable, categoryCode: string | undefined, terr: Territory, at?: number): StandingRule[] {
  if (!categoryCode) return [];
  return (t.rulesByCategory.get(categoryCode) ?? [])
    .filter((rule) => at === undefined || ruleInForce(rule, at))
    .map((rule) => ({ rule, spec: ruleSpecificity(rule, terr) }))
    .filter((x) => x.spec >= 0)
    .sort((a, b) => b.spec - a.spec || b.rule.adoptedAt - a.rule.adoptedAt || (a.rule._id < b.rule._id ? -1 : 1))
    .map((x) => x.rule);
}

export function matchRule(t: RoutingTable, categoryCode: string | undefined, terr: Territory, at?: number): StandingRule | undefined {
  return matchRules(t, categoryCode, terr, at)[0];
}

const PHASE_CN = { before: '事前', during: '事中', after: '事后' } as const;

function deptName(t: RoutingTable, id: string): string {
  return t.depts.get(id)?.fullName ?? t.cityUnits.get(id)?.name ?? id;
}

function streetName(t: RoutingTable, id?: string): string {
  return (id && t.streets.get(id)?.name) || '';
}

/** City-unit ownership → tracker (对接协调跟踪), added to every decision for that category. */
function cityUnitPart(t: RoutingTable, cat: Category | undefined): Pick<RoutingDecision, 'cityUnitId' | 'trackerDeptId'> & { note: string } {
  if (!cat?.cityUnitId) return { note: '' };
  const unit = t.cityUnits.get(cat.cityUnitId);
  if (!unit) return { cityUnitId: cat.cityUnitId, note: '' };
  return {
    cityUnitId: unit._id,
    trackerDeptId: unit.counterpartDeptId,
    note: `；市直单位${unit.name}负责，${deptName(t, unit.counterpartDeptId)}对接协调跟踪`,
  };
}

type Step = (ctx: StepContext) => Omit<RoutingDecision, 'categoryCode' | 'ownerDeptIds' | 'cityUnitId' | 'trackerDeptId'> | null;

interface StepContext {
  t: RoutingTable;
  input: RouteInput;
  cat?: Category;
  terr: Territory;
}

const where = (ctx: StepContext) => ({
  ...(ctx.terr.streetId ? { streetId: ctx.terr.streetId } : {}),
  ...(ctx.terr.communityId ? { communityId: ctx.terr.communityId } : {}),
});

/** The steps of docs/REQUIREMENTS.md "Dispatch", in order. The first that answers decides. */
const STEPS: Step[] = [
  // 1. standing responsibility rule (长效机制)
  (ctx) => {
    const [rule, ...others] = matchRules(ctx.t, ctx.input.categoryCode, ctx.terr, ctx.input.at);
    if (!rule) return null;
    // never a silent choice: overlapping rules in force (stored before overlaps were refused) are named, for the
    // command centre to settle
    const overlap = others.length ? `；注意：另有重叠的长效机制${others.map((r) => `「${r.title ?? r._id}」`).join('、')}同时生效，已按范围最具体、最近采纳的规则办理，请指挥中心核对` : '';
    const who = rule.assignments.map((a) => `${PHASE_CN[a.phase]}${a.duty ? `（${a.duty}）` : ''}${deptName(ctx.t, a.deptId)}`).join('，');
    const street = ctx.terr.streetId;
    return {
      target: street ? 'street' : 'triage',
      basis: 'rule',
      ...where(ctx),
      ruleId: rule._id,
      assignments: rule.assignments.map((a) => ({ ...a })),
      ...(others.length ? { overlappingRuleIds: others.map((r) => r._id) } : {}),
      reason: `按长效机制${rule.title ? `「${rule.title}」` : ''}办理：${who}${street ? `；属地${streetName(ctx.t, street)}牵头` : '；无法确定属地，由指挥中心分拨'}${overlap}`,
    };
  },
  // categories that always go to the command centre (其他)
  (ctx) => (ctx.cat?.manualTriage ? { target: 'triage', basis: 'none', ...where(ctx), reason: `类别为「${ctx.cat.name}」，由指挥中心人工分拨` } : null),
  // 2. grid items (网格化办理事项)
  (ctx) => (ctx.cat?.gridItem ? { target: 'grid', basis: 'grid', ...where(ctx), reason: `「${ctx.cat.name}」属网格化办理事项，转片长制网格化平台办理` } : null),
  // 3. territory by polygon (属地原则)
  (ctx) => {
    if (ctx.terr.basis !== 'polygon' || !ctx.terr.streetId) return null;
    const edge = ctx.terr.nearEdge ? '（位置在边界附近）' : '';
    return { target: 'street', basis: 'polygon', ...where(ctx), reason: `按属地原则派至${streetName(ctx.t, ctx.terr.streetId)}${edge}` };
  },
  // 3b. no usable location: the community the citizen chose
  (ctx) => {
    if (ctx.terr.basis !== 'community' || !ctx.terr.streetId) return null;
    const c = ctx.terr.communityId ? ctx.t.communities.get(ctx.terr.communityId) : undefined;
    return { target: 'street', basis: 'community', ...where(ctx), reason: `无可用定位，按所选社区${c ? c.name : ''}派至${streetName(ctx.t, ctx.terr.streetId)}` };
  },
  // otherwise: the command centre triages by hand
  (ctx) => ({
    target: 'triage',
    basis: 'none',
    ...where(ctx),
    reason: ctx.terr.outside ? '位置不在鼓楼区范围内，由指挥中心人工分拨' : '无法确定属地，由指挥中心人工分拨',
  }),
];

function decide(t: RoutingTable, input: RouteInput, terr: Territory): RoutingDecision {
  const cat = input.categoryCode ? t.categories.get(input.categoryCode) : undefined;
  const ctx: StepContext = { t, input, cat, terr };
  let base: ReturnType<Step> = null;
  for (const step of STEPS) {
    base = step(ctx);
    if (base) break;
  }
  const city = cityUnitPart(t, cat);
  const decision: RoutingDecision = { ...(base as NonNullable<ReturnType<Step>>) };
  if (input.categoryCode) decision.categoryCode = input.categoryCode;
  if (cat && cat.ownerDeptIds.length > 0) decision.ownerDeptIds = [...cat.ownerDeptIds];
  if (city.cityUnitId) decision.cityUnitId = city.cityUnitId;
  if (city.trackerDeptId) decision.trackerDeptId = city.trackerDeptId;
  decision.reason += city.note;
  return decision;
}

/**
 * 智能派遣: standing rule → grid item → territory (polygon, else chosen community) → command-centre triage.
 * City-unit matters also name the counterpart district department as tracker. Pure and deterministic.
 */
export function route(input: RouteInput, org: OrgData, options: Partial<RouteOptions> = {}): RoutingDecision {
  const opts = { ...DEFAULT_ROUTE_OPTIONS, ...options };
  const t = routingTable(org);
  return decide(t, input, territoryOf(t, input, opts));
}

export interface RerouteInput {
  /** streets that have returned this case so far, including the one returning it now */
  returnedBy: readonly string[];
  /** routing hops before this one (the case's routing history length) */
  previousHops: number;
}

/**
 * After a street returns a case (退单 "wrong territory / not ours"): route again without the streets that
 * returned it. A neighbouring street within `neighbourM` of the point is offered (boundary cases are the
 * usual reason); otherwise, or once `maxReturns` returns are reached, the command centre triages and the
 * case is flagged hard (re-routed repeatedly). Every hop is counted in `hops`.
 */
export function rerouteAfterReturn(input: RouteInput, org: OrgData, r: RerouteInput, options: Partial<RouteOptions> = {}): RoutingDecision {
  const opts = { ...DEFAULT_ROUTE_OPTIONS, ...options };
  const t = routingTable(org);
  const exclude = [...new Set(r.returnedBy)];
  const hops = r.previousHops + 1;
  const returnedNames = exclude.map((id) => streetName(t, id) || id).join('、');
  const cat = input.categoryCode ? t.categories.get(input.categoryCode) : undefined;
  const city = cityUnitPart(t, cat);
  const common = {
    hops,
    excludedStreetIds: exclude,
    ...(input.categoryCode ? { categoryCode: input.categoryCode } : {}),
    ...(cat && cat.ownerDeptIds.length > 0 ? { ownerDeptIds: [...cat.ownerDeptIds] } : {}),
    ...(city.cityUnitId ? { cityUnitId: city.cityUnitId } : {}),
    ...(city.trackerDeptId ? { trackerDeptId: city.trackerDeptId } : {}),
  };
  if (exclude.length >= opts.maxReturns) {
    return { target: 'triage', basis: 'none', ...common, hardCase: true, reason: `已被${returnedNames}退单${exclude.length}次，转指挥中心人工分拨并标记疑难件${city.note}` };
  }
  const p = usablePoint(input, opts);
  const next = p ? streetsNear(t, p, opts.neighbourM, exclude)[0] : undefined;
  if (next && p) {
    const community = communityFor(t, next._id, p, input.communityId);
    return {
      target: 'street',
      basis: 'polygon',
      streetId: next._id,
      ...(community ? { communityId: community._id } : {}),
      ...common,
      reason: `${returnedNames}退单，改派相邻属地${next.name}${city.note}`,
    };
  }
  return { target: 'triage', basis: 'none', ...common, reason: `${returnedNames}退单，无相邻属地，转指挥中心人工分拨${city.note}` };
}

/** The command centre routes by hand (人工分拨 / 改派): to a street, or to the grid platform. */
export function manualRoute(
  org: OrgData,
  to: { target: 'street' | 'grid'; streetId?: string; communityId?: string; categoryCode?: string },
  previousHops: number,
  note?: string,
): RoutingDecision {
  const t = routingTable(org);
  const cat = to.categoryCode ? t.categories.get(to.categoryCode) : undefined;
  const city = cityUnitPart(t, cat);
  if (to.target === 'street' && (!to.streetId || !t.streets.has(to.streetId))) throw new Error(`unknown street: ${to.streetId ?? '(none)'}`);
  const dest = to.target === 'grid' ? '网格化平台' : streetName(t, to.streetId);
  return {
    target: to.target,
    basis: 'manual',
    ...(to.streetId ? { streetId: to.streetId } : {}),
    ...(to.communityId ? { communityId: to.communityId } : {}),
    ...(to.categoryCode ? { categoryCode: to.categoryCode } : {}),
    ...(cat && cat.ownerDeptIds.length > 0 ? { ownerDeptIds: [...cat.ownerDeptIds] } : {}),
    ...(city.cityUnitId ? { cityUnitId: city.cityUnitId } : {}),
    ...(city.trackerDeptId ? { trackerDeptId: city.trackerDeptId } : {}),
    hops: previousHops + 1,
    reason: `指挥中心人工分拨至${dest}${note ? `：${note}` : ''}${city.note}`,
  };
}
