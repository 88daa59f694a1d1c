import {
  buildDaySummaries, caseFactOf, callFactOf, dailySeries, indicators, reportFactOf, resolvePeriod, sumByKey, sumKey, toCsv, BOM,
  type CallFact, type CaseFact, type ReportFact,
} from '@domain/stats';
import type { CaseRecord } from '@domain/case/case-types';
import type { CallRecord } from '@domain/call/call-types';

const T = (s: string) => Date.parse(`${s}+08:00`);

describe('periods (Asia/Shanghai, cut at yesterday)', () => {
  const now = T('2026-11-18T00:20:00'); // the roll-up has closed 11-17
  test('default anchor is yesterday; month / week / half-year are calendar units cut at yesterday', () => {
    expect(resolvePeriod({ period: 'day' }, now)).toMatchObject({ from: '2026-11-17', to: '2026-11-17', days: 1 });
    expect(resolvePeriod({ period: 'month' }, now)).toMatchObject({ from: '2026-11-01', to: '2026-11-17', days: 17, label: '2026年11月' });
    expect(resolvePeriod({ period: 'month', from: '2026-10-15' }, now)).toMatchObject({ from: '2026-10-01', to: '2026-10-31', days: 31 });
    expect(resolvePeriod({ period: 'month', from: '2026-02-03' }, now)).toMatchObject({ to: '2026-02-28', days: 28 });
    // 2026-11-17 is a Tuesday: its week starts Monday 11-16
    expect(resolvePeriod({ period: 'week' }, now)).toMatchObject({ from: '2026-11-16', to: '2026-11-17', days: 2 });
    expect(resolvePeriod({ period: 'halfYear', from: '2026-03-01' }, now)).toMatchObject({ from: '2026-01-01', to: '2026-06-30', days: 181, label: '2026年上半年' });
    expect(resolvePeriod({ period: 'halfYear' }, now)).toMatchObject({ from: '2026-07-01', to: '2026-11-17', label: '2026年下半年' });
  });
  test('custom periods need both days in order and at most 366 days', () => {
    expect(resolvePeriod({ period: 'custom', from: '2026-01-01', to: '2026-01-10' }, now).days).toBe(10);
    expect(() => resolvePeriod({ period: 'custom', from: '2026-01-10', to: '2026-01-01' }, now)).toThrow('开始日期不能晚于结束日期');
    expect(() => resolvePeriod({ period: 'custom', from: '2026-01-10' }, now)).toThrow('自定义时段需要开始和结束日期');
    expect(() => resolvePeriod({ period: 'custom', from: '2025-01-01', to: '2026-06-01' }, now)).toThrow('统计时段最长366天');
  });
});

