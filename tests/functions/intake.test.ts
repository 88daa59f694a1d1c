import { startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud(Date.parse('2026-11-17T09:00:00+08:00'));
  seedOrg(t.cloud);
});
afterAll(() => t.stop());

const zuohaiNorthGate = { point: { type: 'Point' as const, coordinates: [119.2830, 26.1040] as [number, number] }, address: '左海公园北门至左海家具城路段' };

describe('case.report (随手拍)', () => {
  test('routes by territory to the street whose boundary contains the place, and tells its handlers', async () => {
    const res = await t.ok('oCitizenA', 'case.report', {
      clientToken: 'tok-lamp-1',
      categoryCode: 'lamp',
      description: '左海公园北门到左海家具城路段没有路灯，晚上老人小孩容易摔倒',
      photos: [],
      location: zuohaiNorthGate,
    });
    expect(res).toMatchObject({ state: 'dispatched', categoryCode: 'lamp', replayed: false });
    const [doc] = t.cloud.store.find('cases', { _id: res.caseId }) as Array<{ streetId: string; log: Array<{ event: string }>; nextDueAt: number }>;
    expect(doc.streetId).toBe('street-wufeng');
    expect(doc.log.map((l: { event: string }) => l.event)).toEqual(['create', 'dispatch']);
    // the 10-minute response clock (the function's clock runs on from the fake start during the call)
    expect(doc.nextDueAt - Date.parse('2026-11-17T09:10:00+08:00')).toBeGreaterThanOrEqual(0);
    expect(doc.nextDueAt - Date.parse('2026-11-17T09:10:00+08:00')).toBeLessThan(5000);
    const outbox = t.cloud.outbox().filter((m) => m.touser === dev('staff-maoxiaojia'));
    expect(outbox.length).toBeGreaterThan(0);
  });

  test('re-sending the same report creates nothing new', async () => {
    const payload = { clientToken: 'tok-dup-1', categoryCode: 'garbage', description: '小区门口垃圾堆了好几天没人清理', photos: [], communityId: 'comm-wufeng' };
    const a = await t.ok('oCitizenB', 'case.report', payload);
    const b = await t.ok('oCitizenB', 'case.report', payload);
    expect(b).toMatchObject({ caseId: a.caseId, replayed: true });
    expect(t.cloud.store.count('cases', { 'reporter.openid': 'oCitizenB' })).toBe(1);
  });

  test('suggests the category from the text when the citizen leaves it open', async () => {
    const res = await t.ok('oCitizenC', 'case.report', { clientToken: 'tok-s', description: '楼下烧烤店油烟太大，熏得窗户都不敢开', photos: [], communityId: 'comm-wufeng' });
    expect(res).toMatchObject({ suggested: true, categoryCode: 'fumes' });
  });

  test('accept: two handlers of one street accepting one order — exactly one wins', async () => {
    const r = await t.ok('oCitizenD', 'case.report', { clientToken: 'tok-acc', categoryCode: 'road', description: '五凤山脚下的路面塌了一个大坑', photos: [], location: { point: { type: 'Point', coordinates: [119.2830, 26.1080] }, address: '五凤街道梅峰路' } });
    const [a, b] = await Promise.all([
      t.api(dev('staff-maoxiaojia'), 'case.accept', { caseId: r.caseId }),
      t.api(dev('staff-wufeng-handler-2'), 'case.accept', { caseId: r.caseId }),
    ]);
    const codes = [a.code, b.code];
    expect(codes.filter((c) => c === 0)).toHaveLength(1);
    expect(codes.find((c) => c !== 0)).toBe('EVENT_NOT_ALLOWED');
    const [doc] = t.cloud.store.find('cases', { _id: r.caseId }) as Array<{ state: string; log: Array<{ event: string }> }>;
    expect(doc.state).toBe('accepted');
    expect(doc.log.filter((l: { event: string }) => l.event === 'accept')).toHaveLength(1);
  });

  test('a second report of the same problem at the same place is linked to the open case, not lost', async () => {
    const first = await t.ok('oCitizenE', 'case.report', { clientToken: 'tok-w1', categoryCode: 'waterlogging', description: '杨桥路口积水很深，车都过不去', photos: [], location: { point: { type: 'Point', coordinates: [119.2900, 26.0850] }, address: '杨桥路口' } });
    const second = await t.ok('oCitizenF', 'case.report', { clientToken: 'tok-w2', categoryCode: 'waterlogging', description: '杨桥路这边路口积水严重', photos: [], location: { point: { type: 'Point', coordinates: [119.2902, 26.0851] }, address: '杨桥路' } });
    expect(second).toMatchObject({ state: 'duplicate', duplicateOf: first.caseId });
    const [master] = t.cloud.store.find('cases', { _id: first.caseId });
    expect(master.duplicates).toEqual([second.caseId]);
    expect(master.state).toBe('dispatched');
  });

  test('a handler of another street may not accept', async () => {
    const r = await t.ok('oCitizenG', 'case.report', { clientToken: 'tok-x', categoryCode: 'ads', description: '电线杆上贴满了小广告', photos: [], location: { point: { type: 'Point', coordinates: [119.2830, 26.1085] }, address: '五凤街道' } });
    const res = await t.api(dev('staff-gudong-handler-1'), 'case.accept', { caseId: r.caseId });
    expect(res).toMatchObject({ code: 'RELATION_FORBIDDEN' });
    const mine = await t.api(dev('staff-maoxiaojia'), 'case.accept', { caseId: r.caseId });
    expect(mine.code).toBe(0);
  });
});

describe('case.report under a burst (the bench does 10 000: `npm run bench -- targets`)', () => {
  test('300 concurrent submits — 250 citizens, 50 of them sending theirs twice at once — no INTERNAL, each report filed exactly once', async () => {
    const before = t.cloud.store.count('cases', {});
    const payload = (i: number) => ({ clientToken: `burst-${i}`, categoryCode: 'lamp', description: `五凤街道第${i}处路灯不亮，晚上很黑`, photos: [], communityId: 'comm-wufeng' });
    const sends = [...Array.from({ length: 250 }, (_, i) => i), ...Array.from({ length: 50 }, (_, i) => i * 5)];
    const answers = await Promise.all(sends.map((i) => t.api(`oBurst${i}`, 'case.report', payload(i))));
    const codes = new Map<string | number, number>();
    for (const a of answers) codes.set(a.code, (codes.get(a.code) ?? 0) + 1);
    expect(Object.fromEntries(codes)).toEqual({ 0: 300 });
    // a citizen's two sends answer with one case
    const byCitizen = new Map<number, Set<string>>();
    answers.forEach((a, k) => {
      const ids = byCitizen.get(sends[k]) ?? new Set<string>();
      ids.add((a as { data: { caseId: string } }).data.caseId);
      byCitizen.set(sends[k], ids);
    });
    expect([...byCitizen.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(answers.filter((a) => (a as { data: { replayed: boolean } }).data.replayed)).toHaveLength(50);
    expect(t.cloud.store.count('cases', {}) - before).toBe(250);
  });
});
