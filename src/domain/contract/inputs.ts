/**
 * The payload schemas of the actions whose input is not a domain schema (lists, reference data, statistics,
 * administration). zod/mini; every message Chinese. The contract (index.ts) names each action's schema.
 */
import * as z from 'zod/mini';
import { ORG_COLLECTIONS, ruleArea, type OrgCollection } from '../org/org-docs';
import { ruleAssignments, ruleRefInput, ruleSaveInput } from '../org/org-schema';
import { id } from '../common/schema-parts';
import { cursorInput } from '../common/page-cursor';
import { PAYLOAD } from './schema';

export const emptyInput = z.object({});
export const emptyPayload = z.object({}, PAYLOAD);

// ───────────────────────────── cases and calls: lists and reads ─────────────────────────────
/** A page cursor: the previous answer's `nextCursor` (`@domain/common/page-cursor`). */
export const cursorSchema = cursorInput;

export const caseMineInput = z.object({ cursor: cursorSchema }, PAYLOAD);
export const caseGetInput = z.object({ caseId: id('事项编号') }, PAYLOAD);
export const inboxInput = z.object({
  tab: z._default(z.enum(['todo', 'doing', 'done', 'overdue', 'hard', 'all'], { error: '列表类型不正确' }), 'todo'),
  cursor: cursorSchema,
}, PAYLOAD);
export const TRIAGE_TABS = ['triage', 'returned', 'review', 'verify'] as const;
export const triageInput = z.object({ tab: z._default(z.enum(TRIAGE_TABS, { error: '列表类型不正确' }), 'triage'), cursor: cursorSchema }, PAYLOAD);
export const boardInput = z.object({ scope: z._default(z.enum(['mine', 'all'], { error: '范围不正确' }), 'mine'), cursor: cursorSchema }, PAYLOAD);
export const suggestCategoryInput = z.object({ text: z.string({ error: '请填写描述' }).check(z.maxLength(2000, '描述过长')) });

export const callMineInput = z.object({ tab: z._default(z.enum(['todo', 'done', 'all'], { error: '列表类型不正确' }), 'todo'), cursor: cursorSchema }, PAYLOAD);
export const callGetInput = z.object({ callId: id('呼叫编号') }, PAYLOAD);

// ───────────────────────────── reference data ─────────────────────────────
export const pickerStaffInput = z.object({ streetId: z.optional(id('街镇')), deptId: z.optional(id('部门')) }, PAYLOAD);

// ───────────────────────────── administration ─────────────────────────────
const COLLS = Object.keys(ORG_COLLECTIONS) as [OrgCollection, ...OrgCollection[]];
export const healthRemoveInput = z.object({ coll: z.enum(COLLS, { error: '数据类别不正确' }), id: id('记录') });
/** an undecodable case or call: its stored geometry is cleared (the record itself is kept) */
export const healthRepairInput = z.object({ coll: z.enum(['cases', 'calls'], { error: '数据类别不正确' }), id: id('记录') });
export const rulesOverlapsInput = z.object({
  categoryCode: ruleSaveInput.shape.categoryCode,
  area: ruleSaveInput.shape.area,
  from: ruleSaveInput.shape.from,
  /** the rule being edited (not its own overlap) */
  ruleId: z.optional(ruleRefInput.shape.ruleId),
});

// ───────────────────────────── statistics ─────────────────────────────
const dayStr = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));
const statsId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,80}$/, '编号格式不正确'));
const periodFields = {
  period: z.enum(['day', 'week', 'month', 'halfYear', 'custom']),
  from: z.optional(dayStr),
  to: z.optional(dayStr),
};
const scopeSchema = z.optional(z.object({ streetId: z.optional(statsId), deptId: z.optional(statsId), categoryCode: z.optional(statsId), communityId: z.optional(statsId) }));
export const BY = ['street', 'dept', 'category', 'community'] as const;

export const CASE_METRICS = [
  'reported', 'dueToHandle', 'handledOnTime', 'overdueOpen', 'extended', 'dueToClose', 'closed', 'closedOnTime', 'reopened', 'notClosed',
  'rated', 'satisfied', 'verySatisfied', 'dissatisfied', 'respondDue', 'respondedIn10', 'respondMissed', 'assignDue', 'assignedIn60', 'assignMissed', 'closeCount',
] as const;
export const CALL_METRICS = ['callsDue', 'callsCheckedIn', 'callsOnTime', 'callsMissed', 'callsRated', 'callsAccurate', 'callsInaccurate'] as const;
export type DrillMetric = (typeof CASE_METRICS)[number] | (typeof CALL_METRICS)[number];
const metricSchema = z.enum([...CASE_METRICS, ...CALL_METRICS] as [DrillMetric, ...DrillMetric[]]);

export const indicatorsInput = z.object({ ...periodFields, scope: scopeSchema });
export const breakdownInput = z.object({ ...periodFields, by: z.enum(BY) });
export const trendInput = z.object({ ...periodFields, scope: scopeSchema });
export const hotspotsInput = z.object({ ...periodFields, categoryCode: z.optional(statsId), limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))) });
export const drillInput = z.object({
  ...periodFields,
  metric: metricSchema,
  scope: scopeSchema,
  place: z.optional(z.object({ cell: z.string().check(z.regex(/^\d+:-?\d+:-?\d+$/, '位置格式不正确')), categoryCode: statsId })),
  cursor: cursorInput,
});
export const patternsInput = z.object({ ...periodFields, categoryCode: z.optional(statsId), minReports: z.optional(z.number().check(z.int(), z.minimum(2), z.maximum(100))) });

export const adoptRuleInput = z.object({
  patternId: z.optional(z.string().check(z.regex(/^pat:[A-Za-z0-9_-]+:\d+:-?\d+:-?\d+$/, '共性问题编号不正确'))),
  rule: z.object({
    title: z.string().check(z.trim(), z.minLength(1, '请填写规则名称'), z.maxLength(60, '规则名称不超过60字')),
    categoryCode: statsId,
    area: z.optional(ruleArea),
    /** the one standing-rule assignment rule (`@domain/org/org-schema`): 1–12 departments, one for 事中 */
    assignments: ruleAssignments,
    /** start of the effective period (YYYY-MM-DD; absent or past: now) */
    from: z.optional(dayStr),
  }),
  /** active rules the new one overlaps: refused (RULE_OVERLAP) unless 'replace' — the old ones end where it starts */
  onOverlap: z.optional(z.enum(['refuse', 'replace'])),
});

/** An assessment period: a year or a month (also names the exported file, so nothing else may pass). */
const scoreKey = z.string().check(z.regex(/^\d{4}(-\d{2})?$/, '考核周期格式应为 YYYY 或 YYYY-MM'));
export const scoresInput = z.object({
  period: z.enum(['month', 'year']),
  key: scoreKey,
  kind: z.enum(['dept', 'person', 'street']),
});
export const exportCsvInput = z.object({
  what: z.enum(['breakdown', 'scores', 'patterns', 'trend']),
  ...periodFields,
  period: z.optional(periodFields.period),
  by: z.optional(z.enum(BY)),
  scoreKey: z.optional(scoreKey),
  scorePeriod: z.optional(z.enum(['month', 'year'])),
  kind: z.optional(z.enum(['dept', 'person', 'street'])),
});
