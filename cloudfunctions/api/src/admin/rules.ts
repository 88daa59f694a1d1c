/**
 * 长效机制: standing responsibility rules. Routing reads the active ones (org.ts): a report of the rule's
 * category inside its area names the rule's departments per phase (事前/事中/事后).
 *
 * Who may write them is one domain rule (src/domain/org/routing-authority.ts), checked here for every action that
 * writes the collection (admin.rules.save, admin.rules.deactivate, stats.adoptRule, admin.health.remove); every
 * such write is audited (adminLog). A rule is read without its polygon before it is changed, so a rule whose
 * stored polygon cannot be decoded can still be deactivated or removed.
 */
import type { StandingRule } from '@domain/org/org-types';
import { conflictingRules, resolveOverlap, ruleChanges, type OverlapChoice } from '@domain/routing/routing-rules';
import { shanghaiDayStart } from '@domain/stats/stats-day';
import { mayChangeRouting, PROPOSE_ONLY, ruleScope, type RuleScope } from '@domain/org/routing-authority';
import { implement } from '../../../common/actions';
import { contract } from '@domain/contract';
import type { Caller } from '../../../common/identity';
import type { Org } from '../../../common/org';
import { auditLinesOf, findBare, readChecked } from '../../../common/repos/org';
import { Errors, AppError } from '../../../common/errors';
import { freshOrg, invalid, newId, writeAudited, type AdminWrite, type AuditLine } from './common';

/**
 * Refuse (FORBIDDEN, with the rule's reason) unless the caller may write rules of these areas now; answers whether
 * the write adopts or only proposes (`need: 'adopt'` refuses a proposer: ending or deleting a rule).
 */
export function assertRoutingAuthority(
  caller: Caller,
  org: Org,
  now: number,
  areas: ReadonlyArray<StandingRule['area'] | undefined>,
  need: 'propose' | 'adopt' = 'propose',
): 'adopt' | 'propose' {
  const scopes: RuleScope[] = areas.map((a) => ruleScope(a, (id) => org.byId.community.get(id)?.streetId));
  const s = caller.staff;
  const verdict = mayChangeRouting({ roles: caller.roles, staffId: s?._id, streetId: s?.streetId }, scopes, org.rota, now);
  if (!verdict.ok) throw Errors.forbidden(verdict.message);
  if (need === 'adopt' && verdict.mode !== 'adopt') throw Errors.forbidden(PROPOSE_ONLY);
  return verdict.mode;
}

/**
 * The rule as written by `mode`: an adoption takes the caller's wish (active or not) and stamps who adopted it; a
 * proposal is saved inactive with the proposer's stamp, and may only revise a rule that is not in force.
 */
export function ruleAsWritten(rule: StandingRule, before: StandingRule | null, mode: 'adopt' | 'propose', caller: Caller, now: number): StandingRule {
  if (mode === 'adopt') return before?.proposal && rule.active && !before.active ? { ...rule, adoptedBy: caller.staff?._id ?? caller.openid, adoptedAt: now } : rule;
  if (before?.active) throw Errors.forbidden(PROPOSE_ONLY);
  return { ...rule, active: false, proposal: { by: caller.staff?._id ?? caller.openid, byName: caller.staff?.name, at: now } };
}

/**
 * The start of a rule's effective period: the chosen day (Asia/Shanghai), or the current minute (whole minutes, so a
 * report filed in the minute of the adoption already follows it whatever the clocks of two function instances say).
 */
export function effectiveFrom(day: string | undefined, now: number): number {
  const minute = Math.floor(now / 60_000) * 60_000;
  return day ? Math.max(minute, shanghaiDayStart(day)) : minute;
}

/**
 * At most one rule in force per category and place (src/domain/routing/routing-rules.ts): a rule about to be in
 * force that overlaps active ones is refused (RULE_OVERLAP, naming them) unless the writer chose 'replace'; then the
 * writes that end each of them (`until` = the new rule's start) join the same audited transaction.
 */
export function overlapWrites(rule: StandingRule, org: Org, now: number, choice: OverlapChoice | undefined): AdminWrite[] {
  const ctx = {
    streetOfCommunity: (id: string) => org.byId.community.get(id)?.streetId,
    streetBoundary: (id: string) => org.byId.street.get(id)?.boundary,
  };
  const verdict = resolveOverlap(rule, org.rules, ctx, now, choice ?? 'refuse');
  if (!verdict.ok) {
    throw Errors.ruleOverlap(
      verdict.message,
      verdict.conflicts.map((r) => ({ _id: r._id, title: r.title, categoryCode: r.categoryCode, area: r.area ? { streetId: r.area.streetId, communityId: r.area.communityId } : undefined, from: r.from, until: r.until })),
    );
  }
  return verdict.ends.map((r) => ({ coll: 'standingRules', id: r._id, after: null, patch: { until: r.until, active: r.active, updatedAt: now, endedBy: rule._id }, before: org.rules.find((x) => x._id === r._id) }));
}

/** A stored rule without its polygon (whatever the polygon holds), or NOT_FOUND. */
export async function bareRule(ruleId: string): Promise<StandingRule & { updatedAt?: number }> {
  const rule = await findBare<StandingRule & { updatedAt?: number }>('standingRules', ruleId);
  if (!rule) throw Errors.notFound('长效机制规则');
  return rule;
}

