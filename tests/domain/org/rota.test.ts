import { onDutyLeaders, ROTA } from '@domain/org';
import type { RotaEntry } from '@domain/org';

// Instants are written in UTC; Asia/Shanghai is UTC+8.
const at = (iso: string) => Date.parse(iso);

describe('onDutyLeaders (Asia/Shanghai dates)', () => {
  test.each<[string, string, string[]]>([
    // 2025-11-17 is a Monday in Shanghai
    ['Monday noon', '2025-11-17T04:00:00Z', ['staff-district-leader-1', 'staff-wufeng-leader-1']],
    // Sunday 2025-11-16 23:30 UTC = Monday 07:30 Shanghai → Monday's leaders
    ['UTC Sunday night is Shanghai Monday', '2025-11-16T23:30:00Z', ['staff-district-leader-1', 'staff-wufeng-leader-1']],
    // Tuesday 2025-11-18
    ['Tuesday', '2025-11-18T02:00:00Z', ['staff-district-leader-2', 'staff-wufeng-leader-2']],
    ['Saturday', '2025-11-22T02:00:00Z', ['staff-zhzx-director', 'staff-wufeng-leader-2']],
    ['Sunday', '2025-11-23T02:00:00Z', ['staff-zhengjing', 'staff-wufeng-leader-1']],
    // National Day roster replaces the district weekday pattern; 2025-10-02 is a Thursday
    ['holiday roster', '2025-10-02T02:00:00Z', ['staff-district-leader-1', 'staff-wufeng-leader-2']],
  ])('%s', (_n, iso, expected) => {
    expect(onDutyLeaders(ROTA, 'street-wufeng', at(iso)).staffIds).toEqual(expected);
  });

  test('without a street only the district level answers', () => {
    const r = onDutyLeaders(ROTA, undefined, at('2025-11-17T04:00:00Z'));
    expect(r.street).toEqual([]);
    expect(r.staffIds).toEqual(['staff-district-leader-1']);
  });

  test('a dated street entry restricted to weekdays; same person on both levels listed once', () => {
    const rota: RotaEntry[] = [
      { _id: 'a', level: 'district', staffId: 'p1', weekdays: [1, 2, 3, 4, 5, 6, 7] },
      { _id: 'b', level: 'street', streetId: 's', staffId: 'p1', weekdays: [1] },
      { _id: 'c', level: 'street', streetId: 's', staffId: 'p2', from: '2025-11-10', to: '2025-11-20', weekdays: [2] },
    ];
    expect(onDutyLeaders(rota, 's', at('2025-11-17T04:00:00Z')).staffIds).toEqual(['p1']);
    expect(onDutyLeaders(rota, 's', at('2025-11-18T04:00:00Z')).staffIds).toEqual(['p1', 'p2']);
    expect(onDutyLeaders(rota, 's', at('2025-11-25T04:00:00Z')).staffIds).toEqual(['p1']);
  });
});
