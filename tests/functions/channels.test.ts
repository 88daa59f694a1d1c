/**
 * Channel intake by operators (`case.channelIntake`) and the grid platform's results (`case.forwardResult`),
 * through the api function on the real SDK against local/.
 */
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud(Date.parse('2026-11-17T09:00:00+08:00'));
  seedOrg(t.cloud);
});
afterAll(() => t.stop());

const OPERATOR = dev('staff-zhzx-operator-1');
const zuohaiNorthGate = { point: { type: 'Point' as const, coordinates: [119.283, 26.104] as [number, number] }, address: '左海公园北门至左海家具城路段' };
const caseDoc = (id: string) => t.cloud.store.find('cases', { _id: id })[0] as any;

describe('case.channelIntake (12345 operator)', () => {
  const story4 = {
    channel: 'hotline12345',
    channelRef: '12345-20261117-0088',
    categoryCode: 'lamp',
    description: '左海公园北门到左海家具城路段没有路灯，反映十多天没人管，涉及6个单位',
    location: zuohaiNorthGate,
    contactName: '王先生',
    phone: '13800000000',
    hard: true,
  };

  test('story 4: 12345 transfers a hard case — routed to 五凤街道 by territory and flagged hard automatically', async () => {
    const res = await t.ok(OPERATOR, 'case.channelIntake', story4);
    expect(res).toMatchObject({ state: 'dispatched', categoryCode: 'lamp', replayed: false, suggested: false });
    const doc = caseDoc(res.caseId);
    expect(doc).toMatchObject({ channel: 'hotline12345', channelRef: '12345-20261117-0088', streetId: 'street-wufeng', channelId: 'ch-12345', intakeKey: 'ch-12345:12345-20261117-0088' });
    expect(doc.reporter).toEqual({ name: '王先生', phone: '13800000000' });
    expect(doc.flags.hard).toMatchObject({ auto: 'channel', by: 'system', reason: expect.stringContaining('来源渠道标记为疑难件') });
    expect(doc.log.map((l: any) => [l.event, l.role])).toEqual([['create', 'command'], ['dispatch', 'system'], ['autoFlagHard', 'system']]);
    expect(doc.log[0]).toMatchObject({ by: { id: 'staff-zhzx-operator-1' }, what: '受理（12345热线 12345-20261117-0088）' });
    const tpl = t.cloud.outbox().filter((m) => JSON.stringify(m.data).includes(res.caseId)).map((m) => m.templateId);
    expect(tpl).toEqual(expect.arrayContaining(['LOCAL-newOrder', 'LOCAL-hardCase']));
  });

  test('entering the same 12345 reference again creates nothing new', async () => {
    const before = t.cloud.store.count('cases', {});
    const again = await t.ok(OPERATOR, 'case.channelIntake', { ...story4, description: '同一工单再次录入' });
    expect(again.replayed).toBe(true);
    expect(t.cloud.store.count('cases', {})).toBe(before);
    expect(t.cloud.store.count('cases', { channelRef: '12345-20261117-0088' })).toBe(1);
  });

  test('the same reference on another channel is another case', async () => {
    const res = await t.ok(dev('staff-admin'), 'case.channelIntake', { ...story4, channel: 'dcm', hard: undefined, location: undefined, communityId: 'comm-zuohai' });
    expect(res.replayed).toBe(false);
    expect(caseDoc(res.caseId)).toMatchObject({ channel: 'dcm', streetId: 'street-wufeng' });
    expect(caseDoc(res.caseId).flags.hard).toBeUndefined();
  });

  test('each partner unit is its own channel: named by channelId, a shared reference is two cases, the bare kind is refused', async () => {
    const entry = { channelRef: 'PARTNER-REF-7', categoryCode: 'lamp', description: '合作单位转来：路灯不亮', communityId: 'comm-meifeng' };
    const sw = await t.ok(OPERATOR, 'case.channelIntake', { ...entry, channelId: 'ch-partner-swjt' });
    const gd = await t.ok(OPERATOR, 'case.channelIntake', { ...entry, channelId: 'ch-partner-gdgs', channel: 'partner' });
    expect(gd.caseId).not.toBe(sw.caseId);
    expect(caseDoc(sw.caseId)).toMatchObject({ channel: 'partner', channelId: 'ch-partner-swjt', intakeKey: 'ch-partner-swjt:PARTNER-REF-7' });
    expect(caseDoc(gd.caseId)).toMatchObject({ channel: 'partner', channelId: 'ch-partner-gdgs', intakeKey: 'ch-partner-gdgs:PARTNER-REF-7' });
    expect(await t.ok(OPERATOR, 'case.channelIntake', { ...entry, channelId: 'ch-partner-gdgs' })).toMatchObject({ caseId: gd.caseId, replayed: true });
    const before = t.cloud.store.count('cases', {});
    expect(await t.api(OPERATOR, 'case.channelIntake', { ...entry, channel: 'partner', channelRef: 'PARTNER-REF-8' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('请指定具体渠道') });
    expect(await t.api(OPERATOR, 'case.channelIntake', { ...entry, channelId: 'ch-nope' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('ch-nope') });
    expect(await t.api(OPERATOR, 'case.channelIntake', { ...entry, channelId: 'ch-partner-swjt', channel: 'dcm' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(t.cloud.store.count('cases', {})).toBe(before);
  });

  test('only the command centre and administrators enter channel cases', async () => {
    for (const who of ['oCitizenX', dev('staff-maoxiaojia'), dev('staff-cgj-szs-officer')]) {
      const res = await t.api(who, 'case.channelIntake', { ...story4, channelRef: 'R-forbidden' });
      expect(res).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(t.cloud.store.count('cases', { channelRef: 'R-forbidden' })).toBe(0);
  });

  test('bad input names the field; the mini-program is not a channel here', async () => {
    const missing = await t.api(OPERATOR, 'case.channelIntake', { ...story4, channelRef: undefined });
    expect(missing).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('channelRef') });
    const miniapp = await t.api(OPERATOR, 'case.channelIntake', { ...story4, channel: 'miniapp', channelRef: 'R-x' });
    expect(miniapp).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('来源渠道不正确') });
  });
});

describe('case.forwardResult (grid platform reports back)', () => {
  async function gridCase(ref: string): Promise<string> {
    const res = await t.ok(OPERATOR, 'case.channelIntake', { channel: 'hotline12345', channelRef: ref, categoryCode: 'corridor', description: '楼道里堆满了杂物，影响消防通道', communityId: 'comm-meifeng' });
    expect(res.state).toBe('forwarded');
    return res.caseId;
  }

  test('resolved: the case waits for 核查 with the platform’s result', async () => {
    const id = await gridCase('12345-grid-1');
    const view = await t.ok(OPERATOR, 'case.forwardResult', { forwardRef: id, outcome: 'resolved', result: '网格员已督促清理完毕', photos: ['https://grid.example.cn/p/1.jpg'] });
    expect(view).toMatchObject({ id, state: 'resolved', stateLabel: '待核查' });
    const doc = caseDoc(id);
    expect(doc.resolution).toMatchObject({ result: '网格员已督促清理完毕', source: 'grid', photos: ['https://grid.example.cn/p/1.jpg'] });
    expect(doc.log.at(-1)).toMatchObject({ event: 'forwardResult', role: 'command', by: { id: 'staff-zhzx-operator-1' } });
  });

  test('rejected: back to the command centre’s triage; a second report on it is refused', async () => {
    const id = await gridCase('12345-grid-2');
    const view = await t.ok(OPERATOR, 'case.forwardResult', { forwardRef: id, outcome: 'rejected', result: '不属于网格事项' });
    expect(view.state).toBe('triage');
    const again = await t.api(OPERATOR, 'case.forwardResult', { forwardRef: id, outcome: 'resolved', result: '重复反馈' });
    expect(again).toMatchObject({ code: 'NOT_FOUND' });
  });

  test('a reference nobody knows is NOT_FOUND; street handlers may not report for the platform', async () => {
    expect(await t.api(OPERATOR, 'case.forwardResult', { forwardRef: 'GRID-NOPE', outcome: 'resolved', result: 'x' })).toMatchObject({ code: 'NOT_FOUND' });
    const id = await gridCase('12345-grid-3');
    expect(await t.api(dev('staff-maoxiaojia'), 'case.forwardResult', { forwardRef: id, outcome: 'resolved', result: '办好了' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(caseDoc(id).state).toBe('forwarded');
  });

  test('a pure administrator is refused by the role check, as the lifecycle table allows only the command centre', async () => {
    const admin = t.cloud.store.find('staff', { _id: 'staff-admin' })[0] as any;
    t.cloud.store.insert('staff', [{ ...admin, _id: 'staff-admin-only', roles: ['admin'], openid: 'dev-staff-admin-only', inviteCode: 'GL-ADMIN-ONLY' }] as never);
    const id = await gridCase('12345-grid-4');
    const res = await t.api('dev-staff-admin-only', 'case.forwardResult', { forwardRef: id, outcome: 'resolved', result: '办好了' });
    expect(res).toMatchObject({ code: 'FORBIDDEN', message: '您没有权限进行此操作' });
    expect(caseDoc(id)).toMatchObject({ state: 'forwarded', version: caseDoc(id).version });
    expect(caseDoc(id).log.map((l: any) => l.event)).not.toContain('forwardResult');
  });
});
