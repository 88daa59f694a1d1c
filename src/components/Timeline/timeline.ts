/** Turning the audit trail (LogEntry[], 呼叫全留痕) into timeline rows: pure, easy to test. */
import type { LogView } from '@domain/access/projection'
import { ROLE_LABELS, type Role } from '@domain/common/actor-types'
import { humanizeIds, type NameBook } from '@domain/common/format'

const NO_NAMES: NameBook = () => undefined

export type TimelineTone = 'brand' | 'done' | 'warn' | 'danger' | 'muted'

export interface TimelineItem {
  key: string
  /** what happened, in Chinese */
  title: string
  /** epoch ms */
  at: number
  /** who, e.g. 张晓明（一线处置员） */
  who?: string
  /** a second line: address, reason… */
  detail?: string
  tone?: TimelineTone
}

const DANGER = new Set(['markOverdue', 'return', 'closeInvalid', 'markAbsent', 'autoFlagHard', 'flagHard'])
const WARN = new Set(['extend', 'decideHard', 'reroute', 'sendToTriage', 'cancel'])
const DONE = new Set(['resolve', 'verify', 'rate', 'markDuplicate', 'forwardResult', 'rateByStreet', 'rateByDept'])

function toneOf(event: string): TimelineTone {
  if (DANGER.has(event)) return 'danger'
  if (WARN.has(event)) return 'warn'
  if (DONE.has(event)) return 'done'
  return 'brand'
}

/**
 * "张晓明（一线处置员）"; the system's own steps say 系统; citizens are shown as 群众 (the server sends a pseudonym,
 * never their openid), and the reporting citizen's own steps as 我.
 */
export function whoOf(entry: Pick<LogView, 'by' | 'role'>): string {
  const role = ROLE_LABELS[entry.role as Role] ?? ''
  if (entry.role === 'system') return '系统'
  if (entry.by.self) return '我'
  if (entry.role === 'citizen') return entry.by.name ? `${entry.by.name}（群众）` : '群众'
  const name = entry.by.name
  if (!name) return role
  return role ? `${name}（${role}）` : name
}

/**
 * Newest first, stable for equal times (later in the log = later). Texts never show an internal id: names from `book`
 * (the org data the page has), else a neutral label — the server already names them; this covers old lines.
 */
export function logToTimeline(log: readonly LogView[], book: NameBook = NO_NAMES): TimelineItem[] {
  return log
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.at - a.entry.at || b.index - a.index)
    .map(({ entry, index }) => ({
      key: `${entry.subject}-${entry.callId ?? entry.caseId}-${entry.version}-${entry.event}-${index}`,
      title: humanizeIds(entry.what, book),
      at: entry.at,
      who: whoOf(entry),
      detail: entry.where?.address,
      tone: toneOf(entry.event),
    }))
}
