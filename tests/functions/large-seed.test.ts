/**
 * Gulou at the article's scale (`src/domain/org/seed/large.ts`): 81 departments with their three posts, 4 000+
 * cadres, 60 communities. The everyday path runs on it: a small bootstrap, a report, the handler's inbox, a call
 * to a generated department (a 派出所 of 区公安分局), the officer on site, and the street's poor rating reaching the
 * officer, deputy and chief of that unit; the directory is reached page by page and by name.
 */
import { ROOMY_RATE_LIMITS, startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';
import { seedDocuments } from '../../scripts/seed-data';

let t: TestCloud;
const T0 = Date.parse('2026-11-17T09:00:00+08:00');
const MIN = 60_000;
const MAO = dev('staff-maoxiaojia');
const PCS = 'dept-gafj-pcs-wufeng';
const OFFICER = dev('staff-gafj-pcs-wufeng-officer');
const SITE = { point: { type: 'Point' as const, coordinates: [119.283, 26.104] as [number, number] }, address: '左海公园北门' };
const docs = seedDocuments({ scale: 'large', withDevOpenids: true });

beforeAll(async () => {
  t = await startTestCloud(T0, { functionEnv: { YX_RATE_LIMITS: ROOMY_RATE_LIMITS } });
  seedOrg(t.cloud, 'large');
}, 60_000);
afterAll(() => t.stop());

test('the seed is at the article\'s scale and keeps the Gulou names', () => {
  const depts = docs.departments as any[];
  const staff = docs.staff as any[];
  expect(depts.length).toBeGreaterThanOrEqual(80);
  expect(staff.length).toBeGreaterThanOrEqual(4000);
  expect(docs.streets).toHaveLength(10);
  expect(docs.communities.length).toBeGreaterThanOrEqual(58);
  for (const d of depts.filter((x) => x.kind !== 'command')) {
    for (const post of ['officer', 'deputy', 'chief']) expect(staff.some((s) => s.deptId === d._id && s.post === post)).toBe(true);
  }
  expect(staff.find((s) => s._id === 'staff-maoxiaojia').name).toBe('毛晓嘉');
  expect(new Set(staff.map((s) => s._id)).size).toBe(staff.length);
  expect(seedDocuments({ scale: 'large' })).toEqual(seedDocuments({ scale: 'large' })); // deterministic (openids aside)
});

test('meta.bootstrap stays small with 4 000 cadres: no directory in it', async () => {
  const boot = await t.ok(MAO, 'meta.bootstrap', {});
  const size = Buffer.byteLength(JSON.stringify(boot));
  expect(size).toBeLessThanOrEqual(50 * 1024);
  expect(boot.departments.some((d: any) => d._id === PCS)).toBe(true);
  expect(JSON.stringify(boot)).not.toContain('staff-');
});

test('report → inbox → call a generated department → on site → poor rating down the chain', async () => {
  const r = await t.ok('oCitizen', 'case.report', { clientToken: 'big-1', categoryCode: 'lamp', description: '左海公园北门路灯不亮', photos: [], location: SITE });
  const inbox = await t.ok(MAO, 'case.inbox', { tab: 'todo' });
  expect(inbox.items.map((x: any) => x.id)).toContain(r.caseId);
  expect(inbox.counts.todo).toBe(1);
  await t.ok(MAO, 'case.accept', { caseId: r.caseId });
  await t.ok(MAO, 'case.assign', { caseId: r.caseId, staffId: 'staff-maoxiaojia' });
  const meetAt = T0 + 60 * MIN;
  const call = (await t.ok(MAO, 'case.call', { caseId: r.caseId, deptIds: [PCS], what: '请到场维持秩序', place: SITE, meetAt })).calls[0];
  expect(call.deptName).toBe('区公安分局五凤派出所');
  const mine = await t.ok(OFFICER, 'call.mine', { tab: 'todo' });
  expect(mine.items.map((x: any) => x.id)).toEqual([call.id]);
  expect(mine.counts.todo).toBe(1);
  await t.ok(OFFICER, 'call.acknowledge', { callId: call.id });
  t.clock.set(meetAt);
  await t.ok(OFFICER, 'call.checkIn', { callId: call.id, location: SITE.point });
  await t.ok(OFFICER, 'call.recordAction', { callId: call.id, text: '到场查看，协调供电抢修' });
  const v = await t.ok(MAO, 'call.rateDept', { callId: call.id, level: 'poor', reasons: ['slow'] });
  expect(v.state).toBe('rated');
  const stored = t.cloud.store.find('calls', { _id: call.id })[0] as any;
  const people = (stored.assessments as any[]).filter((a) => a.subject.kind === 'person').map((a) => [a.subject.post, a.subject.staffId]).sort();
  expect(people).toEqual([
    ['chief', 'staff-gafj-pcs-wufeng-chief'],
    ['deputy', 'staff-gafj-pcs-wufeng-deputy'],
    ['officer', 'staff-gafj-pcs-wufeng-officer'],
  ]);
});

test('pickers and the directory: staff.list by unit, admin.staff.list paged and searched', async () => {
  const pcs = await t.ok(MAO, 'staff.list', { deptId: PCS });
  expect(pcs.map((s: any) => s.post).sort()).toEqual(['chief', 'deputy', 'officer']);
  const first = await t.ok(dev('staff-admin'), 'admin.staff.list', {});
  expect(first.total).toBe((docs.staff as any[]).length);
  expect(first.items).toHaveLength(100);
  expect(typeof first.nextCursor).toBe('string');
  const found = await t.ok(dev('staff-admin'), 'admin.staff.list', { q: '毛晓嘉' });
  expect(found.items.map((s: any) => s._id)).toEqual(['staff-maoxiaojia']);
  const grid = await t.ok(dev('staff-admin'), 'admin.staff.list', { q: '祥坂社区' });
  expect(grid.total).toBe(62);
});
