/**
 * Standing rules over time (长效机制的生效期与重叠): docs/REQUIREMENTS.md "Decisions" — for one category at one place
 * at most one rule is in force at any time; a new rule that overlaps an active one either replaces it (the old one
 * ends) or is refused.
 *
 * - A rule is **in force** at `t` when it is active and `from <= t < until` (an absent bound is open).
 * - Two **areas overlap** when one report could lie in both: no area (the whole district) overlaps every area; two
 *   streets overlap only when they are the same street, two communities only when the same community, a community
 *   and a street when the community belongs to it; polygons overlap when they intersect (a shared edge counts), and a
 *   polygon and a street when the polygon intersects the street's boundary (when the boundary is known, else they
 *   are taken to overlap). Every named constraint of both areas must be compatible.
 * - Two rules **conflict** when both are active, of the same category, their areas overlap and their effective
 *   periods overlap. Saving a rule that conflicts with another is refused unless the writer chooses to replace: then
 *   each conflicting rule ends where the new one starts (`until = from`; inactive once that moment has passed).
 */
import type { Polygon, Ring } from '../geo/geo-types';
import { bboxIntersects, bboxOf, pointInRing } from '../geo/geo-measure';
import type { StandingRule } from '../org/org-types';

export type RuleArea = StandingRule['area'];

export interface AreaContext {
  /** the street a community belongs to */
  streetOfCommunity: (communityId: string) => string | undefined;
  /** a street's boundary, when known (for polygon areas) */
  streetBoundary?: (streetId: string) => Polygon | undefined;
}

/** Whether the rule is in force at `t` (active, and within its effective period). */
export function ruleInForce(rule: Pick<StandingRule, 'active' | 'from' | 'until'>, t: number): boolean {
  if (!rule.active) return false;
  if (rule.from !== undefined && t < rule.from) return false;
  if (rule.until !== undefined && t >= rule.until) return false;
  return true;
}

function isWhole(a: RuleArea): boolean {
  return !a || (!a.streetId && !a.communityId && !a.polygon);
}

