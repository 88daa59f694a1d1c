/**
 * Input schemas of the administration actions (categories, staff, rota, standing rules). Shapes only: whether
 * an id names an existing department/street/staff member is checked by the server against the stored org.
 * The admin forms of the app validate with the same schemas (`parseInput`). Chinese messages.
 */
import * as z from 'zod/mini';
import { id, optionalText, phone, text } from '../common/schema-parts';
import { cursorInput } from '../common/page-cursor';
import { districtPolygon } from '../geo/geo-schema';
import { INVITE_CODE_MESSAGE, INVITE_CODE_RE } from './invite';
import { TIME_ABSOLUTE } from '../common/time-bounds';

const STAFF_ROLES = ['handler', 'community', 'dept', 'deptLeader', 'leader', 'command', 'admin'] as const;
const POSTS = ['officer', 'deputy', 'chief'] as const;
const PHASES = ['before', 'during', 'after'] as const;

/** An invite code: 8 characters of A–Z and 0–9 (the rule lives in invite.ts, which the app imports without zod). */
export { INVITE_CODE_RE, INVITE_CODE_MESSAGE };

/** Binding a WeChat account with an invite code (account.bindInvite; the app's 绑定身份 form). */
export const bindInviteInput = z.object({
  inviteCode: z.string({ error: '请填写邀请码' }).check(z.regex(INVITE_CODE_RE, INVITE_CODE_MESSAGE)),
});

const MINUTE = 1;
const DAY = 24 * 60 * MINUTE;

const idList = (label: string, max = 20) =>
  z.array(id(label), { error: `${label}格式不正确` }).check(
    z.maxLength(max, `${label}最多${max}个`),
    z.refine((xs) => new Set(xs).size === xs.length, `${label}不能重复`),
  );

/** Create or change a category. An unknown code creates one (then `name` and `deadlineMinutes` are required). */
export const categorySaveInput = z.object({
  code: z.string({ error: '缺少类型编码' }).check(z.trim(), z.regex(/^[a-z][a-z0-9-]{1,31}$/, '类型编码须为2–32位小写字母、数字或连字符，以字母开头')),
  name: z.optional(text('类型名称', 2, 20)),
  class: z.optional(z.nullable(z.enum(['部件', '事件'], { error: '类别须为部件或事件' }))),
  deadlineMinutes: z.optional(
    z.number({ error: '规定时间须为分钟数' }).check(z.int('规定时间须为整数分钟'), z.gte(10, '规定时间不能少于10分钟'), z.lte(90 * DAY, '规定时间不能超过90天')),
  ),
  gridItem: z.optional(z.boolean({ error: '网格化事项标记格式不正确' })),
  ownerDeptIds: z.optional(idList('责任部门')),
  pauseAtNight: z.optional(z.boolean({ error: '夜间暂停标记格式不正确' })),
  /** the city-level unit that owns the matter (null: none) */
  cityUnitId: z.optional(z.nullable(id('市直单位'))),
  /** 停用 (true) or 启用 (false) */
  disabled: z.optional(z.boolean({ error: '停用标记格式不正确' })),
});
export type CategorySaveInput = z.infer<typeof categorySaveInput>;

export const staffListInput = z.object({
  deptId: z.optional(id('部门')),
  streetId: z.optional(id('街镇')),
  /** only staff holding this role */
  role: z.optional(z.enum(['handler', 'community', 'dept', 'deptLeader', 'leader', 'command', 'admin'], { error: '角色不正确' })),
  /** part of the name or the unit's name */
  q: z.optional(z.string({ error: '搜索词格式不正确' }).check(z.trim(), z.maxLength(20, '搜索词不能超过20个字'))),
  cursor: cursorInput,
});

/** Create (no `_id`) or update a staff record. The WeChat binding is never set here (invite code only). */
export const staffSaveInput = z.object({
  _id: z.optional(z.string({ error: '人员编号格式不正确' }).check(z.trim(), z.regex(/^[a-z0-9][a-z0-9-]{2,63}$/, '人员编号格式不正确'))),
  name: text('姓名', 2, 20),
  roles: z
    .array(z.enum(STAFF_ROLES, { error: '角色不正确' }), { error: '请选择角色' })
    .check(z.minLength(1, '请至少选择1个角色'), z.refine((xs) => new Set(xs).size === xs.length, '角色不能重复')),
  streetId: z.optional(id('街镇')),
  communityId: z.optional(id('社区')),
  deptId: z.optional(id('部门')),
  post: z.optional(z.enum(POSTS, { error: '岗位须为经办人、分管领导或主责领导' })),
  title: optionalText('职务', 40),
  phone,
});
export type StaffSaveInput = z.infer<typeof staffSaveInput>;

export const staffRefInput = z.object({ staffId: id('人员') });

/** A day that exists on the calendar (no 02-31) and lies within the documented time bounds (TIME_ABSOLUTE: 2020 … 2099). */
export function isBoundedDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) && t >= TIME_ABSOLUTE.min && t < TIME_ABSOLUTE.max;
}
const DAY_OUT_OF_RANGE = '日期不存在或超出允许范围（2020–2099年）';

