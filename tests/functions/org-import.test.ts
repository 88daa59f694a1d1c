/**
 * admin.org.import through the real SDK against local/: a second, different district (3 streets × 2 communities,
 * 4 departments, 100 people) replaces the seeded Gulou organisation; the dry run shows what will change and writes
 * nothing; the import is audited and idempotent; new people bind with the invite codes it hands out; a report at a
 * point inside a new street is routed by the new boundaries into that street's inbox; a malformed file gets a
 * line-by-line report and changes nothing.
 */
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';
import { parseCsv } from '../../src/domain/org/import/csv';
import * as X from '../fixtures/org-import/make-district';

let t: TestCloud;
const ADMIN = dev('staff-admin');
const files = () => ({ boundaries: X.boundaries(), departments: X.departments(), staff: X.staff(100) });
const counts = () => Object.fromEntries(['districts', 'streets', 'communities', 'departments', 'staff', 'adminLog', 'grids', 'rota'].map((c) => [c, t.cloud.store.count(c, {})]));

beforeAll(async () => {
  t = await startTestCloud(Date.parse('2026-11-17T09:00:00+08:00'));
  seedOrg(t.cloud);
});
afterAll(() => t.stop());

describe('admin.org.import', () => {
  test('only administrators', async () => {
    for (const who of [dev('staff-zhzx-operator-1'), dev('staff-maoxiaojia'), 'oCitizen']) {
      expect(await t.api(who, 'admin.org.import', { files: files(), apply: false })).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  test('a malformed file: every bad line reported (file, line, field, reason) and nothing changes', async () => {
    const before = counts();
    const staff = X.staff(100).split('\n');
    staff[3] = staff[3].replace(/139\d{8}/, '1390000'); // a short phone number on line 4
    staff[7] = staff[7].replace('部门经办人', '保安'); // an unknown role on line 8
    const boundaries = X.boundaries().replace('"id":"comm-xa-nanhu-2","name":"南湖二社区","street":"street-xa-nanhu"', '"id":"comm-xa-nanhu-2","name":"南湖二社区","street":"street-xa-dongshan"');
    const res = await t.ok(ADMIN, 'admin.org.import', { files: { boundaries, departments: X.departments(), staff: staff.join('\n') }, apply: true });
    expect(res.ok).toBe(false);
    expect(res.applied).toBe(false);
    const line = (n: number) => boundaries.split('\n').findIndex((l) => l.includes('"id":"comm-xa-nanhu-2"')) + n;
    const staffErrors = [
      { file: 'staff.csv', line: 4, field: '手机', reason: '手机号须为 11 位手机号或带区号的固话' },
      { file: 'staff.csv', line: 8, field: '角色', reason: expect.stringMatching(/^未知角色「保安」/) },
    ];
    // the boundary file failed, so the staff file's street/community references are not checked against it: only its own lines
    expect(res.errors).toEqual([{ file: 'boundaries.geojson', line: line(1), field: 'geometry', reason: expect.stringMatching(/^社区「南湖二社区」有 \d 个顶点在街镇「东山街道」之外/) }, ...staffErrors]);
    const res2 = await t.ok(ADMIN, 'admin.org.import', { files: { boundaries: X.boundaries(), departments: X.departments(), staff: staff.join('\n') }, apply: true });
    expect(res2.errors).toEqual(staffErrors);
    expect(counts()).toEqual(before);
  });

  test('a file too large for one request is refused before anything is read', async () => {
    const res = await t.api(ADMIN, 'admin.org.import', { files: { staff: 'x'.repeat(2_000_001) }, apply: false });
    expect(res).toMatchObject({ code: 'INVALID_INPUT' });
  });

  test('dry run: what changes per collection, nothing written', async () => {
    const before = counts();
    const res = await t.ok(ADMIN, 'admin.org.import', { files: files(), apply: false });
    expect(res).toMatchObject({ ok: true, applied: false });
    expect(res.summary.districts).toMatchObject({ added: ['district-xinan'], removed: ['district-gulou'] });
    expect(res.summary.streets.added).toEqual(X.STREETS.map((s) => s.id));
    expect(res.summary.streets.removed).toHaveLength(before.streets);
    expect(res.summary.communities.added).toHaveLength(6);
    expect(res.summary.staff.added).toHaveLength(100);
    // Gulou people are deactivated, administrators kept; Gulou departments that categories still name are kept
    expect(res.summary.staff.kept).toEqual([{ id: 'staff-admin', reason: '管理员不因导入停用' }]);
    expect(res.summary.staff.removed).toHaveLength(before.staff - 1);
    expect(res.summary.departments.added).toHaveLength(4);
    expect(res.summary.departments.kept.length).toBeGreaterThan(0);
    expect(res.summary.departments.kept[0].reason).toMatch(/^仍被引用/);
    expect(counts()).toEqual(before);
  });

  let invites: string[][] = [];
  test('apply: written with an audit line each, invite codes for the 100 new people as CSV', async () => {
    const before = counts();
    const res = await t.ok(ADMIN, 'admin.org.import', { files: files(), apply: true });
    expect(res).toMatchObject({ ok: true, applied: true, invites: 100 });
    expect(t.cloud.store.count('streets', {})).toBe(3);
    expect(t.cloud.store.count('communities', {})).toBe(6);
    expect(t.cloud.store.find('districts', {}).map((d: any) => d._id)).toEqual(['district-xinan']);
    expect(t.cloud.store.count('adminLog', {}) - before.adminLog).toBe(res.writes);
    expect(t.cloud.store.find('adminLog', { action: 'admin.org.import', subjectId: 'street-xa-nanhu' })).toHaveLength(1);
    const csv = parseCsv(res.invitesCsv);
    if (!csv.ok) throw new Error('invites CSV does not parse');
    expect(csv.rows[0].cells).toEqual(['姓名', '手机', '单位', '邀请码']);
    invites = csv.rows.slice(1).map((r) => r.cells);
    expect(invites).toHaveLength(100);
    expect(new Set(invites.map((r) => r[3])).size).toBe(100);
    expect(invites.every((r) => /^[A-Z2-9]{8}$/.test(r[3]))).toBe(true);
    // a deactivated Gulou handler: no roles, unbound, no longer a handler
    expect(t.cloud.store.find('staff', { _id: 'staff-maoxiaojia' })[0]).toMatchObject({ roles: [], active: false });
    expect((await t.api(dev('staff-maoxiaojia'), 'case.inbox', { tab: 'todo' })).code).toBe('FORBIDDEN');
  });

  test('the same files again: nothing to write', async () => {
    const before = counts();
    const res = await t.ok(ADMIN, 'admin.org.import', { files: files(), apply: true });
    expect(res).toMatchObject({ ok: true, applied: false, writes: 0 });
    for (const d of Object.values(res.summary) as any[]) {
      expect(d.added).toEqual([]);
      expect(d.changed).toEqual([]);
      expect(d.removed).toEqual([]);
    }
    expect(res.summary.staff.unchanged).toBe(100 + before.staff - 101);
    expect(counts()).toEqual(before);
  });

  test('a report inside a new street lands in that street’s inbox (routed by the imported boundaries)', async () => {
    const nanhuHandler = invites.find((r) => r[2] === '南湖街道一线处置员')!;
    const dongshanHandler = invites.find((r) => r[2] === '东山街道一线处置员')!;
    await t.ok('oXaNanhu', 'account.bindInvite', { inviteCode: nanhuHandler[3] });
    await t.ok('oXaDongshan', 'account.bindInvite', { inviteCode: dongshanHandler[3] });
    const res = await t.ok('oXaCitizen', 'case.report', {
      clientToken: 'xa-1',
      categoryCode: 'lamp',
      description: '南湖街道这一段路灯不亮',
      photos: [],
      location: { point: { type: 'Point', coordinates: X.pointInStreet(1) }, address: '南湖路' },
    });
    expect(res.state).toBe('dispatched');
    expect(t.cloud.store.find('cases', { _id: res.caseId })[0]).toMatchObject({ streetId: 'street-xa-nanhu' });
    const inbox = await t.ok('oXaNanhu', 'case.inbox', { tab: 'todo' });
    expect(inbox.items.map((x: any) => x.id)).toEqual([res.caseId]);
    expect(inbox.items[0].streetName).toBe('南湖街道');
    expect((await t.ok('oXaDongshan', 'case.inbox', { tab: 'todo' })).items).toEqual([]);
  });
});
