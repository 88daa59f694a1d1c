import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { transition } from '@domain/case/case-machine';
import { addWorkingMinutes, businessParts, businessTime, dayKey, DAYTIME_HOURS, formatBusiness, monthKey, startOfBusinessDay, yearKey } from '@domain/common/business-time';
import { BUSINESS_TZ } from '@domain/common/clock';
import { deadlineFor, dueItemsForCase, nearDueAt, onDue } from '@domain/sla/sla-clock';
import { DEFAULT_SLA_POLICY, slaPolicy } from '@domain/sla/sla-policy';
import { caseIn, CMD, HANDLER, min, run, SYS, T0 } from '../case/case-fixtures';

dayjs.extend(utc);
dayjs.extend(timezone);
const DAY = min(24 * 60);
const at = (s: string) => dayjs.tz(s, BUSINESS_TZ).valueOf();

describe('business time (Asia/Shanghai) agrees with dayjs-timezone', () => {
  const instants = [0, T0, Date.UTC(2020, 11, 31, 16, 0), Date.UTC(2020, 11, 31, 15, 59, 59), Date.UTC(2024, 1, 28, 16, 30), 1_700_000_000_000];
  it.each(instants)('%d', (t) => {
    const d = dayjs(t).tz(BUSINESS_TZ);
    expect(dayKey(t)).toBe(d.format('YYYY-MM-DD'));
    expect(monthKey(t)).toBe(d.format('YYYY-MM'));
    expect(yearKey(t)).toBe(d.format('YYYY'));
    expect(formatBusiness(t)).toBe(d.format('YYYY-MM-DD HH:mm'));
    expect(businessParts(t).weekday).toBe(d.day());
    expect(startOfBusinessDay(t)).toBe(d.startOf('day').valueOf());
  });
  it('businessTime is the inverse', () => {
    expect(businessTime(2020, 11, 17, 9, 0)).toBe(at('2020-11-17 09:00'));
    expect(businessTime(2021, 1, 1)).toBe(Date.UTC(2020, 11, 31, 16, 0));
  });
});

describe('working minutes (categories that pause at night, 08:00–20:00)', () => {
  it.each([
    ['inside the window', '2020-11-17 09:00', 60, '2020-11-17 10:00'],
    ['ends exactly at close', '2020-11-17 19:00', 60, '2020-11-17 20:00'],
    ['carries over the night', '2020-11-17 19:00', 61, '2020-11-18 08:01'],
    ['starts at night → next morning', '2020-11-17 23:30', 30, '2020-11-18 08:30'],
    ['starts before opening', '2020-11-17 06:00', 30, '2020-11-17 08:30'],
    ['a full working day', '2020-11-17 08:00', 720, '2020-11-17 20:00'],
    ['three working days', '2020-11-17 14:00', 3 * 720, '2020-11-20 14:00'],
    ['zero minutes', '2020-11-17 23:30', 0, '2020-11-17 23:30'],
  ])('%s', (_n, start, minutes, end) => {
    expect(formatBusiness(addWorkingMinutes(at(start), minutes, DAYTIME_HOURS))).toBe(end);
  });
  it('skips days not listed (weekdays only)', () => {
    // 2020-11-20 is a Friday
    const hours = { startMinute: 9 * 60, endMinute: 17 * 60, weekdays: [1, 2, 3, 4, 5] };
    expect(formatBusiness(addWorkingMinutes(at('2020-11-20 16:00'), 120, hours))).toBe('2020-11-23 10:00');
  });
  it('rejects nonsense windows', () => {
    expect(() => addWorkingMinutes(T0, 10, { startMinute: 600, endMinute: 600 })).toThrow(RangeError);
    expect(() => addWorkingMinutes(T0, 10, { startMinute: 0, endMinute: 600, weekdays: [] })).toThrow(RangeError);
  });
});

