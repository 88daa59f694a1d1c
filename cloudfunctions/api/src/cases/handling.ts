/**
 * Front-line handling of a case: each action is a schema and the domain event it fires. The domain table decides
 * who may, in which state, with which relation; here the server resolves what the payload names (staff, departments,
 * streets, the master case) from the org data and refuses names that do not exist or do not fit.
 */
import type { CaseEvent } from '@domain/case/case-events';
import { isOpen, type CaseRecord } from '@domain/case/case-types';
import { createCalls } from '@domain/call/call-machine';
import type { CallRecord } from '@domain/call/call-types';
import type { Actor } from '@domain/common/actor-types';
import { implement } from '../../../common/actions';
import { contract, type CaseView, type ContractEntry, type InputSchema } from '@domain/contract';
import { applyCaseEvent, type CaseStep } from '../../../common/case-runner';
import { AppError } from '../../../common/errors';
import type { Caller } from '../../../common/identity';
import { checkPhotos } from '../../../common/uploads';
import { rateLimit } from '../../../common/rate-limit';
import { unitName, type Org } from '../../../common/org';
import { findCase } from '../../../common/repos/cases';
import { callView, caseView } from '../../../common/views';
import type { Where } from '@domain/contract/schema';

type CaseInput = { caseId: string; expectedVersion?: number; where?: Where };

/** An action that fires one case event. The domain table decides who may, in which state, with which relation. */
export function caseEventAction<I extends CaseInput>(
  entry: ContractEntry<string, InputSchema<I>, CaseView>,
  toEvent: (input: I, c: CaseRecord, org: Org, actor: Actor) => CaseEvent | CaseStep,
  /** checks needing a read of other documents, before the case is read */
  before?: (input: I, caller: Caller, now: number) => Promise<void>,
) {
  return implement(entry, {
    async handler(payload: I, { caller, clock }) {
      if (before) await before(payload, caller, clock.now());
      const applied = await applyCaseEvent(caller, () => clock.now(), payload.caseId, (c, org, actor) => toEvent(payload, c, org, actor), {
        expectedVersion: payload.expectedVersion,
        where: payload.where,
      });
      return caseView(applied.case, applied.actor, applied.org);
    },
  });
}


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
export const accept = caseEventAction(contract['case.accept'], () => ({ type: 'accept' }));

export const assign = caseEventAction(contract['case.assign'], (input, c, org) => {
  const s = org.byId.staff.get(input.staffId);
  const fits = !!s && !!c.streetId && s.streetId === c.streetId && s.roles.some((r) => r === 'handler' || r === 'community');
  if (!s || !fits) throw new AppError('ASSIGNEE_INVALID', '处置人须为本街镇的一线处置员或社区工作人员');
  return { type: 'assign', person: { staffId: s._id, name: s.name } };
});

/** Photos of a note or a resolution: the caller's own uploads (checked before the case is read). */
const ownPhotos = (input: { photos: string[] }, caller: Caller) => checkPhotos(input.photos, caller.openid);

/** A citizen's message on a case (it notifies the handlers): counted per openid (rate rule `message`), then its photos. */
const citizenMessage = async (input: { photos: string[] }, caller: Caller, now: number) => {
  if (!caller.staff) await rateLimit('message', caller.openid, now);
  await ownPhotos(input, caller);
};

export const note = caseEventAction(contract['case.note'], (input) => ({ type: 'note', text: input.text ?? '', photos: input.photos }), citizenMessage);

/** 补充说明: the reporter adds text and photos while the case is not yet accepted (the domain table says when). */
export const supplement = caseEventAction(contract['case.supplement'], (input) => ({ type: 'supplement', text: input.text ?? '', photos: input.photos }), citizenMessage);

/** 撤回: the reporter withdraws the case before the street accepts it; closed as withdrawn, counted apart. */
export const withdraw = caseEventAction(contract['case.withdraw'], (input) => ({ type: 'withdraw', reason: input.reason || undefined }));

export const extend = caseEventAction(contract['case.extend'], (input) => ({ type: 'extend', reason: input.reason, newDeadline: input.newDeadline }));

export const flagHard = caseEventAction(contract['case.flagHard'], (input) => ({ type: 'flagHard', reason: input.reason }));

export const decideHard = caseEventAction(contract['case.decideHard'], (input, _c, org) => {
  if (!isWorkingUnit(org, input.deptId)) throw new AppError('UNKNOWN_DEPT', '所选责任部门不存在');
  const person = org.byId.staff.get(input.personId);
  if (!person || person.deptId !== input.deptId) throw new AppError('PERSON_NOT_IN_DEPT', '责任人须为责任部门的工作人员');
  return { type: 'decideHard', deptId: input.deptId, deptName: unitName(org, input.deptId), personId: person._id, personName: person.name, deadline: input.deadline, note: input.note || undefined };
});

export const returnCase = caseEventAction(contract['case.return'], (input) => ({ type: 'return', reason: input.reason }));

export const reroute = caseEventAction(contract['case.reroute'], (input, _c, org) => {
  streetAndCommunity(org, input.streetId, input.communityId);
  return { type: 'reroute', streetId: input.streetId, communityId: input.communityId, reason: input.reason };
});

/** The command centre routes a case by hand (triage). */
export const dispatchCase = caseEventAction(contract['case.dispatch'], (input, _c, org) => {
  streetAndCommunity(org, input.streetId, input.communityId);
  return {
    type: 'dispatch',
    decision: { target: 'street', basis: 'manual', streetId: input.streetId, communityId: input.communityId, reason: input.reason },
  };
});

export const resolve = caseEventAction(contract['case.resolve'], (input) => ({ type: 'resolve', result: input.result, photos: input.photos }), ownPhotos);

export const verify = caseEventAction(contract['case.verify'], (input) => ({ type: 'verify', pass: input.pass, note: input.note || undefined }));

export const rate = caseEventAction(contract['case.rate'], (input) => ({ type: 'rate', level: input.level, reason: input.reason || undefined }));

export const markDuplicate = caseEventAction(
  contract['case.markDuplicate'],
  (input) => ({ type: 'markDuplicate', masterId: input.masterId, reason: input.reason }),
  async (input) => {
    const master = await findCase(input.masterId);
    if (!master) throw new AppError('MASTER_NOT_FOUND', '主事项不存在');
    if (!isOpen(master.state)) throw new AppError('MASTER_CLOSED', '主事项已办结或关闭，不能并入');
  },
);

export const closeInvalid = caseEventAction(contract['case.closeInvalid'], (input) => ({ type: 'closeInvalid', reason: input.reason }));

/** 一线呼叫: the case's `call` event and one call per department, written in one transaction. */
export const call = implement(contract['case.call'], {
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
