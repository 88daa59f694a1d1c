/**
 * The citizen's side of a pending case (docs/REQUIREMENTS.md "Decisions"): 补充说明 (text and own photos) and 撤回
 * before the street accepts it, refused afterwards and for anyone else; a withdrawn case is closed as withdrawn. And
 * what the citizen sees of a called case: one 一线呼叫 entry per call, no ratings between street and department.
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

const MAO = dev('staff-maoxiaojia');
const CITIZEN = 'oCitizen-w';
const spot = (i: number) => ({ point: { type: 'Point' as const, coordinates: [119.283 + (i % 8) * 0.0008, 26.104 + Math.floor(i / 8) * 0.0008] as [number, number] }, address: `左海公园北门附近${i}号` });
let seq = 0;
async function newCase(): Promise<string> {
  seq += 1;
  const r = await t.ok(CITIZEN, 'case.report', { clientToken: `w-${seq}`, categoryCode: 'lamp', description: `左海公园北门路灯不亮第${seq}处`, photos: [], location: spot(seq), phone: '13800005678' });
  return r.caseId;
}
const doc = (id: string) => t.cloud.store.find('cases', { _id: id })[0] as any;

test('补充说明 before acceptance: text and the citizen\'s own photos, one log entry; offered as an event', async () => {
  const id = await newCase();
  const got = await t.ok(CITIZEN, 'case.get', { caseId: id });
  expect(got.case.available).toEqual(expect.arrayContaining(['supplement', 'withdraw']));
  const photo = await t.upload(CITIZEN, { name: 'more.jpg' });
  const before = doc(id).log.length;
  const v = await t.ok(CITIZEN, 'case.supplement', { caseId: id, text: '旁边的井盖也松动了', photos: [photo] });
  expect(v.state).toBe('dispatched');
  expect(doc(id).log.length).toBe(before + 1);
  expect(doc(id).log.at(-1)).toMatchObject({ event: 'supplement', what: '补充说明：旁边的井盖也松动了', role: 'citizen', data: { photos: [photo] } });
  // someone else's upload is refused
  const theirs = await t.upload(MAO, { name: 'x.jpg' });
  expect((await t.api(CITIZEN, 'case.supplement', { caseId: id, photos: [theirs] })).code).not.toBe(0);
  // empty
  expect((await t.api(CITIZEN, 'case.supplement', { caseId: id })).code).toBe('INVALID_INPUT');
  // another citizen
  expect((await t.api('oSomeoneElse', 'case.supplement', { caseId: id, text: '我也看到了' })).code).not.toBe(0);
});

test('撤回 before acceptance closes the case as withdrawn; refused once the street accepted', async () => {
  const id = await newCase();
  expect((await t.api('oSomeoneElse', 'case.withdraw', { caseId: id })).code).not.toBe(0);
  const v = await t.ok(CITIZEN, 'case.withdraw', { caseId: id, reason: '已自行解决' });
  expect(v).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回', stateKind: 'closed', available: [] });
  expect(Math.abs(doc(id).clocks.closedAt - t.clock.now())).toBeLessThan(10_000);
  const mine = await t.ok(CITIZEN, 'case.mine', {});
  expect(mine.items.find((x: any) => x.id === id)).toMatchObject({ stateLabel: '已撤回', stateKind: 'closed' });

  const other = await newCase();
  await t.ok(MAO, 'case.accept', { caseId: other });
  const res = await t.api(CITIZEN, 'case.withdraw', { caseId: other });
  expect(res.code).toBe('EVENT_NOT_ALLOWED');
  expect((await t.api(CITIZEN, 'case.supplement', { caseId: other, text: '补充' })).code).toBe('EVENT_NOT_ALLOWED');
  expect((await t.ok(CITIZEN, 'case.get', { caseId: other })).case.available).not.toContain('withdraw');
});

test('a call to two departments is one timeline entry; the citizen sees no ratings and the handler the full phone', async () => {
  const id = await newCase();
  await t.ok(MAO, 'case.accept', { caseId: id });
  await t.ok(MAO, 'case.assign', { caseId: id, staffId: 'staff-maoxiaojia' });
  await t.ok(MAO, 'case.call', { caseId: id, deptIds: ['dept-cgj-szs', 'dept-ylzx'], what: '请到场查看', place: spot(1), meetAt: t.clock.now() + 3_600_000 });
  const staff = await t.ok(MAO, 'case.get', { caseId: id });
  expect(staff.log.filter((e: any) => e.what.includes('请到场查看'))).toHaveLength(1);
  expect(staff.case.phone ?? staff.case.reporter.phone).toBe('13800005678');
  const citizen = await t.ok(CITIZEN, 'case.get', { caseId: id });
  expect(citizen.log.filter((e: any) => e.what.includes('请到场查看'))).toHaveLength(1);
  expect(citizen.calls.map((c: any) => c.stateLabel)).toEqual(['待到场', '待到场']);
  expect(citizen.calls.every((c: any) => c.caller.name === '街镇' && !c.deptRating && !c.streetRating)).toBe(true);
  expect(citizen.log.map((e: any) => e.what).join('\n')).not.toMatch(/dept-|staff-/);
});
