/**
 * Authorization matrix, table-driven: each role × each case/call action and query × own/foreign object → allowed
 * (code 0) or the refusal code. "Own/foreign" is in the role column: the citizen who reported vs another citizen,
 * a handler of the case's street vs another street, the called department vs one not called, the leader on the rota
 * today vs one off duty. Every allowed cell runs on a fresh object in the right state; refusals run on a shared one
 * and must leave it unchanged. Dispatcher refusals are FORBIDDEN (role not declared); the domain's are
 * RELATION_FORBIDDEN (role fits, relation does not).
 */
import { ROOMY_RATE_LIMITS, startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

let t: TestCloud;
const T0 = Date.parse('2026-11-17T09:00:00+08:00'); // Tuesday: district leader 2 on duty, district leader 1 not
beforeAll(async () => {
  t = await startTestCloud(T0, { functionEnv: { YX_RATE_LIMITS: ROOMY_RATE_LIMITS } });
  // each caller's own uploaded photo (photos must be the caller's own uploads)
  for (const role of ALL) photos[role] = await t.upload(ROLES[role]);
  seedOrg(t.cloud);
});
afterAll(() => t.stop());

const REPORTER = 'oAuthz-reporter';
const ROLES = {
  citizenOwn: REPORTER,
  citizenOther: 'oAuthz-other',
  handlerOwn: dev('staff-maoxiaojia'),
  handlerOther: dev('staff-gudong-handler-1'),
  community: dev('staff-wufeng-worker-1'),
  deptCalled: dev('staff-cgj-szs-officer'),
  deptNotCalled: dev('staff-ylzx-officer'),
  deptLeader: dev('staff-cgj-szs-deputy'),
  leaderOnDuty: dev('staff-district-leader-2'),
  leaderOffDuty: dev('staff-district-leader-1'),
  command: dev('staff-zhzx-operator-1'),
  admin: dev('staff-admin'), // seeded with admin + command
} as const;
type RoleKey = keyof typeof ROLES;
const ALL = Object.keys(ROLES) as RoleKey[];
const STAFF = ALL.filter((r) => !r.startsWith('citizen'));

const MAO = ROLES.handlerOwn;
const SZS = ROLES.deptCalled;
const CMD = ROLES.command;
const SITE = { point: { type: 'Point' as const, coordinates: [119.283, 26.104] as [number, number] }, address: '左海公园北门' };
/** each role's own uploaded photo (beforeAll) */
const photos = {} as Record<RoleKey, string>;
const CATS = ['lamp', 'road', 'garbage', 'ads'];

// ───────────────────────────── fixtures: objects in the state an action needs ─────────────────────────────
let n = 0;
async function dispatched(): Promise<{ caseId: string }> {
  n += 1;
  t.clock.advance(1000);
  const i = n % 80;
  const spot = { point: { type: 'Point', coordinates: [119.283 + (i % 8) * 0.0008, 26.104 + Math.floor(i / 8) * 0.0008] }, address: `左海公园北门附近${i}号` };
  const r = await t.ok(REPORTER, 'case.report', { clientToken: `a-${n}`, categoryCode: CATS[Math.floor(n / 80) % CATS.length], description: `第${n}个问题需要处理`, photos: [], location: spot });
  if (r.state !== 'dispatched') throw new Error(`fixture ${n}: ${r.state}`);
  return { caseId: r.caseId };
}
async function accepted() {
  const f = await dispatched();
  await t.ok(MAO, 'case.accept', f);
  return f;
}
async function handling() {
  const f = await accepted();
  await t.ok(MAO, 'case.assign', { ...f, staffId: 'staff-maoxiaojia' });
  return f;
}
async function called() {
  const f = await handling();
  const r = await t.ok(MAO, 'case.call', { ...f, deptIds: ['dept-cgj-szs'], what: '请到场', place: SITE, meetAt: t.clock.now() + 10 * 60_000 });
  return { ...f, callId: r.calls[0].id as string, groupId: r.calls[0].groupId as string };
}
async function acknowledged() {
  const f = await called();
  await t.ok(SZS, 'call.acknowledge', { callId: f.callId });
  return f;
}
async function checkedIn() {
  const f = await acknowledged();
  await t.ok(SZS, 'call.checkIn', { callId: f.callId, location: SITE.point });
  return f;
}
async function actionRecorded() {
  const f = await checkedIn();
  await t.ok(SZS, 'call.recordAction', { callId: f.callId, text: '已到场处置' });
  return f;
}
async function hard() {
  const f = await handling();
  await t.ok(MAO, 'case.flagHard', { ...f, reason: '疑难' });
  return f;
}
async function returned() {
  const f = await dispatched();
  await t.ok(MAO, 'case.return', { ...f, reason: '不属于本街道' });
  return f;
}
async function triage() {
  n += 1;
  const r = await t.ok(REPORTER, 'case.report', { clientToken: `a-${n}`, categoryCode: 'other', description: `说不清归谁管的问题${n}`, photos: [], communityId: 'comm-wufeng' });
  return { caseId: r.caseId as string };
}
async function resolved() {
  const f = await handling();
  await t.ok(MAO, 'case.resolve', { ...f, result: '已处理', photos: [photos.handlerOwn] });
  return f;
}
async function closed() {
  const f = await resolved();
  await t.ok(CMD, 'case.verify', { ...f, pass: true });
  return f;
}
let master: string | undefined;
async function duplicateCandidate() {
  master = master ?? (await dispatched()).caseId;
  return { ...(await dispatched()), masterId: master };
}
const none = async () => ({});

// ───────────────────────────── expectations ─────────────────────────────
type Code = 0 | string;
/** allowed roles answer 0, `relation` roles RELATION_FORBIDDEN (or `relCode`), everyone else `rest` */
function cells(allowed: RoleKey[], relation: RoleKey[] = [], rest: string = 'FORBIDDEN', relCode = 'RELATION_FORBIDDEN'): Record<RoleKey, Code> {
  return Object.fromEntries(ALL.map((r) => [r, allowed.includes(r) ? 0 : relation.includes(r) ? relCode : rest])) as Record<RoleKey, Code>;
}
const STREET_OWN: RoleKey[] = ['handlerOwn', 'community'];
const CMDS: RoleKey[] = ['command', 'admin'];
const DEPT_OWN: RoleKey[] = ['deptCalled', 'deptLeader'];
const LEADERS: RoleKey[] = ['leaderOnDuty', 'leaderOffDuty'];

interface Row {
  action: string;
  fixture: () => Promise<Record<string, unknown>>;
  /** `role`: the caller (for their own photos) */
  payload: (f: any, role: RoleKey) => Record<string, unknown>;
  expect: Record<RoleKey, Code>;
}
const same = (f: any) => f;
const ROWS: Row[] = [
  // case handling
  { action: 'case.accept', fixture: dispatched, payload: same, expect: cells(STREET_OWN, ['handlerOther']) },
  { action: 'case.assign', fixture: accepted, payload: (f) => ({ ...f, staffId: 'staff-maoxiaojia' }), expect: cells(STREET_OWN, ['handlerOther']) },
  {
    action: 'case.note',
    fixture: called,
    payload: (f) => ({ caseId: f.caseId, text: '补充说明' }),
    expect: cells(['citizenOwn', 'handlerOwn', 'community', 'deptCalled', 'deptLeader', ...LEADERS, ...CMDS], ['citizenOther', 'handlerOther', 'deptNotCalled']),
  },
  { action: 'case.call', fixture: handling, payload: (f) => ({ ...f, deptIds: ['dept-cgj-szs'], what: '请到场', place: SITE, meetAt: t.clock.now() + 3_600_000 }), expect: cells(STREET_OWN, ['handlerOther']) },
  { action: 'case.extend', fixture: handling, payload: (f) => ({ ...f, reason: '需协调', newDeadline: t.clock.now() + 10 * 86_400_000 }), expect: cells([...STREET_OWN, ...CMDS], ['handlerOther']) },
  { action: 'case.flagHard', fixture: handling, payload: (f) => ({ ...f, reason: '疑难' }), expect: cells([...STREET_OWN, ...CMDS], ['handlerOther']) },
  {
    action: 'case.decideHard',
    fixture: hard,
    payload: (f) => ({ ...f, deptId: 'dept-cgj-szs', personId: 'staff-cgj-szs-officer', deadline: t.clock.now() + 5 * 86_400_000 }),
    expect: cells(['leaderOnDuty'], ['leaderOffDuty']),
  },
  { action: 'case.return', fixture: dispatched, payload: (f) => ({ ...f, reason: '不属于本街道' }), expect: cells(STREET_OWN, ['handlerOther']) },
  { action: 'case.reroute', fixture: returned, payload: (f) => ({ ...f, streetId: 'street-gudong', reason: '改派鼓东' }), expect: cells(CMDS) },
  { action: 'case.dispatch', fixture: triage, payload: (f) => ({ ...f, streetId: 'street-wufeng', reason: '派五凤' }), expect: cells(CMDS) },
  { action: 'case.resolve', fixture: handling, payload: (f, role) => ({ ...f, result: '已处理', photos: [photos[role]] }), expect: cells(STREET_OWN, ['handlerOther']) },
  { action: 'case.verify', fixture: resolved, payload: (f) => ({ ...f, pass: true }), expect: cells([...CMDS, ...LEADERS]) },
  // every caller holds the citizen role, which the table permits for 回访 on the own report only
  { action: 'case.rate', fixture: closed, payload: (f) => ({ ...f, level: 'satisfied' }), expect: cells(['citizenOwn', ...CMDS], [], 'RELATION_FORBIDDEN') },
  { action: 'case.markDuplicate', fixture: duplicateCandidate, payload: (f) => ({ ...f, reason: '同一问题' }), expect: cells(CMDS) },
  { action: 'case.closeInvalid', fixture: dispatched, payload: (f) => ({ ...f, reason: '无效' }), expect: cells(CMDS) },
  // calls
  { action: 'call.acknowledge', fixture: called, payload: (f) => ({ callId: f.callId }), expect: cells(DEPT_OWN, ['deptNotCalled']) },
  { action: 'call.checkIn', fixture: acknowledged, payload: (f) => ({ callId: f.callId, location: SITE.point }), expect: cells(DEPT_OWN, ['deptNotCalled']) },
  { action: 'call.recordAction', fixture: checkedIn, payload: (f) => ({ callId: f.callId, text: '已处置完毕' }), expect: cells(DEPT_OWN, ['deptNotCalled']) },
  { action: 'call.consult', fixture: acknowledged, payload: (f) => ({ groupId: f.groupId, responsibleDeptId: 'dept-cgj-szs' }), expect: cells(STREET_OWN, ['handlerOther']) },
  { action: 'call.rateDept', fixture: actionRecorded, payload: (f) => ({ callId: f.callId, level: 'good' }), expect: cells(STREET_OWN, ['handlerOther']) },
  { action: 'call.rateCall', fixture: actionRecorded, payload: (f) => ({ callId: f.callId, level: 'accurate' }), expect: cells(DEPT_OWN, ['deptNotCalled']) },
  { action: 'call.cancel', fixture: called, payload: (f) => ({ callId: f.callId, reason: '已自行处置' }), expect: cells(STREET_OWN, ['handlerOther']) },
  // queries
  {
    action: 'case.get',
    fixture: called,
    payload: (f) => ({ caseId: f.caseId }),
    expect: cells(['citizenOwn', 'handlerOwn', 'community', 'deptCalled', 'deptLeader', ...LEADERS, ...CMDS], ['citizenOther', 'handlerOther', 'deptNotCalled'], 'FORBIDDEN', 'FORBIDDEN'),
  },
  { action: 'case.mine', fixture: none, payload: same, expect: cells(ALL) },
  { action: 'case.inbox', fixture: none, payload: () => ({ tab: 'todo' }), expect: cells([...STREET_OWN, 'handlerOther']) },
  { action: 'case.triage', fixture: none, payload: () => ({ tab: 'triage' }), expect: cells([...CMDS, ...LEADERS]) },
  { action: 'lead.board', fixture: none, payload: () => ({}), expect: cells([...CMDS, ...LEADERS]) },
  { action: 'call.mine', fixture: none, payload: () => ({ tab: 'todo' }), expect: cells([...DEPT_OWN, 'deptNotCalled']) },
  {
    action: 'call.get',
    fixture: called,
    payload: (f) => ({ callId: f.callId }),
    expect: cells(['handlerOwn', 'community', 'deptCalled', 'deptLeader', ...LEADERS, ...CMDS]),
  },
  { action: 'meta.bootstrap', fixture: none, payload: () => ({}), expect: cells(ALL) },
  { action: 'staff.list', fixture: none, payload: () => ({}), expect: cells(STAFF) },
];

function snapshot(f: Record<string, unknown>): string {
  const c = f.caseId ? t.cloud.store.find('cases', { _id: f.caseId }) : [];
  const k = f.callId ? t.cloud.store.find('calls', { _id: f.callId }) : [];
  return JSON.stringify([c, k]);
}

describe.each(ROWS)('$action', (row) => {
  let shared: Record<string, unknown> | undefined;
  test.each(ALL.map((role) => [role, row.expect[role]] as const))('%s → %p', async (role, code) => {
    const fixture = code === 0 ? await row.fixture() : (shared ??= await row.fixture());
    const before = snapshot(fixture);
    const res = await t.api(ROLES[role], row.action, row.payload(fixture, role));
    expect(res.code).toBe(code);
    if (code !== 0) {
      expect((res as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/);
      expect(snapshot(fixture)).toBe(before);
    }
  });
});
