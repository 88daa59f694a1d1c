/** Who acts. Identity comes from the WeChat context on the server; the domain only sees this profile. */
export type Role =
  | 'citizen' // 群众
  | 'handler' // 街镇一线处置员
  | 'community' // 社区工作人员
  | 'dept' // 部门经办人
  | 'deptLeader' // 部门分管/主责领导
  | 'leader' // 巡查轮值领导 (street or district)
  | 'command' // 指挥中心
  | 'admin' // 管理员
  | 'system'; // timers, channel adapters

export const ROLES: readonly Role[] = ['citizen', 'handler', 'community', 'dept', 'deptLeader', 'leader', 'command', 'admin', 'system'];

export const ROLE_LABELS: Record<Role, string> = {
  citizen: '群众',
  handler: '一线处置员',
  community: '社区工作人员',
  dept: '部门经办人',
  deptLeader: '部门领导',
  leader: '巡查轮值领导',
  command: '指挥中心',
  admin: '管理员',
  system: '系统',
};

/**
 * The acting person as the server resolved it (openid → staff record). A person may hold several roles;
 * the domain picks the first role the rule permits and records it in the log.
 */
export interface Actor {
  /** staff id, or the openid for citizens, or 'system' */
  id: string;
  name?: string;
  roles: readonly Role[];
  openid?: string;
  /** street/town the staff member belongs to (handlers, community workers, street leaders) */
  streetId?: string;
  communityId?: string;
  /** department the staff member belongs to (dept officers and leaders) */
  deptId?: string;
  /** on the patrol rota right now (两级巡查轮值); the server computes it from the rota data */
  onDuty?: boolean;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: '系统', roles: ['system'] };
