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

/** Cells of one category (and cell size) with the entries that fell in them. */
interface Acc {
  cat: string;
  cell: string;
  ix: number;
  iy: number;
  count: number;
  entries: number[];
}

const parse = (cell: string): [number, number, number] => {
  const a = cell.indexOf(':');
  const b = cell.indexOf(':', a + 1);
  return [+cell.slice(0, a), +cell.slice(a + 1, b), +cell.slice(b + 1)];
};
const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
/** Numeric key of a cell in a small-integer group (category + cell size): exact for |ix|, |iy| < 2^20 cells. */
const OFF = 2 ** 20;
const SPAN = 2 ** 21;
const cellKey = (group: number, ix: number, iy: number) => (group * SPAN + (ix + OFF)) * SPAN + (iy + OFF);

/**
 * Linear in the entries (a half-year at district scale is hundreds of thousands): cells and blocks are found
 * through numeric keys, and departments, streets and days are gathered only for the blocks that are kept.
 */
export function findPatterns(entries: ReadonlyArray<PlaceEntry & { day: string }>, opts: PatternOptions = {}): Pattern[] {
  const minReports = opts.minReports ?? 3;
  const minDays = opts.minDays ?? 2;
  const groups = new Map<string, number>(); // `${category}|${cellSize}` → small int
  const catIds = new Map<string, number>(); // category → small int (blocks of one category never overlap, whatever the size)
  const cells = new Map<number, Acc>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (opts.categoryCode && e.categoryCode !== opts.categoryCode) continue;
    const [m, ix, iy] = parse(e.cell);
    const gk = `${e.categoryCode}|${m}`;
    let g = groups.get(gk);
    if (g === undefined) groups.set(gk, (g = groups.size));
    const k = cellKey(g, ix, iy);
    let a = cells.get(k);
    if (!a) cells.set(k, (a = { cat: e.categoryCode, cell: e.cell, ix, iy, count: 0, entries: [] }));
    a.count += e.count;
    a.entries.push(i);
  }
  const candidates: Array<{ a: Acc; block: Acc[]; count: number; sortKey: string }> = [];
  for (const [k, a] of cells) {
    const g = Math.floor(k / (SPAN * SPAN));
    const block: Acc[] = [];
    let count = 0;
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      const b = cells.get(cellKey(g, a.ix + dx, a.iy + dy));
      if (b) {
        block.push(b);
        count += b.count;
      }
    }
    if (count >= minReports) candidates.push({ a, block, count, sortKey: a.cat + a.cell });
  }
  candidates.sort((x, y) => y.count - x.count || y.a.count - x.a.count || (x.sortKey < y.sortKey ? -1 : 1));
  // a block is kept unless a busier block of its category lies within 2 cells
  const taken = new Set<number>();
  const weekMemo = new Map<string, string>();
  const weekOfDay = (d: string) => weekMemo.get(d) ?? (weekMemo.set(d, weekOf(d)), weekMemo.get(d)!);
  const limit = opts.limit ?? 50;
  // score = reports × weeks ≤ reports × (weeks in the data): once `limit` patterns score above that bound for every
  // remaining (smaller) block, the rest cannot rank and are not examined
  const maxWeeks = new Set([...new Set(entries.map((e) => e.day))].map(weekOfDay)).size;
  const best: number[] = []; // the `limit` best scores so far, descending
  const out: Pattern[] = [];
  for (const c of candidates) {
    if (best.length >= limit && c.count * maxWeeks < best[limit - 1]) break;
    let ci = catIds.get(c.a.cat);
    if (ci === undefined) catIds.set(c.a.cat, (ci = catIds.size));
    let near = false;
    for (let dx = -2; dx <= 2 && !near; dx++) for (let dy = -2; dy <= 2 && !near; dy++) near = taken.has(cellKey(ci, c.a.ix + dx, c.a.iy + dy));
    if (near) continue;
    taken.add(cellKey(ci, c.a.ix, c.a.iy));
    const days = new Set<string>();
    const depts = new Map<string, number>();
    const streets = new Map<string, number>();
    const communities = new Map<string, number>();
    let multi = 0;
    for (const b of c.block) for (const i of b.entries) {
      const e = entries[i];
      days.add(e.day);
      multi += e.multiDept;
      for (const d in e.depts) add(depts, d, e.depts[d]);
      if (e.streetId) add(streets, e.streetId, e.count);
      if (e.communityId) add(communities, e.communityId, e.count);
    }
    if (days.size < minDays) continue;
    const sortedDays = [...days].sort();
    const weeks = new Set(sortedDays.map(weekOfDay)).size;
    const deptList = [...depts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([deptId, reports]) => ({ deptId, reports }));
    const p: Pattern = {
      id: `pat:${c.a.cat}:${c.a.cell}`,
      categoryCode: c.a.cat,
      cell: c.a.cell,
      centre: cellCentre(c.a.cell),
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
    const st = top(streets);
    const cm = top(communities);
    if (st) p.streetId = st;
    if (cm) p.communityId = cm;
    out.push(p);
    let at = best.length;
    while (at > 0 && best[at - 1] < p.score) at--;
    if (at < limit) {
      best.splice(at, 0, p.score);
      if (best.length > limit) best.pop();
    }
  }
  out.sort((x, y) => y.score - x.score || y.reports - x.reports || y.multiDeptReports / y.reports - x.multiDeptReports / x.reports || (x.id < y.id ? -1 : 1));
  return out.slice(0, limit);
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
