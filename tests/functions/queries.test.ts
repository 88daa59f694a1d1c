/**
 * Queries through the real SDK against local/: lists filtered by the caller's relation (a citizen sees only their
 * own cases, a handler only the own street's, a department only calls to it / cases it is involved in, command and
 * leaders all), paging, counts, detail views with the phone masked unless handling, meta.bootstrap and staff.list.
 */
import { ROOMY_RATE_LIMITS, startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

let t: TestCloud;
const T0 = Date.parse('2026-11-17T09:00:00+08:00');
beforeAll(async () => {
  t = await startTestCloud(T0, { functionEnv: { YX_RATE_LIMITS: ROOMY_RATE_LIMITS } });
  seedOrg(t.cloud);
});
afterAll(() => t.stop());

const HOUR = 3_600_000;
const MAO = dev('staff-maoxiaojia');
const GUDONG = dev('staff-gudong-handler-1');
const CMD = dev('staff-zhzx-operator-1');
const SZS = dev('staff-cgj-szs-officer');
const YLZX = dev('staff-ylzx-officer');
const SITE = { point: { type: 'Point' as const, coordinates: [119.283, 26.104] as [number, number] }, address: '左海公园北门' };
const spot = (i: number) => ({ point: { type: 'Point' as const, coordinates: [119.283 + (i % 8) * 0.0008, 26.104 + Math.floor(i / 8) * 0.0008] as [number, number] }, address: `左海公园北门附近${i}号` });
let seq = 0;
async function report(citizen: string, extra: Record<string, unknown> = {}): Promise<string> {
  seq += 1;
  t.clock.advance(60_000);
  const r = await t.ok(citizen, 'case.report', { clientToken: `q-${seq}`, categoryCode: 'lamp', description: `路灯不亮第${seq}处`, photos: [await t.upload(citizen)], location: spot(seq), phone: '13900001111', ...extra });
  return r.caseId;
}

describe('case.mine / case.get', () => {
  test('a citizen lists only their own reports, newest first, 20 a page', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 22; i++) ids.push(await report('oMany'));
    const other = await report('oOther');
    const p1 = await t.ok('oMany', 'case.mine', {});
    expect(p1.items).toHaveLength(20);
    expect(p1.items[0]).toMatchObject({ id: ids[21], categoryName: '路灯不亮', stateLabel: '待签收', stateKind: 'open', state: 'dispatched', streetName: '五凤街道', hard: false, overdue: false, photo: expect.stringMatching(/^cloud:\/\/local-dev\.[^/]+\/uploads\/[0-9a-f]{32}\/test\/p\d+\.jpg$/) });
    expect(p1.items[0].latest).toMatchObject({ what: expect.stringContaining('派单') });
    expect(typeof p1.items[0].respondBy).toBe('number');
    expect(p1.nextCursor).toBe(`${p1.items[19].createdAt}.${p1.items[19].id}`);
    const p2 = await t.ok('oMany', 'case.mine', { cursor: p1.nextCursor });
    expect(p2.items.map((x: any) => x.id)).toEqual([ids[1], ids[0]]);
    expect(p2.nextCursor).toBeNull();
    const theirs = await t.ok('oOther', 'case.mine', {});
    expect(theirs.items.map((x: any) => x.id)).toEqual([other]);
  });

  test('a list row reads only the newest line of the audit trail: 最新进展 is the last of many', async () => {
    const id = await report('oTrail');
    await t.ok(MAO, 'case.accept', { caseId: id });
    await t.ok(MAO, 'case.assign', { caseId: id, staffId: 'staff-maoxiaojia' });
    for (let i = 0; i < 5; i++) await t.ok(MAO, 'case.note', { caseId: id, text: `第${i + 1}次现场查看记录` });
    const full = await t.ok(MAO, 'case.get', { caseId: id });
    expect(full.log.length).toBeGreaterThan(6);
    const doing = await t.ok(MAO, 'case.inbox', { tab: 'doing' });
    const row = doing.items.find((x: any) => x.id === id);
    expect(row.latest).toEqual({ what: full.log[full.log.length - 1].what, at: full.log[full.log.length - 1].at });
    expect(row.latest.what).toContain('第5次现场查看记录');
    // the stored case keeps its whole trail and due items
    const stored = t.cloud.store.findOne('cases', { _id: id }) as { log: unknown[]; due: unknown[] };
    expect(stored.log.length).toBe(full.log.length);
    expect(stored.due.length).toBeGreaterThan(0);
  });

  test('case.get: who may see a case, and the phone masked for anyone not handling it', async () => {
    const id = await report('oGet');
    const own = await t.ok('oGet', 'case.get', { caseId: id });
    expect(own.case.phone).toBe('13900001111');
    expect(own.case.available).toEqual(['supplement', 'withdraw', 'note']); // before 签收: 补充说明 and 撤回
    expect(own.log.map((l: any) => l.event)).toEqual(['create', 'dispatch']);
    expect((await t.api('oStranger', 'case.get', { caseId: id })).code).toBe('FORBIDDEN');
    expect((await t.api(GUDONG, 'case.get', { caseId: id })).code).toBe('FORBIDDEN');
    expect((await t.api(SZS, 'case.get', { caseId: id })).code).toBe('FORBIDDEN');
    expect((await t.api(dev('staff-gudong-leader-1'), 'case.get', { caseId: id })).code).toBe('FORBIDDEN');
    const mao = await t.ok(MAO, 'case.get', { caseId: id });
    expect(mao.case.phone).toBe('13900001111');
    expect(mao.case.available).toEqual(expect.arrayContaining(['accept', 'return']));
    expect((await t.ok(CMD, 'case.get', { caseId: id })).case.phone).toBe('13900001111');
    expect((await t.ok(dev('staff-district-leader-1'), 'case.get', { caseId: id })).case.phone).toBe('139****1111');
    // once called, the department sees the case (phone masked) and the call
    t.clock.advance(60_000);
    await t.ok(MAO, 'case.accept', { caseId: id });
    t.clock.advance(60_000);
    await t.ok(MAO, 'case.assign', { caseId: id, staffId: 'staff-maoxiaojia' });
    t.clock.advance(60_000);
    await t.ok(MAO, 'case.call', { caseId: id, deptIds: ['dept-cgj-szs'], what: '请到场', place: SITE, meetAt: t.clock.now() + HOUR });
    const dept = await t.ok(SZS, 'case.get', { caseId: id });
    expect(dept.case.phone).toBe('139****1111');
    // the reporter's openid never leaves the server: a per-case pseudonym, the phone masked
    expect(dept.case.reporter).toEqual({ id: expect.stringMatching(/^c-[0-9a-f]{16}$/), phone: '139****1111' });
    expect(dept.calls.map((c: any) => [c.deptName, c.available])).toEqual([['区城管局市政所', ['acknowledge', 'checkIn']]]);
    // one entry per event: the call's creation is folded into the case's 一线呼叫
    expect(dept.log.map((l: any) => `${l.subject}:${l.event}`)).toEqual(['case:create', 'case:dispatch', 'case:accept', 'case:assign', 'case:call']);
    expect((await t.api(YLZX, 'case.get', { caseId: id })).code).toBe('FORBIDDEN');
    expect((await t.api(MAO, 'case.get', { caseId: 'GL-none' })).code).toBe('NOT_FOUND');
  });
});

