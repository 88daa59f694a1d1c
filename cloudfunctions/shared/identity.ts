/**
 * Who is calling: only WeChat's context says so (OPENID), mapped to a staff record bound by an invite code.
 * Everyone with an openid is at least a citizen.
 */
import { sdk, database } from './sdk';
import { Errors } from './errors';

export type Role = 'citizen' | 'handler' | 'community' | 'dept' | 'deptLeader' | 'leader' | 'command' | 'admin';

export interface StaffRecord {
  _id: string;
  name: string;
  roles: Role[];
  openid?: string;
  streetId?: string;
  communityId?: string;
  deptId?: string;
  post?: 'officer' | 'deputy' | 'chief';
  unitName?: string;
}

export interface Caller {
  openid: string;
  roles: Role[];
  staff: StaffRecord | null;
}

export async function resolveCaller(): Promise<Caller> {
  const { OPENID } = sdk().getWXContext();
  if (!OPENID) throw Errors.unauthenticated();
  const res = await database().collection('staff').where({ openid: OPENID }).limit(1).get();
  const staff = (res.data[0] as StaffRecord | undefined) ?? null;
  const roles: Role[] = ['citizen', ...((staff?.roles ?? []).filter((r) => r !== 'citizen'))];
  return { openid: OPENID, roles, staff };
}
