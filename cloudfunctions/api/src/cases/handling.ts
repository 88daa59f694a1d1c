/**
 * Front-line handling of a case: each action is a schema and the domain event it fires. The domain table decides
 * who may, in which state, with which relation; here the server resolves what the payload names (staff, departments,
 * streets, the master case) from the org data and refuses names that do not exist or do not fit.
 */
import {
  acceptInput,
  assignInput,
  callInput,
  closeInvalidInput,
  decideHardInput,
  dispatchInput,
  extendInput,
  flagHardInput,
  markDuplicateInput,
  noteInput,
  supplementInput,
  withdrawInput,
  rateInput,
  rerouteInput,
  resolveInput,
  returnInput,
  verifyInput,
} from '@domain/case/case.schema';
import type { CaseEvent } from '@domain/case/case.events';
import { isOpen, type CaseRecord } from '@domain/case/case.types';
import { createCalls } from '@domain/call/call.machine';
import type { CallRecord } from '@domain/call/call.types';
import type { Actor, Role } from '@domain/shared/actor.types';
import { defineAction, type InputSchema } from '../../../shared/actions';
import { applyCaseEvent, type CaseStep } from '../../../shared/case-runner';
import { AppError } from '../../../shared/errors';
import type { Caller } from '../../../shared/identity';
import { checkPhotos } from '../../../shared/uploads';
import { unitName, type Org } from '../../../shared/org';
import { findCase } from '../../../shared/repos/cases';
import { callView, caseView } from '../../../shared/views';
import { withWhere, type Where } from './input';

type CaseInput = { caseId: string; expectedVersion?: number; where?: Where };

/** An action that fires one case event. The domain table decides who may, in which state, with which relation. */
export function caseEventAction<I extends CaseInput>(
  name: string,
  roles: ReadonlyArray<Role> | 'anyone',
  input: InputSchema<I>,
  toEvent: (input: I, c: CaseRecord, org: Org, actor: Actor) => CaseEvent | CaseStep,
  /** checks needing a read of other documents, before the case is read */
  before?: (input: I, caller: Caller) => Promise<void>,
) {
  return defineAction({
    name,
    roles,
    input: withWhere(input),
    async handler(payload: I, { caller, clock }) {
      if (before) await before(payload, caller);
      const applied = await applyCaseEvent(caller, () => clock.now(), payload.caseId, (c, org, actor) => toEvent(payload, c, org, actor), {
        expectedVersion: payload.expectedVersion,
        where: payload.where,
      });
      return caseView(applied.case, applied.actor, applied.org);
    },
  });
}

const STREET_ROLES: Role[] = ['handler', 'community'];
const STREET_OR_COMMAND: Role[] = ['handler', 'community', 'command'];
const COMMAND: Role[] = ['command'];

// ───────────────────────────── name resolution ─────────────────────────────
/** A department, sub-unit or city unit that can be called or made responsible (not the command centre). */
export function isWorkingUnit(org: Org, id: string): boolean {
  const d = org.byId.dept.get(id);
  if (d) return d.kind !== 'command';
  return org.byId.cityUnit.has(id);
}

function streetAndCommunity(org: Org, streetId: string, communityId: string | undefined): void {
  if (!org.byId.street.has(streetId)) throw new AppError('UNKNOWN_STREET', '所选街镇不存在');
  if (communityId !== undefined) {
    const comm = org.byId.community.get(communityId);
    if (!comm) throw new AppError('UNKNOWN_COMMUNITY', '所选社区不存在');
    if (comm.streetId !== streetId) throw new AppError('COMMUNITY_NOT_IN_STREET', '所选社区不属于该街镇');
  }
}

// ───────────────────────────── actions ─────────────────────────────
export const accept = caseEventAction('case.accept', STREET_ROLES, acceptInput, () => ({ type: 'accept' }));

export const assign = caseEventAction('case.assign', STREET_ROLES, assignInput, (input, c, org) => {
  const s = org.byId.staff.get(input.staffId);
  const fits = !!s && !!c.streetId && s.streetId === c.streetId && s.roles.some((r) => r === 'handler' || r === 'community');
  if (!s || !fits) throw new AppError('ASSIGNEE_INVALID', '处置人须为本街镇的一线处置员或社区工作人员');
  return { type: 'assign', person: { staffId: s._id, name: s.name } };
});

/** Photos of a note or a resolution: the caller's own uploads (checked before the case is read). */
const ownPhotos = (input: { photos: string[] }, caller: Caller) => checkPhotos(input.photos, caller.openid);

export const note = caseEventAction('case.note', 'anyone', noteInput, (input) => ({ type: 'note', text: input.text ?? '', photos: input.photos }), ownPhotos);

/** 补充说明: the reporter adds text and photos while the case is not yet accepted (the domain table says when). */
export const supplement = caseEventAction('case.supplement', 'anyone', supplementInput, (input) => ({ type: 'supplement', text: input.text ?? '', photos: input.photos }), ownPhotos);

