/**
 * Where a person belongs, by their roles: one rule for the administrators' staff form (admin.staff.save) and the
 * staff file of the org import (staff.csv). A handler belongs to a street, community staff to a community (whose
 * street they then belong to), department staff to a department; a post (经办人 / 分管领导 / 主责领导) only to
 * department staff, and a department leader's post is a leader's.
 */
import type { Post, StaffRole } from './org-types';

export type StaffField = 'streetId' | 'communityId' | 'deptId' | 'post';

export interface StaffPlacement {
  roles: readonly StaffRole[];
  streetId?: string;
  communityId?: string;
  deptId?: string;
  post?: Post;
}

/** What the rule looks up; a lookup left out is not checked (the import checks only what it has loaded). */
export interface StaffOrgLookup {
  community?: (id: string) => { name: string; streetId: string } | undefined;
  /** false: a community the lookup does not know may still exist (not reported) */
  communitiesKnown?: boolean;
  hasStreet?: (id: string) => boolean;
  hasDept?: (id: string) => boolean;
}

export interface StaffProblem {
  field: StaffField;
  reason: string;
}

/**
 * The problems of a placement (empty: valid), and the placement with the street taken from the community.
 * Problems come in the order the form shows its fields.
 */
export function checkStaffPlacement<P extends StaffPlacement>(p: P, org: StaffOrgLookup): { placement: P; problems: StaffProblem[] } {
  const out = { ...p };
  const problems: StaffProblem[] = [];
  const problem = (field: StaffField, reason: string) => problems.push({ field, reason });
  if (out.communityId && org.community) {
    const c = org.community(out.communityId);
    if (!c) {
      if (org.communitiesKnown !== false) problem('communityId', `社区不存在：${out.communityId}`);
    } else if (out.streetId && out.streetId !== c.streetId) problem('communityId', `${c.name}不属于该街镇（${out.streetId}）`);
    else out.streetId = c.streetId;
  }
  if (out.streetId && org.hasStreet && !org.hasStreet(out.streetId)) problem('streetId', `街镇不存在：${out.streetId}`);
  if (out.deptId && org.hasDept && !org.hasDept(out.deptId)) problem('deptId', `部门不存在：${out.deptId}`);
  const has = (r: StaffRole) => out.roles.includes(r);
  if (has('handler') && !out.streetId) problem('streetId', '一线处置员须填写所属街镇');
  if (has('community') && !out.communityId) problem('communityId', '社区工作人员须填写所属社区');
  if ((has('dept') || has('deptLeader')) && !out.deptId) problem('deptId', '部门人员须填写所属部门');
  if (out.post && !out.deptId) problem('post', '岗位只适用于部门人员');
  if (has('deptLeader') && out.post === 'officer') problem('post', '部门领导的岗位应为分管领导或主责领导');
  return { placement: out, problems };
}
