import { refuse, type Refusal } from '../common/result-types';
import { DEPT_REASONS } from './rating-codes';
import type { CallAccuracyLevel, CallReasonCode, DeptRatingLevel, DeptReasonCode } from './rating-types';

const blank = (s: string | undefined) => !s || s.trim().length === 0;

/**
 * Street → department rating rules:
 *  好评 carries no negative reason; 中评 needs at least one reason; 差评 needs at least one negative reason;
 *  the reason 其他 needs a note. Reasons are not repeated.
 */
export function checkDeptRating(r: { level: DeptRatingLevel; reasons: readonly DeptReasonCode[]; note?: string }): Refusal | null {
  if (new Set(r.reasons).size !== r.reasons.length) return refuse('RATING_REASON_REPEATED', '评价原因不能重复');
  const negative = r.reasons.filter((x) => DEPT_REASONS[x].polarity === 'negative');
  if (r.level === 'good' && negative.length > 0) return refuse('RATING_REASON_MISMATCH', '好评不能选择负面原因');
  if (r.level === 'fair' && r.reasons.length === 0) return refuse('RATING_REASON_REQUIRED', '中评请至少选择一个原因');
  if (r.level === 'poor' && negative.length === 0) return refuse('RATING_REASON_REQUIRED', '差评请至少选择一个负面原因');
  if (r.reasons.includes('other') && blank(r.note)) return refuse('RATING_NOTE_REQUIRED', '选择“其他”时请填写说明');
  return null;
}

/** Department → call rating rules: 呼叫不准确 needs a reason; 呼叫准确 carries none; 其他 needs a note. */
export function checkCallRating(r: { level: CallAccuracyLevel; reasons: readonly CallReasonCode[]; note?: string }): Refusal | null {
  if (new Set(r.reasons).size !== r.reasons.length) return refuse('RATING_REASON_REPEATED', '评价原因不能重复');
  if (r.level === 'inaccurate' && r.reasons.length === 0) return refuse('RATING_REASON_REQUIRED', '呼叫不准确请选择原因');
  if (r.level === 'accurate' && r.reasons.length > 0) return refuse('RATING_REASON_MISMATCH', '呼叫准确无需选择原因');
  if (r.reasons.includes('other') && blank(r.note)) return refuse('RATING_NOTE_REQUIRED', '选择“其他”时请填写说明');
  return null;
}