function segmentsCross(p1: [number, number], p2: [number, number], q1: [number, number], q2: [number, number]): boolean {
  const o = (a: [number, number], b: [number, number], c: [number, number]) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const on = (a: [number, number], b: [number, number], c: [number, number]) =>
    Math.min(a[0], b[0]) <= c[0] && c[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= c[1] && c[1] <= Math.max(a[1], b[1]);
  const d1 = o(q1, q2, p1);
  const d2 = o(q1, q2, p2);
  const d3 = o(p1, p2, q1);
  const d4 = o(p1, p2, q2);
  if (d1 !== d2 && d3 !== d4) return true;
  return (d1 === 0 && on(q1, q2, p1)) || (d2 === 0 && on(q1, q2, p2)) || (d3 === 0 && on(p1, p2, q1)) || (d4 === 0 && on(p1, p2, q2));
}

function ringsIntersect(a: Ring, b: Ring): boolean {
  for (let i = 1; i < a.length; i++) for (let j = 1; j < b.length; j++) if (segmentsCross(a[i - 1], a[i], b[j - 1], b[j])) return true;
  return pointInRing(a[0], b) || pointInRing(b[0], a);
}

/** Do two polygons share any point (outer rings; holes are ignored, which errs towards "overlap")? */
export function polygonsIntersect(a: Polygon, b: Polygon): boolean {
  const ra = a.coordinates[0];
  const rb = b.coordinates[0];
  if (!ra?.length || !rb?.length) return false;
  if (!bboxIntersects(bboxOf(ra), bboxOf(rb))) return false;
  return ringsIntersect(ra, rb);
}

/** Could one report lie in both areas? (see the header) */
export function areasOverlap(a: RuleArea, b: RuleArea, ctx: AreaContext): boolean {
  if (isWhole(a) || isWhole(b)) return true;
  const sa = a!.streetId ?? (a!.communityId ? ctx.streetOfCommunity(a!.communityId) : undefined);
  const sb = b!.streetId ?? (b!.communityId ? ctx.streetOfCommunity(b!.communityId) : undefined);
  if (sa && sb && sa !== sb) return false;
  if (a!.communityId && b!.communityId && a!.communityId !== b!.communityId) return false;
  if (a!.polygon && b!.polygon && !polygonsIntersect(a!.polygon, b!.polygon)) return false;
  const polyVsStreet = (p: Polygon | undefined, street: string | undefined) => {
    if (!p || !street) return true;
    const boundary = ctx.streetBoundary?.(street);
    return !boundary || polygonsIntersect(p, boundary);
  };
  if (a!.polygon && !b!.polygon && !polyVsStreet(a!.polygon, sb)) return false;
  if (b!.polygon && !a!.polygon && !polyVsStreet(b!.polygon, sa)) return false;
  return true;
}

function periodsOverlap(a: Pick<StandingRule, 'from' | 'until'>, b: Pick<StandingRule, 'from' | 'until'>): boolean {
  const aFrom = a.from ?? -Infinity;
  const bFrom = b.from ?? -Infinity;
  const aUntil = a.until ?? Infinity;
  const bUntil = b.until ?? Infinity;
  return aFrom < bUntil && bFrom < aUntil;
}

/** The active rules (other than `rule` itself) that conflict with `rule` were it saved as given. */
export function conflictingRules(rule: StandingRule, existing: readonly StandingRule[], ctx: AreaContext, now: number): StandingRule[] {
  if (!rule.active) return [];
  const mine = { from: rule.from ?? now, until: rule.until };
  return existing.filter(
    (r) => r._id !== rule._id && r.active && r.categoryCode === rule.categoryCode && (r.until === undefined || r.until > now) && periodsOverlap(mine, r) && areasOverlap(rule.area, r.area, ctx),
  );
}

/** What replacing does to each conflicting rule: it ends where the new one starts (inactive once that has passed). */
export function endedBy(old: StandingRule, newFrom: number, now: number): StandingRule {
  const until = Math.max(newFrom, old.from ?? -Infinity);
  return { ...old, until, active: until > now };
}

/** How a writer resolves conflicts: refuse (the default), or replace the conflicting rules. */
export type OverlapChoice = 'refuse' | 'replace';

export type OverlapVerdict =
  | { ok: true; ends: StandingRule[] }
  | { ok: false; conflicts: StandingRule[]; message: string };

/**
 * Saving `rule` against the rules in force: refused while it conflicts with an active rule, unless `choice` is
 * 'replace' (then `ends` lists the old rules as they are to be written, ended at the new rule's start).
 */
export function resolveOverlap(rule: StandingRule, existing: readonly StandingRule[], ctx: AreaContext, now: number, choice: OverlapChoice = 'refuse'): OverlapVerdict {
  const conflicts = conflictingRules(rule, existing, ctx, now);
  if (!conflicts.length) return { ok: true, ends: [] };
  if (choice === 'replace') return { ok: true, ends: conflicts.map((r) => endedBy(r, rule.from ?? now, now)) };
  const names = conflicts.map((r) => `「${r.title ?? r._id}」`).join('、');
  return { ok: false, conflicts, message: `与生效中的长效机制${names}适用范围重叠：请选择替换原规则、缩小适用区域，或取消` };
}

const CHANGE_LABELS: Array<[keyof StandingRule, string]> = [
  ['title', '名称'], ['categoryCode', '事项分类'], ['area', '适用区域'], ['assignments', '责任部门与职责'], ['active', '启用状态'], ['from', '生效时间'], ['until', '终止时间'],
];

/** What a write changed in a rule, as Chinese field labels (an audit line's before → after); creation and removal say so. */
export function ruleChanges(before: Partial<StandingRule> | null, after: Partial<StandingRule> | null): string[] {
  if (!before && after) return ['新建'];
  if (before && !after) return ['删除'];
  if (!before || !after) return [];
  return CHANGE_LABELS.filter(([k]) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)).map(([, label]) => label);
}