describe('case.inbox / case.triage / lead.board', () => {
  test('the inbox holds the own street only, by tab, with counts', async () => {
    const a = await report('oInbox');
    const b = await report('oInbox');
    const gudongCase = (await t.ok('oInbox', 'case.report', { clientToken: 'q-gd', categoryCode: 'lamp', description: '鼓东路灯不亮', photos: [], location: { point: { type: 'Point', coordinates: (t.cloud.store.find('streets', { _id: 'street-gudong' })[0] as any).centre }, address: '鼓东街道' } })).caseId;
    expect(t.cloud.store.find('cases', { _id: gudongCase })[0]).toMatchObject({ streetId: 'street-gudong' });
    await t.ok(MAO, 'case.accept', { caseId: b });
    await t.ok(MAO, 'case.assign', { caseId: b, staffId: 'staff-maoxiaojia' });
    await t.ok(MAO, 'case.flagHard', { caseId: b, reason: '疑难' });
    const todo = await t.ok(MAO, 'case.inbox', { tab: 'todo' });
    const ids = todo.items.map((x: any) => x.id);
    expect(ids).toContain(a);
    expect(ids).not.toContain(b);
    expect(ids).not.toContain(gudongCase);
    expect(todo.items.every((x: any) => x.streetName === '五凤街道' && x.state === 'dispatched')).toBe(true); // 待签收 holds only what waits for 签收
    const doing = await t.ok(MAO, 'case.inbox', { tab: 'doing' });
    expect(doing.items.map((x: any) => x.id)).toContain(b);
    expect(doing.items.find((x: any) => x.id === b)).toMatchObject({ hard: true, state: 'handling' });
    expect(todo.counts).toEqual({ todo: todo.counts.todo, doing: doing.counts.doing, overdue: 0, hard: 1 });
    expect(todo.counts.todo).toBe(t.cloud.store.count('cases', { streetId: 'street-wufeng', state: 'dispatched' }));
    // the counters are filters: 疑难 lists exactly the open hard cases
    const hard = await t.ok(MAO, 'case.inbox', { tab: 'hard' });
    expect(hard.items.map((x: any) => x.id)).toEqual([b]);
    // an accepted case is in 办理中, not in 待签收
    const c = await report('oInbox');
    await t.ok(MAO, 'case.accept', { caseId: c });
    expect((await t.ok(MAO, 'case.inbox', { tab: 'todo' })).items.map((x: any) => x.id)).not.toContain(c);
    expect((await t.ok(MAO, 'case.inbox', { tab: 'doing' })).items.find((x: any) => x.id === c)).toMatchObject({ state: 'accepted' });
    const gd = await t.ok(GUDONG, 'case.inbox', { tab: 'all' });
    expect(gd.items.map((x: any) => x.id)).toEqual([gudongCase]);
    expect((await t.api('oInbox', 'case.inbox', { tab: 'todo' })).code).toBe('FORBIDDEN');
    expect((await t.api(SZS, 'case.inbox', { tab: 'todo' })).code).toBe('FORBIDDEN');
    // after the deadline the open cases count as overdue (from the clock, before the timer flags them)
    t.clock.advance(4 * 24 * HOUR);
    const later = await t.ok(MAO, 'case.inbox', { tab: 'todo' });
    expect(later.counts.overdue).toBe(later.counts.todo + later.counts.doing);
    expect(later.items[0].overdue).toBe(true);
    const overdue = await t.ok(MAO, 'case.inbox', { tab: 'overdue' });
    expect(overdue.items).toHaveLength(Math.min(20, later.counts.overdue)); // a page
    expect(overdue.items.every((x: any) => x.overdue)).toBe(true);
    t.clock.advance(-4 * 24 * HOUR);
    // closed kinds
    await t.ok(CMD, 'case.closeInvalid', { caseId: a, reason: '测试' });
    const done = await t.ok(MAO, 'case.inbox', { tab: 'done' });
    expect(done.items.map((x: any) => x.id)).toContain(a);
  });

  test('triage lists for the command centre, with counts', async () => {
    const tri = (await t.ok('oTri', 'case.report', { clientToken: 'q-tri', categoryCode: 'other', description: '说不清归谁管的问题', photos: [], communityId: 'comm-wufeng' })).caseId;
    const ret = await report('oTri');
    await t.ok(MAO, 'case.return', { caseId: ret, reason: '不属于本街道' });
    const res = await t.ok(CMD, 'case.triage', { tab: 'triage' });
    expect(res.items.map((x: any) => x.id)).toEqual([tri]);
    expect(res.counts).toMatchObject({ triage: 1, returned: 1 });
    const r2 = await t.ok(CMD, 'case.triage', { tab: 'returned' });
    expect(r2.items.map((x: any) => x.id)).toEqual([ret]);
    expect((await t.api(MAO, 'case.triage', { tab: 'triage' })).code).toBe('FORBIDDEN');
    // a street leader sees the own street's only
    const wf = await t.ok(dev('staff-wufeng-leader-1'), 'case.triage', { tab: 'returned' });
    expect(wf.items.map((x: any) => x.id)).toEqual([ret]);
    const gd = await t.ok(dev('staff-gudong-leader-1'), 'case.triage', { tab: 'returned' });
    expect(gd.items).toEqual([]);
  });

  test('lead.board: who is on duty now and the open hard cases', async () => {
    const on = await t.ok(dev('staff-wufeng-leader-2'), 'lead.board', {});
    expect(on.onDuty).toBe(true);
    expect(on.leaders.map((l: any) => [l.staffId, l.level])).toEqual([['staff-district-leader-2', 'district'], ['staff-wufeng-leader-2', 'street']]);
    expect(on.items.length).toBeGreaterThan(0);
    expect(on.items.every((x: any) => x.hard && x.stateKind === 'open' && x.streetName === '五凤街道')).toBe(true);
    const off = await t.ok(dev('staff-wufeng-leader-1'), 'lead.board', {});
    expect(off.onDuty).toBe(false);
    const gd = await t.ok(dev('staff-gudong-leader-2'), 'lead.board', { scope: 'mine' });
    expect(gd.items).toEqual([]);
    // 'all' is every hard case the caller may see: a street leader still sees only the own street's
    const all = await t.ok(dev('staff-gudong-leader-2'), 'lead.board', { scope: 'all' });
    expect(all.items).toEqual([]);
    const district = await t.ok(dev('staff-district-leader-1'), 'lead.board', { scope: 'all' });
    expect(district.items.length).toBe(on.items.length);
    expect((await t.api(MAO, 'lead.board', {})).code).toBe('FORBIDDEN');
  });
});