describe('deadlines and near-due', () => {
  it('runs through the night by default', () => {
    expect(deadlineFor(at('2020-11-17 19:00'), { deadlineMin: 120 })).toBe(at('2020-11-17 21:00'));
  });
  it('pauses at night when the category says so', () => {
    expect(formatBusiness(deadlineFor(at('2020-11-17 19:00'), { deadlineMin: 120, businessHoursOnly: true }))).toBe('2020-11-18 09:00');
  });
  it('uses the policy default without a category', () => {
    expect(deadlineFor(T0, undefined)).toBe(T0 + 3 * DAY);
    expect(deadlineFor(T0, undefined, slaPolicy({ defaultDeadlineMin: 60 }))).toBe(T0 + min(60));
  });
  it.each([
    ['fraction 0.8', { fraction: 0.8 }, T0 + min(80)],
    ['lead 30 min', { leadMin: 30 }, T0 + min(70)],
    ['both: the earlier', { fraction: 0.9, leadMin: 30 }, T0 + min(70)],
    ['lead longer than the span: at start', { leadMin: 500 }, T0],
    ['none', {}, undefined],
    ['fraction 1: no warning', { fraction: 1 }, undefined],
  ])('%s', (_n, rule, want) => {
    expect(nearDueAt(T0, T0 + min(100), rule)).toBe(want);
  });
  it('configurable respond/assign minutes', () => {
    const r = transition(caseIn('submitted'), { type: 'dispatch', decision: { target: 'street', basis: 'polygon', streetId: 'wufeng', reason: 'x' } }, { actor: SYS, now: T0, policy: slaPolicy({ respondMin: 15, assignMin: 30 }) });
    expect(r).toMatchObject({ ok: true, case: { clocks: { respondBy: T0 + min(15), assignBy: T0 + min(30) } } });
  });
});

describe('due items per state', () => {
  it.each([
    ['submitted', []],
    ['triage', []],
    ['forwarded', []],
    ['dispatched', ['respond', 'assign', 'nearDue', 'overdue']],
    ['accepted', ['assign', 'nearDue', 'overdue']],
    ['handling', ['nearDue', 'overdue']],
    ['returned', ['nearDue', 'overdue']],
    ['resolved', []],
    ['closed', []],
    ['duplicate', []],
    ['invalid', []],
  ] as const)('%s', (state, kinds) => {
    expect(dueItemsForCase(caseIn(state)).map((d) => d.kind)).toEqual(kinds);
  });
  it('keys are deterministic', () => {
    expect(dueItemsForCase(caseIn('dispatched'))).toEqual(dueItemsForCase(caseIn('dispatched')));
    expect(dueItemsForCase(caseIn('dispatched')).map((d) => d.key)).toEqual([
      `case:case-1:respond:${T0}:0`,
      `case:case-1:assign:${T0}:0`,
      `case:case-1:nearDue:${T0 + 3 * DAY}:0`,
      `case:case-1:overdue:${T0 + 3 * DAY}:0`,
    ]);
  });
});

