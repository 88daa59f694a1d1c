/**
 * Staff records and WeChat binding. A person binds their WeChat by typing an invite code the administrator
 * hands them (`account.bindInvite`); the openid is never set by an administrator. Codes: 8 × [A-Z0-9], unique.
 */
import type { Staff } from '@domain/org/org-types';
import { checkStaffPlacement } from '@domain/org/staff-rules';
import type { StaffSaveInput } from '@domain/org/org-schema';
import { implement } from '../../../common/actions';
import { contract } from '@domain/contract';
import { containing, ops } from '../../../common/repos/filters';
import type { Caller } from '../../../common/identity';
import type { Org } from '../../../common/org';
import { AppError, Errors } from '../../../common/errors';
import { countStaff, findStaff, staffPage } from '../../../common/repos/staff';
import { freshOrg, invalid, newId, newInviteCode, writeAudited } from './common';

type StoredStaff = Omit<Staff, 'inviteCode'> & { inviteCode?: string; unitName?: string };

/** What the screens see: never the openid; the invite code only for administrators and unbound staff. */
export interface StaffView extends Omit<StoredStaff, 'openid' | 'inviteCode'> {
  bound: boolean;
  inviteCode?: string;
}

export function staffView(s: StoredStaff, caller: Caller): StaffView {
  const { openid, inviteCode, ...rest } = s;
  const view: StaffView = { ...rest, bound: !!openid };
  if (!openid && inviteCode && caller.roles.includes('admin')) view.inviteCode = inviteCode;
  return view;
}

function unitNameOf(org: Org, s: { title?: string; deptId?: string; streetId?: string }): string {
  if (s.title) return s.title;
  const id = s.deptId ?? s.streetId;
  return (id && (org.byId.dept.get(id)?.fullName ?? org.byId.cityUnit.get(id)?.name ?? org.byId.street.get(id)?.name)) || '鼓楼区';
}

/** Checks the ids exist and fit the roles; fills streetId from the community. */
function validateStaff(org: Org, input: StaffSaveInput): StaffSaveInput {
  const { placement, problems } = checkStaffPlacement(input, {
    community: (id) => org.byId.community.get(id),
    hasStreet: (id) => org.byId.street.has(id),
    hasDept: (id) => org.byId.dept.has(id) || org.byId.cityUnit.has(id),
  });
  if (problems.length) throw invalid(problems[0].reason, problems[0].field);
  return placement;
}

const STAFF_PAGE = 100;

export const staffList = implement(contract['admin.staff.list'], {
  async handler(input, { caller }) {
    const _ = ops();
    const where: Record<string, unknown> = {};
    if (input.deptId) where.deptId = input.deptId;
    if (input.streetId) where.streetId = input.streetId;
    if (input.role) where.roles = input.role;
    const q = input.q?.trim();
    const filter = q
      ? (_.and([where, _.or([{ name: containing(q) }, { unitName: containing(q) }])]) as Record<string, unknown>)
      : where;
    // keyset pages by _id: the directory is thousands of people at district scale
    const [page, total] = await Promise.all([staffPage<StoredStaff>(filter, input.cursor, STAFF_PAGE), countStaff(filter)]);
    return { items: page.items.map((s) => staffView(s, caller)), nextCursor: page.nextCursor, total };
  },
});

export const staffSave = implement(contract['admin.staff.save'], {
  async handler(raw, { caller, clock }) {
    const org = await freshOrg();
    const input = validateStaff(org, raw);
    const existing = input._id ? await findStaff<StoredStaff>(input._id) : null;
    if (input._id && !existing) throw Errors.notFound('人员');
    if (existing && existing._id === caller.staff?._id && !input.roles.includes('admin')) {
      throw new AppError('FORBIDDEN', '不能取消自己的管理员角色，请由其他管理员操作');
    }
    const id = existing?._id ?? newId('staff');
    const bound = !!existing?.openid;
    const inviteCode = bound ? null : await newInviteCode();
    const doc: Record<string, unknown> = { name: input.name, roles: input.roles, phone: input.phone };
    for (const k of ['streetId', 'communityId', 'deptId', 'post', 'title'] as const) if (input[k]) doc[k] = input[k];
    doc.unitName = unitNameOf(org, input);
    if (existing?.openid) doc.openid = existing.openid;
    if (inviteCode) doc.inviteCode = inviteCode;
    await writeAudited(caller, 'admin.staff.save', existing ? `修改人员「${input.name}」` : `新增人员「${input.name}」`, [{ coll: 'staff', id, after: doc }], clock.now());
    const saved = { _id: id, ...doc } as StoredStaff;
    return { staff: staffView(saved, caller), inviteCode };
  },
});

async function loadStaff(staffId: string): Promise<StoredStaff> {
  const s = await findStaff<StoredStaff>(staffId);
  if (!s) throw Errors.notFound('人员');
  return s;
}

export const staffInvite = implement(contract['admin.staff.invite'], {
  async handler({ staffId }, { caller, clock }) {
    const s = await loadStaff(staffId);
    if (s.openid) throw new AppError('ALREADY_BOUND', `「${s.name}」已绑定微信，如需更换请先解除绑定`);
    const inviteCode = await newInviteCode();
    const { _id, ...rest } = s;
    await writeAudited(caller, 'admin.staff.invite', `为「${s.name}」签发新邀请码`, [{ coll: 'staff', id: _id, after: { ...rest, inviteCode } }], clock.now());
    return { inviteCode };
  },
});

export const staffUnbind = implement(contract['admin.staff.unbind'], {
  async handler({ staffId }, { caller, clock }) {
    const s = await loadStaff(staffId);
    if (!s.openid) throw new AppError('NOT_BOUND', `「${s.name}」尚未绑定微信`);
    if (s._id === caller.staff?._id) throw new AppError('FORBIDDEN', '不能解除自己的绑定，请由其他管理员操作');
    const inviteCode = await newInviteCode();
    const { _id, openid, ...rest } = s;
    void openid;
    await writeAudited(caller, 'admin.staff.unbind', `解除「${s.name}」的微信绑定`, [{ coll: 'staff', id: _id, after: { ...rest, inviteCode } }], clock.now());
    return { staff: staffView({ ...s, openid: undefined, inviteCode }, caller), inviteCode };
  },
});
