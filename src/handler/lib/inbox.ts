/** What the handler inbox shows for each case: tabs, clocks and badges (pure, testable). */
import { MINUTE_MS } from '@domain/common/business-time'
import { INBOX_LIST_LABELS } from '@domain/case/case-lists'
import type { CaseSummary, InboxCounts, InboxTab } from '@domain/contract'

export const INBOX_TABS: { key: 'todo' | 'doing' | 'done'; label: string }[] = [
  { key: 'todo', label: INBOX_LIST_LABELS.todo },
  { key: 'doing', label: INBOX_LIST_LABELS.doing },
  { key: 'done', label: INBOX_LIST_LABELS.done },
]

/** The counters above the tabs; each is a filter of the open cases (`@domain/case/case-lists`). */
export const INBOX_FILTERS: { key: 'overdue' | 'hard'; label: string }[] = [
  { key: 'overdue', label: INBOX_LIST_LABELS.overdue },
  { key: 'hard', label: INBOX_LIST_LABELS.hard },
]

/** The count shown on a tab, or undefined when the server does not report it (已办结 has no count today). */
export function tabCount(counts: InboxCounts | undefined, tab: Exclude<InboxTab, 'all'>): number | undefined {
  if (!counts) return undefined
  return counts[tab]
}

export interface ClockLine {
  key: 'respond' | 'assign' | 'deadline'
  label: string
  deadline: number
  /** start of the window, for the 20% warning */
  start?: number
}

export interface SlaMinutes {
  respondMin: number
  assignMin: number
}

export const DEFAULT_SLA_MINUTES: SlaMinutes = { respondMin: 10, assignMin: 60 }

/**
 * Clocks worth watching for a case: 签收 (10 min) while waiting for 签收, 分派 (1 h from dispatch) until a
 * named handler has it, and the handling deadline while open. Both SLA marks count from dispatch.
 */
export function clockLines(item: CaseSummary, sla: SlaMinutes = DEFAULT_SLA_MINUTES): ClockLine[] {
  if (item.stateKind !== 'open') return []
  const lines: ClockLine[] = []
  if (item.state === 'dispatched' && item.respondBy) {
    lines.push({ key: 'respond', label: '签收', deadline: item.respondBy, start: item.respondBy - sla.respondMin * MINUTE_MS })
  }
  if ((item.state === 'dispatched' || item.state === 'accepted') && item.assignBy) {
    lines.push({ key: 'assign', label: '分派', deadline: item.assignBy, start: item.assignBy - sla.assignMin * MINUTE_MS })
  }
  if (item.deadline && item.state !== 'resolved') {
    lines.push({ key: 'deadline', label: '办理期限', deadline: item.deadline, start: item.createdAt })
  }
  return lines
}

export interface Badge {
  label: string
  kind: 'open' | 'closed' | 'warn' | 'danger'
}

/** State chip plus 疑难 / 逾期 badges. */
export function badges(item: CaseSummary): Badge[] {
  const out: Badge[] = [{ label: item.stateLabel, kind: item.stateKind === 'closed' ? 'closed' : 'open' }]
  if (item.hard) out.push({ label: '疑难件', kind: 'warn' })
  if (item.overdue) out.push({ label: '已逾期', kind: 'danger' })
  return out
}
