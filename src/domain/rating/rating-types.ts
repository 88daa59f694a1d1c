/** Street → department, per call. */
export type DeptRatingLevel = 'good' | 'fair' | 'poor';
/** Department → call. */
export type CallAccuracyLevel = 'accurate' | 'inaccurate';

export type DeptReasonCode =
  | 'timely'
  | 'effective'
  | 'cooperative'
  | 'punctual'
  | 'checkinOnly'
  | 'buckPassing'
  | 'late'
  | 'absent'
  | 'slow'
  | 'poorResult'
  | 'other';

export type CallReasonCode = 'needless' | 'notOurDuty' | 'wrongPlace' | 'wrongTime' | 'infoMissing' | 'other';

export interface DeptRating {
  level: DeptRatingLevel;
  reasons: DeptReasonCode[];
  note?: string;
  at: number;
  by: string;
  byName?: string;
}

export interface CallAccuracyRating {
  level: CallAccuracyLevel;
  reasons: CallReasonCode[];
  note?: string;
  at: number;
  by: string;
  byName?: string;
}
