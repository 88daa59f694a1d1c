import { DEFAULT_KPI_TARGETS, changePoints, kpiLevel, kpiTargets, previousPeriod, resolvePeriod } from '@domain/stats';

describe('KPI targets (one table, overridable)', () => {
  test.each([
    ['按期处置率 96 %', 'onTimeHandleRate', 0.96, 'good'],
    ['按期处置率 95 % (at the target)', 'onTimeHandleRate', 0.95, 'good'],
    ['按期处置率 85 %', 'onTimeHandleRate', 0.85, 'warn'],
    ['按期处置率 79 %', 'onTimeHandleRate', 0.79, 'bad'],
    ['超期待处置率 0 %', 'overdueOpenRate', 0, 'good'],
    ['超期待处置率 70.3 %', 'overdueOpenRate', 0.703, 'bad'],
    ['超期待处置率 5 %', 'overdueOpenRate', 0.05, 'warn'],
    ['no value', 'onTimeHandleRate', null, 'none'],
  ] as const)('%s → %s', (_n, key, value, level) => {
    expect(kpiLevel(value, DEFAULT_KPI_TARGETS[key])).toBe(level);
  });

  test('overrides apply entry by entry; a reversed or malformed entry is ignored', () => {
    const t = kpiTargets({ targets: { onTimeHandleRate: { good: 0.9, bad: 0.6 }, overdueOpenRate: { good: 0.5, bad: 0.1 }, closeRate: { good: 2, bad: 0 }, nope: { good: 1, bad: 0 } } });
    expect(t.onTimeHandleRate).toEqual({ better: 'higher', good: 0.9, bad: 0.6 });
    expect(t.overdueOpenRate).toEqual(DEFAULT_KPI_TARGETS.overdueOpenRate);
    expect(t.closeRate).toEqual(DEFAULT_KPI_TARGETS.closeRate);
    expect(kpiTargets(null)).toEqual(DEFAULT_KPI_TARGETS);
    expect(kpiTargets({ targets: 'x' })).toEqual(DEFAULT_KPI_TARGETS);
  });

  test('change in percentage points', () => {
    expect(changePoints(0.9, 0.85)).toBe(5);
    expect(changePoints(0.5, 0.703)).toBe(-20.3);
    expect(changePoints(null, 0.5)).toBeNull();
    expect(changePoints(0.5, null)).toBeNull();
  });
});

describe('the previous period', () => {
  const now = Date.parse('2026-12-05T10:00:00+08:00');
  test.each([
    ['day', '2026-12-04', '2026-12-03', '2026-12-03'],
    ['week', '2026-12-04', '2026-11-23', '2026-11-29'],
    ['month', '2026-12-04', '2026-11-01', '2026-11-30'],
    ['halfYear', '2026-12-04', '2026-01-01', '2026-06-30'],
  ] as const)('%s anchored %s → %s … %s (whole)', (kind, anchor, from, to) => {
    expect(previousPeriod(resolvePeriod({ period: kind, from: anchor }, now))).toMatchObject({ from, to });
  });
  test('custom: the same number of days just before', () => {
    expect(previousPeriod(resolvePeriod({ period: 'custom', from: '2026-11-10', to: '2026-11-19' }, now))).toMatchObject({ from: '2026-10-31', to: '2026-11-09', days: 10 });
  });
});

test('triage waiting: amber after a day, red after three', () => {
  const { waitLevel } = jest.requireActual('@domain/stats') as typeof import('@domain/stats');
  const now = 100 * 86_400_000;
  expect(waitLevel(now - 3600_000, now)).toBe('ok');
  expect(waitLevel(now - 86_400_000, now)).toBe('warn');
  expect(waitLevel(now - 20 * 86_400_000, now)).toBe('bad');
});
