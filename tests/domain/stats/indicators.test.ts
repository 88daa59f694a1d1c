import {
  byStreet, caseContributions, formatMean, formatRate, indicators, rollupDaily, rowsFor, sumCounters, touchedDays, ZERO_COUNTERS,
} from '@domain/stats';
import type { CallFact, CaseFact } from '@domain/stats';

/** Shanghai wall-clock time on November 2025. */
const T = (day: number, hhmm: string) => Date.parse(`2025-11-${day}T${hhmm}:00+08:00`);
const asOf = T(18, '23:00');

// A hand-worked example (README.md "Worked example"):
const cases: CaseFact[] = [
  { caseId: 'A', categoryCode: 'lamp', streetId: 'street-wufeng', createdAt: T(17, '08:00'), dispatchedAt: T(17, '08:00'), respondedAt: T(17, '08:05'), assignedAt: T(17, '08:30'),
    dueAt: T(17, '20:00'), handledAt: T(17, '15:00'), closedAt: T(17, '18:00'), satisfaction: 'satisfied', ratedAt: T(17, '19:00') },
  { caseId: 'B', categoryCode: 'lamp', streetId: 'street-wufeng', createdAt: T(17, '09:00'), dispatchedAt: T(17, '09:00'), respondedAt: T(17, '09:15'), assignedAt: T(17, '10:30'),
    dueAt: T(17, '21:00'), handledAt: T(18, '10:00'), closedAt: T(18, '12:00'), reopenCount: 1, satisfaction: 'basic', ratedAt: T(18, '13:00') },
  { caseId: 'C', categoryCode: 'road', streetId: 'street-antai', createdAt: T(17, '10:00'), dispatchedAt: T(17, '10:00'), respondedAt: T(17, '10:09'), assignedAt: T(17, '10:50'),
    originalDueAt: T(17, '12:00'), dueAt: T(17, '22:00'), extended: true },
  { caseId: 'D', categoryCode: 'road', streetId: 'street-antai', createdAt: T(18, '08:00'), dispatchedAt: T(18, '08:00'), dueAt: T(19, '08:00') },
  { caseId: 'E', categoryCode: 'noise', streetId: 'street-wufeng', createdAt: T(16, '10:00'), dispatchedAt: T(16, '10:00'), respondedAt: T(16, '10:02'), assignedAt: T(16, '10:20'),
    dueAt: T(18, '10:00'), handledAt: T(17, '09:00'), closedAt: T(17, '11:00'), reopenCount: 1, satisfaction: 'dissatisfied', ratedAt: T(17, '12:00') },
];
const calls: CallFact[] = [
  { callId: 'K1', caseId: 'A', deptId: 'dept-cgj-szs', streetId: 'street-wufeng', meetAt: T(17, '10:00'), checkin: 'onTime', accuracy: 'accurate', accuracyRatedAt: T(17, '20:00') },
  { callId: 'K2', caseId: 'B', deptId: 'dept-cgj-szs', streetId: 'street-wufeng', meetAt: T(17, '14:00'), checkin: 'late', accuracy: 'inaccurate', accuracyRatedAt: T(18, '09:00') },
  { callId: 'K3', caseId: 'C', deptId: 'dept-ylzx', streetId: 'street-antai', meetAt: T(18, '09:00'), checkin: 'far' },
  { callId: 'K4', caseId: 'C', deptId: 'dept-ylzx', streetId: 'street-antai', meetAt: T(18, '15:00') },
  { callId: 'K5', caseId: 'D', deptId: 'dept-ylzx', streetId: 'street-antai', meetAt: T(19, '09:00') },
];

const rows = rollupDaily(cases, calls, asOf);
const period = indicators(sumCounters(rowsFor(rows, '2025-11-16', '2025-11-18')));

