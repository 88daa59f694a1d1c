import type { Place, GeoPoint } from '../common/geo-distance';
import type { Person } from '../case/case-types';
import type { CheckInStatus } from './call-checkin';
import type { CallAccuracyRating, DeptRating } from '../rating/rating-types';

/**
 * One call = one department summoned to one place at one time (一呼叫一考核: each department acknowledges,
 * checks in, acts and is rated on its own). Calling several departments at once creates one call per
 * department sharing a `groupId` (the 会商 group); the consultation's responsible department is recorded
 * on every call of the group.
 *
 *   created → acknowledged → checkedIn → actionRecorded → rated
 *                  │             └→ noAction (grace period over) ─↗   (a late action record still moves it on)
 *                  └──────────→ absent ─────────────────────────────↗
 *   created/acknowledged/checkedIn → cancelled (by the calling street, with a reason)
 *
 * Every call ends (docs/REQUIREMENTS.md "Decisions"): done by the department (actionRecorded), checked in with nothing
 * recorded past the grace period (noAction), absent, or cancelled. `ended` says the department's part is over; a case
 * is resolved only when all its calls have ended (`kind` stays 'open' until the street's rating closes the call).
 */
export type CallState = 'created' | 'acknowledged' | 'checkedIn' | 'noAction' | 'absent' | 'actionRecorded' | 'rated' | 'cancelled';

export const CALL_STATES: Record<CallState, { kind: 'open' | 'closed'; ended: boolean; label: string }> = {
  created: { kind: 'open', ended: false, label: '待响应' },
  acknowledged: { kind: 'open', ended: false, label: '已响应' },
  checkedIn: { kind: 'open', ended: false, label: '已报到' },
  noAction: { kind: 'open', ended: true, label: '报到未处置' },
  absent: { kind: 'open', ended: true, label: '未到场' },
  actionRecorded: { kind: 'open', ended: true, label: '已处置待评价' },
  rated: { kind: 'closed', ended: true, label: '已评价' },
  cancelled: { kind: 'closed', ended: true, label: '已取消' },
};
export const CALL_STATE_LIST = Object.keys(CALL_STATES) as CallState[];
export const isCallOpen = (s: CallState) => CALL_STATES[s].kind === 'open';
export const isCallEnded = (s: CallState) => CALL_STATES[s].ended;

export interface CheckInRecord {
  at: number;
  location: GeoPoint;
  by: string;
  byName?: string;
  status: CheckInStatus;
  distanceM: number;
  minutesOff: number;
}

export interface CallRecord {
  id: string;
  groupId: string;
  caseId: string;
  /** the calling street */
  streetId: string;
  caller: Person;
  deptId: string;
  what: string;
  place: Place;
  meetAt: number;
  state: CallState;
  acknowledgedAt?: number;
  acknowledgedBy?: string;
  /** the accepted check-in (onTime/late) */
  checkIn?: CheckInRecord;
  /** every check-in attempt, accepted or not (far/early are recorded as such) */
  attempts: CheckInRecord[];
  absentAt?: number;
  /** when the grace period after the check-in passed with nothing recorded (报到未处置) */
  noActionAt?: number;
  action?: { text: string; photos: string[]; at: number; by: string };
  consultation?: { responsibleDeptId: string; note?: string; at: number; by: string };
  /** street → department (好评/中评/差评) */
  streetRating?: DeptRating;
  /** department → call (呼叫准确/不准确) */
  deptRating?: CallAccuracyRating;
  cancelled?: { reason: string; at: number; by: string };
  createdAt: number;
  updatedAt: number;
  version: number;
}
