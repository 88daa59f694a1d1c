/**
 * Recurring problems (共性问题): the same category in the same small area, coming back over the period.
 *
 *  - area: a 50 m cell counted with its 8 neighbours (a 150 m block, as for repeat complaints), reported once
 *    at its busiest cell; blocks of one category never overlap;
 *  - recurring: reports on at least `minDays` distinct days (default 2) and at least `minReports` reports (default 3);
 *  - rank: score = reports × distinct ISO weeks with reports (frequent AND persistent ranks first), then reports,
 *    then the share of reports that needed several departments, then id;
 *  - needs a standing rule (长效机制) when the block's cases involved two or more departments.
 * The proposal (`proposeRule`) is a draft a leader edits before adopting it.
 */
import type { RuleAssignment } from '../routing/routing.types';
import type { LngLat, Polygon } from '../geo/geo.types';
import { cellCentre } from './stats.places';
import { DAY_MS, shanghaiDay, shanghaiDayStart, shanghaiWeekday } from './stats.day';
import type { PlaceEntry } from './stats.summary';

export interface PatternOptions {
  minReports?: number;
  minDays?: number;
  /** at most this many patterns (default 50) */
  limit?: number;
  categoryCode?: string;
}

export interface Pattern {
  /** stable for the same category and block: `pat:<category>:<cell>` */
  id: string;
  categoryCode: string;
  cell: string;
  centre: LngLat;
  reports: number;
  days: number;
  weeks: number;
  firstDay: string;
  lastDay: string;
  streetId?: string;
  communityId?: string;
  /** departments involved, most involved first */
  depts: Array<{ deptId: string; reports: number }>;
  multiDeptReports: number;
  score: number;
  needsRule: boolean;
}

/** Monday ('YYYY-MM-DD') of the ISO week of a day. */
export function weekOf(day: string): string {
  const t = shanghaiDayStart(day);
  return shanghaiDay(t - (shanghaiWeekday(t) - 1) * DAY_MS);
}

interface Acc {
  count: number;
  days: Set<string>;
  multiDept: number;
  depts: Map<string, number>;
  streets: Map<string, number>;
  communities: Map<string, number>;
}

const parse = (cell: string) => cell.split(':').map(Number) as [number, number, number];
const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];

export function findPatterns(entries: ReadonlyArray<PlaceEntry & { day: string }>, opts: PatternOptions = {}): Pattern[] {
  const minReports = opts.minReports ?? 3;
  const minDays = opts.minDays ?? 2;
  const cells = new Map<string, Acc>();
  for (const e of entries) {
    if (opts.categoryCode && e.categoryCode !== opts.categoryCode) continue;
    const k = `${e.categoryCode}|${e.cell}`;
    let a = cells.get(k);
    if (!a) cells.set(k, (a = { count: 0, days: new Set(), multiDept: 0, depts: new Map(), streets: new Map(), communities: new Map() }));
    a.count += e.count;
    a.days.add(e.day);
    a.multiDept += e.multiDept;
    for (const [d, n] of Object.entries(e.depts)) a.depts.set(d, (a.depts.get(d) ?? 0) + n);
    if (e.streetId) a.streets.set(e.streetId, (a.streets.get(e.streetId) ?? 0) + e.count);
    if (e.communityId) a.communities.set(e.communityId, (a.communities.get(e.communityId) ?? 0) + e.count);
  }
  const neighbours = (cat: string, cell: string): Acc[] => {
    const [m, ix, iy] = parse(cell);
    const out: Acc[] = [];
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      const a = cells.get(`${cat}|${m}:${ix + dx}:${iy + dy}`);
      if (a) out.push(a);
    }
    return out;
  };
  const candidates: Array<{ cat: string; cell: string; own: number; block: Acc[]; count: number }> = [];
  for (const [k, a] of cells) {
    const [cat, cell] = k.split('|');
    const block = neighbours(cat, cell);
    const count = block.reduce((s, b) => s + b.count, 0);
    if (count >= minReports) candidates.push({ cat, cell, own: a.count, block, count });
  }
  candidates.sort((a, b) => b.count - a.count || b.own - a.own || (a.cat + a.cell < b.cat + b.cell ? -1 : 1));
  // a block is kept unless a busier block of its category lies within 2 cells (looked up in a set, not a scan)
  const kept: typeof candidates = [];
  const taken = new Set<string>();
  for (const c of candidates) {
    const [, ix, iy] = parse(c.cell);
    let near = false;
    for (let dx = -2; dx <= 2 && !near; dx++) for (let dy = -2; dy <= 2 && !near; dy++) near = taken.has(`${c.cat}|${ix + dx}:${iy + dy}`);
    if (near) continue;
    kept.push(c);
    taken.add(`${c.cat}|${ix}:${iy}`);
  }
  const out: Pattern[] = [];
  for (const c of kept) {
    const days = new Set<string>();
    const depts = new Map<string, number>();
    const streets = new Map<string, number>();
    const communities = new Map<string, number>();
    let multi = 0;
    for (const b of c.block) {
      b.days.forEach((d) => days.add(d));
      multi += b.multiDept;
      b.depts.forEach((n, d) => depts.set(d, (depts.get(d) ?? 0) + n));
      b.streets.forEach((n, s) => streets.set(s, (streets.get(s) ?? 0) + n));
      b.communities.forEach((n, s) => communities.set(s, (communities.get(s) ?? 0) + n));
    }
    if (days.size < minDays) continue;
    const sortedDays = [...days].sort();
    const weeks = new Set(sortedDays.map(weekOf)).size;
    const deptList = [...depts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([deptId, reports]) => ({ deptId, reports }));
    const p: Pattern = {
      id: `pat:${c.cat}:${c.cell}`,
      categoryCode: c.cat,
      cell: c.cell,
      centre: cellCentre(c.cell),
      reports: c.count,
      days: days.size,
      weeks,
      firstDay: sortedDays[0],
      lastDay: sortedDays[sortedDays.length - 1],
      depts: deptList,
      multiDeptReports: multi,
      score: c.count * weeks,
      needsRule: deptList.length >= 2,
    };
    const s = top(streets);
    const cm = top(communities);
    if (s) p.streetId = s;
    if (cm) p.communityId = cm;
    out.push(p);
  }
  out.sort((a, b) => b.score - a.score || b.reports - a.reports || b.multiDeptReports / b.reports - a.multiDeptReports / a.reports || (a.id < b.id ? -1 : 1));
  return out.slice(0, opts.limit ?? 50);
}

