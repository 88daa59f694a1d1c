/** Small display helpers for the staff modes (pure; business time is Asia/Shanghai). */
import { businessParts, businessTime, dayKey, MINUTE_MS } from '@domain/shared/business.time'

const pad = (n: number) => String(n).padStart(2, '0')

/** "11-27 14:05" (this year) or "2025-11-27 14:05". */
export function shortTime(at: number, now?: number): string {
  const p = businessParts(at)
  const hm = `${pad(p.hour)}:${pad(p.minute)}`
  if (now !== undefined && businessParts(now).year !== p.year) return `${dayKey(at)} ${hm}`
  return `${pad(p.month)}-${pad(p.day)} ${hm}`
}

/** Date picker value "YYYY-MM-DD" and time picker value "HH:mm" of an instant, in business time. */
export function pickerParts(at: number): { date: string; time: string } {
  const p = businessParts(at)
  return { date: dayKey(at), time: `${pad(p.hour)}:${pad(p.minute)}` }
}

/** The instant of a date picker + time picker pair (Asia/Shanghai); NaN when either is malformed. */
export function fromPickers(date: string, time: string): number {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const t = /^(\d{2}):(\d{2})$/.exec(time)
  if (!d || !t) return NaN
  return businessTime(Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2]))
}

/** Default meeting time: now + 30 minutes, rounded up to the next 5 minutes. */
export function defaultMeetAt(now: number): number {
  const step = 5 * MINUTE_MS
  return Math.ceil((now + 30 * MINUTE_MS) / step) * step
}

/** "约 120 米" / "约 1.2 公里". */
export function distanceText(metres: number): string {
  if (metres < 1000) return `约 ${Math.round(metres)} 米`
  return `约 ${(Math.round(metres / 100) / 10).toFixed(1)} 公里`
}

export { errorText, maskPhone } from '@/services/format'

/** Error code of an ApiError, if any. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}
