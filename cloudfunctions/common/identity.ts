/**
 * Who is calling: only WeChat's context says so (OPENID), mapped to a staff record bound by an invite code.
 * Everyone with an openid is at least a citizen. The domain sees an `Actor`.
 */
import type { Actor, Role } from '@domain/common/actor-types';
import type { Staff } from '@domain/org/org-types';
import { onDutyLeaders } from '@domain/org/rota';
import { sdk } from './sdk';
import { staffByOpenid } from './repos/staff';
import { Errors } from './errors';
import type { Org } from './org';

export type { Role };
export type StaffRecord = Staff & { unitName?: string };

export interface Caller {
  openid: string;
  roles: Role[];
  staff: StaffRecord | null;
}

/** The caller's openid from WeChat's context (never from the payload); none: UNAUTHENTICATED. */
export function callerOpenid(): string {
  const { OPENID } = sdk().getWXContext();
  if (!OPENID) throw Errors.unauthenticated();
  return OPENID;
}

/** The caller: `openid` (from `callerOpenid()`) with their staff record and roles, looked up afresh. */
export async function resolveCaller(OPENID: string = callerOpenid()): Promise<Caller> {
  const staff = await staffByOpenid<StaffRecord>(OPENID);
  const roles: Role[] = ['citizen', ...(staff?.roles ?? []).filter((r: Role) => r !== 'citizen' && r !== 'system')];
  return { openid: OPENID, roles, staff };
}

/** The caller as the domain sees them; `onDuty` from the patrol rota at `now`. */
export function actorOf(caller: Caller, org: Org, now: number, caseStreetId?: string): Actor {
  const s = caller.staff;
  if (!s) return { id: caller.openid, roles: caller.roles, openid: caller.openid };
  const duty = caller.roles.includes('leader') ? onDutyLeaders(org.rota, caseStreetId ?? s.streetId, now).staffIds.includes(s._id) : false;
  return {
    id: s._id,
    name: s.name,
    roles: caller.roles,
    openid: caller.openid,
    streetId: s.streetId,
    communityId: s.communityId,
    deptId: s.deptId,
    onDuty: duty,
  };
}
