/**
 * Call queries: the department's calls (filtered by the caller's department in the query, and every row checked with
 * the domain's `canSeeCall`, its case summary with `canSeeCase`) and one call in full.
 */
import type { CallRecord, CallState } from '@domain/call/call-types';
import type { CaseRecord } from '@domain/case/case-types';
import { implement } from '../../../common/actions';
import { contract } from '@domain/contract';
import { Errors } from '../../../common/errors';
import { actorOf } from '../../../common/identity';
import { getOrg } from '../../../common/org';
import { findCases } from '../../../common/repos/cases';
import { getCallDoc, getCaseDoc, recordOf, type StoredCase } from '../../../common/repos/records';
import { callFilter, canSeeCall, canSeeCase, sightOf } from '@domain/access';
import { andVisible, ops } from '../../../common/repos/filters';
import { callView, caseSummary, caseView, logView, pseudonymsFor } from '../../../common/views';
import { callsPage, countCalls } from '../../../common/repos/calls';
import { groupCallDocs } from '../../../common/call-runner';
import { PAGE } from '../cases/queries';

/** todo: the department still has to respond, check in or act. done: everything after that. */
const CALL_TABS: Record<'todo' | 'done', CallState[]> = {
  todo: ['created', 'acknowledged', 'checkedIn'],
  done: ['absent', 'actionRecorded', 'rated', 'cancelled'],
};
const TO_RATE: CallState[] = ['absent', 'actionRecorded', 'rated'];

export const mine = implement(contract['call.mine'], {
  readOnly: true,
  async handler({ tab, cursor }, { caller, clock }) {
    const deptId = caller.staff?.deptId;
    if (!deptId) throw Errors.forbidden('您尚未归属任何部门');
    const _ = ops();
    const now = clock.now();
    const where: Record<string, unknown> = tab === 'all' ? { deptId } : { deptId, state: _.in(CALL_TABS[tab]) };
    const org = await getOrg();
    const actor = actorOf(caller, org, now);
    const sight = callFilter(actor);
    // keyset pages on (createdAt, _id) and exact counts (`count()`), all under the call visibility rule
    const [paged, todo, toRate] = await Promise.all([
      callsPage(andVisible(where, sight), cursor, PAGE),
      countCalls(andVisible({ deptId, state: _.in(CALL_TABS.todo) }, sight)),
      countCalls(andVisible({ deptId, state: _.in(TO_RATE), deptRating: _.exists(false) }, sight)),
    ]);
    const page = paged.items;
    const caseIds = Array.from(new Set(page.map((d) => d.caseId)));
    const cases = await findCases<StoredCase>(caseIds);
    const byId = new Map(cases.map((c) => [c._id, c]));
    return {
      items: page.flatMap((d) => {
        const c = byId.get(d.caseId);
        const call = recordOf<CallRecord>(d);
        return c && canSeeCall(call, actor) && canSeeCase(c, actor) ? [{ ...callView(call, actor, org), caseSummary: caseSummary(c, org, now) }] : [];
      }),
      counts: { todo, toRate },
      nextCursor: paged.nextCursor,
    };
  },
});

export const get = implement(contract['call.get'], {
  readOnly: true,
  async handler({ callId }, { caller, clock }) {
    const [doc, org] = await Promise.all([getCallDoc(callId), getOrg()]);
    const c = recordOf<CallRecord>(doc);
    const actor = actorOf(caller, org, clock.now(), c.streetId);
    if (!canSeeCall(c, actor)) throw Errors.forbidden('您无权查看该呼叫');
    const [caseDoc, group] = await Promise.all([getCaseDoc(c.caseId), groupCallDocs(c.groupId)]);
    const kase = recordOf<CaseRecord>(caseDoc);
    const caseActor = actorOf(caller, org, clock.now(), kase.streetId);
    const ids = pseudonymsFor(kase, caseDoc.log ?? []);
    // the call's trail as seen by staff of the call (positions and check-ins are theirs to see)
    const sight = { ...sightOf(kase, caseActor), staff: true };
    return {
      call: { ...callView(c, actor, org), log: logView(doc.log ?? [], kase, sight, ids, org) },
      case: caseView(kase, caseActor, org, ids),
      group: group.map((g) => callView(recordOf<CallRecord>(g), actor, org)),
    };
  },
});

export const callQueries = [mine, get];