/** A standing rule as proposed from a pattern, before a leader edits and adopts it. */
export interface ProposedRule {
  patternId: string;
  title: string;
  categoryCode: string;
  area: { streetId?: string; polygon: Polygon };
  assignments: RuleAssignment[];
}

export const DEFAULT_DUTIES: Record<RuleAssignment['phase'], string> = {
  before: '源头预防（经营者承诺、日常宣传）',
  during: '日常监管（接报后到场监督）',
  after: '执法处置（查处并回头看）',
};

/** Square polygon (GeoJSON, lng/lat) of the pattern's 3×3 block plus one cell of margin (≈250 m across). */
export function blockPolygon(cell: string): Polygon {
  const [m, ix, iy] = parse(cell);
  const corner = (dx: number, dy: number) => cellCentre(`${m}:${ix + dx}:${iy + dy}`);
  // centres of the cells 2.5 cells out = the outer edges of a 5×5 block
  const [w, s] = corner(-3, -3);
  const [e, n] = corner(3, 3);
  const west = (w + corner(-2, -2)[0]) / 2;
  const south = (s + corner(-2, -2)[1]) / 2;
  const east = (e + corner(2, 2)[0]) / 2;
  const north = (n + corner(2, 2)[1]) / 2;
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  return { type: 'Polygon', coordinates: [[[r(west), r(south)], [r(east), r(south)], [r(east), r(north)], [r(west), r(north)], [r(west), r(south)]]] };
}

/**
 * Proposal: the departments the block's cases involved, by how often, mapped to phases — the category's usual
 * owner (if involved) supervises during (事中), the next most involved enforces after (事后), a third prevents
 * before (事前). With only two departments, 事前 goes to the owner as well. Area: the street and the block.
 */
export function proposeRule(p: Pattern, ctx: { categoryName: string; areaName?: string; ownerDeptIds?: readonly string[] }): ProposedRule {
  const involved = p.depts.map((d) => d.deptId);
  const owner = involved.find((d) => (ctx.ownerDeptIds ?? []).includes(d)) ?? involved[0];
  const others = involved.filter((d) => d !== owner);
  const assignments: RuleAssignment[] = [];
  const before = others[1] ?? owner;
  if (before) assignments.push({ deptId: before, phase: 'before', duty: DEFAULT_DUTIES.before });
  if (owner) assignments.push({ deptId: owner, phase: 'during', duty: DEFAULT_DUTIES.during });
  if (others[0]) assignments.push({ deptId: others[0], phase: 'after', duty: DEFAULT_DUTIES.after });
  return {
    patternId: p.id,
    title: `${ctx.areaName ?? ''}${ctx.categoryName}长效机制`,
    categoryCode: p.categoryCode,
    area: { ...(p.streetId ? { streetId: p.streetId } : {}), polygon: blockPolygon(p.cell) },
    assignments,
  };
}
