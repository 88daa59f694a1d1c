import type { RotaEntry } from '../org-types';
import { STREETS } from './streets';

/**
 * 两级巡查轮值 seed: district leaders by weekday (Mon–Fri the five district leaders, Sat the service
 * centre director, Sun its deputy 郑净), street leaders alternating (leader-1 Mon/Wed/Fri/Sun,
 * leader-2 Tue/Thu/Sat), and a National Day holiday roster for the district level.
 */
export const ROTA: RotaEntry[] = [
  ...[1, 2, 3, 4, 5].map((wd) => ({ _id: `rota-district-wd${wd}`, level: 'district' as const, staffId: `staff-district-leader-${wd}`, weekdays: [wd] })),
  { _id: 'rota-district-wd6', level: 'district', staffId: 'staff-zhzx-director', weekdays: [6] },
  { _id: 'rota-district-wd7', level: 'district', staffId: 'staff-zhengjing', weekdays: [7] },
  { _id: 'rota-district-guoqing-2025', level: 'district', staffId: 'staff-district-leader-1', from: '2025-10-01', to: '2025-10-08' },
  ...STREETS.flatMap((s) => {
    const sid = s._id.slice('street-'.length);
    return [
      { _id: `rota-${sid}-a`, level: 'street' as const, streetId: s._id, staffId: `staff-${sid}-leader-1`, weekdays: [1, 3, 5, 7] },
      { _id: `rota-${sid}-b`, level: 'street' as const, streetId: s._id, staffId: `staff-${sid}-leader-2`, weekdays: [2, 4, 6] },
    ];
  }),
];
