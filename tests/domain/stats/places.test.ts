import { haversineM } from '@domain/geo';
import type { LngLat } from '@domain/geo';
import {
  cellCentre, communityBurden, daysBetween, placeCell, placeCounts, repeatComplaints, shanghaiDay, shanghaiDayStart, shanghaiMinuteOfDay, shanghaiWeekday,
} from '@domain/stats';

const WUFENG_SHANZHUANG: LngLat = [119.2870, 26.1060];
const offset = (p: LngLat, dxM: number, dyM: number): LngLat => [p[0] + dxM / (111195 * Math.cos((p[1] * Math.PI) / 180)), p[1] + dyM / 111195];

describe('place cells', () => {
  test('a 50 m cell: points 10 m apart inside one cell share a key; its centre is within 36 m of them', () => {
    const centre = cellCentre(placeCell(WUFENG_SHANZHUANG));
    const a = offset(centre, -5, 0);
    const b = offset(centre, 5, 0);
    expect(placeCell(a)).toBe(placeCell(b));
    expect(haversineM(centre, a)).toBeLessThan(36);
    expect(placeCell(offset(centre, 60, 0))).not.toBe(placeCell(centre));
  });
});

describe('repeat complaints (5+ at one place)', () => {
  const centre = cellCentre(placeCell(WUFENG_SHANZHUANG));
  const at = (n: number, cat: string, dx = 0) => Array.from({ length: n }, (_, i) => ({ point: offset(centre, dx + i * 2, 0), categoryCode: cat }));

  test('five fumes reports at 五凤山庄 → one repeat place with count 5', () => {
    const r = repeatComplaints(placeCounts(at(5, 'fumes')));
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ categoryCode: 'fumes', count: 5 });
  });
  test('four is not enough; five of mixed categories is not a repeat', () => {
    expect(repeatComplaints(placeCounts(at(4, 'fumes')))).toEqual([]);
    expect(repeatComplaints(placeCounts([...at(3, 'fumes'), ...at(2, 'noise')]))).toEqual([]);
  });
  test('a hot spot straddling a cell edge is found once', () => {
    // 3 reports just west and 2 just east of the cell's east edge (25 m from the centre)
    const reports = [...at(3, 'fumes', 19), ...at(2, 'fumes', 27)];
    expect(new Set(placeCounts(reports).map((c) => c.cell)).size).toBe(2);
    const r = repeatComplaints(placeCounts(reports));
    expect(r).toHaveLength(1);
    expect(r[0].count).toBe(5);
  });
  test('two separate spots 300 m apart are two places; reports without location are skipped', () => {
    const r = repeatComplaints(placeCounts([...at(5, 'fumes'), ...at(6, 'fumes', 300), { point: null, categoryCode: 'fumes' }]));
    expect(r.map((x) => x.count)).toEqual([6, 5]);
  });
  test('daily place counters add up across days', () => {
    const d1 = placeCounts(at(3, 'fumes').map((x) => ({ ...x, day: '2025-07-01' })));
    const d2 = placeCounts(at(2, 'fumes').map((x) => ({ ...x, day: '2025-07-02' })));
    expect(repeatComplaints([...d1, ...d2])[0].count).toBe(5);
  });
});

describe('community burden', () => {
  test('items per community per day over the calendar days of the period', () => {
    const counts = [
      { day: '2025-11-01', communityId: 'comm-junmen', items: 106 },
      { day: '2025-11-02', communityId: 'comm-junmen', items: 34 },
      { day: '2025-11-02', communityId: 'comm-jintang', items: 9 },
      { day: '2025-10-31', communityId: 'comm-jintang', items: 500 },
    ];
    expect(communityBurden(counts, '2025-11-01', '2025-11-02')).toEqual([
      { communityId: 'comm-jintang', items: 9, perDay: 4.5 },
      { communityId: 'comm-junmen', items: 140, perDay: 70 },
    ]);
    // a 4-day period: days without items count
    expect(communityBurden(counts, '2025-11-01', '2025-11-04').find((c) => c.communityId === 'comm-junmen')?.perDay).toBe(35);
    expect(communityBurden(counts, '2025-11-05', '2025-11-04')).toEqual([]);
  });
});

describe('Asia/Shanghai days', () => {
  test('day, weekday, minute of day, day start, ranges', () => {
    expect(shanghaiDay(Date.parse('2025-11-16T16:00:00Z'))).toBe('2025-11-17');
    expect(shanghaiDay(Date.parse('2025-11-16T15:59:59Z'))).toBe('2025-11-16');
    expect(shanghaiWeekday(Date.parse('2025-11-16T16:00:00Z'))).toBe(1);
    expect(shanghaiWeekday(Date.parse('2025-11-16T15:00:00Z'))).toBe(7);
    expect(shanghaiMinuteOfDay(Date.parse('2025-11-17T22:30:00+08:00'))).toBe(22 * 60 + 30);
    expect(shanghaiDayStart('2025-11-17')).toBe(Date.parse('2025-11-17T00:00:00+08:00'));
    expect(daysBetween('2025-02-27', '2025-03-01')).toEqual(['2025-02-27', '2025-02-28', '2025-03-01']);
  });
});