export const rulesList = implement(contract['admin.rules.list'], {
  async handler() {
    const org = await freshOrg();
    // the unusable ones are left out here and listed by admin.health
    const { docs: rules } = await readChecked<StandingRule>('standingRules');
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

export const rulesSave = implement(contract['admin.rules.save'], {
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
    const before = input._id ? await bareRule(input._id) : null;
    const now = clock.now();
    const mode = assertRoutingAuthority(caller, org, now, before ? [before.area, area] : [area]);
    let rule: StandingRule = {
      _id: before?._id ?? newId(`rule-${input.categoryCode}`),
      categoryCode: input.categoryCode,
      assignments: input.assignments.map((a) => ({ deptId: a.deptId, phase: a.phase, duty: a.duty })),
      active: input.active,
      adoptedBy: before?.adoptedBy ?? caller.staff?._id ?? caller.openid,
      adoptedAt: before && before.active ? before.adoptedAt : now,
    };
    // a rule coming into force starts now (or on the chosen day); a rule in force keeps its start
    const from = input.from || !before?.active ? effectiveFrom(input.from, now) : before.from;
    if (from !== undefined) rule.from = from;
    if (area && (area.streetId || area.communityId || area.polygon)) rule.area = area;
    const title = input.title || before?.title;
    if (title) rule.title = title;
    const source = input.source || before?.source;
    if (source) rule.source = source;
    if (before?.proposal) rule.proposal = before.proposal;
    rule = ruleAsWritten(rule, before, mode, caller, now);
    const ends = overlapWrites(rule, org, now, input.onOverlap);
    const { _id, ...doc } = rule;
    const name = rule.title ? `「${rule.title}」` : `（${org.byId.category.get(rule.categoryCode)!.name}）`;
    const verb = mode === 'propose' ? `${before ? '修改' : '提出'}长效机制建议` : before?.proposal && rule.active && !before.active ? '采纳长效机制建议' : `${before ? '修改' : '新增'}长效机制`;
    const replaced = ends.length ? `，替换${ends.map((w) => `「${(w.before as StandingRule | undefined)?.title ?? w.id}」`).join('、')}` : '';
    await writeAudited(caller, 'admin.rules.save', `${verb}${name}${replaced}`, [{ coll: 'standingRules', id: _id, after: { ...doc, updatedAt: now }, before }, ...ends], now);
    return { ...rule, replaced: ends.map((w) => w.id) };
  },
});

export const rulesDeactivate = implement(contract['admin.rules.deactivate'], {
  async handler({ ruleId }, { caller, clock }) {
    const rule = await bareRule(ruleId);
    const now = clock.now();
    assertRoutingAuthority(caller, await freshOrg(), now, [rule.area], 'adopt');
    if (rule.active === false) throw new AppError('ALREADY_INACTIVE', '该长效机制已停用');
    await writeAudited(caller, 'admin.rules.deactivate', `停用长效机制${rule.title ? `「${rule.title}」` : ''}`, [{ coll: 'standingRules', id: ruleId, after: null, patch: { active: false, until: now, updatedAt: now }, before: rule }], now);
    return { ...rule, active: false, until: now, updatedAt: now };
  },
});

export const rulesHistory = implement(contract['admin.rules.history'], {
  async handler({ ruleId }) {
    // who, when and what changed: the rule's lines of the admin audit log (every write of a rule is audited)
    const lines = await auditLinesOf<AuditLine>('standingRules', ruleId);
    return {
      items: lines.map((l) => ({
        at: l.at,
        action: l.action,
        by: l.by?.name ?? l.by?.staffId ?? '系统',
        what: l.what,
        changes: ruleChanges((l.before ?? null) as Partial<StandingRule> | null, (l.after ?? null) as Partial<StandingRule> | null),
      })),
    };
  },
});

export const rulesOverlaps = implement(contract['admin.rules.overlaps'], {
  async handler(input, { clock }) {
    // a dry run of the overlap check of admin.rules.save / stats.adoptRule: the drafts' screens show the rules in
    // force that the draft would overlap before anything is written, and ask replace / narrow / cancel
    const org = await freshOrg();
    const now = clock.now();
    const area = input.area ? { ...input.area } : undefined;
    if (area?.communityId && !area.streetId) area.streetId = org.byId.community.get(area.communityId)?.streetId;
    const draft: StandingRule = { _id: input.ruleId ?? '(draft)', categoryCode: input.categoryCode, assignments: [], active: true, adoptedBy: '', adoptedAt: now, from: effectiveFrom(input.from, now) };
    if (area && (area.streetId || area.communityId || area.polygon)) draft.area = area;
    const ctx = { streetOfCommunity: (id: string) => org.byId.community.get(id)?.streetId, streetBoundary: (id: string) => org.byId.street.get(id)?.boundary };
    const deptName = (id: string) => org.byId.dept.get(id)?.fullName ?? org.byId.cityUnit.get(id)?.name ?? id;
    return {
      overlaps: conflictingRules(draft, org.rules, ctx, now).map((r) => ({
        _id: r._id,
        title: r.title ?? org.byId.category.get(r.categoryCode)?.name ?? r.categoryCode,
        areaName: (r.area?.communityId && org.byId.community.get(r.area.communityId)?.name) || (r.area?.streetId && org.byId.street.get(r.area.streetId)?.name) || (r.area?.polygon ? '指定区块' : '全区'),
        from: r.from,
        until: r.until,
        assignments: r.assignments.map((a) => ({ ...a, deptName: deptName(a.deptId) })),
      })),
    };
  },
});