describe('call.mine / call.get', () => {
  test('a department lists the calls to it; the detail shows the case and the group', async () => {
    const id = await report('oCall');
    await t.ok(MAO, 'case.accept', { caseId: id });
    await t.ok(MAO, 'case.assign', { caseId: id, staffId: 'staff-maoxiaojia' });
    const res = await t.ok(MAO, 'case.call', { caseId: id, deptIds: ['dept-cgj-szs', 'dept-cgj-hwc'], what: '请到场', place: SITE, meetAt: t.clock.now() + HOUR });
    const szsCall = res.calls[0].id;
    const mine = await t.ok(SZS, 'call.mine', { tab: 'todo' });
    expect(mine.items.every((c: any) => c.deptId === 'dept-cgj-szs')).toBe(true);
    expect(mine.items.map((c: any) => c.id)).toContain(szsCall);
    expect(mine.items.find((c: any) => c.id === szsCall).caseSummary).toMatchObject({ id, categoryName: '路灯不亮' });
    expect(mine.counts.todo).toBe(t.cloud.store.count('calls', { deptId: 'dept-cgj-szs', state: { $in: ['created', 'acknowledged', 'checkedIn'] } }));
    expect((await t.ok(YLZX, 'call.mine', { tab: 'all' })).items).toEqual([]);
    expect((await t.api(MAO, 'call.mine', { tab: 'todo' })).code).toBe('FORBIDDEN');
    const detail = await t.ok(SZS, 'call.get', { callId: szsCall });
    expect(detail.call).toMatchObject({ id: szsCall, deptName: '区城管局市政所', available: ['acknowledge', 'checkIn'] });
    expect(detail.case).toMatchObject({ id, phone: '139****1111' });
    expect(detail.group.map((c: any) => c.deptId).sort()).toEqual(['dept-cgj-hwc', 'dept-cgj-szs']);
    expect((await t.ok(MAO, 'call.get', { callId: szsCall })).call.available).toEqual(['cancel']);
    expect((await t.api(YLZX, 'call.get', { callId: szsCall })).code).toBe('FORBIDDEN');
    expect((await t.api(GUDONG, 'call.get', { callId: szsCall })).code).toBe('FORBIDDEN');
    expect((await t.api('oCall', 'call.get', { callId: szsCall })).code).toBe('FORBIDDEN');
    expect((await t.api(SZS, 'call.get', { callId: 'nope' })).code).toBe('NOT_FOUND');
  });
});

