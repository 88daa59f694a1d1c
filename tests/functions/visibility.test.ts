/**
 * Trust at the edges: every action that returns case or call rows answers only rows the caller may see (each row is
 * read back with case.get / call.get as that caller and must be allowed), for every kind of caller, over data in two
 * streets with several departments; and no answer to anyone carries a citizen's openid, and no answer to a citizen
 * carries a staff device position or a check-in attempt.
 */
import { startTestCloud, type Envelope, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

let t: TestCloud;
const T0 = Date.parse('2026-11-17T09:00:00+08:00'); // Tuesday: district leader 2 on duty, district leader 1 not

const A = 'oVis-reporter-a-7f3e9c'; // reports in 五凤 (rates it)
const B = 'oVis-reporter-b-4d1a8b'; // reports in 鼓东 and 五凤
const CALLERS = {
  citizenReporter: A,
  citizenOther: B,
  citizenNone: 'oVis-stranger-2b6c',
  handlerWufeng: dev('staff-maoxiaojia'),
  handlerGudong: dev('staff-gudong-handler-1'),
  community: dev('staff-wufeng-worker-1'),
  deptCalledSzs: dev('staff-cgj-szs-officer'),
  deptLeaderSzs: dev('staff-cgj-szs-deputy'),
  deptCalledYlzx: dev('staff-ylzx-officer'),
  deptUncalled: dev('staff-sthjj-officer'),
  streetLeaderGudong: dev('staff-gudong-leader-1'),
  streetLeaderWufeng: dev('staff-wufeng-leader-2'),
  districtOnDuty: dev('staff-district-leader-2'),
  districtOffDuty: dev('staff-district-leader-1'),
  command: dev('staff-zhzx-operator-1'),
  admin: dev('staff-admin'),
} as const;
type Who = keyof typeof CALLERS;
const CITIZENS: Who[] = ['citizenReporter', 'citizenOther', 'citizenNone'];

const MAO = CALLERS.handlerWufeng;
const GD = CALLERS.handlerGudong;
const SZS = CALLERS.deptCalledSzs;
const YLZX = CALLERS.deptCalledYlzx;
const CMD = CALLERS.command;
const SITE = { point: { type: 'Point' as const, coordinates: [119.283, 26.104] as [number, number] }, address: '左海公园北门' };
// staff device positions and check-in positions: numbers that appear nowhere else
const HANDLER_AT = { lng: 119.28777, lat: 26.10777, address: '处置员手机定位' };
const OFFICER_FAR = { type: 'Point' as const, coordinates: [119.31234, 26.13456] as [number, number] };
const OFFICER_NEAR = { type: 'Point' as const, coordinates: [119.28411, 26.10433] as [number, number] };
const SECRET_MARKS = ['119.28777', '26.10777', '处置员手机定位', '119.31234', '26.13456', '119.28411', '26.10433', 'distanceM', '"attempts"', '距离'];

/** every answer seen, by caller */
const answers: Array<{ who: string; action: string; body: string }> = [];
async function call(who: string, action: string, payload: unknown): Promise<Envelope> {
  const r = await t.api(who, action, payload);
  answers.push({ who, action, body: JSON.stringify(r) });
  return r;
}
async function ok(who: string, action: string, payload: unknown) {
  const r = await call(who, action, payload);
  if (r.code !== 0) throw new Error(`${action}: ${r.code} ${(r as { message: string }).message}`);
  return r.data;
}
const whoOf = (openid: string) => (Object.keys(CALLERS) as Who[]).find((k) => CALLERS[k] === openid) ?? openid;

let wufengCase = '';
let gudongCase = '';
let wufengHard = '';
const callIds: string[] = [];

beforeAll(async () => {
  t = await startTestCloud(T0);
  seedOrg(t.cloud);
  const gudongCentre = (t.cloud.store.find('streets', { _id: 'street-gudong' })[0] as { centre: [number, number] }).centre;
  // 1. 五凤: reported by A, called 市政所 (one far attempt, one on time), handled, closed, rated by A
  wufengCase = (await ok(A, 'case.report', { clientToken: 'v-1', categoryCode: 'lamp', description: '左海公园北门路灯不亮', photos: [], location: SITE, phone: '13900001111' })).caseId;
  t.clock.advance(60_000);
  await ok(MAO, 'case.accept', { caseId: wufengCase, where: HANDLER_AT });
  await ok(MAO, 'case.assign', { caseId: wufengCase, staffId: 'staff-maoxiaojia', where: HANDLER_AT });
  const called = await ok(MAO, 'case.call', { caseId: wufengCase, deptIds: ['dept-cgj-szs'], what: '请到场查看线路', place: SITE, meetAt: t.clock.now() + 20 * 60_000, where: HANDLER_AT });
  callIds.push(called.calls[0].id);
  await ok(SZS, 'call.acknowledge', { callId: called.calls[0].id });
  t.clock.advance(15 * 60_000);
  expect((await call(SZS, 'call.checkIn', { callId: called.calls[0].id, location: OFFICER_FAR })).code).toBe('CHECKIN_FAR');
  await ok(SZS, 'call.checkIn', { callId: called.calls[0].id, location: OFFICER_NEAR, where: { lng: 119.28411, lat: 26.10433 } });
  await ok(SZS, 'call.recordAction', { callId: called.calls[0].id, text: '已更换线路', photos: [] });
  await ok(MAO, 'case.resolve', { caseId: wufengCase, result: '已修复', photos: [await t.upload(MAO)], where: HANDLER_AT });
  await ok(CMD, 'case.verify', { caseId: wufengCase, pass: true });
  await ok(A, 'case.rate', { caseId: wufengCase, level: 'basic', reason: '修得有点慢' });
  // 2. 鼓东: reported by B, called 医疗中心, flagged hard
  t.clock.advance(60_000);
  gudongCase = (await ok(B, 'case.report', { clientToken: 'v-2', categoryCode: 'lamp', description: '鼓东路灯不亮', photos: [], location: { point: { type: 'Point', coordinates: gudongCentre }, address: '鼓东街道' } })).caseId;
  await ok(GD, 'case.accept', { caseId: gudongCase, where: HANDLER_AT });
  await ok(GD, 'case.assign', { caseId: gudongCase, staffId: 'staff-gudong-handler-1' });
  const called2 = await ok(GD, 'case.call', { caseId: gudongCase, deptIds: ['dept-ylzx'], what: '请到场', place: SITE, meetAt: t.clock.now() + 30 * 60_000 });
  callIds.push(called2.calls[0].id);
  await ok(YLZX, 'call.acknowledge', { callId: called2.calls[0].id });
  await ok(GD, 'case.flagHard', { caseId: gudongCase, reason: '涉及多个部门' });
  // 3. 五凤: reported by B, flagged hard, still open
  t.clock.advance(60_000);
  wufengHard = (await ok(B, 'case.report', { clientToken: 'v-3', categoryCode: 'road', description: '左海公园北门东侧道路塌陷', photos: [], location: { ...SITE, address: '左海公园北门东侧' } })).caseId;
  await ok(MAO, 'case.accept', { caseId: wufengHard });
  await ok(MAO, 'case.assign', { caseId: wufengHard, staffId: 'staff-maoxiaojia' });
  await ok(MAO, 'case.flagHard', { caseId: wufengHard, reason: '需要会商' });
  t.clock.advance(60_000);
}, 120_000);
afterAll(() => t.stop());

const period = { period: 'custom', from: '2026-11-10', to: '2026-11-17' };
/** every action that returns case or call rows, with the payloads that reach each of its branches */
const LISTS: Array<[string, unknown]> = [
  ['case.mine', {}],
  ...['todo', 'doing', 'done', 'all'].map((tab): [string, unknown] => ['case.inbox', { tab }]),
  ...['triage', 'returned', 'review', 'verify'].map((tab): [string, unknown] => ['case.triage', { tab }]),
  ['lead.board', { scope: 'mine' }],
  ['lead.board', { scope: 'all' }],
  ...[undefined, { streetId: 'street-wufeng' }, { streetId: 'street-gudong' }, { deptId: 'dept-cgj-szs' }, { categoryCode: 'lamp' }, { communityId: 'comm-wufeng' }].flatMap(
    (scope): Array<[string, unknown]> => [
      ['stats.drill', { ...period, metric: 'reported', scope }],
      ['stats.drill', { ...period, metric: 'callsDue', scope }],
      ['stats.drill', { ...period, metric: 'rated', scope }],
    ],
  ),
  ...['todo', 'done', 'all'].map((tab): [string, unknown] => ['call.mine', { tab }]),
];
const OTHER_READS: Array<[string, unknown]> = [
  ['stats.exportCsv', { what: 'breakdown', period: 'month', by: 'street' }],
  ['stats.exportCsv', { what: 'patterns', period: 'month' }],
  ['stats.indicators', { period: 'month' }],
  ['whoami', {}],
];

function rowsOf(action: string, data: any): { cases: string[]; calls: string[] } {
  const items: any[] = data?.items ?? [];
  if (action === 'call.mine') return { cases: items.map((i) => i.caseSummary.id), calls: items.map((i) => i.id) };
  return { cases: items.map((i) => i.id), calls: [] };
}

describe('every list answers only rows the caller may see', () => {
  const seenStreets = new Set<string>();
  test.each(Object.keys(CALLERS) as Who[])('%s', async (who) => {
    const openid = CALLERS[who];
    let rows = 0;
    for (const [action, payload] of LISTS) {
      const r = await call(openid, action, payload);
      if (r.code !== 0) {
        expect([action, JSON.stringify(payload), r.code]).toEqual([action, JSON.stringify(payload), 'FORBIDDEN']);
        continue;
      }
      const { cases, calls } = rowsOf(action, r.data);
      for (const id of cases) {
        const g = await call(openid, 'case.get', { caseId: id });
        expect([action, JSON.stringify(payload), id, g.code]).toEqual([action, JSON.stringify(payload), id, 0]);
        if (g.code === 0) seenStreets.add(`${who}:${g.data.case.streetId}`);
        rows++;
      }
      for (const id of calls) {
        const g = await call(openid, 'call.get', { callId: id });
        expect([action, id, g.code]).toEqual([action, id, 0]);
      }
    }
    // the item reads themselves, for the scans below
    for (const caseId of [wufengCase, gudongCase, wufengHard]) await call(openid, 'case.get', { caseId });
    for (const callId of callIds) await call(openid, 'call.get', { callId });
    for (const [action, payload] of OTHER_READS) await call(openid, action, payload);
    if (who !== 'citizenNone' && who !== 'deptUncalled') expect(rows).toBeGreaterThan(0);
  });

  test('the data spans two streets, and those who see the district see both', () => {
    for (const who of ['districtOffDuty', 'command', 'admin'] as Who[]) {
      expect([who, seenStreets.has(`${who}:street-wufeng`), seenStreets.has(`${who}:street-gudong`)]).toEqual([who, true, true]);
    }
    expect(seenStreets.has('streetLeaderGudong:street-wufeng')).toBe(false);
    expect(seenStreets.has('streetLeaderGudong:street-gudong')).toBe(true);
  });

  test("a street leader: another street's drill-down is refused, the district-wide one and the board list the own street only", async () => {
    const gl = CALLERS.streetLeaderGudong;
    expect((await t.api(gl, 'stats.drill', { ...period, metric: 'reported', scope: { streetId: 'street-wufeng' } })).code).toBe('FORBIDDEN');
    expect((await t.api(gl, 'stats.drill', { ...period, metric: 'reported', scope: { communityId: 'comm-wufeng' } })).code).toBe('FORBIDDEN');
    const all = await t.ok(gl, 'stats.drill', { ...period, metric: 'reported' });
    expect(all.items.map((i: any) => i.id)).toEqual([gudongCase]);
    expect(all.total).toBe(1);
    const board = await t.ok(gl, 'lead.board', { scope: 'all' });
    expect(board.items.map((i: any) => i.id)).toEqual([gudongCase]);
    const district = await t.ok(CALLERS.districtOffDuty, 'stats.drill', { ...period, metric: 'reported' });
    expect(district.items.map((i: any) => i.id).sort()).toEqual([wufengCase, gudongCase, wufengHard].sort());
    const districtBoard = await t.ok(CALLERS.districtOnDuty, 'lead.board', { scope: 'all' });
    expect(districtBoard.items.map((i: any) => i.id).sort()).toEqual([gudongCase, wufengHard].sort());
  });
});

describe('the projection: openids never leave, positions and check-ins only for staff', () => {
  test('the fixture is what the scans need: a rating by the citizen, check-ins with positions, handler steps with positions', async () => {
    const staff = await t.ok(CMD, 'case.get', { caseId: wufengCase });
    expect(staff.case.satisfaction).toMatchObject({ level: 'basic', by: staff.case.reporter.id });
    expect(staff.case.reporter.id).toMatch(/^c-[0-9a-f]{16}$/);
    expect(staff.calls[0].attempts.map((x: any) => x.status)).toEqual(['far', 'onTime']);
    expect(staff.log.filter((e: any) => e.where?.lng === HANDLER_AT.lng).length).toBeGreaterThan(0);
    expect(staff.log.filter((e: any) => e.role === 'citizen').every((e: any) => e.by.id === staff.case.reporter.id)).toBe(true);
    // the same person has different pseudonyms on different cases
    const other = await t.ok(CMD, 'case.get', { caseId: gudongCase });
    const hard = await t.ok(CMD, 'case.get', { caseId: wufengHard });
    expect(other.case.reporter.id).not.toBe(staff.case.reporter.id);
    expect(hard.case.reporter.id).not.toBe(other.case.reporter.id);
    // the reporter is told "you", and sees that the department checked in, not where or how far
    const own = await t.ok(A, 'case.get', { caseId: wufengCase });
    expect(own.case.reporter.self).toBe(true);
    expect(own.log.filter((e: any) => e.by.self).map((e: any) => e.event)).toEqual(['create', 'rate']);
    expect(own.calls[0].checkIn).toEqual({ at: expect.any(Number), status: 'onTime' });
    expect(own.log.filter((e: any) => e.event === 'checkIn').map((e: any) => e.what)).toEqual(['按时报到']);
    // the staff who see the case still get it all
    const dept = await t.ok(SZS, 'call.get', { callId: callIds[0] });
    expect(dept.call.attempts).toHaveLength(2);
    expect(dept.call.log.some((e: any) => e.where?.lng === 119.28411)).toBe(true);
  });

  test('no citizen openid appears in any answer to any caller', () => {
    expect(answers.length).toBeGreaterThan(500);
    const leaks = answers.filter((a) => a.action !== 'whoami' && (a.body.includes(A) || a.body.includes(B))).map((a) => `${whoOf(a.who)} ${a.action}`);
    expect(leaks).toEqual([]);
  });

  test("no staff position and no check-in attempt appears in a citizen's answers", () => {
    const citizenAnswers = answers.filter((a) => CITIZENS.some((c) => CALLERS[c] === a.who));
    expect(citizenAnswers.some((a) => a.action === 'case.get' && a.body.includes('"code":0'))).toBe(true);
    const leaks = citizenAnswers.flatMap((a) => SECRET_MARKS.filter((m) => a.body.includes(m)).map((m) => `${whoOf(a.who)} ${a.action}: ${m}`));
    expect(leaks).toEqual([]);
  });
});

describe('a read never answers for the caller as last seen: a change of role or street shows on the very next read', () => {
  // The dispatcher may start a read-only query with the caller as this instance last saw them, while it looks them up
  // again; only an identical look-up may answer with it. These change the staff record between two reads.
  const staffOf = (id: string) => t.cloud.store.findOne('staff', { _id: id }) as Record<string, unknown>;

  test('a handler whose role is taken away is refused on the next read, and answered again once it is back', async () => {
    expect((await call(MAO, 'case.inbox', { tab: 'all' })).code).toBe(0);
    const roles = staffOf('staff-maoxiaojia').roles as string[];
    t.cloud.store.update('staff', { _id: 'staff-maoxiaojia' }, { $set: { roles: ['citizen'] } });
    try {
      expect((await call(MAO, 'case.inbox', { tab: 'all' })).code).toBe('FORBIDDEN');
      const detail = await call(MAO, 'case.get', { caseId: wufengHard });
      expect(detail.code).toBe('FORBIDDEN');
    } finally {
      t.cloud.store.update('staff', { _id: 'staff-maoxiaojia' }, { $set: { roles } });
    }
    expect((await call(MAO, 'case.inbox', { tab: 'all' })).code).toBe(0);
  });

  test("a handler moved to another street lists that street's cases on the next read, not the old street's", async () => {
    const before = await ok(MAO, 'case.inbox', { tab: 'all' });
    expect(before.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([wufengCase, wufengHard]));
    t.cloud.store.update('staff', { _id: 'staff-maoxiaojia' }, { $set: { streetId: 'street-gudong' } });
    try {
      const after = await ok(MAO, 'case.inbox', { tab: 'all' });
      const ids = after.items.map((x: { id: string }) => x.id);
      expect(ids).toContain(gudongCase);
      expect(ids).not.toContain(wufengCase);
      expect(ids).not.toContain(wufengHard);
      expect((await call(MAO, 'case.get', { caseId: wufengHard })).code).toBe('FORBIDDEN');
    } finally {
      t.cloud.store.update('staff', { _id: 'staff-maoxiaojia' }, { $set: { streetId: 'street-wufeng' } });
    }
    const back = await ok(MAO, 'case.inbox', { tab: 'all' });
    expect(back.items.map((x: { id: string }) => x.id)).not.toContain(gudongCase);
  });
});
