import type { LngLat } from '../geo/geo-types';

/** Citizen satisfaction at 回访 (the case's code; labels and the 满意率 rule in rating/rating-codes.ts). */
export type { Satisfaction } from '../case/case-types';
import type { Satisfaction } from '../case/case-types';

/**
 * What the statistics need to know about one case (a projection of the case record; all times epoch ms).
 * `dueAt` is the current handling deadline (after any approved extension); `originalDueAt` the first one.
 */
export interface CaseFact {
  caseId: string;
  categoryCode: string;
  streetId?: string;
  communityId?: string;
  /** departments called or assigned on the case (a case counts once for each) */
  deptIds?: string[];
  point?: LngLat;
  createdAt: number;
  /** first dispatch to a street (派单) */
  dispatchedAt?: number;
  /** first 签收 */
  respondedAt?: number;
  /** first assignment to a named handler */
  assignedAt?: number;
  dueAt?: number;
  originalDueAt?: number;
  /** an extension (延期) was granted */
  extended?: boolean;
  /** handler filed the result (处置完成) */
  handledAt?: number;
  /** closed as solved (结案) — duplicates and invalid reports are excluded by the caller */
  closedAt?: number;
  /** times it was reopened (返工) after failed verification or dissatisfaction */
  reopenCount?: number;
  satisfaction?: Satisfaction;
  ratedAt?: number;
}

/** Check-in outcome of a call (一线报到). */
export type CheckinOutcome = 'onTime' | 'late' | 'far' | 'absent';

export interface CallFact {
  callId: string;
  caseId: string;
  deptId: string;
  streetId?: string;
  categoryCode?: string;
  /** meeting time asked for in the call */
  meetAt: number;
  /** undefined while nobody has checked in */
  checkin?: CheckinOutcome;
  /** the department's rating of the call (呼叫准确 / 不准确) */
  accuracy?: 'accurate' | 'inaccurate';
  accuracyRatedAt?: number;
}

/**
 * Additive daily counters. Every case and call contributes to fixed days ("cohort days", see README),
 * so the counters of any period are the sum of its days' counters.
 */
export interface Counters {
  /** 应处置: cases whose handling came due (deadline passed, or handled first) on the day */
  dueToHandle: number;
  handledOnTime: number;
  /** 超期待处置: of dueToHandle, deadline passed and still neither handled nor closed */
  overdueOpen: number;
  /** of dueToHandle, an extension was granted */
  extended: number;
  /** 应结案: cases whose closing came due (deadline passed, or closed first) on the day */
  dueToClose: number;
  closed: number;
  closedOnTime: number;
  /** of dueToClose, reopened at least once */
  reopened: number;
  /** 回访 on the day */
  rated: number;
  /** 满意 + 基本满意 */
  satisfied: number;
  /** 满意 only */
  verySatisfied: number;
  /** dispatched on the day whose 10-minute window has ended (or that were answered) */
  respondDue: number;
  respondedIn10: number;
  /** dispatched on the day whose 1-hour window has ended (or that were assigned) */
  assignDue: number;
  assignedIn60: number;
  /** 签收 time: sum (ms) and count, by dispatch day */
  respondMsSum: number;
  respondCount: number;
  /** report → close time: sum (ms) and count, by close day */
  closeMsSum: number;
  closeCount: number;
  /** calls whose meeting time has passed (or that were checked in), by meeting day */
  callsDue: number;
  /** on-site check-ins accepted (on time or late; not far away, not absent) */
  callsCheckedIn: number;
  callsOnTime: number;
  /** department ratings of calls, by rating day */
  callsRated: number;
  callsAccurate: number;
}

export type Rate = number | null;

export interface Indicators {
  /** 结案率 = closed / dueToClose */
  closeRate: Rate;
  /** 按期结案率 = closedOnTime / dueToClose */
  onTimeCloseRate: Rate;
  /** 按期处置率 = handledOnTime / dueToHandle */
  onTimeHandleRate: Rate;
  /** 超期待处置率 = overdueOpen / dueToHandle */
  overdueOpenRate: Rate;
  /** 延期率 = extended / dueToHandle */
  extensionRate: Rate;
  /** 返工率 = reopened / dueToClose */
  reworkRate: Rate;
  /** 满意率 = (满意 + 基本满意) / rated */
  satisfactionRate: Rate;
  /** 非常满意率 = 满意 / rated (strict reading, for comparison) */
  strictSatisfactionRate: Rate;
  /** 10分钟响应率 */
  respondIn10Rate: Rate;
  /** 1小时分派率 */
  assignIn60Rate: Rate;
  /** 报到率 */
  checkinRate: Rate;
  /** 准时报到率 */
  onTimeCheckinRate: Rate;
  /** 呼叫准确率 */
  callAccuracyRate: Rate;
  /** mean minutes dispatch → 签收 */
  meanRespondMinutes: number | null;
  /** mean hours report → 结案 */
  meanCloseHours: number | null;
}
