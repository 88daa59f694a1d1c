/**
 * Call actions (一线呼叫 → 一线报到 → 处置 → 评价). The call table decides who may (the called department's staff act
 * on a call; the calling street rates the department and cancels) and in which state.
 */
import type { CallEvent } from '@domain/call/call-machine';
import { DEFAULT_CHECKIN_RULE } from '@domain/call/call-checkin';
import type { CallRecord } from '@domain/call/call-types';
import type { CaseRecord } from '@domain/case/case-types';
import type { PostChain } from '@domain/assessment/assessment-types';
import type { Actor } from '@domain/common/actor-types';
import { implement } from '../../../common/actions';
import { contract, type CallView, type ContractEntry, type InputSchema } from '@domain/contract';
import { applyCallEvent, applyConsult, type CallStep } from '../../../common/call-runner';
import { AppError } from '../../../common/errors';
import type { Caller } from '../../../common/identity';
import { checkPhotos } from '../../../common/uploads';
import type { Org } from '../../../common/org';
import { findCase } from '../../../common/repos/cases';
import { callView } from '../../../common/views';
import type { Where } from '@domain/contract/schema';

type CallInput = { callId: string; expectedVersion?: number; where?: Where };

/** An action that fires one call event; answers the CallView. */
export function callEventAction<I extends CallInput>(
  entry: ContractEntry<string, InputSchema<I>, CallView>,
  toEvent: (input: I, c: CallRecord, org: Org, actor: Actor) => CallEvent | CallStep | Promise<CallEvent | CallStep>,
  /** checks needing other reads (storage), before the call is read */
  before?: (input: I, caller: Caller) => Promise<void>,
) {
  return implement(entry, {
    async handler(payload: I, { caller, clock }) {
      if (before) await before(payload, caller);
      const applied = await applyCallEvent(caller, () => clock.now(), payload.callId, (c, org, actor) => toEvent(payload, c, org, actor), {
        expectedVersion: payload.expectedVersion,
        where: payload.where,
      });
      return callView(applied.call, applied.actor, applied.org);
    },
  });
}

export const acknowledge = callEventAction(contract['call.acknowledge'], () => ({ type: 'acknowledge' }));

/**
 * 报到: the server's time and the device's location; `verifyCheckIn` decides. A far/early attempt is saved on the
 * call (attempts) and answered with CHECKIN_FAR / CHECKIN_EARLY; after the window the call is recorded absent
 * (CHECKIN_ABSENT). `details` carries the saved call and the verdict.
 */
export const checkIn = implement(contract['call.checkIn'], {
  async handler(payload, { caller, clock }) {
    const applied = await applyCallEvent(caller, () => clock.now(), payload.callId, () => ({ type: 'checkIn', location: payload.location }), {
      expectedVersion: payload.expectedVersion,
      where: payload.where,
    });
    const view = callView(applied.call, applied.actor, applied.org);
    const v = applied.verdict;
    if (v && !v.accepted) {
      const rule = DEFAULT_CHECKIN_RULE;
      const details = { call: view, verdict: v };
      if (v.status === 'far') {
        throw new AppError('CHECKIN_FAR', `您距离呼叫地点约${Math.round(v.distanceM)}米，超出${rule.radiusM}米报到范围，本次报到未被认可（已记录）`, details);
      }
      if (v.status === 'early') {
        throw new AppError('CHECKIN_EARLY', `距约定到场时间还有${Math.round(-v.minutesOff)}分钟，请在约定时间前${rule.earlyMin}分钟内报到（本次已记录）`, details);
      }
      throw new AppError('CHECKIN_ABSENT', `已超过约定到场时间${Math.round(v.minutesOff)}分钟，本次呼叫记为未到场`, details);
    }
    return view;
  },
});

export const recordAction = callEventAction(contract['call.recordAction'], (input) => ({ type: 'recordAction', text: input.text, photos: input.photos }), (input, caller) =>
  checkPhotos(input.photos, caller.openid),
);

/** The called department's post chain from the staff directory: officer (who checked in), deputy, chief. */
export function postChain(org: Org, c: CallRecord): PostChain {
  const inDept = org.staff.filter((s) => s.deptId === c.deptId);
  const person = (s: { _id: string; name: string } | undefined) => (s ? { staffId: s._id, name: s.name } : undefined);
  const deputy = inDept.find((s) => s.post === 'deputy');
  const chief = inDept.find((s) => s.post === 'chief');
  const handledBy = c.checkIn?.by ?? c.action?.by ?? c.acknowledgedBy;
  let officer = handledBy ? inDept.find((s) => s._id === handledBy) : undefined;
  if (!officer || officer._id === deputy?._id || officer._id === chief?._id) officer = inDept.find((s) => s.post === 'officer') ?? officer;
  return { deptId: c.deptId, officer: person(officer), deputy: person(deputy), chief: person(chief) };
}

/** Street → department (好评/中评/差评): writes the assessment records of the department's post chain. */
export const rateDept = callEventAction(contract['call.rateDept'], async (input, c, org) => {
  const doc = await findCase(c.caseId);
  const kase = doc as CaseRecord | null;
  return {
    event: { type: 'rateByStreet', level: input.level, reasons: input.reasons, note: input.note || undefined },
    context: {
      assessment: {
        chain: postChain(org, c),
        facts: {
          overdue: !!kase?.flags.overdue,
          reworkCount: kase?.reworkCount ?? 0,
          responsibleDeptId: kase?.flags.hard?.decision?.deptId ?? c.consultation?.responsibleDeptId,
        },
      },
    },
  };
});

/** Department → call (呼叫准确/不准确). */
export const rateCall = callEventAction(contract['call.rateCall'], (input) => ({
  type: 'rateByDept',
  level: input.level,
  reasons: input.reasons,
  note: input.note || undefined,
}));

export const cancel = callEventAction(contract['call.cancel'], (input) => ({ type: 'cancel', reason: input.reason }));

/** 会商: the responsible department (one of the group's) recorded on every call of the group, one transaction. */
export const consult = implement(contract['call.consult'], {
  async handler(input, { caller, clock }) {
    const res = await applyConsult(
      caller,
      () => clock.now(),
      input.groupId,
      { type: 'consult', responsibleDeptId: input.responsibleDeptId, note: input.note || undefined },
      (calls) => {
        if (!calls.some((c) => c.deptId === input.responsibleDeptId)) {
          throw new AppError('RESPONSIBLE_NOT_IN_GROUP', '责任部门须为本次会商的被呼叫部门之一');
        }
      },
      { where: input.where },
    );
    return res.calls.map((c) => callView(c, res.actor, res.org));
  },
});

export const callMutations = [acknowledge, checkIn, recordAction, consult, rateDept, rateCall, cancel];
