import type { CheckInStatus } from '../call/call-checkin';
import type { CallAccuracyLevel, DeptRatingLevel, DeptReasonCode } from '../rating/rating-types';
import type { PersonPost } from './assessment-types';

/**
 * The scoring formula, as data (an administrator may store another one).
 *
 * Per rated call, for the called department:
 *   raw = checkIn[status] + streetRating[level] + Σ reasons[r]
 *         + (the department is the responsible one ? overdue (if the case went overdue) + rework × reworkCount : 0)
 *   points(subject) = round2(raw × weights[subject])    subjects: officer, deputy, chief, the department unit
 * Per call rated by the department, for the calling side:
 *   raw = callAccuracy[level] + Σ callReasons[r]
 *   points(subject) = round2(raw × weights[subject])    subjects: the calling person, the street unit
 * Period score (month / year) per subject = base + Σ points of its records in the period, floored at `floor`.
 */
export interface ScoringFormula {
  base: number;
  floor: number;
  checkIn: Record<Exclude<CheckInStatus, 'early' | 'far'>, number>;
  streetRating: Record<DeptRatingLevel, number>;
  reasons: Partial<Record<DeptReasonCode, number>>;
  overdue: number;
  /** per rework round */
  rework: number;
  callAccuracy: Record<CallAccuracyLevel, number>;
  callReasons: Partial<Record<'needless' | 'notOurDuty' | 'wrongPlace' | 'wrongTime' | 'infoMissing' | 'other', number>>;
  weights: Record<PersonPost | 'deptUnit' | 'streetUnit', number>;
}

export const DEFAULT_FORMULA: ScoringFormula = {
  base: 100,
  floor: 0,
  checkIn: { onTime: 1, late: -1, absent: -5 },
  streetRating: { good: 2, fair: 0, poor: -3 },
  reasons: { checkinOnly: -3, buckPassing: -3 },
  overdue: -2,
  rework: -1,
  callAccuracy: { accurate: 1, inaccurate: -2 },
  callReasons: { needless: -1 },
  weights: { officer: 1, deputy: 0.5, chief: 0.3, caller: 1, deptUnit: 1, streetUnit: 1 },
};
