/**
 * 长效机制: standing responsibility rules. Routing reads the active ones (org.ts): a report of the rule's
 * category inside its area names the rule's departments per phase (事前/事中/事后).
 */
import * as z from 'zod/mini';
import type { StandingRule } from '@domain/org/org.types';
import { ruleRefInput, ruleSaveInput } from '@domain/org/org.schema';
import { defineAction } from '../../../shared/actions';
import { findDoc } from '../../../shared/repo';
import { Errors, AppError } from '../../../shared/errors';
import { ADMIN, ADMIN_OR_COMMAND, allDocs, freshOrg, invalid, newId, writeAudited } from './common';

export const rulesList = defineAction({
  name: 'admin.rules.list',
  roles: ADMIN_OR_COMMAND,
  input: z.object({}),
  async handler() {
    const org = await freshOrg();
    const rules = await allDocs<StandingRule>('standingRules');
    const deptName = (id: string) => org.byId.dept.get(id)?.fullName ?? org.byId.cityUnit.get(id)?.name ?? id;
    return rules
      .sort((a, b) => Number(b.active) - Number(a.active) || b.adoptedAt - a.adoptedAt)
      .map((r) => ({
        ...r,
        categoryName: org.byId.category.get(r.categoryCode)?.name ?? r.categoryCode,
        streetName: r.area?.streetId ? org.byId.street.get(r.area.streetId)?.name : undefined,
        communityName: r.area?.communityId ? org.byId.community.get(r.area.communityId)?.name : undefined,
        assignments: r.assignments.map((a) => ({ ...a, deptName: deptName(a.deptId) })),
      }));
  },
});

export const rulesSave = defineAction({
  name: 'admin.rules.save',
  roles: ADMIN,
  input: ruleSaveInput,
  async handler(input, { caller, clock }) {
    const org = await freshOrg();
    if (!org.byId.category.has(input.categoryCode)) throw invalid(`问题类型不存在：${input.categoryCode}`, 'categoryCode');
    input.assignments.forEach((a, i) => {
      if (!org.byId.dept.has(a.deptId) && !org.byId.cityUnit.has(a.deptId)) throw invalid(`责任部门不存在：${a.deptId}`, `assignments.${i}.deptId`);
    });
    const area = input.area ? { ...input.area } : undefined;
    if (area?.communityId) {
      const c = org.byId.community.get(area.communityId);
      if (!c) throw invalid(`社区不存在：${area.communityId}`, 'area.communityId');
      if (area.streetId && area.streetId !== c.streetId) throw invalid(`${c.name}不属于所选街镇`, 'area.communityId');
      area.streetId = c.streetId;
    }
    if (area?.streetId && !org.byId.street.has(area.streetId)) throw invalid(`街镇不存在：${area.streetId}`, 'area.streetId');
    const before = input._id ? await findDoc<StandingRule>('standingRules', input._id) : null;
    if (input._id && !before) throw Errors.notFound('长效机制规则');
    const now = clock.now();
    const rule: StandingRule = {
      _id: before?._id ?? newId(`rule-${input.categoryCode}`),
      categoryCode: input.categoryCode,
      assignments: input.assignments.map((a) => ({ deptId: a.deptId, phase: a.phase, duty: a.duty })),
      active: input.active,
      adoptedBy: before?.adoptedBy ?? caller.staff?._id ?? caller.openid,
      adoptedAt: before && before.active ? before.adoptedAt : now,
    };
    if (area && (area.streetId || area.communityId || area.polygon)) rule.area = area;
    const title = input.title || before?.title;
    if (title) rule.title = title;
    const source = input.source || before?.source;
    if (source) rule.source = source;
    const { _id, ...doc } = rule;
    const name = rule.title ? `「${rule.title}」` : `（${org.byId.category.get(rule.categoryCode)!.name}）`;
    await writeAudited(caller, 'admin.rules.save', `${before ? '修改' : '新增'}长效机制${name}`, [{ coll: 'standingRules', id: _id, after: { ...doc, updatedAt: now } }], now);
    return rule;
  },
});

export const rulesDeactivate = defineAction({
  name: 'admin.rules.deactivate',
  roles: ADMIN,
  input: ruleRefInput,
  async handler({ ruleId }, { caller, clock }) {
    const rule = await findDoc<StandingRule & { updatedAt?: number }>('standingRules', ruleId);
    if (!rule) throw Errors.notFound('长效机制规则');
    if (!rule.active) throw new AppError('ALREADY_INACTIVE', '该长效机制已停用');
    const now = clock.now();
    const { _id, ...doc } = rule;
    await writeAudited(caller, 'admin.rules.deactivate', `停用长效机制${rule.title ? `「${rule.title}」` : ''}`, [{ coll: 'standingRules', id: _id, after: { ...doc, active: false, updatedAt: now } }], now);
    return { ...rule, active: false, updatedAt: now };
  },
});
