/**
 * Maps (#11) on the server: a report must say where; a located report carries the street and community of its pin;
 * 附近已有的诉求 answers public fields only; 我也遇到了 joins the case (idempotent per citizen) and the joining citizen
 * follows it (我的诉求, notices, the case page) without creating a second case; the district map for the app.
 */
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud(Date.parse('2026-11-17T09:00:00+08:00'));
  seedOrg(t.cloud);
});
afterAll(() => t.stop());

const GATE: [number, number] = [119.283, 26.104];
const at = (dx: number, dy: number): [number, number] => [+(GATE[0] + dx / 100_000).toFixed(6), +(GATE[1] + dy / 111_195).toFixed(6)];
const MAO = dev('staff-maoxiaojia');
const LONG = '左海公园北门到左海家具城路段一直没有路灯，晚上老人小孩经过容易摔倒，已经持续一个多月了，希望尽快处理';

describe('case.report must say where', () => {
  test('neither a location nor a community: refused in Chinese, nothing written', async () => {
    const before = t.cloud.store.count('cases', {});
    const r = await t.api('oWhere', 'case.report', { clientToken: 'w-0', categoryCode: 'lamp', description: '路灯不亮好几天了', photos: [] });
    expect(r).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('请在地图上选择问题位置') });
    expect(t.cloud.store.count('cases', {})).toBe(before);
  });

  test('a located report inside the district carries its street and community (the pin decides)', async () => {
    const r = await t.ok('oWhere', 'case.report', { clientToken: 'w-1', categoryCode: 'road', description: '路面有个大坑', photos: [], location: { point: { type: 'Point', coordinates: at(0, 300) }, address: '左海公园北侧' } });
    const [doc] = t.cloud.store.find('cases', { _id: r.caseId }) as Array<{ streetId?: string; communityId?: string }>;
    expect(doc.streetId).toBe('street-wufeng');
    expect(doc.communityId).toMatch(/^comm-/);
    const org = t.cloud.store.find('communities', { _id: doc.communityId }) as Array<{ streetId: string }>;
    expect(org[0].streetId).toBe('street-wufeng');
  });

  test('不便提供位置: the chosen community routes it', async () => {
    const r = await t.ok('oWhere', 'case.report', { clientToken: 'w-2', categoryCode: 'lamp', description: '路灯不亮好几天了（位置：金汤社区）', photos: [], communityId: 'comm-jintang' });
    const [doc] = t.cloud.store.find('cases', { _id: r.caseId }) as Array<{ communityId?: string; streetId?: string }>;
    expect(doc.communityId).toBe('comm-jintang');
    expect(doc.streetId).toBeTruthy();
  });
});