describe('facts from records', () => {
  const base: CaseRecord = {
    id: 'c1', channel: 'miniapp', reporter: {}, categoryCode: 'fumes', description: 'x', photos: [], routing: [], deptIds: ['d1', 'd2', 'd1'], callGroupIds: [],
    streetId: 's1', communityId: 'm1', location: { point: { type: 'Point', coordinates: [119.28, 26.1] }, address: 'a' },
    state: 'closed', flags: {}, reworkCount: 1, satisfactionHistory: [], createdAt: T('2026-11-16T09:00:00'), updatedAt: 0, version: 3,
    clocks: {
      startedAt: T('2026-11-16T09:01:00'), dispatchedAt: T('2026-11-16T12:00:00'), acceptedAt: T('2026-11-16T09:05:00'), assignedAt: T('2026-11-16T09:30:00'),
      deadline: T('2026-11-18T09:00:00'), originalDeadline: T('2026-11-17T09:00:00'), resolvedAt: T('2026-11-17T15:00:00'), closedAt: T('2026-11-17T16:00:00'),
      extensions: [{ reason: 'r', from: 0, to: 0, by: 'x', at: 0, source: 'extend' }],
    },
    satisfaction: { level: 'basic', at: T('2026-11-17T18:00:00'), by: 'o', round: 1 },
  };
  test('a closed case: first dispatch, extension, handled, closed, rework, satisfaction; departments once each', () => {
    expect(caseFactOf(base)).toEqual({
      caseId: 'c1', categoryCode: 'fumes', createdAt: base.createdAt, streetId: 's1', communityId: 'm1', deptIds: ['d1', 'd2'], point: [119.28, 26.1],
      dispatchedAt: T('2026-11-16T09:01:00'), respondedAt: T('2026-11-16T09:05:00'), assignedAt: T('2026-11-16T09:30:00'),
      dueAt: T('2026-11-18T09:00:00'), originalDueAt: T('2026-11-17T09:00:00'), extended: true,
      handledAt: T('2026-11-17T15:00:00'), closedAt: T('2026-11-17T16:00:00'), reopenCount: 1, satisfaction: 'basic', ratedAt: T('2026-11-17T18:00:00'),
    });
  });
  test('a reopened case is neither handled nor closed; duplicates/invalid are not 应结案 but duplicates are reports', () => {
    const f = caseFactOf({ ...base, state: 'handling' })!;
    expect(f.handledAt).toBeUndefined();
    expect(f.closedAt).toBeUndefined();
    expect(caseFactOf({ ...base, state: 'duplicate' })).toBeNull();
    expect(reportFactOf({ ...base, state: 'duplicate' })).toMatchObject({ caseId: 'c1', point: [119.28, 26.1], deptIds: ['d1', 'd2'] });
    expect(reportFactOf({ ...base, state: 'invalid' })).toBeNull();
  });
  test('a withdrawn report (撤回 before acceptance) is not 应结案 but a report, marked withdrawn (counted apart)', () => {
    const w: CaseRecord = { ...base, state: 'withdrawn', reworkCount: 0, satisfaction: undefined, clocks: { extensions: [], closedAt: T('2026-11-16T09:03:00') } };
    expect(caseFactOf(w)).toBeNull();
    expect(reportFactOf(w)).toMatchObject({ caseId: 'c1', withdrawn: true });
    expect(reportFactOf(base)!.withdrawn).toBeUndefined();
  });
  test('a joined case (我也遇到了, 3 reporters) is one report and one case in every rate, with 2 co-reporters beside', () => {
    const joined: CaseRecord = { ...base, reporters: 3 };
    expect(reportFactOf(joined)).toMatchObject({ caseId: 'c1', coReporters: 2 });
    expect(reportFactOf(base)!.coReporters).toBeUndefined();
    const day = '2026-11-16';
    const asOf = T('2026-11-18T20:00:00');
    const once = buildDaySummaries(day, [caseFactOf(base)!], [], [reportFactOf(base)!], asOf);
    const thrice = buildDaySummaries(day, [caseFactOf(joined)!], [], [reportFactOf(joined)!], asOf);
    const sum = (x: typeof once) => sumKey([{ day, rows: x.scopes.all }], 'all');
    expect(sum(once)).toMatchObject({ reported: 1, coReporters: 0 });
    expect(sum(thrice)).toMatchObject({ reported: 1, coReporters: 2 });
    // every counter other than the co-reporters is the same: the joins change no rate
    const { coReporters: _a, ...rest } = sum(thrice);
    void _a;
    expect({ ...rest, coReporters: 0 }).toEqual(sum(once));
    expect(indicators(sum(thrice))).toEqual(indicators(sum(once)));
    expect(thrice.places.map((p) => p.count)).toEqual([1]);
  });
  test('calls: accepted check-in, absent, far-only attempts, cancelled', () => {
    const call = { id: 'k1', groupId: 'g', caseId: 'c1', streetId: 's1', caller: { staffId: 'a', name: 'a' }, deptId: 'd1', what: 'w', place: base.location!, meetAt: 5, state: 'rated', attempts: [], createdAt: 0, updatedAt: 0, version: 1 } as unknown as CallRecord;
    expect(callFactOf({ ...call, checkIn: { status: 'late' } as CallRecord['checkIn'], deptRating: { level: 'accurate', reasons: [], at: 9, by: 'x' } }, 'fumes')).toEqual({
      callId: 'k1', caseId: 'c1', deptId: 'd1', streetId: 's1', meetAt: 5, categoryCode: 'fumes', checkin: 'late', accuracy: 'accurate', accuracyRatedAt: 9,
    });
    expect(callFactOf({ ...call, state: 'absent', absentAt: 7 })!.checkin).toBe('absent');
    expect(callFactOf({ ...call, state: 'acknowledged', attempts: [{ status: 'far' } as never] })!.checkin).toBe('far');
    expect(callFactOf({ ...call, state: 'cancelled' })).toBeNull();
  });
});

