/** Department call list: how calls fall into the three tabs (pure). */
import type { DeptCallItem } from '@/staff/api.types'

export type DeptTab = 'respond' | 'checkin' | 'done'

export const DEPT_TABS: { key: DeptTab; label: string }[] = [
  { key: 'respond', label: '待响应' },
  { key: 'checkin', label: '待报到' },
  { key: 'done', label: '已完成' },
]

/**
 * 待响应 = created; 待报到 = acknowledged, and checked in but the action not yet recorded (the on-site work
 * is not finished: "只报到不干事" must not hide in 已完成); 已完成 = absent, action recorded, rated, cancelled.
 * (The server's `call.mine` 'todo' = created/acknowledged/checkedIn, 'done' = the rest.)
 */
export function deptTabOf(call: Pick<DeptCallItem, 'state'>): DeptTab {
  if (call.state === 'created') return 'respond'
  if (call.state === 'acknowledged' || call.state === 'checkedIn') return 'checkin'
  return 'done'
}

/** A finished call the department still has to rate (呼叫准确/不准确). */
export const awaitsRating = (call: Pick<DeptCallItem, 'available'>): boolean => call.available.includes('rateByDept')

export function splitByTab(items: DeptCallItem[]): Record<DeptTab, DeptCallItem[]> {
  const out: Record<DeptTab, DeptCallItem[]> = { respond: [], checkin: [], done: [] }
  for (const item of items) out[deptTabOf(item)].push(item)
  // soonest meeting first while it still matters; latest first once done
  out.respond.sort((a, b) => a.meetAt - b.meetAt)
  out.checkin.sort((a, b) => a.meetAt - b.meetAt)
  out.done.sort((a, b) => b.updatedAt - a.updatedAt)
  return out
}
