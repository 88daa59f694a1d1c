/**
 * Lists at district scale: every list is keyset-paged on (time, _id), so rows sharing one millisecond are each seen
 * exactly once across pages, and every counter is exact past 1 000. The rows are real documents (a case reported
 * and called through the functions) cloned into the store with one identical `createdAt`; expectations are computed
 * from the store's own documents, not by the code under test.
 */
import { ROOMY_RATE_LIMITS, startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

let t: TestCloud;
const T0 = Date.parse('2026-11-17T09:00:00+08:00');
const SAME = T0 - 3_600_000; // one millisecond shared by every cloned row
const MAO = dev('staff-maoxiaojia');
const SZS = dev('staff-cgj-szs-officer');
const COMMAND = dev('staff-zhzx-operator-1');
const ADMIN = dev('staff-admin');
const DISTRICT_LEADER = dev('staff-district-leader-1');
const SITE = { point: { type: 'Point' as const, coordinates: [119.283, 26.104] as [number, number] }, address: '左海公园北门' };
const N_CASES = 1100;
const N_CALLS = 1030;

let cases: any[] = [];
let calls: any[] = [];

beforeAll(async () => {
  t = await startTestCloud(T0, { functionEnv: { YX_RATE_LIMITS: ROOMY_RATE_LIMITS } });
  seedOrg(t.cloud);
  const r = await t.ok('oSame', 'case.report', { clientToken: 'same-1', categoryCode: 'lamp', description: '路段没有路灯，晚上很黑', photos: [], location: SITE });
  await t.ok(MAO, 'case.accept', { caseId: r.caseId });
  await t.ok(MAO, 'case.assign', { caseId: r.caseId, staffId: 'staff-maoxiaojia' });
  await t.ok(MAO, 'case.call', { caseId: r.caseId, deptIds: ['dept-cgj-szs'], what: '请到场', place: SITE, meetAt: T0 + 3_600_000 });
  const kase = t.cloud.store.find('cases', { _id: r.caseId })[0] as any;
  const call = t.cloud.store.find('calls', { caseId: r.caseId })[0] as any;
  // 1 100 open cases at one millisecond: 1 000 waiting (todo), 100 in handling; every third one hard, every other
  // one past its deadline
  const states = (i: number) => (i < 1000 ? 'dispatched' : 'handling');
  const id = (p: string, i: number) => `${p}${String(i).padStart(5, '0')}`;
  const clones = Array.from({ length: N_CASES }, (_, i) => {
    const flags: Record<string, unknown> = {};
    if (i % 3 === 0) flags.hard = { reason: '多部门协同', at: SAME, by: 'staff-maoxiaojia' };
    return {
      ...kase,
      _id: id('GL20261117-S', i),
      id: id('GL20261117-S', i),
      state: states(i),
      createdAt: SAME,
      updatedAt: SAME,
      flags,
      clocks: { ...kase.clocks, deadline: i % 2 === 0 ? T0 - 60_000 : T0 + 86_400_000 },
      due: [],
      nextDueAt: null,
      intakeKey: undefined,
    };
  }).map((d) => {
    delete d.intakeKey;
    return d;
  });
  t.cloud.store.insert('cases', clones);
  t.cloud.store.insert(
    'calls',
    Array.from({ length: N_CALLS }, (_, i) => ({ ...call, _id: id('CALL-S', i), id: id('CALL-S', i), createdAt: SAME, updatedAt: SAME, due: [], nextDueAt: null })),
  );
  t.cloud.store.insert(
    'adminLog',
    Array.from({ length: 130 }, (_, i) => ({ _id: id('log-s', i), at: SAME, action: 'admin.test', by: { staffId: 'staff-admin', name: '管理员' }, coll: 'staff', subjectId: 'staff-admin', what: `第${i}条`, before: null, after: null })),
  );
  cases = t.cloud.store.find('cases', {}) as any[];
  calls = t.cloud.store.find('calls', {}) as any[];
}, 120_000);
afterAll(() => t.stop());

/** Follows `nextCursor` to the end; every page at most `max` rows. */
async function all(openid: string, action: string, payload: Record<string, unknown>, max = 20, key = (x: any) => x.id): Promise<{ ids: string[]; first: any }> {
  const ids: string[] = [];
  let first: any = null;
  let cursor: string | null | undefined;
  for (let i = 0; i < 500; i++) {
    const page = await t.ok(openid, action, cursor ? { ...payload, cursor } : payload);
    first ??= page;
    expect(page.items.length).toBeLessThanOrEqual(max);
    ids.push(...page.items.map(key));
    cursor = page.nextCursor;
    if (cursor === null) return { ids, first };
    expect(typeof cursor).toBe('string');
  }
  throw new Error('no end');
}

const OPEN = ['dispatched', 'accepted', 'handling', 'resolved', 'triage', 'returned', 'review'];
const isOpen = (c: any) => !['closed', 'invalid', 'duplicate', 'cancelled'].includes(c.state) && OPEN.includes(c.state);
const wufeng = () => cases.filter((c) => c.streetId === 'street-wufeng');

test('case.mine: 1 101 reports, 1 100 of them in one millisecond, each listed exactly once, newest first', async () => {
  const { ids } = await all('oSame', 'case.mine', {});
  const expected = cases.filter((c) => c.reporter.openid === 'oSame');
  expect(expected.length).toBe(N_CASES + 1);
  expect(ids).toHaveLength(expected.length);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(ids)).toEqual(new Set(expected.map((c) => c._id)));
}, 120_000);