describe('附近已有的诉求 and 我也遇到了', () => {
  let caseId: string;
  beforeAll(async () => {
    const r = await t.ok('oFirst', 'case.report', { clientToken: 'n-1', categoryCode: 'lamp', description: LONG, photos: [], location: { point: { type: 'Point', coordinates: at(3, 7) }, address: '左海公园北门' }, phone: '13900001111' });
    caseId = r.caseId;
    // another kind near by, and the same kind far away
    await t.ok('oOther', 'case.report', { clientToken: 'n-2', categoryCode: 'garbage', description: '左海公园北门垃圾堆放', photos: [], location: { point: { type: 'Point', coordinates: at(-20, 10) }, address: '左海公园北门' } });
    await t.ok('oOther', 'case.report', { clientToken: 'n-3', categoryCode: 'lamp', description: '远处的路灯也不亮', photos: [], location: { point: { type: 'Point', coordinates: at(0, 400) }, address: '远处' } });
  });

  test('nearby: open cases of the asked kinds within the radius, public fields only, blurred and truncated', async () => {
    const r = await t.ok('oSecond', 'case.nearby', { point: GATE, categoryCodes: ['lamp'] });
    expect(r.radiusM).toBe(100);
    expect(r.items.map((x: { id: string }) => x.id)).toEqual([caseId]);
    const item = r.items[0];
    expect(Object.keys(item).sort()).toEqual(['categoryCode', 'categoryName', 'createdAt', 'description', 'distanceM', 'id', 'mine', 'point', 'reporters', 'state', 'stateLabel']);
    expect(item).toMatchObject({ categoryName: '路灯不亮', stateLabel: '待签收', reporters: 1, mine: false });
    expect(item.point).not.toEqual(at(3, 7));
    expect(Math.abs(item.point[0] - at(3, 7)[0]) * 100_000).toBeLessThanOrEqual(60);
    expect(item.description.length).toBeLessThanOrEqual(41);
    expect(item.description.endsWith('…')).toBe(true);
    expect(JSON.stringify(r)).not.toMatch(/oFirst|13900001111/);
    // any kind: the garbage case too; a wider radius: the far lamp too
    const any = await t.ok('oSecond', 'case.nearby', { point: GATE });
    expect(any.items).toHaveLength(2);
    const wide = await t.ok('oSecond', 'case.nearby', { point: GATE, radiusM: 500, categoryCodes: ['lamp'] });
    expect(wide.items).toHaveLength(2);
    expect(await t.api('oSecond', 'case.nearby', { point: [116.4, 39.9] })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('鼓楼区') });
  });

  test('join: no new case, the case counts its reporters, twice changes nothing', async () => {
    const count = t.cloud.store.count('cases', {});
    expect(await t.ok('oSecond', 'case.join', { caseId })).toEqual({ caseId, reporters: 2, joined: true });
    expect(await t.ok('oSecond', 'case.join', { caseId })).toEqual({ caseId, reporters: 2, joined: false });
    expect(await t.ok('oFirst', 'case.join', { caseId })).toEqual({ caseId, reporters: 1 + 1, joined: false });
    expect(t.cloud.store.count('cases', {})).toBe(count);
    const [doc] = t.cloud.store.find('cases', { _id: caseId }) as Array<{ reporters: number; coReporters: string[]; log: Array<{ event: string }> }>;
    expect(doc).toMatchObject({ reporters: 2, coReporters: ['oSecond'] });
    expect(doc.log.filter((e) => e.event === 'join')).toHaveLength(1);
    const again = await t.ok('oSecond', 'case.nearby', { point: GATE, categoryCodes: ['lamp'] });
    expect(again.items[0]).toMatchObject({ reporters: 2, mine: true });
  });

  test('the indicators count the joined case once, and its two reporters in 报告人次', async () => {
    const reports = (t.cloud.store.find('cases', {}) as Array<{ state: string }>).filter((c) => c.state !== 'invalid').length;
    const res = await t.ok(dev('staff-zhzx-operator-1'), 'stats.indicators', { period: 'day' });
    expect(res.today.reported).toBe(reports);
    expect(res.today.reporters).toBe(reports + 1);
    expect(res.today.counters.coReporters).toBe(1);
  });

  test('the joining citizen follows it: 我的诉求, the case page (without the reporter’s contact), notices', async () => {
    const mine = await t.ok('oSecond', 'case.mine', {});
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([caseId]);
    expect(mine.items[0].reporters).toBe(2);
    const page = await t.ok('oSecond', 'case.get', { caseId });
    expect(page.case).toMatchObject({ reporters: 2, joined: true });
    expect(page.case.reporter.self).toBeUndefined();
    expect(page.case.reporter.phone).toBe('139****1111');
    expect(page.case.coReporters).toBeUndefined();
    expect(JSON.stringify(page)).not.toMatch(/oSecond|oFirst/);
    const staff = await t.ok(MAO, 'case.get', { caseId });
    expect(staff.case.coReporters).toBeUndefined();
    expect(JSON.stringify(staff)).not.toMatch(/oSecond|oFirst/);
    // a stranger still may not read it
    expect(await t.api('oStranger', 'case.get', { caseId })).toMatchObject({ code: 'FORBIDDEN' });
    await t.ok(MAO, 'case.accept', { caseId });
    const got = t.cloud.outbox().map((m: { touser: string }) => m.touser);
    expect(got).toContain('oSecond');
    expect(got).toContain('oFirst');
  });

  test('a closed case cannot be joined; an unknown one is not found', async () => {
    const r = await t.ok('oThird', 'case.report', { clientToken: 'n-4', categoryCode: 'other', description: '说不清归谁管的问题', photos: [], location: { point: { type: 'Point', coordinates: at(0, -300) }, address: '某处' } });
    await t.ok(dev('staff-zhzx-operator-1'), 'case.closeInvalid', { caseId: r.caseId, reason: '经核实为无效诉求' });
    expect(await t.api('oSecond', 'case.join', { caseId: r.caseId })).toMatchObject({ code: 'CASE_CLOSED' });
    expect(await t.api('oSecond', 'case.join', { caseId: 'GL20261117-ZZZZZZZ' })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

test('geo.districtMap: the district, its streets and the community areas', async () => {
  const m = await t.ok('oAnyone', 'geo.districtMap', {});
  expect(m.streets).toHaveLength(10);
  expect(m.communities.length).toBeGreaterThanOrEqual(50);
  for (const c of m.communities) expect(c.area.coordinates[0].length).toBeGreaterThanOrEqual(4);
  expect(JSON.stringify(m).length).toBeLessThan(60_000);
});
