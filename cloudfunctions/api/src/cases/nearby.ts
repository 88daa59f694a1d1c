/**
 * 附近已有的诉求 (`case.nearby`) and 我也遇到了 (`case.join`): rules in `@domain/case/case-nearby`.
 * Nearby answers public fields only (blurred point, truncated description, state, reporters count) to anyone;
 * joining adds the caller to the case's co-reporters in one conditional write (idempotent per citizen).
 */
import { joinCase, nearbyList, NEARBY_DEFAULT_RADIUS_M, NEARBY_LIMIT } from '@domain/case/case-nearby';
import type { CaseRecord } from '@domain/case/case-types';
import { implement } from '../../../common/actions';
import { contract } from '@domain/contract';
import { AppError, Errors } from '../../../common/errors';
import { getOrg } from '../../../common/org';
import { commit, getCaseDoc, recordOf } from '../../../common/repos/records';
import { casesNear } from '../../../common/repos/cases';
import { ops } from '../../../common/repos/filters';
import { OPEN_STATES } from './queries';

export const nearby = implement(contract['case.nearby'], {
  async handler({ point, radiusM, categoryCodes }, { caller }) {
    const _ = ops();
    const radius = radiusM ?? NEARBY_DEFAULT_RADIUS_M;
    const where: Record<string, unknown> = { state: _.in(OPEN_STATES) };
    if (categoryCodes && categoryCodes.length) where.categoryCode = _.in(categoryCodes);
    const fields = { id: true, categoryCode: true, state: true, location: true, description: true, createdAt: true, reporters: true, 'reporter.openid': true, coReporters: true };
    // a little wider than asked: the list measures exactly and drops what is farther
    const [docs, org] = await Promise.all([casesNear(point, radius + 10, where, fields, NEARBY_LIMIT * 3), getOrg()]);
    const cases = docs.map((d) => recordOf<CaseRecord>(d));
    return { radiusM: radius, items: nearbyList(cases, point, radius, (code) => org.byId.category.get(code)?.name ?? code, caller.openid) };
  },
});

export const join = implement(contract['case.join'], {
  async handler({ caseId }, { caller, clock }) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const doc = await getCaseDoc(caseId);
      const c = recordOf<CaseRecord>(doc);
      const r = joinCase(c, caller.openid, clock.now());
      if (!r.ok) throw new AppError(r.code, r.message);
      if (!r.changed) return { caseId, reporters: r.case.reporters ?? 1, joined: false };
      const written = await commit([{ coll: 'cases', before: doc, after: r.case }], [{ type: 'log', entry: r.entry }]);
      if (written) return { caseId, reporters: r.case.reporters, joined: true };
    }
    throw Errors.conflict();
  },
});
