/**
 * The result of triage and dispatch (智能派遣), produced by routing and consumed by the case lifecycle.
 * Order of decision (DOMAIN.md): standing rule → grid item → territory → command-centre triage.
 */
export type RoutingBasis = 'rule' | 'grid' | 'polygon' | 'community' | 'manual' | 'none';

export interface RuleAssignment {
  deptId: string;
  phase: 'before' | 'during' | 'after'; // 事前 / 事中 / 事后
  duty: string; // e.g. '业主承诺', '环保监督', '城管处置处罚'
}

export interface RoutingDecision {
  /** where the case goes: a street/town's front-line handlers, the grid platform, or the command centre's triage queue */
  target: 'street' | 'grid' | 'triage';
  basis: RoutingBasis;
  streetId?: string;
  communityId?: string;
  /** standing responsibility rule that matched (长效机制), with the departments it names per phase */
  ruleId?: string;
  assignments?: RuleAssignment[];
  /** city-level unit that owns the matter, and the district department that tracks it (对接协调跟踪) */
  cityUnitId?: string;
  trackerDeptId?: string;
  /** human-readable reason, Chinese, shown in the timeline */
  reason: string;
}
