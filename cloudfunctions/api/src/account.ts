/** Account actions: who am I, and binding a WeChat account to a staff record with an administrator's invite code. */
import { implement } from '../../common/actions';
import { contract } from '@domain/contract';
import { bindStaff, staffByInviteCode } from '../../common/repos/staff';
import { AppError } from '../../common/errors';
import type { StaffRecord } from '../../common/identity';
import { assertNotLockedOut, clearFailures, rateLimit, recordFailure } from '../../common/rate-limit';
import { uploadDirFor } from '../../common/uploads';

export const whoami = implement(contract['whoami'], {
  async handler(_input, { caller }) {
    return {
      openid: caller.openid,
      roles: caller.roles,
      staffId: caller.staff?._id ?? null,
      name: caller.staff?.name ?? null,
      unitName: caller.staff?.unitName ?? null,
      streetId: caller.staff?.streetId ?? null,
      deptId: caller.staff?.deptId ?? null,
      /** where this user's photos go: `<uploadDir>/<folder>/…` (only files there are accepted as their photos) */
      uploadDir: uploadDirFor(caller.openid),
    };
  },
});

export const bindInvite = implement(contract['account.bindInvite'], {
  async handler({ inviteCode }, { caller, clock }) {
    if (caller.staff) throw new AppError('ALREADY_BOUND', `您的微信已绑定为「${caller.staff.name}」，如需更换请联系管理员`);
    // guessing codes: a burst limit per openid, and after a few wrong codes a doubling lock-out
    await rateLimit('invite', caller.openid, clock.now());
    await assertNotLockedOut('invite', caller.openid, clock.now());
    const target = await staffByInviteCode<StaffRecord & { inviteCode?: string }>(inviteCode);
    if (!target) {
      await recordFailure('invite', caller.openid, clock.now());
      throw new AppError('INVITE_NOT_FOUND', '邀请码无效，请核对后重试');
    }
    // Bind inside a transaction so two people racing for one code cannot both win.
    const doc = await bindStaff<StaffRecord & { inviteCode?: string }>(target._id, inviteCode, caller.openid);
    const bound = doc ? { staffId: doc._id, name: doc.name, roles: doc.roles } : null;
    if (!bound) {
      await recordFailure('invite', caller.openid, clock.now());
      throw new AppError('INVITE_USED', '该邀请码已被使用');
    }
    await clearFailures('invite', caller.openid);
    return bound;
  },
});