const day = z.string({ error: '日期格式不正确' }).check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期须为YYYY-MM-DD格式'), z.refine(isBoundedDay, DAY_OUT_OF_RANGE));

/** One 两级巡查轮值 entry: weekdays (1 = Monday … 7 = Sunday) and/or a date range. */
export const rotaEntryInput = z
  .object({
    _id: z.optional(z.string({ error: '轮值编号格式不正确' }).check(z.trim(), z.regex(/^[a-z0-9][a-z0-9-]{2,63}$/, '轮值编号格式不正确'))),
    level: z.enum(['district', 'street'], { error: '轮值层级须为区级或街镇级' }),
    streetId: z.optional(id('街镇')),
    staffId: id('轮值领导'),
    weekdays: z.optional(
      z
        .array(z.number({ error: '星期格式不正确' }).check(z.int('星期格式不正确'), z.gte(1, '星期须为1–7'), z.lte(7, '星期须为1–7')))
        .check(z.minLength(1, '请至少选择1天'), z.maxLength(7, '星期最多7天'), z.refine((xs) => new Set(xs).size === xs.length, '星期不能重复')),
    ),
    from: z.optional(day),
    to: z.optional(day),
  })
  .check(
    z.refine((e) => !!e.weekdays?.length || !!e.from, { message: '请选择星期或日期范围', path: ['weekdays'] }),
    z.refine((e) => !e.to || !!e.from, { message: '请填写开始日期', path: ['from'] }),
    z.refine((e) => !e.from || !e.to || e.from <= e.to, { message: '结束日期不能早于开始日期', path: ['to'] }),
    z.refine((e) => (e.level === 'street' ? !!e.streetId : !e.streetId), { message: '街镇级轮值须选择街镇，区级轮值不选街镇', path: ['streetId'] }),
  );
export type RotaEntryInput = z.infer<typeof rotaEntryInput>;

/** Upsert the listed entries (by `_id`; new ones get an id) and remove the entries named in `removeIds`. */
export const rotaSaveInput = z.object({
  entries: z.array(rotaEntryInput, { error: '轮值格式不正确' }).check(z.maxLength(200, '一次最多保存200条轮值')),
  removeIds: z._default(idList('删除的轮值', 200), []),
});
export type RotaSaveInput = z.infer<typeof rotaSaveInput>;

export const ruleAssignmentInput = z.object({
  deptId: id('责任部门'),
  phase: z.enum(PHASES, { error: '阶段须为事前、事中或事后' }),
  duty: text('职责', 2, 40),
});

/** Most departments one standing rule may name (three phases; story 4 alone involves six units). */
export const RULE_ASSIGNMENTS_MAX = 12;

/**
 * A standing rule's departments, one rule for every path that writes rules (admin.rules.save, stats.adoptRule):
 * 1–12 of them, and at least one for 事中 — the phase that acts when a report arrives (the rule routes to it;
 * 事前 and 事后 alone leave nobody to dispatch to).
 */
export const ruleAssignments = z
  .array(ruleAssignmentInput, { error: '请填写各阶段责任部门' })
  .check(
    z.minLength(1, '请至少指定1个责任部门'),
    z.maxLength(RULE_ASSIGNMENTS_MAX, `责任部门最多${RULE_ASSIGNMENTS_MAX}个`),
    z.refine((list) => list.some((a) => a.phase === 'during'), '请指定事中阶段的责任部门'),
  );

/** 长效机制: create (no `_id`) or change a standing rule. */
export const ruleSaveInput = z.object({
  _id: z.optional(z.string({ error: '规则编号格式不正确' }).check(z.trim(), z.regex(/^[a-z0-9][a-z0-9-]{2,63}$/, '规则编号格式不正确'))),
  categoryCode: id('问题类型'),
  area: z.optional(
    z.object({
      streetId: z.optional(id('街镇')),
      communityId: z.optional(id('社区')),
      polygon: z.optional(districtPolygon),
    }),
  ),
  assignments: ruleAssignments,
  active: z._default(z.boolean({ error: '启用标记格式不正确' }), true),
  title: optionalText('规则名称', 60),
  source: optionalText('来源', 200),
  /** start of the effective period (YYYY-MM-DD, Asia/Shanghai; absent or past: now) */
  from: z.optional(z.string({ error: '生效日期格式不正确' }).check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '生效日期格式应为 YYYY-MM-DD'), z.refine(isBoundedDay, `生效${DAY_OUT_OF_RANGE}`))),
  /** overlapping rules in force: refused unless 'replace' (the old rules end where this one starts) */
  onOverlap: z.optional(z.enum(['refuse', 'replace'], { error: '重叠处理方式须为 refuse 或 replace' })),
});
export type RuleSaveInput = z.infer<typeof ruleSaveInput>;

export const ruleRefInput = z.object({ ruleId: id('规则') });

export const adminLogListInput = z.object({
  cursor: cursorInput,
  subjectId: z.optional(id('对象')),
});
