/**
 * The result of triage and dispatch (智能派遣), produced by routing and consumed by the case lifecycle.
 * Order of decision (docs/REQUIREMENTS.md): standing rule → grid item → territory → command-centre triage.
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
  /** other standing rules in force that also matched (only in data written before overlaps were refused) */
  overlappingRuleIds?: string[];
  /** city-level unit that owns the matter, and the district department that tracks it (对接协调跟踪) */
  cityUnitId?: string;
  trackerDeptId?: string;
  /** human-readable reason, Chinese, shown in the timeline */
  reason: string;
  /** category the decision was made for (when known) */
  categoryCode?: string;
  /** district departments usually responsible for the category (who the street would call) */
  ownerDeptIds?: string[];
  /** re-routing: how many times the case has been returned/re-routed so far, including this hop */
  hops?: number;
  /** streets that returned the case (退单) and are not chosen again */
  excludedStreetIds?: string[];
  /** routing asks for the hard-case flag (e.g. re-routed repeatedly) */
  hardCase?: boolean;
}

/**
 * The departments a street calls by default for a case, from the routing decision in force (its latest hop): the
 * departments the standing rule names (长效机制, every phase), else the city unit that owns the matter. Empty when
 * routing named none (the street chooses). The call form preselects them.
 */
export function callDeptsOf(routing: ReadonlyArray<{ decision: RoutingDecision }>): string[] {
  const last = routing.length ? routing[routing.length - 1].decision : undefined;
  if (!last) return [];
  const ruled = (last.assignments ?? []).map((a) => a.deptId);
  const ids = ruled.length ? ruled : last.cityUnitId ? [last.cityUnitId] : [];
  return Array.from(new Set(ids));
}
