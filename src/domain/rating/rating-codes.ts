import type { Satisfaction } from '../case/case-types';
import type { CallAccuracyLevel, CallReasonCode, DeptRatingLevel, DeptReasonCode } from './rating-types';

export const DEPT_RATING_LEVELS: Record<DeptRatingLevel, string> = { good: '好评', fair: '中评', poor: '差评' };
export const CALL_ACCURACY_LEVELS: Record<CallAccuracyLevel, string> = { accurate: '呼叫准确', inaccurate: '呼叫不准确' };
export const SATISFACTION_LEVELS: Record<Satisfaction, string> = { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意' };

/** Reasons a street gives for its rating of a department, with polarity. */
export const DEPT_REASONS: Record<DeptReasonCode, { label: string; polarity: 'positive' | 'negative' | 'neutral' }> = {
  timely: { label: '处置及时', polarity: 'positive' },
  effective: { label: '处置到位', polarity: 'positive' },
  cooperative: { label: '积极配合', polarity: 'positive' },
  punctual: { label: '按时到场', polarity: 'positive' },
  checkinOnly: { label: '只报到不干事', polarity: 'negative' },
  buckPassing: { label: '推诿扯皮', polarity: 'negative' },
  late: { label: '到场迟到', polarity: 'negative' },
  absent: { label: '未到场', polarity: 'negative' },
  slow: { label: '处置拖延', polarity: 'negative' },
  poorResult: { label: '处置效果差', polarity: 'negative' },
  other: { label: '其他', polarity: 'neutral' },
};
export const DEPT_REASON_CODES = Object.keys(DEPT_REASONS) as DeptReasonCode[];

/** Reasons a department gives when a call was not accurate (against 没事乱呼叫). */
export const CALL_REASONS: Record<CallReasonCode, string> = {
  needless: '没事乱呼叫',
  notOurDuty: '非本部门职责',
  wrongPlace: '地点信息有误',
  wrongTime: '时间安排不合理',
  infoMissing: '呼叫信息不全',
  other: '其他',
};
export const CALL_REASON_CODES = Object.keys(CALL_REASONS) as CallReasonCode[];

/** For the 满意率 indicator: 满意 and 基本满意 count as satisfied (the usual Chinese practice). */
export const isSatisfied = (level: Satisfaction): boolean => level !== 'dissatisfied';
