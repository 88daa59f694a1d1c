import type { RoutingDecision } from '../routing/routing-types';
import type { Place } from '../common/geo-distance';
import type { AutoHardReason, Person, Satisfaction } from './case-types';

/**
 * Everything that can happen to a case. User actions arrive through the zod schemas in case-schema.ts
 * (payload only); the server adds what it owns (routing decisions, ids, names) and fires these events.
 */
export type CaseEvent =
  /** routing decided a street (智能派遣 / command centre's manual routing) */
  | { type: 'dispatch'; decision: RoutingDecision }
  /** routing decided the command centre must triage by hand */
  | { type: 'sendToTriage'; decision: RoutingDecision }
  /** routing decided a grid item: forwarded to the grid platform, tracked by its reference */
  | { type: 'forward'; decision: RoutingDecision; ref?: string }
  /** 签收 */
  | { type: 'accept' }
  /** assign (or re-assign) to a named handler (四定三明确) */
  | { type: 'assign'; person: Person }
  | { type: 'note'; text: string; photos: string[] }
  /** 一线呼叫: the call module creates one call per department of the group */
  | { type: 'call'; groupId: string; deptIds: string[]; what: string; place: Place; meetAt: number }
  /** 延期 */
  | { type: 'extend'; reason: string; newDeadline: number }
  | { type: 'flagHard'; reason: string }
  | { type: 'autoFlagHard'; reason: AutoHardReason; detail?: string }
  /** the on-duty rota leader decides the responsible department, person and deadline */
  | { type: 'decideHard'; deptId: string; deptName?: string; personId: string; personName?: string; deadline: number; note?: string }
  /** 退单 */
  | { type: 'return'; reason: string }
  /** the command centre re-routes to a street (改派) */
  | { type: 'reroute'; streetId: string; communityId?: string; reason: string }
  | { type: 'resolve'; result: string; photos: string[] }
  /** 核查 */
  | { type: 'verify'; pass: boolean; note?: string }
  /** 回访: citizen's satisfaction (or the command centre recording a phone 回访) */
  | { type: 'rate'; level: Satisfaction; reason?: string }
  | { type: 'markDuplicate'; masterId: string; reason: string }
  | { type: 'closeInvalid'; reason: string }
  /** result reported back by the grid platform */
  | { type: 'forwardResult'; outcome: 'resolved' | 'rejected'; result: string; photos?: string[] }
  /** the deadline passed (from the overdue due item) */
  | { type: 'markOverdue' }
  /** 补充说明: the reporting citizen adds text and photos while the case is not yet accepted */
  | { type: 'supplement'; text: string; photos: string[] }
  /** 撤回: the reporting citizen withdraws the report before the street accepts it */
  | { type: 'withdraw'; reason?: string };

export type CaseEventType = CaseEvent['type'];
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

export const CASE_EVENT_LABELS: Record<CaseEventType, string> = {
  dispatch: '派单',
  sendToTriage: '转人工分派',
  forward: '转网格化平台',
  accept: '签收',
  assign: '分派处置人',
  note: '处置记录',
  call: '一线呼叫',
  extend: '延期',
  flagHard: '标记疑难件',
  autoFlagHard: '自动标记疑难件',
  decideHard: '疑难件研判',
  return: '退单',
  reroute: '改派',
  resolve: '办结',
  verify: '核查',
  rate: '回访评价',
  markDuplicate: '合并重复件',
  closeInvalid: '作废',
  forwardResult: '网格化平台反馈',
  markOverdue: '逾期',
  supplement: '补充说明',
  withdraw: '撤回',
};
export const CASE_EVENT_TYPES = Object.keys(CASE_EVENT_LABELS) as CaseEventType[];

/** The routing event for a routing decision. */
export function routeEvent(decision: RoutingDecision, ref?: string): CaseEvent {
  if (decision.target === 'street') return { type: 'dispatch', decision };
  if (decision.target === 'grid') return { type: 'forward', decision, ref };
  return { type: 'sendToTriage', decision };
}
