/**
 * Shapes of the `api` function's answers that the staff modes read (see the action catalogue).
 * Type-only: importing this file adds nothing to a bundle.
 */
import type { CaseRecord } from '@domain/case/case.types'
import type { CaseEventType } from '@domain/case/case.events'
import type { CallRecord } from '@domain/call/call.types'
import type { CallEventType } from '@domain/call/call.machine'
import type { LogEntry } from '@domain/shared/effect.types'

export type { LogEntry }

export interface CaseSummary {
  id: string
  categoryCode: string
  categoryName: string
  description: string
  photo?: string
  stateLabel: string
  stateKind: 'open' | 'closed'
  state: string
  createdAt: number
  updatedAt: number
  streetName?: string
  deadline?: number
  respondBy?: number
  assignBy?: number
  hard: boolean
  overdue: boolean
  latest?: { what: string; at: number }
}

export type CaseView = CaseRecord & {
  stateLabel: string
  stateKind: 'open' | 'closed'
  categoryName: string
  streetName?: string
  communityName?: string
  deptNames: string[]
  available: CaseEventType[]
}

export type CallView = CallRecord & {
  stateLabel: string
  deptName: string
  available: CallEventType[]
}

export interface CaseDetail {
  case: CaseView
  calls: CallView[]
  log: LogEntry[]
}

export type InboxTab = 'todo' | 'doing' | 'done' | 'all'

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
  nextCursor: number | null
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

export interface BootstrapDept {
  _id: string
  name: string
  fullName?: string
  kind?: string
  parentId?: string
}

export interface BootstrapCityUnit {
  _id: string
  name: string
  counterpartDeptId?: string
}

export interface Bootstrap {
  categories: { code: string; name: string; class?: string; deadlineMinutes?: number; gridItem?: boolean }[]
  streets: { _id: string; name: string; kind?: string; centre?: [number, number] }[]
  communities: { _id: string; name: string; streetId: string; centre?: [number, number] }[]
  departments: BootstrapDept[]
  cityUnits: BootstrapCityUnit[]
  templates: Record<string, string>
  checkIn?: { radiusM: number; earlyMin: number; lateMin: number; absentAfterMin: number }
  sla?: { respondMin: number; assignMin: number }
}

export type DeptCallTab = 'todo' | 'done' | 'all'

export type DeptCallItem = CallView & { caseSummary: CaseSummary }

export interface DeptCallPage {
  items: DeptCallItem[]
  counts: Record<string, number>
  nextCursor: number | null
}

export interface CallDetail {
  call: CallView
  case: CaseView
  group: CallView[]
}
