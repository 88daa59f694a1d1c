/**
 * Display helpers of the staff pages (handler, department, leader, admin): pure; business time is Asia/Shanghai.
 * Durations and names come from the one formatting module, `@domain/common/format`.
 */
import { CHECKIN_STATUS_LABELS } from '@domain/call/call-checkin'
import { businessParts, businessTime, dayKey, MINUTE_MS } from '@domain/common/business-time'
import { formatDuration, neutralLabel } from '@domain/common/format'
import type { Bootstrap } from '@domain/contract'

export { errorText, maskPhone, plainText } from '@/services/format'
/** Error code of an ApiError, if any. */
export { codeOf as errorCode } from '@/components/ErrorState/error-kind'

const pad = (n: number) => String(n).padStart(2, '0')

/** "11-27 14:05" (this year) or "2025-11-27 14:05". */
export function shortTime(at: number, now?: number): string {
  const p = businessParts(at)
  const hm = `${pad(p.hour)}:${pad(p.minute)}`
  if (now !== undefined && businessParts(now).year !== p.year) return `${dayKey(at)} ${hm}`
  return `${pad(p.month)}-${pad(p.day)} ${hm}`
}

/** "11月17日 09:05"; "—" when there is no time. */
export function dayTime(at: number | undefined): string {
  if (!at) return '—'
  const p = businessParts(at)
  return `${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`
}

/** "HH:mm", e.g. for "截至 HH:mm". */
export function hhmm(at: number): string {
  const p = businessParts(at)
  return `${pad(p.hour)}:${pad(p.minute)}`
}

/** How long since `from`, to the minute: "12分钟", "5小时3分", "3天2小时". */
export function age(from: number, now = Date.now()): string {
  const span = Math.floor(Math.max(0, now - from) / MINUTE_MS) * MINUTE_MS
  return span ? formatDuration(span) : '0分钟'
}

/** Date picker value "YYYY-MM-DD" and time picker value "HH:mm" of an instant, in business time. */
export function pickerParts(at: number): { date: string; time: string } {
  return { date: dayKey(at), time: hhmm(at) }
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

/** A check-in (or a refused attempt) in one line: "按时报到 · 距现场约 120 米 · 11-27 14:05". */
export function checkInLine(c: { status: keyof typeof CHECKIN_STATUS_LABELS; distanceM?: number; at: number }): string {
  const where = c.distanceM === undefined ? '' : ` · 距现场${distanceText(c.distanceM)}`
  return `${CHECKIN_STATUS_LABELS[c.status]}${where} · ${shortTime(c.at)}`
}

/** Percent with one decimal ("87.5%"); "—" when there is no rate. */
export function pct(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '—'
  return `${(Math.round(r * 1000) / 10).toFixed(1)}%`
}

// ───────────────────────────── units of the org, by name ─────────────────────────────

/** A department's display name (full name when the bootstrap has it). */
export function deptLabel(d: { name: string; fullName?: string }): string {
  return d.fullName || d.name
}

/** Every kind of unit a person or a matter can belong to: district departments (not the command centre) and city-level units. */
export interface UnitOption {
  _id: string
  label: string
  kind: 'dept' | 'city'
}
export function unitsOf(boot: Pick<Bootstrap, 'departments' | 'cityUnits'>): UnitOption[] {
  return [
    ...boot.departments.filter((d) => d.kind !== 'command').map((d) => ({ _id: d._id, label: deptLabel(d), kind: 'dept' as const })),
    ...(boot.cityUnits ?? []).map((u) => ({ _id: u._id, label: `${u.name}（市直）`, kind: 'city' as const })),
  ]
}

/** A unit's name from the bootstrap (department, city unit, street); never the id. */
export function unitLabel(boot: Pick<Bootstrap, 'departments' | 'cityUnits' | 'streets'>, id: string | undefined): string {
  if (!id) return ''
  const d = boot.departments.find((x) => x._id === id)
  if (d) return deptLabel(d)
  const u = (boot.cityUnits ?? []).find((x) => x._id === id)
  if (u) return u.name
  return boot.streets.find((x) => x._id === id)?.name ?? neutralLabel(id)
}

/** Lists arrive as a bare array or as `{ items }` / `{ entries }`: accept both. */
export function asList<T>(answer: unknown, key = 'items'): T[] {
  if (Array.isArray(answer)) return answer as T[]
  const inner = (answer as Record<string, unknown> | null)?.[key]
  return Array.isArray(inner) ? (inner as T[]) : []
}
