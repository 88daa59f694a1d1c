/** Display helpers shared by pages and widgets (business time is Asia/Shanghai, UTC+8 all year). */
import { formatBusiness } from '@domain/common/business-time'
import { humanizeIds, type NameBook } from '@domain/common/format'
import { BUSINESS_OFFSET_MS } from '@domain/common/business-time'
import { maskPhone as maskPhoneRule } from '@domain/access/projection'

/**
 * A text from the server as people may read it: any internal id left in it (an old log line) becomes a name from
 * `book`, or a neutral label such as 某部门 — never the id (the one formatting module, `@domain/common/format`).
 */
export function plainText(text: string, book: NameBook = () => undefined): string {
  return humanizeIds(text, book)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** "2026-11-27 09:05". */
export function formatTime(at: number): string {
  return formatBusiness(at)
}

/** "11-27 09:05" (same year lists), or the full date for another year relative to `now`. */
export function formatShort(at: number, now: number = Date.now()): string {
  const d = new Date(at + BUSINESS_OFFSET_MS)
  const n = new Date(now + BUSINESS_OFFSET_MS)
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  if (d.getUTCFullYear() !== n.getUTCFullYear()) return formatBusiness(at)
  return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${hm}`
}

/** 138****5678 (mobile numbers); other numbers keep only their last 4 digits visible. */
export function maskPhone(phone: string | undefined | null): string {
  return maskPhoneRule(phone) ?? ''
}

/** The user-facing text of any error thrown by callApi/uploadFile. */
export function errorText(err: unknown, fallback = '操作失败，请稍后重试'): string {
  return err instanceof Error && err.message ? err.message : fallback
}
