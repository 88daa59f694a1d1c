/**
 * Shapes of the `api` function's answers that the staff modes read (see the action catalogue).
 * Type-only: importing this file adds nothing to a bundle.
 */
import type { Bootstrap, CallView, CaseDetail, CaseSummary, CaseView } from '@/services/types'
import type { LogEntry } from '@domain/shared/effect.types'

// The shared app-side shapes (src/services/types.ts); this file adds what only the staff modes read.
export type { Bootstrap, CallView, CaseDetail, CaseSummary, CaseView, LogEntry }

export type InboxTab = 'todo' | 'doing' | 'done' | 'overdue' | 'hard' | 'all'

export interface InboxCounts {
  todo: number
  doing: number
  overdue: number
  hard: number
  /** not in the contract today; shown when the server sends it */
  done?: number
}

export interface InboxPage {
  items: CaseSummary[]
  counts: InboxCounts
  nextCursor: string | null
}

export interface StaffItem {
  _id: string
  name: string
  title?: string
  roles: string[]
  post?: string
  streetId?: string
  deptId?: string
}

export type DeptCallTab = 'todo' | 'done' | 'all'

export type DeptCallItem = CallView & { caseSummary: CaseSummary }

export interface DeptCallPage {
  items: DeptCallItem[]
  counts: Record<string, number>
  nextCursor: string | null
}

export interface CallDetail {
  call: CallView
  case: CaseView
  group: CallView[]
}

/** A row of the leaders' board (`lead.board`): a case summary and why it is hard. */
export type BoardCase = CaseSummary & { hardReason?: string; deptNames?: string[] }
