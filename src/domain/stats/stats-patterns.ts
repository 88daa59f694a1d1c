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
import type { RuleAssignment } from '../routing/routing-types';
import type { LngLat, Polygon } from '../geo/geo-types';
import { cellCentre } from './stats-places';
import { DAY_MS, shanghaiDay, shanghaiDayStart, shanghaiWeekday } from './stats-day';
import { unpackPlace, type PackedPlace, type PlaceEntry } from './stats-summary';

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

/** A place entry of a day, as an object or as stored (packed: only the blocks that are kept get unpacked). */
export type PlaceInput = (PlaceEntry & { day: string }) | { day: string; packed: PackedPlace };

/** Cells of one category (and cell size) with the entries that fell in them. */
interface Acc {
  cat: string;
  cell: string;
  g: number;
  lx: number;
  ly: number;
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

const full = (e: PlaceInput): PlaceEntry => ('packed' in e ? unpackPlace(e.packed) : e);

/**
 * Linear in the entries (a half-year at district scale is ~500 000): cells and blocks are found through small
 * integer keys (cell indices relative to the data's corner), and departments, streets and days are gathered only
 * for the blocks that are kept.
 */
export function findPatterns(entries: ReadonlyArray<PlaceInput>, opts: PatternOptions = {}): Pattern[] {
  const minReports = opts.minReports ?? 3;
  const minDays = opts.minDays ?? 2;
  const groups = new Map<string, number>(); // `${category}|${cellSize}` → small int
  const catIds = new Map<string, number>(); // category → small int (blocks of one category never overlap, whatever the size)
  // first pass: category, cell and count of every entry (a packed one is not unpacked), in columns
  const n = entries.length;
  const cats: string[] = new Array(n);
  const cellsOf: string[] = new Array(n);
  const counts = new Float64Array(n);
  const gs = new Int32Array(n).fill(-1);
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const allDays = new Set<string>();
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    allDays.add(e.day);
    let cat: string;
    let cell: string;
    if ('packed' in e) {
      const p = e.packed;
      const i1 = p.indexOf('|');
      const i2 = p.indexOf('|', i1 + 1);
      cat = p.slice(0, i1);
      cell = p.slice(i1 + 1, i2);
      counts[i] = +p.slice(i2 + 1, p.indexOf('|', i2 + 1));
    } else {
      cat = e.categoryCode;
      cell = e.cell;
      counts[i] = e.count;
    }
    if (opts.categoryCode && cat !== opts.categoryCode) continue;
    const c1 = cell.indexOf(':');
    const c2 = cell.indexOf(':', c1 + 1);
    const gk = cat + '|' + cell.slice(0, c1);
    let g = groups.get(gk);
    if (g === undefined) groups.set(gk, (g = groups.size));
    if (!catIds.has(cat)) catIds.set(cat, catIds.size);
    const ix = +cell.slice(c1 + 1, c2);
    const iy = +cell.slice(c2 + 1);
    cats[i] = cat;
    cellsOf[i] = cell;
    gs[i] = g;
    xs[i] = ix;
    ys[i] = iy;
    if (ix < minX) minX = ix;
    if (ix > maxX) maxX = ix;
    if (iy < minY) minY = iy;
    if (iy > maxY) maxY = iy;
  }
  // local cell coordinates with a margin of 2 (the widest neighbourhood looked at), so keys never wrap a row
  const W = maxX - minX + 5;
  const H = maxY - minY + 5;
  const key = (g: number, lx: number, ly: number) => (g * W + lx) * H + ly;
  const cells = new Map<number, Acc>();
  for (let i = 0; i < n; i++) {
    const g = gs[i];
    if (g < 0) continue;
    const lx = xs[i] - minX + 2;
    const ly = ys[i] - minY + 2;
    const k = key(g, lx, ly);
    let a = cells.get(k);
    if (!a) cells.set(k, (a = { cat: cats[i], cell: cellsOf[i], g, lx, ly, count: 0, entries: [] }));
    a.count += counts[i];
    a.entries.push(i);
  }
  const blockOf = (a: Acc): Acc[] => {
    const block: Acc[] = [];
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      const b = cells.get(key(a.g, a.lx + dx, a.ly + dy));
      if (b) block.push(b);
    }
    return block;
  };
  // candidates (blocks with enough reports) bucketed by their block's reports: buckets are sorted only when reached
  const buckets = new Map<number, Acc[]>();
  for (const a of cells.values()) {
    let count = 0;
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) count += cells.get(key(a.g, a.lx + dx, a.ly + dy))?.count ?? 0;
    if (count < minReports) continue;
    const l = buckets.get(count);
    if (l) l.push(a);
    else buckets.set(count, [a]);
  }
  const blockCounts = [...buckets.keys()].sort((x, y) => y - x);
  // in order: block reports desc, the cell's own reports desc, then category + cell
  function* ordered(): Generator<{ a: Acc; count: number }> {
    for (const count of blockCounts) {
      const list = buckets.get(count)!.map((a) => ({ a, sortKey: a.cat + a.cell }));
      list.sort((x, y) => y.a.count - x.a.count || (x.sortKey < y.sortKey ? -1 : 1));
      for (const x of list) yield { a: x.a, count };
    }
  }
  // a block is kept unless a busier block of its category lies within 2 cells
  const taken = new Set<number>();
  const weekMemo = new Map<string, string>();
  const weekOfDay = (d: string) => weekMemo.get(d) ?? (weekMemo.set(d, weekOf(d)), weekMemo.get(d)!);
  const limit = opts.limit ?? 50;
  // score = reports × weeks ≤ reports × (weeks in the data): once `limit` patterns score above that bound for every
  // remaining (smaller) block, the rest cannot rank and are not examined
  const maxWeeks = new Set([...allDays].map(weekOfDay)).size;
  const best: number[] = []; // the `limit` best scores so far, descending
  const out: Pattern[] = [];
  for (const c of ordered()) {
    if (best.length >= limit && c.count * maxWeeks < best[limit - 1]) break;
    const ci = catIds.get(c.a.cat)!;
    let near = false;
    for (let dx = -2; dx <= 2 && !near; dx++) for (let dy = -2; dy <= 2 && !near; dy++) near = taken.has(key(ci, c.a.lx + dx, c.a.ly + dy));
    if (near) continue;
    taken.add(key(ci, c.a.lx, c.a.ly));
    const days = new Set<string>();
    const depts = new Map<string, number>();
    const streets = new Map<string, number>();
    const communities = new Map<string, number>();
    let multi = 0;
    for (const b of blockOf(c.a)) for (const i of b.entries) {
      const e = full(entries[i]);
      days.add(entries[i].day);
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
