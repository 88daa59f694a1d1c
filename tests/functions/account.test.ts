import { startTestCloud, type TestCloud } from './harness';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud();
  await t.cloud.store.insert('staff', [
    { _id: 'staff-a', name: '毛晓嘉', roles: ['handler'], streetId: 'street-wufeng', unitName: '五凤街道', inviteCode: 'WF2026A1' },
    { _id: 'staff-b', name: '郑净', roles: ['command'], unitName: '智慧鼓楼服务中心', openid: 'oCommand' },
  ]);
});
afterAll(() => t.stop());

describe('whoami', () => {
  test('a WeChat user with no staff record is a citizen', async () => {
    const me = await t.ok('oCitizen1', 'whoami');
    expect(me).toMatchObject({ openid: 'oCitizen1', roles: ['citizen'], staffId: null });
  });

  test('identity comes from the WeChat context, never from the payload', async () => {
    const me = await t.ok('oCitizen1', 'whoami', {});
    expect(me.openid).toBe('oCitizen1');
    const spoof = await t.api('oCitizen1', 'whoami', { openid: 'oCommand' });
    // unknown keys are stripped; the caller is still the citizen
    expect(spoof).toMatchObject({ code: 0, data: { openid: 'oCitizen1', roles: ['citizen'] } });
  });

  test('a bound staff member has their roles', async () => {
    const me = await t.ok('oCommand', 'whoami');
    expect(me).toMatchObject({ roles: ['citizen', 'command'], name: '郑净', unitName: '智慧鼓楼服务中心' });
  });
});

describe('envelope', () => {
  test('unknown action', async () => {
    expect(await t.api('oX', 'nope')).toEqual({ code: 'UNKNOWN_ACTION', message: '不支持的操作：nope' });
  });
  test('bad input names the field in Chinese', async () => {
    const res = await t.api('oX', 'account.bindInvite', { inviteCode: 'bad code' });
    expect(res.code).toBe('INVALID_INPUT');
    expect((res as { message: string }).message).toContain('邀请码格式不正确');
  });
});

describe('account.bindInvite', () => {
  test('wrong code', async () => {
    expect((await t.api('oNew', 'account.bindInvite', { inviteCode: 'NOPE1234' })).code).toBe('INVITE_NOT_FOUND');
  });

  test('two people racing for one code: exactly one wins', async () => {
    const [a, b] = await Promise.all([
      t.api('oRacer1', 'account.bindInvite', { inviteCode: 'WF2026A1' }),
      t.api('oRacer2', 'account.bindInvite', { inviteCode: 'WF2026A1' }),
    ]);
    const codes = [a.code, b.code].sort();
    expect(codes[0]).toBe(0);
    expect(['INVITE_USED', 'INVITE_NOT_FOUND']).toContain(codes[1]);
    const winner = a.code === 0 ? 'oRacer1' : 'oRacer2';
    expect(await t.ok(winner, 'whoami')).toMatchObject({ staffId: 'staff-a', roles: ['citizen', 'handler'] });
    const [doc] = await t.cloud.store.find('staff', { _id: 'staff-a' });
    expect(doc.openid).toBe(winner);
    expect(doc.inviteCode).toBeUndefined();
  });

  test('an account already bound cannot bind again', async () => {
    expect((await t.api('oCommand', 'account.bindInvite', { inviteCode: 'ABCDEF12' })).code).toBe('ALREADY_BOUND');
  });
});
