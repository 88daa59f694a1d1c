import type { Role } from './actor-types';
import type { DueItem } from './due-types';
import type { AssessmentRecord } from '../assessment/assessment-types';

/** Whom a notification goes to; the server resolves recipients to openids. */
export type Recipient =
  | { kind: 'citizen'; openid: string }
  | { kind: 'staff'; staffId: string }
  | { kind: 'streetHandlers'; streetId: string }
  | { kind: 'streetLeaders'; streetId: string }
  | { kind: 'dept'; deptId: string }
  | { kind: 'deptLeaders'; deptId: string }
  | { kind: 'command' }
  | { kind: 'rota'; streetId?: string };

/** Subscribe-message / in-app notice templates. The server maps keys to WeChat template ids. */
export const TEMPLATE_TITLES = {
  caseReceived: '诉求已受理',
  caseDispatched: '新派单待签收',
  caseTriage: '待人工分派',
  caseForwarded: '已转网格化平台',
  caseAccepted: '诉求已签收',
  caseAssigned: '新任务待处置',
  respondOverdue: '派单超时未签收',
  assignOverdue: '签收后超时未分派',
  nearDue: '即将到期',
  overdue: '已逾期',
  caseExtended: '已延期',
  hardFlagged: '疑难件待研判',
  hardDecided: '疑难件已明确责任',
  caseReturned: '街镇退单待改派',
  caseRerouted: '诉求已改派',
  caseResolved: '已办结待核查',
  verifyFailed: '核查未通过需返工',
  rateRequest: '请对办理结果评价',
  caseReopened: '群众不满意已重办',
  caseClosed: '诉求已办结',
  caseDuplicate: '重复诉求已合并',
  caseInvalid: '无效诉求已关闭',
  caseSupplemented: '群众补充了说明',
  caseWithdrawn: '群众已撤回诉求',
  callCreated: '一线呼叫待响应',
  callAcknowledged: '部门已响应呼叫',
  checkinReminder: '请按时到场报到',
  checkedIn: '部门已到场报到',
  callAbsent: '部门未到场报到',
  actionRecorded: '部门已填报处置情况',
  rateCallRequest: '请评价部门处置',
  callRated: '呼叫已评价',
  callCancelled: '呼叫已取消',
} as const;
export type TemplateKey = keyof typeof TEMPLATE_TITLES;

/** One line of the audit trail (呼叫全留痕): who, in which role, did what, when, where. */
export interface LogEntry {
  subject: 'case' | 'call';
  caseId: string;
  callId?: string;
  /** event type, e.g. 'accept' */
  event: string;
  /** short Chinese description shown in the timeline */
  what: string;
  by: { id: string; name?: string };
  role: Role;
  at: number;
  where?: { lng: number; lat: number; address?: string };
  /** state before/after and the version the change produced */
  from?: string;
  to?: string;
  version: number;
  data?: Record<string, unknown>;
}

export type Effect =
  | { type: 'log'; entry: LogEntry }
  /** `dedupeKey`: the sender sends at most once per key (timer warnings re-delivered by a store) */
  | { type: 'notify'; to: Recipient; template: TemplateKey; data: Record<string, string | number>; dedupeKey?: string }
  /** upsert by key: scheduling the same key twice is a no-op; a key already done stays done */
  | { type: 'schedule'; item: DueItem }
  /** drop pending due items by key (they would be stale anyway; this keeps the queue small) */
  | { type: 'cancelDue'; keys: string[] }
  /** duplicate handling: append the case to its master's duplicate list */
  | { type: 'linkDuplicate'; caseId: string; masterId: string }
  /** write assessment records (from call ratings) */
  | { type: 'writeAssessment'; records: AssessmentRecord[] };
