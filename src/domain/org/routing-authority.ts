/**
 * Who may change routing: ONE rule for every action that writes standing rules (长效机制: `stats.adoptRule`,
 * `admin.rules.save`, `admin.rules.deactivate`, `admin.health.remove`). A standing rule decides where reports go, so
 * (docs/REQUIREMENTS.md "Decisions": only the command centre and administrators change rules; leaders may propose):
 *
 *   who                                                          may
 *   管理员 admin, 指挥中心 command                                 adopt, change, end any rule (the whole district)
 *   区级轮值领导 a district leader on the district rota now        propose any rule (saved inactive, 待采纳)
 *   街镇轮值领导 a leader of a street on its street rota
 *     now                                                        propose rules confined to their own street
 *   anyone else (off-duty leaders, other streets' leaders,
 *     handlers, departments, citizens)                            nothing
 *
 * A proposal is a rule saved with `active: false` and a `proposal` stamp; it routes nothing until the command centre
 * or an administrator adopts it. A proposer may revise their proposals, never a rule in force, and may not end one.
 *
 * A rule is confined to a street when its area names that street, or a community of it (`area.streetId` /
 * `area.communityId`): routing applies it only to reports located there. A rule with only a polygon, or no
 * area, is district-wide. Changing or deactivating a rule needs authority over the rule as it was AND as it
 * will be (a street leader cannot widen a rule to the district, nor take over another street's rule).
 */
import type { Role } from '../common/actor-types';
import { onDutyLeaders } from './rota';
import type { RotaEntry, StandingRule } from './org-types';

export interface RoutingCaller {
  roles: readonly Role[];
  staffId?: string;
  /** the street/town the caller belongs to (street leaders) */
  streetId?: string;
}

export type RuleScope = { kind: 'district' } | { kind: 'street'; streetId: string };

/** The scope of a rule's area; `streetOfCommunity` resolves a community to its street. */
export function ruleScope(area: StandingRule['area'], streetOfCommunity: (communityId: string) => string | undefined): RuleScope {
  const street = area?.streetId ?? (area?.communityId ? streetOfCommunity(area.communityId) : undefined);
  return street ? { kind: 'street', streetId: street } : { kind: 'district' };
}

export type Authority =
  | { ok: true; as: 'admin' | 'command' | 'districtLeader' | 'streetLeader'; mode: 'adopt' | 'propose' }
  | { ok: false; message: string };

export const PROPOSE_ONLY = '轮值领导可以提出长效机制建议，由指挥中心或管理员审核采纳；生效中的规则只能由指挥中心或管理员修改、停用';

export const ROUTING_ROLES: readonly Role[] = ['admin', 'command', 'leader'];

/** May `caller` write rules of these scopes (the rule before and after the change) at `now`? */
export function mayChangeRouting(caller: RoutingCaller, scopes: readonly RuleScope[], rota: readonly RotaEntry[], now: number): Authority {
  if (caller.roles.includes('admin')) return { ok: true, as: 'admin', mode: 'adopt' };
  if (caller.roles.includes('command')) return { ok: true, as: 'command', mode: 'adopt' };
  if (!caller.roles.includes('leader') || !caller.staffId) return { ok: false, message: '只有管理员、指挥中心和轮值领导可以调整长效机制' };
  const duty = onDutyLeaders(rota as RotaEntry[], caller.streetId, now);
  if (duty.district.some((e) => e.staffId === caller.staffId)) return { ok: true, as: 'districtLeader', mode: 'propose' };
  const onStreetDuty = !!caller.streetId && duty.street.some((e) => e.staffId === caller.staffId);
  if (!onStreetDuty) return { ok: false, message: '您今日不在轮值，不能调整长效机制' };
  const outside = scopes.some((s) => s.kind === 'district' || s.streetId !== caller.streetId);
  if (outside) return { ok: false, message: '街镇领导只能调整本街镇范围内的长效机制' };
  return { ok: true, as: 'streetLeader', mode: 'propose' };
}
