/**
 * findPatterns against a straightforward reference (the first implementation: string keys, a scan of the kept
 * blocks) on random place entries: the same patterns, in the same order, whatever the thresholds.
 */
import { cellCentre, weekOf, findPatterns, packPlace, unpackPlace, type Pattern, type PatternOptions, type PlaceEntry } from '@domain/stats';

interface RefAcc {
  count: number;
  days: Set<string>;
  multiDept: number;
  depts: Map<string, number>;
  streets: Map<string, number>;
  communities: Map<string, number>;
}

const parse = (cell: string) => cell.split(':').map(Number) as [number, number, number];
const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];

function referencePatterns(entries: ReadonlyArray<PlaceEntry & { day: string }>, opts: PatternOptions = {}): Pattern[] {
  const minReports = opts.minReports ?? 3;
  const minDays = opts.minDays ?? 2;
  const cells = new Map<string, RefAcc>();
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
  const neighbours = (cat: string, cell: string): RefAcc[] => {
    const [m, ix, iy] = parse(cell);
    const out: RefAcc[] = [];
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      const a = cells.get(`${cat}|${m}:${ix + dx}:${iy + dy}`);
      if (a) out.push(a);
    }
    return out;
  };
  const candidates: Array<{ cat: string; cell: string; own: number; block: RefAcc[]; count: number }> = [];
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


function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function randomEntries(seed: number, n: number, grid = 24): Array<PlaceEntry & { day: string }> {
  const r = rng(seed);
  const cats = ['fumes', 'lamp', 'garbage'];
  const depts = ['dept-sthjj', 'dept-cgj-zfdd', 'dept-scjgj', 'dept-cgj-hwc'];
  const out: Array<PlaceEntry & { day: string }> = [];
  for (let i = 0; i < n; i++) {
    const nd = Math.floor(r() * 3);
    const d: Record<string, number> = {};
    for (let q = 0; q < nd; q++) d[depts[Math.floor(r() * depts.length)]] = 1 + Math.floor(r() * 2);
    const e: PlaceEntry & { day: string } = {
      day: `2026-${String(1 + Math.floor(r() * 6)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
      // a small grid so that blocks touch and overlap often; negative indices too
      cell: `50:${Math.floor(r() * grid) - grid / 2}:${Math.floor(r() * grid) - grid / 2}`,
      categoryCode: cats[Math.floor(r() * cats.length)],
      count: 1 + Math.floor(r() * 3),
      multiDept: nd >= 2 ? 1 : 0,
      depts: d,
    };
    if (r() < 0.8) e.streetId = `street-${Math.floor(r() * 3)}`;
    if (r() < 0.6) e.communityId = `comm-${Math.floor(r() * 4)}`;
    out.push(e);
  }
  return out;
}

describe('findPatterns equals the reference implementation', () => {
  const cases: Array<[number, number, PatternOptions]> = [
    [1, 50, {}], [2, 300, {}], [3, 1500, {}], [4, 1500, { minReports: 8 }], [5, 1500, { minDays: 4, limit: 500 }],
    [6, 800, { categoryCode: 'lamp', limit: 1000 }], [7, 3000, { minReports: 2, minDays: 1, limit: 5000 }], [8, 20, { minReports: 2 }],
  ];
  test.each(cases)('seed %i, %i entries, %j', (seed, n, opts) => {
    const entries = randomEntries(seed, n);
    const want: Pattern[] = referencePatterns(entries, opts);
    expect(findPatterns(entries, opts)).toEqual(want);
    // as stored: packed, unpacked only for the kept blocks
    expect(findPatterns(entries.map((e) => ({ day: e.day, packed: packPlace(e) })), opts)).toEqual(want);
    expect(want.length).toBeGreaterThan(0);
  });

  test('a large sparse grid with hot spots: only the top blocks are examined, the answer is the same', () => {
    const entries = randomEntries(9, 20000, 400);
    for (let i = 0; i < 3000; i++) entries.push({ ...entries[i % 40], day: `2026-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')}` });
    const want = referencePatterns(entries, {});
    expect(want).toHaveLength(50);
    expect(findPatterns(entries)).toEqual(want);
    expect(findPatterns(entries.map((e) => ({ day: e.day, packed: packPlace(e) })))).toEqual(want);
  });
});

describe('packed place entries', () => {
  test.each<PlaceEntry>([
    { cell: '50:12:-7', categoryCode: 'fumes', count: 3, multiDept: 2, depts: { 'dept-sthjj': 3, 'dept-cgj-zfdd': 2 }, streetId: 'street-wufeng', communityId: 'comm-wufeng-1' },
    { cell: '50:0:0', categoryCode: 'lamp', count: 1, multiDept: 0, depts: {} },
    { cell: '50:-3:4', categoryCode: 'noise', count: 2, multiDept: 0, depts: { dept_x: 1 }, communityId: 'c-1' },
  ])('%j survives packing', (e) => {
    const p = packPlace(e);
    expect(typeof p).toBe('string');
    expect(unpackPlace(p)).toEqual(e);
    // entries stored as objects before packing are read unchanged
    expect(unpackPlace(e)).toBe(e);
  });
});