describe('meta.bootstrap / staff.list', () => {
  test('reference data for the app', async () => {
    const m = await t.ok('oAnyone', 'meta.bootstrap', {});
    expect(m.categories).toHaveLength(23);
    expect(m.categories[0]).toEqual({ code: 'lamp', name: '路灯不亮', class: '部件', deadlineMinutes: 4320, gridItem: false });
    expect(m.streets).toHaveLength(10);
    expect(m.streets.find((s: any) => s._id === 'street-wufeng')).toMatchObject({ name: '五凤街道', kind: 'street', centre: expect.any(Array) });
    expect(m.departments.find((d: any) => d._id === 'dept-cgj-szs')).toEqual({ _id: 'dept-cgj-szs', name: '市政所', fullName: '区城管局市政所', kind: 'sub', parentId: 'dept-cgj' });
    expect(m.cityUnits.find((u: any) => u._id === 'city-swjt')).toEqual({ _id: 'city-swjt', name: '福州市水务集团', counterpartDeptId: 'dept-slj' });
    expect(m.checkIn).toEqual({ radiusM: 300, earlyMin: 30, lateMin: 15, absentAfterMin: 120 });
    expect(m.sla).toEqual({ respondMin: 10, assignMin: 60 });
    expect(Object.keys(m.templates)).toContain('newCall');
  });

  test('staff.list: staff only, filtered, no phones, openids or invite codes', async () => {
    expect((await t.api('oCitizen', 'staff.list', {})).code).toBe('FORBIDDEN');
    const wf = await t.ok(MAO, 'staff.list', { streetId: 'street-wufeng' });
    expect(wf.length).toBeGreaterThan(3);
    expect(wf.every((s: any) => s.streetId === 'street-wufeng')).toBe(true);
    expect(wf.find((s: any) => s._id === 'staff-maoxiaojia')).toEqual({ _id: 'staff-maoxiaojia', name: '毛晓嘉', roles: ['handler'], title: '五凤街道一线处置员', streetId: 'street-wufeng' });
    const szs = await t.ok(dev('staff-district-leader-2'), 'staff.list', { deptId: 'dept-cgj-szs' });
    expect(szs.map((s: any) => s.post).sort()).toEqual(['chief', 'deputy', 'officer', 'officer']);
    for (const s of [...wf, ...szs]) for (const k of ['phone', 'openid', 'inviteCode']) expect(s[k]).toBeUndefined();
  });
});

