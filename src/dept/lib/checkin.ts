/**
 * The check-in preview shown BEFORE sending 报到: distance to the meeting place and whether now is inside
 * the window, with the domain's own rule (`verifyCheckIn`); the server decides again with its clock.
 */
import { CHECKIN_STATUS_LABELS, DEFAULT_CHECKIN_RULE, verifyCheckIn, type CheckInRule, type CheckInVerdict } from '@domain/call/call-checkin'
import type { GeoPoint, Place } from '@domain/common/geo-distance'
import { MINUTE_MS } from '@domain/common/business-time'
import { distanceText, shortTime } from '@/staff/format'

export type WindowRule = Pick<CheckInRule, 'radiusM' | 'earlyMin' | 'lateMin' | 'absentAfterMin'>

export interface CheckInPreview {
  verdict: CheckInVerdict
  /** one line for people, e.g. "距离约 120 米 · 在规定时间内 · 可以报到" */
  text: string
  /** the server would accept it (on time or late) */
  canSend: boolean
  /** earliest time a check-in counts, when it is too early */
  opensAt?: number
}

/** The rule from `meta.bootstrap.checkIn`, falling back to the domain default. */
export function ruleFrom(checkIn: Partial<WindowRule> | undefined | null): WindowRule {
  return { ...DEFAULT_CHECKIN_RULE, ...(checkIn ?? {}) }
}

function minutesText(min: number): string {
  const m = Math.round(Math.abs(min))
  if (m < 60) return `${m} 分钟`
  const h = Math.floor(m / 60)
  const rest = m % 60
  return rest ? `${h} 小时 ${rest} 分钟` : `${h} 小时`
}

export function previewCheckIn(
  target: { place: Place; meetAt: number },
  location: GeoPoint,
  now: number,
  rule: WindowRule = DEFAULT_CHECKIN_RULE,
): CheckInPreview {
  const verdict = verifyCheckIn(target, { location, at: now }, rule)
  const dist = `距离${distanceText(verdict.distanceM)}`
  switch (verdict.status) {
    case 'onTime':
      return { verdict, text: `${dist} · 在规定时间内 · 可以报到`, canSend: true }
    case 'late':
      return { verdict, text: `${dist} · 已晚于约定时间 ${minutesText(verdict.minutesOff)} · 可以报到（记为${CHECKIN_STATUS_LABELS.late}）`, canSend: true }
    case 'far':
      return { verdict, text: `${dist}，超出 ${rule.radiusM} 米范围，请到达现场后报到`, canSend: false }
    case 'early': {
      const opensAt = target.meetAt - rule.earlyMin * MINUTE_MS
      return { verdict, text: `${dist} · 距约定时间还有 ${minutesText(verdict.minutesOff)}，${shortTime(opensAt)} 起可以报到`, canSend: false, opensAt }
    }
    case 'absent':
    default:
      return { verdict, text: `已超过约定时间 ${minutesText(verdict.minutesOff)}，按规定记为${CHECKIN_STATUS_LABELS.absent}`, canSend: false }
  }
}
