/** Department call list: how calls fall into the three tabs (pure). */
import type { DeptCallItem } from '@/handler/lib/api.types'

export type DeptTab = 'respond' | 'checkin' | 'done'

export const DEPT_TABS: { key: DeptTab; label: string }[] = [
  { key: 'respond', label: '待响应' },
  { key: 'checkin', label: '待报到' },
  { key: 'done', label: '已完成' },
]

/**
 * 待响应 = created; 待报到 = acknowledged; everything else is past the check-in step:
 * open ones (checked in / absent / waiting for the rating) and closed ones (rated, cancelled) are 已完成.
 * The server's `call.mine` tab 'todo' holds the open calls and 'done' the closed ones.
 */
export function deptTabOf(call: Pick<DeptCallItem, 'state'>): DeptTab {
  if (call.state === 'created') return 'respond'
  if (call.state === 'acknowledged') return 'checkin'
  return 'done'
}

export function splitByTab(items: DeptCallItem[]): Record<DeptTab, DeptCallItem[]> {
  const out: Record<DeptTab, DeptCallItem[]> = { respond: [], checkin: [], done: [] }
  for (const item of items) out[deptTabOf(item)].push(item)
  // soonest meeting first while it still matters; latest first once done
  out.respond.sort((a, b) => a.meetAt - b.meetAt)
  out.checkin.sort((a, b) => a.meetAt - b.meetAt)
  out.done.sort((a, b) => b.updatedAt - a.updatedAt)
  return out
}
