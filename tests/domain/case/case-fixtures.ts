import { createCase } from '@domain/case/case-create';
import { transition, type TransitionContext } from '@domain/case/case-machine';
import type { CaseEvent } from '@domain/case/case-events';
import type { CaseRecord, CaseState } from '@domain/case/case-types';
import type { RoutingDecision } from '@domain/routing/routing-types';
import type { Actor, Role } from '@domain/common/actor-types';
import { businessTime, MINUTE_MS } from '@domain/common/business-time';
import { point } from '@domain/common/geo-distance';

export const T0 = businessTime(2020, 11, 17, 9, 0); // 2020-11-17 09:00 Asia/Shanghai
export const min = (n: number) => n * MINUTE_MS;
export const STREET = 'wufeng';
export const OTHER_STREET = 'gudong';
export const DEPT = 'szs'; // 区城管局市政所
export const CITIZEN_OPENID = 'o-citizen-1';
export const CATEGORY = { deadlineMin: 3 * 24 * 60 };

export const streetDecision: RoutingDecision = { target: 'street', basis: 'polygon', streetId: STREET, communityId: 'c-wf-1', reason: '按属地派至五凤街道' };
export const gridDecision: RoutingDecision = { target: 'grid', basis: 'grid', reason: '网格化办理事项' };
export const triageDecision: RoutingDecision = { target: 'triage', basis: 'none', reason: '无法确定属地' };

/** An actor holding `roles`, related to the fixture case in every way (own street, involved dept, reporter, on duty). */
export function actor(roles: Role[], over: Partial<Actor> = {}): Actor {
  return { id: `a-${roles.join('-')}`, name: '测试', roles, openid: CITIZEN_OPENID, streetId: STREET, deptId: DEPT, onDuty: true, ...over };
}
export const SYS = actor(['system'], { id: 'system' });
export const CMD = actor(['command'], { id: 'cmd-1', streetId: undefined });
export const HANDLER = actor(['handler'], { id: 'h-mao', name: '毛晓嘉' });
export const CIT = actor(['citizen'], { id: CITIZEN_OPENID });
export const LEADER = actor(['leader'], { id: 'l-1', streetId: undefined });
export const ALL_ROLES: Role[] = ['citizen', 'handler', 'community', 'dept', 'deptLeader', 'leader', 'command', 'admin', 'system'];
export const SUPER = actor(ALL_ROLES, { id: 'super' });

export function newCase(now = T0, over: Partial<CaseRecord> = {}): CaseRecord {
  const { case: c } = createCase(
    {
      id: 'case-1',
      channel: 'miniapp',
      reporter: { openid: CITIZEN_OPENID },
      categoryCode: 'lamp',
      description: '路灯不亮，晚上很黑',
      photos: ['cloud://env/p1.jpg'],
      location: { point: point(119.27, 26.09), address: '左海公园北门' },
    },
    { actor: CIT, now },
  );
  return { ...c, ...over };
}

/** Apply events in order; throws on refusal. Returns the final case and all effects. */
export function run(c: CaseRecord, steps: [CaseEvent, Actor, number][], ctx: Partial<TransitionContext> = {}) {
  let cur = c;
  const effects = [];
  for (const [e, a, now] of steps) {
    const r = transition(cur, e, { actor: a, now, category: CATEGORY, ...ctx });
    if (!r.ok) throw new Error(`${e.type} refused: ${r.code} ${r.message}`);
    cur = r.case;
    effects.push(...r.effects);
  }
  return { case: cur, effects };
}

/** A case in the given state, reached through real transitions starting at T0. */
export function caseIn(state: CaseState): CaseRecord {
  const c = newCase();
  const dispatched = () => run(c, [[{ type: 'dispatch', decision: streetDecision }, SYS, T0]]).case;
  const accepted = () => run(dispatched(), [[{ type: 'accept' }, HANDLER, T0 + min(5)]]).case;
  const handling = () => run(accepted(), [[{ type: 'assign', person: { staffId: 'h-mao', name: '毛晓嘉' } }, HANDLER, T0 + min(20)]]).case;
  const resolved = () => run(handling(), [[{ type: 'resolve', result: '已修复', photos: ['cloud://env/r.jpg'] }, HANDLER, T0 + min(600)]]).case;
  switch (state) {
    case 'submitted':
      return c;
    case 'triage':
      return run(c, [[{ type: 'sendToTriage', decision: triageDecision }, SYS, T0]]).case;
    case 'forwarded':
      return run(c, [[{ type: 'forward', decision: gridDecision, ref: 'G-1' }, SYS, T0]]).case;
    case 'dispatched':
      return dispatched();
    case 'accepted':
      return accepted();
    case 'handling':
      return handling();
    case 'returned':
      return run(dispatched(), [[{ type: 'return', reason: '不属本街道' }, HANDLER, T0 + min(8)]]).case;
    case 'resolved':
      return resolved();
    case 'closed':
      return run(resolved(), [[{ type: 'verify', pass: true }, CMD, T0 + min(700)]]).case;
    case 'duplicate':
      return run(c, [[{ type: 'markDuplicate', masterId: 'case-0', reason: '同一问题' }, CMD, T0]]).case;
    case 'invalid':
      return run(c, [[{ type: 'closeInvalid', reason: '无效信息' }, CMD, T0]]).case;
    case 'withdrawn':
      return run(dispatched(), [[{ type: 'withdraw', reason: '已自行解决' }, CIT, T0 + min(3)]]).case;
  }
}
