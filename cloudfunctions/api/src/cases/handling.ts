/** Front-line handling of a case: each action is a schema and the domain event it fires. */
import { acceptInput } from '@domain/case/case.schema';
import type { CaseEvent } from '@domain/case/case.events';
import type { CaseRecord } from '@domain/case/case.types';
import type { Actor, Role } from '@domain/shared/actor.types';
import { defineAction, type InputSchema } from '../../../shared/actions';
import { applyCaseEvent, type CaseStep } from '../../../shared/case-runner';
import { caseView } from '../../../shared/views';
import type { Org } from '../../../shared/org';

type CaseInput = { caseId: string; expectedVersion?: number; where?: { lng: number; lat: number; address?: string } };

/** An action that fires one case event. The domain table decides who may, in which state, with which relation. */
export function caseEventAction<I extends CaseInput>(
  name: string,
  roles: ReadonlyArray<Role>,
  input: InputSchema<I>,
  toEvent: (input: I, c: CaseRecord, org: Org, actor: Actor) => CaseEvent | CaseStep,
) {
  return defineAction({
    name,
    roles,
    input,
    async handler(payload: I, { caller, clock }) {
      const applied = await applyCaseEvent(caller, () => clock.now(), payload.caseId, (c, org, actor) => toEvent(payload, c, org, actor), {
        expectedVersion: payload.expectedVersion,
        where: payload.where,
      });
      return caseView(applied.case, applied.actor, applied.org);
    },
  });
}

const STREET_ROLES: Role[] = ['handler', 'community'];

export const accept = caseEventAction('case.accept', STREET_ROLES, acceptInput, () => ({ type: 'accept' }));
