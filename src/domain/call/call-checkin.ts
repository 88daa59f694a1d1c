import { MINUTE_MS } from '../common/business-time';
import { haversineM, type GeoPoint } from '../common/geo-distance';

/**
 * 一线报到: a check-in counts only near the place and near the time.
 * Window (minutes relative to meetAt): [-earlyMin, +lateMin] is on time (inclusive); after +lateMin it is
 * late, after +absentAfterMin it is absent; before -earlyMin it is early. Distance ≤ radiusM (inclusive)
 * is on site. Precedence: absent > far > early > late > onTime.
 */
export interface CheckInRule {
  radiusM: number;
  earlyMin: number;
  lateMin: number;
  /** no check-in by meetAt + this many minutes → absent (also the due item's time) */
  absentAfterMin: number;
  /** reminder this many minutes before meetAt */
  reminderLeadMin: number;
  /** after an accepted check-in, this many minutes to record what was done; then the call is 报到未处置 and the street
   *  may rate 差评 · 只报到不干事 (a late record is still taken) */
  actionGraceMin: number;
}

export const DEFAULT_CHECKIN_RULE: CheckInRule = { radiusM: 300, earlyMin: 30, lateMin: 15, absentAfterMin: 120, reminderLeadMin: 30, actionGraceMin: 120 };

export type CheckInStatus = 'onTime' | 'late' | 'early' | 'far' | 'absent';

export const CHECKIN_STATUS_LABELS: Record<CheckInStatus, string> = {
  onTime: '按时报到',
  late: '迟到',
  early: '过早报到',
  far: '不在现场',
  absent: '未到场',
};

export interface CheckInVerdict {
  status: CheckInStatus;
  /** metres from the meeting place, rounded to 0.1 m */
  distanceM: number;
  /** signed minutes from meetAt (negative = early), rounded to 0.1 min */
  minutesOff: number;
  /** the check-in counts as being on site (onTime or late) */
  accepted: boolean;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function verifyCheckIn(
  target: { place: { point: GeoPoint }; meetAt: number },
  attempt: { location: GeoPoint; at: number },
  rule: Pick<CheckInRule, 'radiusM' | 'earlyMin' | 'lateMin' | 'absentAfterMin'> = DEFAULT_CHECKIN_RULE,
): CheckInVerdict {
  const distance = haversineM(target.place.point, attempt.location);
  const offMs = attempt.at - target.meetAt;
  let status: CheckInStatus;
  if (offMs > rule.absentAfterMin * MINUTE_MS) status = 'absent';
  else if (distance > rule.radiusM) status = 'far';
  else if (offMs < -rule.earlyMin * MINUTE_MS) status = 'early';
  else if (offMs > rule.lateMin * MINUTE_MS) status = 'late';
  else status = 'onTime';
  return { status, distanceM: round1(distance), minutesOff: round1(offMs / MINUTE_MS), accepted: status === 'onTime' || status === 'late' };
}
