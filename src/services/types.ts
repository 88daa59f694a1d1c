/**
 * Shapes of the `api` function's answers as the app reads them (see the action catalogue). The domain
 * records come from `src/domain` (types only, nothing is bundled); these add what the server resolves
 * for display (labels, names, the events the caller may fire now).
 */
import type { CaseRecord, CaseState, StateKind } from '@domain/case/case.types'
import type { CaseEventType } from '@domain/case/case.events'
import type { CallRecord } from '@domain/call/call.types'
import type { CallEventType } from '@domain/call/call.machine'
import type { LogView, ReporterView } from '@domain/access/projection'

export interface BootstrapCategory {
  code: string
  name: string
  class?: string
  deadlineMinutes?: number
  gridItem?: boolean
}

export interface BootstrapStreet {
  _id: string
  name: string
  kind?: string
  centre?: [number, number]
}

export interface BootstrapCommunity {
  _id: string
  name: string
  streetId: string
  centre?: [number, number]
}

export interface BootstrapDepartment {
  _id: string
  name: string
  fullName?: string
  kind?: string
  parentId?: string
}

/** `meta.bootstrap`: reference data every page needs (cached for the session by services/meta). */
export interface Bootstrap {
  categories: BootstrapCategory[]
  streets: BootstrapStreet[]
  communities: BootstrapCommunity[]
  departments: BootstrapDepartment[]
  cityUnits: { _id: string; name: string; counterpartDeptId?: string }[]
  /** subscribe key (e.g. 'progress', 'resolvedRate') → WeChat template id */
  templates: Record<string, string>
  checkIn?: { radiusM: number; earlyMin: number; lateMin: number; absentAfterMin: number }
  sla?: { respondMin: number; assignMin: number }
}

/** One row of a case list (`case.mine`, `case.inbox`, boards). */
export interface CaseSummary {
  id: string
  categoryCode: string
  categoryName: string
  description: string
  photo?: string
  stateLabel: string
  stateKind: StateKind
  state: CaseState
  createdAt: number
  updatedAt: number
  streetName?: string
  deadline?: number
  respondBy?: number
  assignBy?: number
  hard: boolean
  overdue: boolean
  /** closed and not yet rated by its reporter: 待评价 */
  awaitsRating?: boolean
  latest?: { what: string; at: number }
}

export interface CasePage {
  items: CaseSummary[]
  nextCursor: string | null
}

/** A case as one caller may see it (the reporter as a pseudonym, see @domain/access/projection). */
export type CaseView = Omit<CaseRecord, 'reporter'> & {
  reporter: ReporterView
  stateLabel: string
  stateKind: StateKind
  categoryName: string
  streetName?: string
  communityName?: string
  deptNames: string[]
  available: CaseEventType[]
}

export type CallView = CallRecord & { stateLabel: string; deptName: string; available: CallEventType[] }

/** `case.get`. */
export interface CaseDetail {
  case: CaseView
  calls: CallView[]
  /** the merged audit trail, projected for the caller (`by.self`: the caller's own step) */
  log: LogView[]
}

/** `case.report`. */
export interface ReportResult {
  caseId: string
  state: CaseState
  categoryCode: string
  suggested: boolean
  duplicateOf?: string
  review?: 'review' | 'risky'
  replayed: boolean
}

/** One entry of `case.suggestCategory`. */
export interface CategorySuggestion {
  code: string
  name: string
  score: number
}