test('case.inbox: every tab pages through every row once; the counters are exact past 1 000', async () => {
  const mine = wufeng();
  const todo = await all(MAO, 'case.inbox', { tab: 'todo' });
  expect(todo.ids).toHaveLength(mine.filter((c) => ['dispatched', 'accepted'].includes(c.state)).length);
  expect(new Set(todo.ids).size).toBe(todo.ids.length);
  const every = await all(MAO, 'case.inbox', { tab: 'all' });
  expect(new Set(every.ids)).toEqual(new Set(mine.map((c) => c._id)));
  expect(every.ids).toHaveLength(mine.length);
  const now = t.clock.now();
  const open = mine.filter(isOpen);
  expect(open.length).toBeGreaterThan(1000);
  expect(todo.first.counts).toEqual({
    todo: open.filter((c) => ['dispatched', 'accepted'].includes(c.state)).length,
    doing: open.filter((c) => ['handling', 'resolved'].includes(c.state)).length,
    overdue: open.filter((c) => !!c.flags?.overdue || (c.clocks?.deadline !== undefined && c.state !== 'resolved' && now > c.clocks.deadline)).length,
    hard: open.filter((c) => !!c.flags?.hard).length,
  });
  expect(todo.first.counts.todo).toBe(1000);
  expect(todo.first.counts.overdue).toBeGreaterThanOrEqual(550);
}, 180_000);

test('lead.board: every open hard case, paged (no 100-row cap), with the exact total', async () => {
  const hard = cases.filter((c) => isOpen(c) && c.flags?.hard);
  expect(hard.length).toBeGreaterThan(300);
  const { ids, first } = await all(DISTRICT_LEADER, 'lead.board', { scope: 'all' });
  expect(first.total).toBe(hard.length);
  expect(ids).toHaveLength(hard.length);
  expect(new Set(ids)).toEqual(new Set(hard.map((c) => c._id)));
}, 120_000);

test('case.triage: the review tab pages and counts are exact', async () => {
  const { first } = await all(COMMAND, 'case.triage', { tab: 'verify' });
  expect(first.counts).toEqual({
    triage: cases.filter((c) => c.state === 'triage').length,
    returned: cases.filter((c) => c.state === 'returned').length,
    review: cases.filter((c) => isOpen(c) && c.flags?.review).length,
    verify: cases.filter((c) => c.state === 'resolved').length,
  });
});

test('call.mine: 1 031 calls of the department, 1 030 in one millisecond, each once; counters exact', async () => {
  const todo = await all(SZS, 'call.mine', { tab: 'todo' });
  const own = calls.filter((c) => c.deptId === 'dept-cgj-szs' && ['created', 'acknowledged', 'checkedIn'].includes(c.state));
  expect(own.length).toBe(N_CALLS + 1);
  expect(todo.ids).toHaveLength(own.length);
  expect(new Set(todo.ids)).toEqual(new Set(own.map((c) => c._id)));
  expect(todo.first.counts.todo).toBe(own.length);
}, 180_000);

test('admin.log.list: lines sharing a millisecond, each once across pages of 50', async () => {
  const { ids } = await all(ADMIN, 'admin.log.list', {}, 50, (x) => x._id);
  const lines = t.cloud.store.find('adminLog', {}) as any[];
  expect(ids).toHaveLength(lines.length);
  expect(new Set(ids)).toEqual(new Set(lines.map((l) => l._id)));
});

test('a malformed cursor is a clear INVALID_INPUT', async () => {
  for (const cursor of [12345, 'abc', '1.', 'x.y z']) {
    expect(await t.api('oSame', 'case.mine', { cursor })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('翻页参数格式不正确') });
  }
});
