/** Pure countdown arithmetic for <Countdown>, kept apart from React so it is easy to test. */

export type CountdownTone = 'normal' | 'warn' | 'danger'

export interface CountdownState {
  text: string
  tone: CountdownTone
  overdue: boolean
}

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Without a known window start, warn when less than this is left. */
export const DEFAULT_WARN_WITHIN_MS = 30 * MINUTE

const pad = (n: number) => String(n).padStart(2, '0')

/** "mm:ss" under an hour, "hh:mm" under a day, "N天hh小时" beyond. */
export function formatSpan(ms: number): string {
  const span = Math.max(0, ms)
  if (span < HOUR) {
    const totalSeconds = Math.floor(span / SECOND)
    return `${pad(Math.floor(totalSeconds / 60))}:${pad(totalSeconds % 60)}`
  }
  if (span < DAY) {
    const totalMinutes = Math.floor(span / MINUTE)
    return `${pad(Math.floor(totalMinutes / 60))}:${pad(totalMinutes % 60)}`
  }
  const days = Math.floor(span / DAY)
  const hours = Math.floor((span % DAY) / HOUR)
  return `${days}天${hours}小时`
}

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
