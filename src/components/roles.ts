import { ROLE_LABELS } from '@domain/common/actor-types'
/**
 * Role codes as the `whoami` action returns them, with the names people see: the domain's labels
 * (`@domain/common/actor-types`), the handler named in full on the 我的 page (the short form stays in the log).
 */
export const ROLE_NAMES: Record<string, string> = { ...ROLE_LABELS, handler: '街镇一线处置员' }

export function roleName(role: string): string {
  return ROLE_NAMES[role] ?? role
}

/** A role mode's workbench: a subpackage entry page. */
export interface Workbench {
  key: 'handler' | 'dept' | 'lead' | 'triage' | 'admin'
  title: string
  desc: string
  url: string
}

export const WORKBENCHES: Record<Workbench['key'], Workbench> = {
  handler: { key: 'handler', title: '一线处置工作台', desc: '签收派单、现场处置、发起一线呼叫', url: '/handler/inbox/index' },
  dept: { key: 'dept', title: '部门呼叫工作台', desc: '响应呼叫、现场报到、记录处置情况', url: '/dept/calls/index' },
  lead: { key: 'lead', title: '疑难件与指挥看板', desc: '查看疑难件、逾期件，研判并指定责任', url: '/lead/board/index' },
  triage: { key: 'triage', title: '指挥中心工作台', desc: '人工分派、退单改派、办结核查、内容审核', url: '/lead/triage/index' },
  admin: { key: 'admin', title: '管理后台', desc: '事项分类与时限、人员与邀请码、轮值排班、长效机制', url: '/admin/index/index' },
}

const ORDER: Workbench['key'][] = ['handler', 'dept', 'lead', 'triage', 'admin']

const ROLE_WORKBENCHES: Record<string, Workbench['key'][]> = {
  handler: ['handler'],
  community: ['handler'],
  dept: ['dept'],
  deptLeader: ['dept'],
  leader: ['lead'],
  command: ['lead', 'triage'],
  admin: ['handler', 'dept', 'lead', 'triage', 'admin'],
}

/** The workbenches a person may open, in a stable order, without repeats. */
export function workbenchesFor(roles: readonly string[]): Workbench[] {
  const keys = new Set<Workbench['key']>()
  for (const role of roles) for (const key of ROLE_WORKBENCHES[role] ?? []) keys.add(key)
  return ORDER.filter((k) => keys.has(k)).map((k) => WORKBENCHES[k])
}
