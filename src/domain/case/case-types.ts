import type { RoutingDecision } from '../routing/routing-types';
import type { Role } from '../common/actor-types';
import type { Place } from '../common/geo-distance';

/**
 * Intake channel kinds: one case whatever the channel, with the channel's own reference. The kind is for labels and
 * statistics; several channels may share one kind (every partner unit is a `partner`). Which channel a case came
 * through is `CaseRecord.channelId`, the channel record's `_id` (org-types.ts `Channel`).
 */
export type Channel = 'miniapp' | 'hotline12345' | 'grid' | 'dcm' | 'partner' | 'open311';
export type ChannelKind = Channel;
export const CHANNELS: readonly Channel[] = ['miniapp', 'hotline12345', 'grid', 'dcm', 'partner', 'open311'];
export const CHANNEL_LABELS: Record<Channel, string> = {
  miniapp: '随手拍',
  hotline12345: '12345热线',
  grid: '网格化平台',
  dcm: '数字城管',
  partner: '合作单位',
  open311: 'Open311',
};

/**
 * Lifecycle states. Each carries a kind; code asks the kind (`isOpen`), never compares labels.
 *   submitted  received, not yet routed
 *   triage     the command centre must route by hand
 *   forwarded  sent to the grid platform, tracked by its reference
 *   dispatched sent to a street, waiting for 签收 (10 min)
 *   accepted   签收 by the street, waiting for a named handler (1 h from dispatch)
 *   handling   a named handler works on it (calls, extension, hard-case decision happen here)
 *   returned   退单 by the street, waiting for the command centre to re-route
 *   resolved   result + evidence filed, waiting for 核查
 *   closed     verified as solved (citizen rating may still reopen it)
 *   duplicate  closed by linking to a master case
 *   invalid    closed by the command centre with a reason
 *   withdrawn  closed by the reporting citizen before the street accepted it (counted apart, docs/REQUIREMENTS.md "Decisions")
 */
export type CaseState =
  | 'submitted'
  | 'triage'
  | 'forwarded'
  | 'dispatched'
  | 'accepted'
  | 'handling'
  | 'returned'
  | 'resolved'
  | 'closed'
  | 'duplicate'
  | 'invalid'
  | 'withdrawn';

export type StateKind = 'open' | 'closed';

export const CASE_STATES: Record<CaseState, { kind: StateKind; label: string }> = {
  submitted: { kind: 'open', label: '已受理' },
  triage: { kind: 'open', label: '待人工分派' },
  forwarded: { kind: 'open', label: '已转网格' },
  dispatched: { kind: 'open', label: '待签收' },
  accepted: { kind: 'open', label: '已签收' },
  handling: { kind: 'open', label: '处置中' },
  returned: { kind: 'open', label: '已退单' },
  resolved: { kind: 'open', label: '待核查' },
  closed: { kind: 'closed', label: '已办结' },
  duplicate: { kind: 'closed', label: '重复件' },
  invalid: { kind: 'closed', label: '无效件' },
  withdrawn: { kind: 'closed', label: '已撤回' },
};
export const STATE_LIST = Object.keys(CASE_STATES) as CaseState[];

export const stateKind = (s: CaseState): StateKind => CASE_STATES[s].kind;
export const isOpen = (s: CaseState): boolean => stateKind(s) === 'open';
export const isClosed = (s: CaseState): boolean => stateKind(s) === 'closed';

export interface Reporter {
  /** mini-program citizen */
  openid?: string;
  /** channel contact (12345 caller, partner unit contact) */
  name?: string;
  phone?: string;
}

export interface Person {
  staffId: string;
  name: string;
}

/** One routing hop: every dispatch, forward, triage and re-route is kept. */
export interface RoutingHop {
  decision: RoutingDecision;
  at: number;
  by: string;
  role: Role;
  /** 'route' (first routing), 'reroute' (after 退单 or by the command centre), 'forwardBack' (grid platform rejected) */
  kind: 'route' | 'reroute' | 'forwardBack';
}

export type AutoHardReason = 'overdue' | 'rerouted' | 'multiDept' | 'channel';
export const AUTO_HARD_LABELS: Record<AutoHardReason, string> = {
  overdue: '逾期未办结',
  rerouted: '多次改派',
  multiDept: '涉及多个部门',
  channel: '来源渠道标记为疑难件',
};

export interface HardDecision {
  deptId: string;
  personId: string;
  personName?: string;
  deadline: number;
  note?: string;
  at: number;
}

export interface HardFlag {
  by: string;
  role: Role;
  at: number;
  reason: string;
  auto?: AutoHardReason;
  /** the on-duty leader who decided */
  decidedBy?: string;
  decision?: HardDecision;
}

export interface CaseFlags {
  hard?: HardFlag;
  /** content check (msgSecCheck) said review/risky */
  review?: { suggest: 'review' | 'risky'; label?: string };
  duplicateOf?: string;
  /** set when the deadline passed while the case was still being handled (for that deadline) */
  overdue?: { at: number; deadline: number };
}

export interface Extension {
  reason: string;
  from: number;
  to: number;
  by: string;
  at: number;
  /** 'extend' = 延期申请, 'hardDecision' = deadline set by the rota leader */
  source: 'extend' | 'hardDecision';
}

export interface CaseClocks {
  /** latest dispatch to a street */
  dispatchedAt?: number;
  respondBy?: number;
  acceptedAt?: number;
  assignBy?: number;
  assignedAt?: number;
  /** first dispatch: when the handling clock started */
  startedAt?: number;
  deadline?: number;
  originalDeadline?: number;
  extensions: Extension[];
  resolvedAt?: number;
  closedAt?: number;
}

export type Satisfaction = 'satisfied' | 'basic' | 'dissatisfied';

export interface SatisfactionRecord {
  level: Satisfaction;
  reason?: string;
  at: number;
  by: string;
  /** rework round the rating belongs to */
  round: number;
}

export interface Resolution {
  result: string;
  photos: string[];
  at: number;
  by: string;
  /** 'handler' or 'grid' (result reported by the grid platform) */
  source: 'handler' | 'grid';
}

export interface CaseRecord {
  id: string;
  /** the channel's kind (labels, statistics) */
  channel: Channel;
  /**
   * the channel record (`channels._id`) the case came through: its identity for idempotency and reads; absent for
   * the mini-program; null for a case stored before channel identity that no rule could place (case-channel.ts)
   */
  channelId?: string | null;
  channelRef?: string;
  reporter: Reporter;
  /** people reporting it: 1 + co-reporters (我也遇到了, case-nearby.ts); absent = 1 */
  reporters?: number;
  /** openids of citizens who joined the case (server-only: never projected) */
  coReporters?: string[];
  categoryCode: string;
  description: string;
  photos: string[];
  location?: Place;
  communityId?: string;
  phone?: string;
  routing: RoutingHop[];
  streetId?: string;
  assignee?: Person;
  /** departments involved: called, decided responsible, or tracking */
  deptIds: string[];
  /** call groups started from this case */
  callGroupIds: string[];
  state: CaseState;
  flags: CaseFlags;
  clocks: CaseClocks;
  reworkCount: number;
  satisfaction?: SatisfactionRecord;
  satisfactionHistory: SatisfactionRecord[];
  resolution?: Resolution;
  verification?: { pass: boolean; note?: string; at: number; by: string };
  returnInfo?: { reason: string; at: number; by: string };
  closeReason?: string;
  /** grid platform reference when forwarded */
  forwardRef?: string;
  createdAt: number;
  updatedAt: number;
  version: number;
}
