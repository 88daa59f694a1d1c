/**
 * Administration actions through the real SDK against local/: categories, staff + invite codes, org, rota,
 * standing rules, the audit trail, and routing picking up a newly saved rule.
 * One warm instance (maxInstances 1): the rule test is about the instance that saved the rule; across
 * instances the org cache is at most 60 s stale (cloudfunctions/common/org.ts TTL).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../local';
import { fixedClock } from '../../src/domain/common/clock';
import { seedOrg, dev } from './seed';
import { recordAnswer, type Envelope } from './harness';

let cloud: LocalCloud;
let dataDir: string;
const clock = fixedClock(Date.parse('2026-11-18T10:00:00+08:00'));
const ADMIN = dev('staff-admin');
const COMMAND = dev('staff-zhzx-operator-1');
const HANDLER = dev('staff-maoxiaojia');

async function api<T = any>(openid: string, action: string, payload?: unknown): Promise<Envelope<T>> {
  const res = (await cloud.callFunction('api', { action, payload }, { openid })) as Envelope<T>;
  recordAnswer(action, res);
  return res;
}
async function ok<T = any>(openid: string, action: string, payload?: unknown): Promise<T> {
  const res = await api<T>(openid, action, payload);
  if (res.code !== 0) throw new Error(`${action} as ${openid} failed: ${res.code} ${(res as { message: string }).message}`);
  return (res as { data: T }).data;
}
const logOf = (subjectId: string) => cloud.store.find('adminLog', { subjectId }, {}) as any[];
const caseDoc = (id: string) => cloud.store.find('cases', { _id: id })[0] as any;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yx-admin-'));
  cloud = await startLocalCloud({ dataDir, port: 0, now: () => clock.now(), maxInstances: 1 });
  seedOrg(cloud);
});
afterAll(async () => {
  await cloud.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('who may administer', () => {
  test.each([
    ['admin.categories.save', { code: 'lamp', deadlineMinutes: 60 }],
    ['admin.staff.save', { name: '测试员', roles: ['handler'], streetId: 'street-wufeng', phone: '13805910000' }],
    ['admin.staff.invite', { staffId: 'staff-wufeng-handler-2' }],
    ['admin.rota.save', { entries: [{ level: 'district', staffId: 'staff-district-leader-1', weekdays: [1] }] }],
    // admin.rules.save / admin.rules.deactivate follow the routing authority (tests/functions/routing-authority.test.ts)
  ])('%s: command centre and handlers are refused, nothing is written', async (action, payload) => {
    const before = cloud.store.count('adminLog', {});
    expect(await api(COMMAND, action, payload)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await api(HANDLER, action, payload)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await api('oSomeCitizen', action, payload)).toMatchObject({ code: 'FORBIDDEN' });
    expect(cloud.store.count('adminLog', {})).toBe(before);
  });

  test('lists: the command centre may read, a handler may not', async () => {
    for (const action of ['admin.categories.list', 'admin.staff.list', 'admin.org.list', 'admin.rota.list', 'admin.rules.list']) {
      expect((await api(COMMAND, action, {})).code).toBe(0);
      expect(await api(HANDLER, action, {})).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('categories', () => {
  test('list is the 23 seeded categories in order', async () => {
    const cats = await ok<Array<{ code: string; name: string }>>(ADMIN, 'admin.categories.list');
    expect(cats).toHaveLength(23);
    expect(cats[0]).toMatchObject({ code: 'lamp', name: '路灯不亮' });
    expect(cats[22]).toMatchObject({ code: 'other', name: '其他' });
  });

  test('save changes the deadline, owners and night pause, and keeps an audit line with before/after', async () => {
    const saved = await ok(ADMIN, 'admin.categories.save', { code: 'guardrail', deadlineMinutes: 1440, ownerDeptIds: ['dept-cgj-szs', 'dept-jjdd'], pauseAtNight: true });
    expect(saved).toMatchObject({ code: 'guardrail', name: '护栏缺失破损', deadlineMinutes: 1440, pauseAtNight: true, ownerDeptIds: ['dept-cgj-szs', 'dept-jjdd'] });
    const [doc] = cloud.store.find('categories', { code: 'guardrail' });
    expect(doc).toMatchObject({ _id: 'cat-guardrail', deadlineMinutes: 1440, pauseAtNight: true, sort: 4 });
    const [line] = logOf('cat-guardrail');
    expect(line).toMatchObject({
      action: 'admin.categories.save',
      coll: 'categories',
      by: { staffId: 'staff-admin' },
      before: { deadlineMinutes: 2880, ownerDeptIds: ['dept-cgj-szs'] },
      after: { deadlineMinutes: 1440, ownerDeptIds: ['dept-cgj-szs', 'dept-jjdd'] },
    });
    // the function's clock starts at the cloud's (fake) time and runs on during the call
    expect(line.at - clock.now()).toBeGreaterThanOrEqual(0);
    expect(line.at - clock.now()).toBeLessThan(5000);
    // the bootstrap the app reads sees it at once (same instance)
    const cats = await ok<Array<{ code: string; deadlineMinutes: number }>>(COMMAND, 'admin.categories.list');
    expect(cats.find((c) => c.code === 'guardrail')?.deadlineMinutes).toBe(1440);
  });

  test('save refuses unknown departments and out-of-range deadlines', async () => {
    expect(await api(ADMIN, 'admin.categories.save', { code: 'lamp', ownerDeptIds: ['dept-nope'] })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('dept-nope') });
    expect(await api(ADMIN, 'admin.categories.save', { code: 'lamp', deadlineMinutes: 5 })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('10分钟') });
    expect(cloud.store.find('categories', { code: 'lamp' })[0].deadlineMinutes).toBe(3 * 24 * 60);
  });

  test('an unknown code creates a category only with a name and a deadline', async () => {
    expect(await api(ADMIN, 'admin.categories.save', { code: 'pothole-water' })).toMatchObject({ code: 'INVALID_INPUT' });
    const c = await ok(ADMIN, 'admin.categories.save', { code: 'elevator', name: '电梯故障', deadlineMinutes: 240, ownerDeptIds: ['dept-scjgj'] });
    expect(c).toMatchObject({ _id: 'cat-elevator', class: '事件', gridItem: false, sort: 24 });
    expect(await api(ADMIN, 'admin.categories.save', { code: 'elevator2', name: '电梯故障', deadlineMinutes: 240 })).toMatchObject({ code: 'INVALID_INPUT' });
  });

  test('a city-level unit owns a category; a category is disabled (not offered, refused at intake) and enabled again', async () => {
    const water = await ok(ADMIN, 'admin.categories.save', { code: 'water-supply', cityUnitId: 'city-swjt' });
    expect(water.cityUnitId).toBe('city-swjt');
    expect(await api(ADMIN, 'admin.categories.save', { code: 'water-supply', cityUnitId: 'city-nope' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('市直单位') });
    expect(await api(ADMIN, 'admin.categories.save', { code: 'other', disabled: true })).toMatchObject({ code: 'INVALID_INPUT' });

    await ok(ADMIN, 'admin.categories.save', { code: 'bikes', disabled: true });
    expect(logOf('cat-bikes').at(-1)).toMatchObject({ what: expect.stringContaining('停用问题类型「共享单车乱停放」') });
    const boot = await ok<{ categories: Array<{ code: string }> }>('oCitizen-cat', 'meta.bootstrap', {});
    expect(boot.categories.map((c) => c.code)).not.toContain('bikes');
    expect((await ok<Array<{ code: string; disabled?: boolean }>>(ADMIN, 'admin.categories.list')).find((c) => c.code === 'bikes')!.disabled).toBe(true);
    const report = { clientToken: 'cat-1', categoryCode: 'bikes', description: '共享单车堵住了人行道', photos: [], location: { point: { type: 'Point', coordinates: [119.283, 26.104] }, address: '左海公园北门' } };
    expect(await api('oCitizen-cat', 'case.report', report)).toMatchObject({ code: 'CATEGORY_DISABLED', message: '该问题类型已停用，请重新选择' });

    await ok(ADMIN, 'admin.categories.save', { code: 'bikes', disabled: false });
    expect(logOf('cat-bikes').at(-1)).toMatchObject({ what: expect.stringContaining('启用') });
    expect((await api('oCitizen-cat', 'case.report', report)).code).toBe(0);
  });
});

describe('staff and invite codes', () => {
  test('creating a handler returns a fresh 8-character code, and the new person binds with it', async () => {
    const res = await ok<{ staff: any; inviteCode: string }>(ADMIN, 'admin.staff.save', { name: '陈新来', roles: ['handler'], streetId: 'street-wufeng', phone: '13805919999', title: '五凤街道一线处置员' });
    expect(res.inviteCode).toMatch(/^[A-Z0-9]{8}$/);
    expect(res.staff).toMatchObject({ name: '陈新来', roles: ['handler'], streetId: 'street-wufeng', bound: false, inviteCode: res.inviteCode });
    expect(res.staff.openid).toBeUndefined();
    const bound = await ok(`oNewPerson`, 'account.bindInvite', { inviteCode: res.inviteCode });
    expect(bound).toMatchObject({ staffId: res.staff._id, name: '陈新来', roles: ['handler'] });
    const me = await ok('oNewPerson', 'whoami');
    expect(me).toMatchObject({ staffId: res.staff._id, roles: ['citizen', 'handler'], streetId: 'street-wufeng' });
    // a bound person's record: saving again issues no code and keeps the binding
    const again = await ok<{ staff: any; inviteCode: string | null }>(ADMIN, 'admin.staff.save', { _id: res.staff._id, name: '陈新来', roles: ['handler', 'community'], communityId: 'comm-wufeng', phone: '13805919999' });
    expect(again.inviteCode).toBeNull();
    expect(again.staff).toMatchObject({ bound: true, communityId: 'comm-wufeng', streetId: 'street-wufeng' });
    expect((await ok('oNewPerson', 'whoami')).roles).toEqual(['citizen', 'handler', 'community']);
    expect(logOf(res.staff._id).map((l: any) => l.action)).toEqual(['admin.staff.save', 'admin.staff.save']);
    // no openid in the audit trail
    expect(JSON.stringify(logOf(res.staff._id))).not.toContain('oNewPerson');
  });

  test('invite issues a new code and the old one stops working; codes are unique', async () => {
    const created = await ok<{ staff: any; inviteCode: string }>(ADMIN, 'admin.staff.save', { name: '林小雨', roles: ['dept'], deptId: 'dept-ylzx', post: 'officer', phone: '13805918888' });
    const { inviteCode } = await ok<{ inviteCode: string }>(ADMIN, 'admin.staff.invite', { staffId: created.staff._id });
    expect(inviteCode).toMatch(/^[A-Z0-9]{8}$/);
    expect(inviteCode).not.toBe(created.inviteCode);
    expect(await api('oLinXiaoyu', 'account.bindInvite', { inviteCode: created.inviteCode })).toMatchObject({ code: 'INVITE_NOT_FOUND' });
    const codes = cloud.store.find('staff', { inviteCode: { $exists: true } }, {}).map((s: any) => s.inviteCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect((await ok('oLinXiaoyu', 'account.bindInvite', { inviteCode })).staffId).toBe(created.staff._id);
    expect(await api(ADMIN, 'admin.staff.invite', { staffId: created.staff._id })).toMatchObject({ code: 'ALREADY_BOUND' });
  });

  test('unbind clears the openid: the old WeChat is a citizen again, a new code rebinds', async () => {
    const before = await ok('dev-staff-gudong-handler-1', 'whoami');
    expect(before.roles).toContain('handler');
    const res = await ok<{ staff: any; inviteCode: string }>(ADMIN, 'admin.staff.unbind', { staffId: 'staff-gudong-handler-1' });
    expect(res.staff.bound).toBe(false);
    expect(cloud.store.find('staff', { _id: 'staff-gudong-handler-1' })[0].openid).toBeUndefined();
    expect((await ok('dev-staff-gudong-handler-1', 'whoami')).roles).toEqual(['citizen']);
    expect((await ok('oGudongNewPhone', 'account.bindInvite', { inviteCode: res.inviteCode })).staffId).toBe('staff-gudong-handler-1');
    expect(await api(ADMIN, 'admin.staff.unbind', { staffId: 'staff-admin' })).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('save refuses ids that do not exist or do not fit the roles', async () => {
    const base = { name: '王测试', phone: '13805917777' };
    expect(await api(ADMIN, 'admin.staff.save', { ...base, roles: ['handler'], streetId: 'street-nowhere' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await api(ADMIN, 'admin.staff.save', { ...base, roles: ['handler'] })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('街镇') });
    expect(await api(ADMIN, 'admin.staff.save', { ...base, roles: ['dept'], deptId: 'dept-nope' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await api(ADMIN, 'admin.staff.save', { ...base, roles: ['community'], streetId: 'street-gudong', communityId: 'comm-jintang' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('金汤社区') });
    expect(await api(ADMIN, 'admin.staff.save', { ...base, roles: ['superuser'] })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await api(ADMIN, 'admin.staff.save', { ...base, _id: 'staff-ghost', roles: ['leader'] })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await api(ADMIN, 'admin.staff.save', { _id: 'staff-admin', name: '管理员', roles: ['command'], phone: '13805910001' })).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('list filters by department; the command centre sees no invite codes and nobody sees openids', async () => {
    const asAdmin = (await ok<{ items: any[] }>(ADMIN, 'admin.staff.list', { deptId: 'dept-cgj-szs' })).items;
    expect(asAdmin.map((s) => s._id).sort()).toEqual(['staff-cgj-szs-chief', 'staff-cgj-szs-deputy', 'staff-cgj-szs-officer', 'staff-cgj-szs-officer-2']);
    expect(asAdmin.every((s) => s.openid === undefined && s.bound === true)).toBe(true);
    const first = await ok<{ items: any[]; nextCursor: string | null; total: number }>(COMMAND, 'admin.staff.list', {});
    expect(first.total).toBeGreaterThan(100);
    expect(first.items).toHaveLength(100);
    const all = [...first.items];
    for (let cursor = first.nextCursor; cursor; ) {
      const page = await ok<{ items: any[]; nextCursor: string | null }>(COMMAND, 'admin.staff.list', { cursor });
      all.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(all).toHaveLength(first.total);
    expect(new Set(all.map((s) => s._id)).size).toBe(first.total);
    expect(all.some((s) => s.inviteCode)).toBe(false);
  });
});

describe('org', () => {
  test('lists streets (9 + 1 town), communities, departments and city units', async () => {
    const org = await ok(COMMAND, 'admin.org.list');
    expect(org.streets).toHaveLength(10);
    expect(org.streets.filter((s: any) => s.kind === 'town').map((s: any) => s.name)).toEqual(['洪山镇']);
    expect(org.communities.find((c: any) => c._id === 'comm-jintang')).toMatchObject({ name: '金汤社区', streetId: 'street-wenquan' });
    expect(org.departments.find((d: any) => d._id === 'dept-cgj-szs')).toMatchObject({ fullName: '区城管局市政所', parentId: 'dept-cgj' });
    expect(org.cityUnits.find((u: any) => u._id === 'city-swjt')).toMatchObject({ name: '福州市水务集团', counterpartDeptId: 'dept-slj' });
    expect(org.streets[0].boundary).toBeUndefined();
  });
});

describe('rota', () => {
  test('save upserts and removes entries; list names the leaders', async () => {
    const res = await ok(ADMIN, 'admin.rota.save', {
      entries: [
        { level: 'district', staffId: 'staff-district-leader-2', from: '2026-12-31', to: '2027-01-03' },
        { _id: 'rota-wufeng-b', level: 'street', streetId: 'street-wufeng', staffId: 'staff-wufeng-leader-2', weekdays: [6, 2, 4] },
      ],
      removeIds: ['rota-district-guoqing-2025'],
    });
    expect(res.saved).toHaveLength(2);
    expect(res.saved[1].weekdays).toEqual([2, 4, 6]);
    expect(cloud.store.count('rota', { _id: 'rota-district-guoqing-2025' })).toBe(0);
    const list = await ok<any[]>(COMMAND, 'admin.rota.list');
    expect(list.find((r) => r._id === res.saved[0]._id)).toMatchObject({ staffId: 'staff-district-leader-2', from: '2026-12-31', staffName: expect.any(String) });
    expect(logOf('rota-district-guoqing-2025')[0]).toMatchObject({ after: null, before: { staffId: 'staff-district-leader-1' } });
  });

  test('refuses a non-leader, an unknown person, a street without streetId, a bad range', async () => {
    const n = cloud.store.count('rota', {});
    expect(await api(ADMIN, 'admin.rota.save', { entries: [{ level: 'district', staffId: 'staff-maoxiaojia', weekdays: [1] }] })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('毛晓嘉') });
    expect(await api(ADMIN, 'admin.rota.save', { entries: [{ level: 'district', staffId: 'staff-nobody', weekdays: [1] }] })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await api(ADMIN, 'admin.rota.save', { entries: [{ level: 'street', staffId: 'staff-wufeng-leader-1', weekdays: [1] }] })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await api(ADMIN, 'admin.rota.save', { entries: [{ level: 'street', streetId: 'street-gudong', staffId: 'staff-wufeng-leader-1', weekdays: [1] }] })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await api(ADMIN, 'admin.rota.save', { entries: [{ level: 'district', staffId: 'staff-district-leader-1', from: '2027-01-05', to: '2027-01-01' }] })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await api(ADMIN, 'admin.rota.save', { entries: [], removeIds: ['rota-nope'] })).toMatchObject({ code: 'NOT_FOUND' });
    expect(cloud.store.count('rota', {})).toBe(n);
  });
});

describe('standing rules (长效机制)', () => {
  const wufengShanzhuang = { point: { type: 'Point' as const, coordinates: [119.2835, 26.1075] as [number, number] }, address: '五凤山庄' };

  test('a report after admin.rules.save is routed by the rule; after deactivate it is not', async () => {
    const first = await ok(dev('staff-admin'), 'whoami');
    expect(first.roles).toContain('admin');
    // Before: no rule → territory
    const r0 = await ok('oFumes0', 'case.report', { clientToken: 'f0', categoryCode: 'fumes', description: '五凤山庄楼下烧烤店油烟很大', photos: [], location: wufengShanzhuang });
    const c0 = caseDoc(r0.caseId);
    expect(c0.routing[0].decision.basis).not.toBe('rule');

    const rule = await ok(ADMIN, 'admin.rules.save', {
      title: '五凤山庄餐饮油烟',
      categoryCode: 'fumes',
      area: { streetId: 'street-wufeng' },
      assignments: [
        { deptId: 'dept-scjgj', phase: 'before', duty: '业主承诺' },
        { deptId: 'dept-sthjj', phase: 'during', duty: '环保监督' },
        { deptId: 'dept-cgj-zfdd', phase: 'after', duty: '城管处置处罚' },
      ],
      source: '2026年11月分析会',
    });
    expect(rule).toMatchObject({ active: true, adoptedBy: 'staff-admin' });
    expect(rule.adoptedAt - clock.now()).toBeGreaterThanOrEqual(0);
    expect(rule.adoptedAt - clock.now()).toBeLessThan(5000);
    expect(rule._id).toMatch(/^rule-fumes-/);

    clock.advance(60 * 60 * 1000); // far from the first report: not a duplicate of it
    const r1 = await ok('oFumes1', 'case.report', { clientToken: 'f1', categoryCode: 'fumes', description: '五凤山庄烧烤油烟又来了，晚上熏得不行', photos: [], location: { ...wufengShanzhuang, point: { type: 'Point', coordinates: [119.2815, 26.1095] } } });
    const c1 = caseDoc(r1.caseId);
    expect(c1.routing[0].decision).toMatchObject({ basis: 'rule', ruleId: rule._id, streetId: 'street-wufeng' });
    expect(c1.routing[0].decision.assignments.map((a: any) => a.phase)).toEqual(['before', 'during', 'after']);

    const listed = await ok<any[]>(COMMAND, 'admin.rules.list');
    expect(listed[0]).toMatchObject({ _id: rule._id, categoryName: '餐饮油烟', streetName: '五凤街道' });
    expect(listed[0].assignments[2].deptName).toBe('区城管局执法大队');

    await ok(ADMIN, 'admin.rules.deactivate', { ruleId: rule._id });
    expect(await api(ADMIN, 'admin.rules.deactivate', { ruleId: rule._id })).toMatchObject({ code: 'ALREADY_INACTIVE' });
    clock.advance(60 * 60 * 1000);
    const r2 = await ok('oFumes2', 'case.report', { clientToken: 'f2', categoryCode: 'fumes', description: '五凤山庄又有烧烤油烟', photos: [], location: { ...wufengShanzhuang, point: { type: 'Point', coordinates: [119.2795, 26.1110] } } });
    const c2 = caseDoc(r2.caseId);
    expect(c2.routing[0].decision.basis).not.toBe('rule');
    expect(logOf(rule._id).map((l: any) => l.action)).toEqual(['admin.rules.save', 'admin.rules.deactivate']);
  });

  test('refuses unknown category, department, community; bad phase', async () => {
    const a = [{ deptId: 'dept-sthjj', phase: 'during', duty: '环保监督' }];
    expect(await api(ADMIN, 'admin.rules.save', { categoryCode: 'nope', assignments: a })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('问题类型') });
    expect(await api(ADMIN, 'admin.rules.save', { categoryCode: 'fumes', assignments: [{ ...a[0], deptId: 'dept-ghost' }] })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('dept-ghost') });
    expect(await api(ADMIN, 'admin.rules.save', { categoryCode: 'fumes', assignments: [{ ...a[0], phase: 'someday' }] })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await api(ADMIN, 'admin.rules.save', { categoryCode: 'fumes', area: { communityId: 'comm-ghost' }, assignments: a })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await api(ADMIN, 'admin.rules.save', { categoryCode: 'fumes', assignments: [] })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await api(ADMIN, 'admin.rules.save', { _id: 'rule-ghost', categoryCode: 'fumes', assignments: a })).toMatchObject({ code: 'NOT_FOUND' });
  });

  test('the audit trail is readable by administrators, newest first', async () => {
    const page = await ok<{ items: any[] }>(ADMIN, 'admin.log.list', {});
    expect(page.items.length).toBeGreaterThan(5);
    expect(page.items[0].at).toBeGreaterThanOrEqual(page.items[page.items.length - 1].at);
    expect(await api(COMMAND, 'admin.log.list', {})).toMatchObject({ code: 'FORBIDDEN' });
  });
});
