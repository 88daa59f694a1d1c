/** Pure countdown arithmetic for <Countdown>, kept apart from React so it is easy to test. */
import { formatDuration } from '@domain/common/format'

export type CountdownTone = 'normal' | 'warn' | 'danger'

export interface CountdownState {
  text: string
  tone: CountdownTone
  overdue: boolean
}

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/** Without a known window start, warn when less than this is left. */
export const DEFAULT_WARN_WITHIN_MS = 30 * MINUTE

/** A span with units ("9分16秒", "11小时15分"): the one formatting module's. */
export const formatSpan = formatDuration

/**
 * The countdown at `now` for a deadline. Warn when less than 20% of the window (start → deadline)
 * is left, or, without a start, less than DEFAULT_WARN_WITHIN_MS; danger once overdue.
 */
export function countdownState(deadline: number, now: number, start?: number): CountdownState {
  const remaining = deadline - now
  if (remaining <= 0) {
    return { text: `已超时 ${formatSpan(-remaining)}`, tone: 'danger', overdue: true }
  }
  const warnWithin =
    start !== undefined && deadline > start ? (deadline - start) * 0.2 : DEFAULT_WARN_WITHIN_MS
  return {
    text: `剩余 ${formatSpan(remaining)}`,
    tone: remaining < warnWithin ? 'warn' : 'normal',
    overdue: false,
  }
}

/** How long to wait before the displayed text can change. */
export function tickInterval(deadline: number, now: number): number {
  const distance = Math.abs(deadline - now)
  return distance < HOUR ? SECOND : 15 * SECOND
}