describe('onDue', () => {
  const items = (state: Parameters<typeof caseIn>[0]) => Object.fromEntries(dueItemsForCase(caseIn(state)).map((d) => [d.kind, d]));

  it('respond: warns the street leaders and the command centre, once per recipient key', () => {
    const c = caseIn('dispatched');
    const item = items('dispatched').respond;
    const out = onDue(c, item, T0 + min(10));
    expect(out.run).toBe(true);
    if (!out.run) return;
    expect(out.event).toBeUndefined();
    expect(out.effects.filter((e) => e.type === 'notify')).toEqual([
      { type: 'notify', to: { kind: 'streetLeaders', streetId: 'wufeng' }, template: 'respondOverdue', data: { caseId: 'case-1', due: '2020-11-17 09:10' }, dedupeKey: `${item.key}:streetLeaders` },
      { type: 'notify', to: { kind: 'command' }, template: 'respondOverdue', data: { caseId: 'case-1', due: '2020-11-17 09:10' }, dedupeKey: `${item.key}:command` },
    ]);
    expect(out.effects.find((e) => e.type === 'log')).toMatchObject({ entry: { event: 'due:respond', what: '派单超过10分钟未签收', role: 'system', version: c.version } });
  });
  it('not yet due', () => {
    expect(onDue(caseIn('dispatched'), items('dispatched').respond, T0 + min(10) - 1)).toEqual({ run: false, reason: 'notYetDue' });
  });
  it('stale once the case moved on (accepted before the respond item ran)', () => {
    expect(onDue(caseIn('accepted'), items('dispatched').respond, T0 + min(10))).toEqual({ run: false, reason: 'stale' });
    expect(onDue(caseIn('accepted'), items('dispatched').assign, T0 + min(60))).toMatchObject({ run: true });
    expect(onDue(caseIn('handling'), items('dispatched').assign, T0 + min(60))).toEqual({ run: false, reason: 'stale' });
  });
  it('nearDue warns the named handler', () => {
    const out = onDue(caseIn('handling'), items('handling').nearDue, T0 + 3 * DAY);
    expect(out).toMatchObject({ run: true, effects: [{ type: 'notify', to: { kind: 'staff', staffId: 'h-mao' }, template: 'nearDue' }, { type: 'log' }] });
  });
  it('overdue → markOverdue → flagged and auto-hard; running the item again does nothing', () => {
    const c = caseIn('handling');
    const item = items('handling').overdue;
    const out = onDue(c, item, T0 + 3 * DAY + 5);
    expect(out).toEqual({ run: true, effects: [], event: { type: 'markOverdue' } });
    if (!out.run || !out.event) return;
    const r = transition(c, out.event, { actor: SYS, now: T0 + 3 * DAY + 5 });
    if (!r.ok) throw new Error(r.code);
    expect(r.case.flags.overdue?.deadline).toBe(T0 + 3 * DAY);
    expect(r.case.flags.hard?.auto).toBe('overdue');
    expect(onDue(r.case, item, T0 + 3 * DAY + 10)).toEqual({ run: false, reason: 'stale' });
  });
  it('extension makes the old items stale and the new ones live', () => {
    const c = caseIn('handling');
    const old = items('handling');
    const ext = run(c, [[{ type: 'extend', reason: '等待', newDeadline: T0 + 5 * DAY }, HANDLER, T0 + DAY]]).case;
    expect(onDue(ext, old.overdue, T0 + 3 * DAY)).toEqual({ run: false, reason: 'stale' });
    expect(onDue(ext, old.nearDue, T0 + 3 * DAY)).toEqual({ run: false, reason: 'stale' });
    const fresh = Object.fromEntries(dueItemsForCase(ext).map((d) => [d.kind, d]));
    expect(fresh.overdue.dueAt).toBe(T0 + 5 * DAY);
    expect(fresh.nearDue.dueAt).toBe(T0 + Math.round(0.8 * 5 * DAY));
    expect(onDue(ext, fresh.overdue, T0 + 5 * DAY)).toMatchObject({ run: true, event: { type: 'markOverdue' } });
  });
  it('closed or resolved cases make every item stale', () => {
    const its = items('handling');
    for (const s of ['resolved', 'closed', 'duplicate', 'invalid'] as const) {
      expect(onDue(caseIn(s), its.overdue, T0 + 9 * DAY)).toEqual({ run: false, reason: 'stale' });
    }
  });
  it('a reopened case gets a new round: an overdue deadline fires again', () => {
    const closed = run(caseIn('resolved'), [[{ type: 'verify', pass: true }, CMD, T0 + 4 * DAY]]).case;
    const reopened = run(closed, [[{ type: 'rate', level: 'dissatisfied', reason: '没修好' }, { ...CMD }, T0 + 4 * DAY + min(1)]]);
    const scheduled = reopened.effects.filter((e) => e.type === 'schedule').map((e) => (e.type === 'schedule' ? e.item : null)!);
    expect(scheduled.map((i) => [i.kind, i.round, i.dueAt])).toEqual([
      ['nearDue', 1, T0 + Math.round(0.8 * 3 * DAY)],
      ['overdue', 1, T0 + 3 * DAY],
    ]);
    expect(onDue(reopened.case, scheduled[1], T0 + 4 * DAY + min(2))).toMatchObject({ run: true, event: { type: 'markOverdue' } });
  });
  it('night pause: a category deadline dispatched in the evening lands next morning', () => {
    const r = transition(caseIn('submitted'), { type: 'dispatch', decision: { target: 'street', basis: 'polygon', streetId: 'wufeng', reason: 'x' } }, {
      actor: SYS,
      now: at('2020-11-17 19:30'),
      category: { deadlineMin: 60, businessHoursOnly: true },
      policy: DEFAULT_SLA_POLICY,
    });
    if (!r.ok) throw new Error(r.code);
    expect(formatBusiness(r.case.clocks.deadline!)).toBe('2020-11-18 08:30');
    expect(formatBusiness(r.case.clocks.respondBy!)).toBe('2020-11-17 19:40'); // respond/assign clocks always run
  });
});
