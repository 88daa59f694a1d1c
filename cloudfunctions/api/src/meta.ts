/**
 * Reference data the app needs at start (categories, streets, communities, departments, city units, subscribe
 * template ids, check-in and SLA clocks) and the staff picker. Both come from the cached org data: no DB round trip
 * on a warm instance beyond resolving the caller.
 */
import { DEFAULT_CHECKIN_RULE } from '@domain/call/call-checkin';
import { DEFAULT_SLA_POLICY } from '@domain/sla/sla-policy';
import templates from '../../../config/cloud/templates.json';
import { implement } from '../../common/actions';
import { contract } from '@domain/contract';
import { getOrg, getReference } from '../../common/org';

export const bootstrap = implement(contract['meta.bootstrap'], {
  async handler() {
    // the reference data only: the staff directory (thousands at district scale) is never loaded for it
    const org = await getReference();
    const rule = DEFAULT_CHECKIN_RULE;
    return {
      categories: org.categories.filter((c) => !c.disabled).map((c) => ({ code: c.code, name: c.name, class: c.class, deadlineMinutes: c.deadlineMinutes, gridItem: c.gridItem })),
      streets: org.streets.map((s) => ({ _id: s._id, name: s.name, kind: s.kind, centre: s.centre })),
      communities: org.communities.map((c) => ({ _id: c._id, name: c.name, streetId: c.streetId, centre: c.centre })),
      departments: org.departments.map((d) => ({ _id: d._id, name: d.name, fullName: d.fullName, kind: d.kind, ...(d.parentId ? { parentId: d.parentId } : {}) })),
      cityUnits: org.cityUnits.map((u) => ({ _id: u._id, name: u.name, counterpartDeptId: u.counterpartDeptId })),
      templates: { ...(templates.ids as Record<string, string>) },
      checkIn: { radiusM: rule.radiusM, earlyMin: rule.earlyMin, lateMin: rule.lateMin, absentAfterMin: rule.absentAfterMin },
      sla: { respondMin: DEFAULT_SLA_POLICY.respondMin, assignMin: DEFAULT_SLA_POLICY.assignMin },
    };
  },
});

/** Staff for pickers (assign, hard-case decision): names, titles, roles and posts only — never phones or openids. */
export const staffList = implement(contract['staff.list'], {
  async handler({ streetId, deptId }) {
    const org = await getOrg();
    return org.staff
      .filter((s) => (streetId === undefined || s.streetId === streetId) && (deptId === undefined || s.deptId === deptId))
      .map((s) => ({
        _id: s._id,
        name: s.name,
        roles: s.roles,
        ...(s.title ? { title: s.title } : {}),
        ...(s.post ? { post: s.post } : {}),
        ...(s.streetId ? { streetId: s.streetId } : {}),
        ...(s.communityId ? { communityId: s.communityId } : {}),
        ...(s.deptId ? { deptId: s.deptId } : {}),
      }));
  },
});

export const metaActions = [bootstrap, staffList];
