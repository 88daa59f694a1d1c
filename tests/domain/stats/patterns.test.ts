import type { LngLat } from '@domain/geo';
import { pointInPolygon } from '@domain/geo';
import { blockPolygon, cellCentre, findPatterns, placeCell, proposeRule, weekOf, type PlaceEntry } from '@domain/stats';

const WUFENG_SHANZHUANG: LngLat = [119.2870, 26.1060];
const offset = (p: LngLat, dxM: number, dyM: number): LngLat => [p[0] + dxM / (111195 * Math.cos((p[1] * Math.PI) / 180)), p[1] + dyM / 111195];
const centre = cellCentre(placeCell(WUFENG_SHANZHUANG));
const entry = (day: string, cat: string, at: LngLat, count: number, depts: Record<string, number> = {}, multiDept = 0): PlaceEntry & { day: string } => ({
  day, cell: placeCell(at), categoryCode: cat, count, multiDept, depts, streetId: 'street-wufeng',
});

describe('recurring problems', () => {
  // 五凤山庄 barbecue fumes: 6 reports over 3 weeks, in two neighbouring cells; 3 needed 生态环境局 + 执法大队 (+ 市场监管局 once)
  const fumes = [
    entry('2026-10-05', 'fumes', centre, 1, { 'dept-sthjj': 1 }),
    entry('2026-10-06', 'fumes', centre, 1, { 'dept-sthjj': 1, 'dept-cgj-zfdd': 1 }, 1),
    entry('2026-10-13', 'fumes', offset(centre, 55, 0), 2, { 'dept-sthjj': 2, 'dept-cgj-zfdd': 1, 'dept-scjgj': 1 }, 1),
    entry('2026-10-21', 'fumes', centre, 2, { 'dept-sthjj': 2, 'dept-cgj-zfdd': 2 }, 1),
  ];
  // a lamp reported 4 times on ONE day (not recurring) and garbage 3 times on 2 days elsewhere (1 km east)
  const lamp = [entry('2026-10-08', 'lamp', offset(centre, 300, 300), 4, { 'dept-cgj-szs': 4 })];
  const garbage = [
    entry('2026-10-02', 'garbage', offset(centre, 1000, 0), 2, { 'dept-cgj-hwc': 2 }),
    entry('2026-10-03', 'garbage', offset(centre, 1000, 0), 1, { 'dept-cgj-hwc': 1 }),
  ];

  test('finds the fumes block once, counts days and weeks, ranks it first; a one-day burst is not recurring', () => {
    const ps = findPatterns([...fumes, ...lamp, ...garbage]);
    expect(ps.map((p) => p.categoryCode)).toEqual(['fumes', 'garbage']);
    const [f, g] = ps;
    // 6 reports on 4 distinct days; ISO weeks (Mondays) 10-05 (10-05, 10-06), 10-12 (10-13), 10-19 (10-21) = 3 → score 6 × 3
    expect(f).toMatchObject({ reports: 6, days: 4, weeks: 3, firstDay: '2026-10-05', lastDay: '2026-10-21', multiDeptReports: 3, score: 18, needsRule: true, streetId: 'street-wufeng' });
    expect(f.depts).toEqual([{ deptId: 'dept-sthjj', reports: 6 }, { deptId: 'dept-cgj-zfdd', reports: 4 }, { deptId: 'dept-scjgj', reports: 1 }]);
    // garbage: 3 reports on 2 days in one week → score 3; one department → no rule needed
    expect(g).toMatchObject({ reports: 3, days: 2, weeks: 1, score: 3, needsRule: false });
    expect(f.id).toBe(`pat:fumes:${f.cell}`);
  });

  test('thresholds: minReports and minDays are honoured; category filter', () => {
    expect(findPatterns([...fumes, ...garbage], { minReports: 4 }).map((p) => p.categoryCode)).toEqual(['fumes']);
    expect(findPatterns([...fumes, ...garbage], { minDays: 3 }).map((p) => p.categoryCode)).toEqual(['fumes']);
    expect(findPatterns([...fumes, ...garbage], { categoryCode: 'garbage' }).map((p) => p.categoryCode)).toEqual(['garbage']);
    expect(findPatterns([])).toEqual([]);
  });

  test('blocks of one category never overlap: a quieter block within 2 cells is dropped; 3 cells away or another category is kept', () => {
    const at = (dxCells: number, cat = 'fumes', n = 2) => [entry('2026-10-05', cat, offset(centre, dxCells * 50, 0), n), entry('2026-10-12', cat, offset(centre, dxCells * 50, 0), n)];
    const cellX = (p: { cell: string }) => Number(p.cell.split(':')[1]);
    const x0 = cellX({ cell: placeCell(centre) });
    // busiest at 0 (4+4 reports); 2 cells east (2+2) overlaps its 5×5 neighbourhood; 5 cells west (2+2) does not
    const ps = findPatterns([...at(0, 'fumes', 4), ...at(2), ...at(-5), ...at(2, 'noise')]);
    expect(ps.filter((p) => p.categoryCode === 'fumes').map((p) => cellX(p) - x0).sort((a, b) => a - b)).toEqual([-5, 0]);
    expect(ps.filter((p) => p.categoryCode === 'noise')).toHaveLength(1);
    // the busy block absorbs its direct neighbour's reports (3×3) but not the one 2 cells away
    expect(ps.find((p) => p.categoryCode === 'fumes' && cellX(p) === x0)?.reports).toBe(8);
  });

  test('ISO weeks start on Monday', () => {
    expect(weekOf('2026-10-05')).toBe('2026-10-05'); // a Monday
    expect(weekOf('2026-10-11')).toBe('2026-10-05'); // the Sunday after
    expect(weekOf('2026-10-12')).toBe('2026-10-12');
    expect(weekOf('2027-01-01')).toBe('2026-12-28'); // across a year end
  });

  test('proposed rule: owner supervises 事中, next enforces 事后, third prevents 事前; area = street + block', () => {
    const [f] = findPatterns(fumes);
    const r = proposeRule(f, { categoryName: '餐饮油烟', areaName: '五凤山庄', ownerDeptIds: ['dept-sthjj', 'dept-cgj'] });
    expect(r.title).toBe('五凤山庄餐饮油烟长效机制');
    expect(r.assignments.map((a) => [a.phase, a.deptId])).toEqual([
      ['before', 'dept-scjgj'],
      ['during', 'dept-sthjj'],
      ['after', 'dept-cgj-zfdd'],
    ]);
    expect(r.area.streetId).toBe('street-wufeng');
    // the block polygon holds the reports' places and excludes a place 300 m away
    expect(pointInPolygon(centre, r.area.polygon)).toBe(true);
    expect(pointInPolygon(offset(centre, 55, 0), r.area.polygon)).toBe(true);
    expect(pointInPolygon(offset(centre, 300, 0), r.area.polygon)).toBe(false);
  });

  test('two departments: the owner also takes 事前', () => {
    const [f] = findPatterns(fumes.slice(0, 2).concat(fumes[3]));
    const r = proposeRule(f, { categoryName: '餐饮油烟', ownerDeptIds: ['dept-sthjj'] });
    expect(r.assignments.map((a) => [a.phase, a.deptId])).toEqual([['before', 'dept-sthjj'], ['during', 'dept-sthjj'], ['after', 'dept-cgj-zfdd']]);
  });

  test('block polygon is about 250 m across', () => {
    const ring = blockPolygon(placeCell(centre)).coordinates[0];
    const widthM = (ring[1][0] - ring[0][0]) * 111195 * Math.cos((26.09 * Math.PI) / 180);
    expect(widthM).toBeGreaterThan(240);
    expect(widthM).toBeLessThan(260);
  });
});