/** 撤回: the reporter withdraws the case before the street accepts it; closed as withdrawn, counted apart. */
export const withdraw = caseEventAction('case.withdraw', 'anyone', withdrawInput, (input) => ({ type: 'withdraw', reason: input.reason || undefined }));

export const extend = caseEventAction('case.extend', STREET_OR_COMMAND, extendInput, (input) => ({ type: 'extend', reason: input.reason, newDeadline: input.newDeadline }));

export const flagHard = caseEventAction('case.flagHard', STREET_OR_COMMAND, flagHardInput, (input) => ({ type: 'flagHard', reason: input.reason }));

export const decideHard = caseEventAction('case.decideHard', ['leader'], decideHardInput, (input, _c, org) => {
  if (!isWorkingUnit(org, input.deptId)) throw new AppError('UNKNOWN_DEPT', '所选责任部门不存在');
  const person = org.byId.staff.get(input.personId);
  if (!person || person.deptId !== input.deptId) throw new AppError('PERSON_NOT_IN_DEPT', '责任人须为责任部门的工作人员');
  return { type: 'decideHard', deptId: input.deptId, deptName: unitName(org, input.deptId), personId: person._id, personName: person.name, deadline: input.deadline, note: input.note || undefined };
});

export const returnCase = caseEventAction('case.return', STREET_ROLES, returnInput, (input) => ({ type: 'return', reason: input.reason }));

export const reroute = caseEventAction('case.reroute', COMMAND, rerouteInput, (input, _c, org) => {
  streetAndCommunity(org, input.streetId, input.communityId);
  return { type: 'reroute', streetId: input.streetId, communityId: input.communityId, reason: input.reason };
});

/** The command centre routes a case by hand (triage). */
export const dispatchCase = caseEventAction('case.dispatch', COMMAND, dispatchInput, (input, _c, org) => {
  streetAndCommunity(org, input.streetId, input.communityId);
  return {
    type: 'dispatch',
    decision: { target: 'street', basis: 'manual', streetId: input.streetId, communityId: input.communityId, reason: input.reason },
  };
});

export const resolve = caseEventAction('case.resolve', STREET_ROLES, resolveInput, (input) => ({ type: 'resolve', result: input.result, photos: input.photos }), ownPhotos);

export const verify = caseEventAction('case.verify', ['command', 'leader'], verifyInput, (input) => ({ type: 'verify', pass: input.pass, note: input.note || undefined }));

export const rate = caseEventAction('case.rate', 'anyone', rateInput, (input) => ({ type: 'rate', level: input.level, reason: input.reason || undefined }));

export const markDuplicate = caseEventAction(
  'case.markDuplicate',
  COMMAND,
  markDuplicateInput,
  (input) => ({ type: 'markDuplicate', masterId: input.masterId, reason: input.reason }),
  async (input) => {
    const master = await findCase(input.masterId);
    if (!master) throw new AppError('MASTER_NOT_FOUND', '主事项不存在');
    if (!isOpen(master.state)) throw new AppError('MASTER_CLOSED', '主事项已办结或关闭，不能并入');
  },
);

export const closeInvalid = caseEventAction('case.closeInvalid', COMMAND, closeInvalidInput, (input) => ({ type: 'closeInvalid', reason: input.reason }));

/** 一线呼叫: the case's `call` event and one call per department, written in one transaction. */
export const call = defineAction({
  name: 'case.call',
  roles: STREET_ROLES,
  input: withWhere(callInput),
  async handler(input, { caller, clock }) {
    let calls: CallRecord[] = [];
    const applied = await applyCaseEvent(
      caller,
      () => clock.now(),
      input.caseId,
      (c, org, actor, now): CaseStep => {
        const unknown = input.deptIds.find((id) => !isWorkingUnit(org, id));
        if (unknown) throw new AppError('UNKNOWN_DEPT', `被呼叫部门不存在：${unknown}`);
        const groupId = `${c.id}-G${c.callGroupIds.length + 1}`;
        const created = createCalls(
          {
            groupId,
            caseId: c.id,
            streetId: c.streetId ?? '',
            caller: { staffId: actor.id, name: actor.name ?? actor.id },
            deptIds: input.deptIds,
            what: input.what,
            place: input.place,
            meetAt: input.meetAt,
          },
          { actor, now },
        );
        calls = created.calls;
        return {
          event: { type: 'call', groupId, deptIds: input.deptIds, what: input.what, place: input.place, meetAt: input.meetAt },
          alsoWrite: created.calls.map((after) => ({ coll: 'calls' as const, before: null, after })),
          alsoEffects: created.effects,
        };
      },
      { expectedVersion: input.expectedVersion, where: input.where },
    );
    return {
      case: caseView(applied.case, applied.actor, applied.org),
      calls: calls.map((x) => callView(x, applied.actor, applied.org)),
    };
  },
});

export const handlingActions = [
  accept,
  assign,
  note,
  supplement,
  withdraw,
  call,
  extend,
  flagHard,
  decideHard,
  returnCase,
  reroute,
  dispatchCase,
  resolve,
  verify,
  rate,
  markDuplicate,
  closeInvalid,
];