describe('indicators on the worked example (as of 11-18 23:00)', () => {
  test.each<[string, keyof typeof period, number]>([
    ['结案率 = closed 3 (A,B,E) / due to close 4 (A,B,C,E)', 'closeRate', 3 / 4],
    ['按期结案率 = closed on time 2 (A,E) / 4', 'onTimeCloseRate', 2 / 4],
    ['按期处置率 = handled on time 2 (A,E) / due 4', 'onTimeHandleRate', 2 / 4],
    ['超期待处置率 = overdue and open 1 (C) / 4', 'overdueOpenRate', 1 / 4],
    ['延期率 = extended 1 (C) / 4', 'extensionRate', 1 / 4],
    ['返工率 = reopened 2 (B,E) / due to close 4', 'reworkRate', 2 / 4],
    ['满意率 = (满意 A + 基本满意 B) 2 / rated 3', 'satisfactionRate', 2 / 3],
    ['strict 满意 only = 1 / 3', 'strictSatisfactionRate', 1 / 3],
    ['respond in 10 min = A,C,E 3 / 5 dispatched (D never answered)', 'respondIn10Rate', 3 / 5],
    ['assign in 1 h = A,C,E 3 / 5', 'assignIn60Rate', 3 / 5],
    ['check-in rate = on time or late 2 (K1,K2) / due 4 (K5 not yet due)', 'checkinRate', 2 / 4],
    ['on-time check-in = 1 / 4', 'onTimeCheckinRate', 1 / 4],
    ['call accuracy = 1 accurate / 2 rated', 'callAccuracyRate', 1 / 2],
    ['mean time to respond = (5+15+9+2)/4 min', 'meanRespondMinutes', 31 / 4],
    ['mean time to close = (10+27+25)/3 h', 'meanCloseHours', 62 / 3],
  ])('%s', (_n, key, expected) => {
    expect(period[key]).toBeCloseTo(expected, 10);
  });

  test('cohort days: handling/closing by the day they came due, rating by rating day', () => {
    const d17 = sumCounters(rowsFor(rows, '2025-11-17', '2025-11-17'));
    const d18 = sumCounters(rowsFor(rows, '2025-11-18', '2025-11-18'));
    expect(d17).toMatchObject({ dueToHandle: 4, dueToClose: 4, closed: 3, rated: 2, satisfied: 1, respondDue: 3 });
    // 18th: B's rating, D's dispatch, calls K3 and K4, K2's rating
    expect(d18).toMatchObject({ dueToHandle: 0, rated: 1, satisfied: 1, respondDue: 1, callsDue: 2, callsCheckedIn: 0, callsRated: 1 });
  });

  test('any period is the sum of its days', () => {
    const days = ['2025-11-16', '2025-11-17', '2025-11-18'];
    const byDay = sumCounters(days.map((d) => sumCounters(rowsFor(rows, d, d))));
    expect(byDay).toEqual(sumCounters(rowsFor(rows, '2025-11-16', '2025-11-18')));
  });

  test('earlier snapshot: as of 11-17 21:30 B is overdue-open, not yet closed', () => {
    const early = indicators(sumCounters(rollupDaily(cases, calls, T(17, '21:30'))));
    // due to handle: A (on time), B (due 21:00, open), E (on time); C not due until 22:00
    expect(early.onTimeHandleRate).toBeCloseTo(2 / 3, 10);
    expect(early.overdueOpenRate).toBeCloseTo(1 / 3, 10);
    expect(early.closeRate).toBeCloseTo(2 / 3, 10);
  });

  test('grouping by street', () => {
    const s = rollupDaily(cases, calls, asOf, byStreet);
    const wufeng = indicators(sumCounters(rowsFor(s, '2025-11-01', '2025-11-30', 'street-wufeng')));
    const antai = indicators(sumCounters(rowsFor(s, '2025-11-01', '2025-11-30', 'street-antai')));
    expect(wufeng.closeRate).toBe(1); // A, B, E all closed
    expect(antai.closeRate).toBe(0); // C open
    expect(antai.satisfactionRate).toBeNull(); // nobody rated
  });

  test('days are Asia/Shanghai: due 16:30 UTC on the 17th counts on the 18th', () => {
    const late: CaseFact = { caseId: 'Z', categoryCode: 'lamp', createdAt: Date.parse('2025-11-17T01:00:00Z'), dueAt: Date.parse('2025-11-17T16:30:00Z') };
    expect(caseContributions(late, asOf).map((c) => c.day)).toEqual(['2025-11-18', '2025-11-18']);
    expect(touchedDays(cases[1], asOf)).toEqual(['2025-11-17', '2025-11-18']);
    expect(touchedDays(calls[1], asOf)).toEqual(['2025-11-17', '2025-11-18']);
  });
});

describe('zero denominators and formatting', () => {
  test('nothing due → null everywhere, shown as —, never NaN', () => {
    const z = indicators(ZERO_COUNTERS);
    for (const v of Object.values(z)) expect(v).toBeNull();
    expect(formatRate(z.closeRate)).toBe('—');
    expect(formatMean(z.meanRespondMinutes, '分钟')).toBe('—');
  });
  test('formatting', () => {
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatMean(31 / 4, '分钟')).toBe('7.8分钟');
  });
});
