/** Where a person belongs, by their roles: one rule for the staff form and the org import's staff file. */
import { checkStaffPlacement, type StaffOrgLookup, type StaffPlacement } from '@domain/org/staff-rules';
import type { Post, StaffRole } from '@domain/org/org-types';

const COMMUNITIES: Record<string, { name: string; streetId: string }> = { 'comm-jintang': { name: '金汤社区', streetId: 'street-wenquan' } };
const ORG: StaffOrgLookup = {
  community: (id) => COMMUNITIES[id],
  hasStreet: (id) => ['street-wenquan', 'street-gudong'].includes(id),
  hasDept: (id) => id === 'dept-cgj',
};
const reasons = (p: StaffPlacement, org: StaffOrgLookup = ORG) => checkStaffPlacement(p, org).problems.map((x) => `${x.field}: ${x.reason}`);

const ROLES: StaffRole[] = ['handler', 'community', 'dept', 'deptLeader', 'leader', 'command', 'admin'];
const POSTS: Array<Post | undefined> = [undefined, 'officer', 'deputy', 'chief'];

describe('every role × each unit given or not × each post', () => {
  const places = [{}, { streetId: 'street-gudong' }, { communityId: 'comm-jintang' }, { deptId: 'dept-cgj' }];
  for (const role of ROLES) {
    for (const place of places) {
      for (const post of POSTS) {
        const p: StaffPlacement = { roles: [role], ...place, ...(post ? { post } : {}) };
        test(`${role} ${JSON.stringify(place)} post ${post ?? '-'}`, () => {
          const expected: string[] = [];
          const street = 'streetId' in place || 'communityId' in place;
          if (role === 'handler' && !street) expected.push('streetId: 一线处置员须填写所属街镇');
          if (role === 'community' && !('communityId' in place)) expected.push('communityId: 社区工作人员须填写所属社区');
          if ((role === 'dept' || role === 'deptLeader') && !('deptId' in place)) expected.push('deptId: 部门人员须填写所属部门');
          if (post && !('deptId' in place)) expected.push('post: 岗位只适用于部门人员');
          if (role === 'deptLeader' && post === 'officer') expected.push('post: 部门领导的岗位应为分管领导或主责领导');
          expect(reasons(p)).toEqual(expected);
        });
      }
    }
  }
});

describe('units must exist and agree', () => {
  test.each<[string, StaffPlacement, string[], string | undefined]>([
    ['a community gives its street', { roles: ['community'], communityId: 'comm-jintang' }, [], 'street-wenquan'],
    ['a community of another street', { roles: ['community'], streetId: 'street-gudong', communityId: 'comm-jintang' }, ['communityId: 金汤社区不属于该街镇（street-gudong）'], 'street-gudong'],
    ['an unknown community', { roles: ['community'], communityId: 'comm-ghost' }, ['communityId: 社区不存在：comm-ghost'], undefined],
    ['an unknown street', { roles: ['handler'], streetId: 'street-nowhere' }, ['streetId: 街镇不存在：street-nowhere'], 'street-nowhere'],
    ['an unknown department', { roles: ['dept'], deptId: 'dept-nope' }, ['deptId: 部门不存在：dept-nope'], undefined],
  ])('%s', (_n, p, expected, street) => {
    const r = checkStaffPlacement(p, ORG);
    expect(r.problems.map((x) => `${x.field}: ${x.reason}`)).toEqual(expected);
    expect(r.placement.streetId).toBe(street);
  });

  test('lookups left out are not checked (the import before its areas and departments are known)', () => {
    expect(reasons({ roles: ['dept'], deptId: 'dept-nope', streetId: 'street-nowhere' }, { community: ORG.community, communitiesKnown: false })).toEqual([]);
    expect(reasons({ roles: ['community'], communityId: 'comm-ghost' }, { community: ORG.community, communitiesKnown: false })).toEqual([]);
  });
});