describe('daily summaries', () => {
  // Hand-computed: as of 11-18 00:10, day 11-17.
  //  A (street s1, cat lamp): reported 11-17 08:00, dispatched 08:05, 签收 08:12 (7 min), deadline 11-17 20:00, handled 18:00, closed 19:00.
  //  B (s1, cat lamp, depts d1+d2): reported 11-16, deadline 11-17 12:00, still open → overdue open on 11-17.
  //  C (s2, cat fumes): reported 11-17 10:00 at a place, not yet due, dispatched 10:00 and never answered → respond and assign due (both missed).
  //  A was answered but never assigned: its hour is over too → assign due 2, in time 0.
  //  K (call to d1 for B): meeting 11-17 15:00, checked in on time.
  const asOf = T('2026-11-18T00:10:00');
  const cases: CaseFact[] = [
    { caseId: 'A', categoryCode: 'lamp', streetId: 's1', createdAt: T('2026-11-17T08:00:00'), dispatchedAt: T('2026-11-17T08:05:00'), respondedAt: T('2026-11-17T08:12:00'), dueAt: T('2026-11-17T20:00:00'), handledAt: T('2026-11-17T18:00:00'), closedAt: T('2026-11-17T19:00:00') },
    { caseId: 'B', categoryCode: 'lamp', streetId: 's1', deptIds: ['d1', 'd2'], createdAt: T('2026-11-16T08:00:00'), dueAt: T('2026-11-17T12:00:00') },
    { caseId: 'C', categoryCode: 'fumes', streetId: 's2', createdAt: T('2026-11-17T10:00:00'), dispatchedAt: T('2026-11-17T10:00:00'), dueAt: T('2026-11-19T10:00:00') },
  ];
  const calls: CallFact[] = [{ callId: 'K', caseId: 'B', deptId: 'd1', streetId: 's1', categoryCode: 'lamp', meetAt: T('2026-11-17T15:00:00'), checkin: 'onTime' }];
  const reports: ReportFact[] = [
    { caseId: 'A', categoryCode: 'lamp', streetId: 's1', createdAt: T('2026-11-17T08:00:00'), deptIds: [] },
    { caseId: 'B', categoryCode: 'lamp', streetId: 's1', createdAt: T('2026-11-16T08:00:00'), deptIds: ['d1', 'd2'] },
    { caseId: 'C', categoryCode: 'fumes', streetId: 's2', createdAt: T('2026-11-17T10:00:00'), deptIds: ['d1', 'd2'], point: [119.287, 26.106], communityId: 'm9' },
  ];
  const s = buildDaySummaries('2026-11-17', cases, calls, reports, asOf);

  test('district row: due to handle 2 (A on time, B overdue open), closed 1 of 2, response 1 of 2, check-in 1 of 1, reported 2', () => {
    expect(s.scopes.all.all).toEqual({
      dueToHandle: 2, handledOnTime: 1, overdueOpen: 1, dueToClose: 2, closed: 1, closedOnTime: 1,
      respondDue: 2, respondedIn10: 1, assignDue: 2, respondMsSum: 7 * 60_000, respondCount: 1, closeMsSum: 11 * 3_600_000, closeCount: 1,
      callsDue: 1, callsCheckedIn: 1, callsOnTime: 1, reported: 2,
    });
    const ind = indicators(sumKey([{ day: '2026-11-17', rows: s.scopes.all }], 'all'));
    expect(ind.onTimeHandleRate).toBe(0.5);
    expect(ind.overdueOpenRate).toBe(0.5);
    expect(ind.respondIn10Rate).toBe(0.5);
    expect(ind.meanCloseHours).toBe(11);
  });
  test('by street, department, category; zero counters are not stored', () => {
    expect(s.scopes.street.s1).toMatchObject({ dueToHandle: 2, reported: 1, callsDue: 1 });
    expect(s.scopes.street.s2).toEqual({ respondDue: 1, assignDue: 1, reported: 1 });
    expect(s.scopes.dept.d1).toEqual({ dueToHandle: 1, overdueOpen: 1, dueToClose: 1, callsDue: 1, callsCheckedIn: 1, callsOnTime: 1, reported: 1 });
    expect(s.scopes.dept.d2).toEqual({ dueToHandle: 1, overdueOpen: 1, dueToClose: 1, reported: 1 });
    expect(s.scopes.category.fumes).toEqual({ respondDue: 1, assignDue: 1, reported: 1 });
    expect(s.scopes.community.m9).toEqual({ reported: 1 });
  });
  test('places: only the day\'s located reports, with departments and multi-department count', () => {
    expect(s.places).toHaveLength(1);
    expect(s.places[0]).toMatchObject({ categoryCode: 'fumes', count: 1, multiDept: 1, depts: { d1: 1, d2: 1 }, streetId: 's2', communityId: 'm9' });
  });
  test('withdrawn reports: in 来件量 and counted apart, never in the denominators of 结案率/按期结案率', () => {
    const wd: ReportFact = { caseId: 'W', categoryCode: 'lamp', streetId: 's1', createdAt: T('2026-11-17T11:00:00'), deptIds: [], withdrawn: true };
    const w = buildDaySummaries('2026-11-17', cases, calls, [...reports, wd], asOf);
    expect(w.scopes.all.all).toMatchObject({ reported: 3, withdrawn: 1, dueToClose: 2, closed: 1 });
    expect(w.scopes.street.s1).toMatchObject({ reported: 2, withdrawn: 1 });
    const total = sumKey([{ day: '2026-11-17', rows: w.scopes.all }], 'all');
    expect(total.withdrawn).toBe(1);
    expect(indicators(total).closeRate).toBe(indicators(sumKey([{ day: '2026-11-17', rows: s.scopes.all }], 'all')).closeRate);
    expect(s.scopes.all.all.withdrawn).toBeUndefined();
  });
  test('idempotent: the same records in another order give the same summaries', () => {
    expect(buildDaySummaries('2026-11-17', [...cases].reverse(), calls, [...reports].reverse(), asOf)).toEqual(s);
  });
  test('periods sum days; series are zero-filled', () => {
    const d1 = { day: '2026-11-16', rows: { s1: { reported: 3, closed: 1, dueToClose: 2 } } };
    const d2 = { day: '2026-11-17', rows: s.scopes.street };
    const by = sumByKey([d1, d2]);
    expect(by.get('s1')).toMatchObject({ reported: 4, closed: 2, dueToClose: 4 });
    expect(indicators(by.get('s1')!).closeRate).toBe(0.5);
    const series = dailySeries(['2026-11-15', '2026-11-16', '2026-11-17'], [d1, d2], 's1');
    expect(series.map((x) => x.reported)).toEqual([0, 3, 1]);
  });
});

describe('CSV for Excel', () => {
  test('BOM, CRLF, quoting, formula guard, numbers and blanks', () => {
    const csv = toCsv(['街镇', '结案率', '备注'], [['五凤街道', '87.5%', '含"逗号",的说明'], ['=HYPERLINK("x")', -3, null], ['鼓东街道', 12.5, '第一行\n第二行']]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '街镇,结案率,备注',
      '五凤街道,87.5%,"含""逗号"",的说明"',
      `"'=HYPERLINK(""x"")",-3,`,
      '鼓东街道,12.5,"第一行\n第二行"',
      '',
    ]);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