describe('DB round trips per query (warm instance)', () => {
  test('figures', async () => {
    const id = await report('oRt');
    const figures: Record<string, number> = {};
    const measure = async (openid: string, action: string, payload: Record<string, unknown>) => {
      await t.ok(openid, 'whoami', {});
      t.cloud.resetStats();
      const r = await t.api(openid, action, payload);
      expect(r.code).toBe(0);
      figures[action] = Object.entries(t.cloud.stats().byAction).filter(([k]) => k.startsWith('database.')).reduce((n, [, v]) => n + v, 0);
    };
    await measure('oRt', 'case.mine', {});
    await measure('oRt', 'case.get', { caseId: id });
    await measure(MAO, 'case.inbox', { tab: 'todo' });
    await measure(CMD, 'case.triage', { tab: 'triage' });
    await measure(dev('staff-district-leader-2'), 'lead.board', {});
    await measure(SZS, 'call.mine', { tab: 'todo' });
    const callId = (t.cloud.store.find('calls', { deptId: 'dept-cgj-szs' })[0] as any)._id;
    await measure(SZS, 'call.get', { callId });
    await measure('oRt', 'meta.bootstrap', {});
    await measure(MAO, 'staff.list', { streetId: 'street-wufeng' });
    console.info(`DB round trips per query (warm): ${JSON.stringify(figures)}`);
    expect(figures).toEqual({
      'case.mine': 2,
      'case.get': 3,
      // + one count() per counter, sent in parallel with the page (exact past 1 000; latency of one round trip)
      'case.inbox': 7,
      'case.triage': 6,
      'lead.board': 3,
      'call.mine': 5,
      'call.get': 4,
      'meta.bootstrap': 1,
      'staff.list': 1,
    });
  });
});
