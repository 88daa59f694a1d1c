/**
 * Channel intake by people: a 12345 (or 数字城管 / partner) operator enters a channel's case by its reference
 * (`case.channelIntake`: the channel named by `channelId` — each partner unit is its own channel — or by a kind only
 * one channel has; idempotent by that channel + reference; `hard` marks a 疑难件 transferred by 12345), and the
 * command centre records the grid platform's result on a forwarded case (`case.forwardResult`). The channel systems
 * themselves use the Open311 function (cloudfunctions/open311) and the same code (common/open311.ts).
 */
import type { Actor, Role } from '@domain/common/actor-types';
import { implement } from '../../common/actions';
import { contract } from '@domain/contract';
import type { Caller } from '../../common/identity';
import { actorOf } from '../../common/identity';
import { channelIntake, forwardResult } from '../../common/open311';
import { getOrg } from '../../common/org';
import { caseView } from '../../common/views';

const OPERATORS: Role[] = ['command', 'admin'];

/** The operator as the actor of the intake, in the role that lets them enter it (not as a citizen). */
function operator(caller: Caller): Actor {
  const s = caller.staff!;
  return { id: s._id, name: s.name, roles: OPERATORS.filter((r) => caller.roles.includes(r)), openid: caller.openid, deptId: s.deptId };
}

export const channelIntakeAction = implement(contract['case.channelIntake'], {
  async handler(input, { caller, clock }) {
    return channelIntake(input, operator(caller), () => clock.now());
  },
});

/** Only the command centre: the lifecycle table lets `command` (and the channel adapters) record a grid result. */
export const forwardResultAction = implement(contract['case.forwardResult'], {
  async handler(input, { caller, clock }) {
    const org = await getOrg();
    const applied = await forwardResult(input, actorOf(caller, org, clock.now()), () => clock.now());
    return caseView(applied.case, applied.actor, applied.org);
  },
});

export const channelActions = [channelIntakeAction, forwardResultAction];
