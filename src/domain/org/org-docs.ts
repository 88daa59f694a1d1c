/**
 * Stored organisation documents, as schemas: what a document of each org collection must look like to be used.
 * Writes pass them (valid by construction: the admin writes and `stats.adoptRule` check the whole document before
 * it is stored); reads check every document with them and skip a bad one (counted, listed in the health view)
 * instead of failing the request. Checks only what the system relies on; unknown fields are allowed.
 * Chinese messages: the first issue is the reason the health view shows.
 */
import * as z from 'zod/mini';
import { districtPolygon, districtPosition } from '../geo/geo-schema';

const str = (label: string) => z.string({ error: `缺少${label}` }).check(z.minLength(1, `缺少${label}`));
const optStr = (label: string) => z.optional(z.string({ error: `${label}格式不正确` }));
const finite = (label: string) => z.number({ error: `${label}格式不正确` });
const strList = (label: string) => z.array(z.string({ error: `${label}格式不正确` }), { error: `${label}格式不正确` });

const PHASES = ['before', 'during', 'after'] as const;
const ROLES = ['handler', 'community', 'dept', 'deptLeader', 'leader', 'command', 'admin'] as const;

/** A standing rule's area: a street, a community and/or a polygon (inside the district). */
export const ruleArea = z.object(
  {
    streetId: z.optional(z.string({ error: '街镇格式不正确' }).check(z.minLength(1, '街镇格式不正确'), z.maxLength(64, '街镇格式不正确'))),
    communityId: z.optional(z.string({ error: '社区格式不正确' }).check(z.minLength(1, '社区格式不正确'), z.maxLength(64, '社区格式不正确'))),
    polygon: z.optional(districtPolygon),
  },
  { error: '适用区域格式不正确' },
);

export const standingRuleDoc = z.object({
  _id: str('规则编号'),
  categoryCode: str('问题类型'),
  area: z.optional(ruleArea),
  assignments: z
    .array(z.object({ deptId: str('责任部门'), phase: z.enum(PHASES, { error: '阶段须为事前、事中或事后' }), duty: z.optional(z.string({ error: '职责格式不正确' })) }), { error: '责任部门格式不正确' })
    .check(z.minLength(1, '未指定责任部门')),
  active: z.boolean({ error: '启用标记格式不正确' }),
  adoptedBy: str('采纳人'),
  adoptedAt: finite('采纳时间'),
  proposal: z.optional(z.object({ by: str('建议人'), byName: z.optional(z.string()), at: finite('建议时间') }, { error: '建议记录格式不正确' })),
  from: z.optional(finite('生效时间')),
  until: z.optional(finite('终止时间')),
});

export const districtDoc = z.object({ _id: str('区编号'), name: str('名称'), boundary: districtPolygon });

export const streetDoc = z.object({
  _id: str('街镇编号'),
  name: str('名称'),
  kind: z.enum(['street', 'town'], { error: '街镇类型不正确' }),
  centre: districtPosition,
  boundary: districtPolygon,
});

export const communityDoc = z.object({ _id: str('社区编号'), name: str('名称'), streetId: str('所属街镇'), centre: districtPosition });

export const categoryDoc = z.object({
  _id: str('类型编号'),
  code: str('类型编码'),
  name: str('名称'),
  ownerDeptIds: strList('责任部门'),
  gridItem: z.boolean({ error: '网格化事项标记格式不正确' }),
  deadlineMinutes: z.number({ error: '规定时间格式不正确' }).check(z.int('规定时间格式不正确'), z.gte(1, '规定时间格式不正确'), z.lte(366 * 24 * 60, '规定时间超出范围')),
  sort: finite('排序'),
});

export const departmentDoc = z.object({ _id: str('部门编号'), name: str('名称'), fullName: str('全称'), kind: z.enum(['district', 'sub', 'command'], { error: '部门类型不正确' }), parentId: optStr('上级部门') });

export const cityUnitDoc = z.object({ _id: str('单位编号'), name: str('名称'), counterpartDeptId: str('对接部门') });

export const staffDoc = z.object({ _id: str('人员编号'), name: str('姓名'), roles: z.array(z.enum(ROLES, { error: '角色不正确' }), { error: '角色格式不正确' }), streetId: optStr('街镇'), deptId: optStr('部门') });

export const rotaDoc = z.object({
  _id: str('轮值编号'),
  level: z.enum(['district', 'street'], { error: '轮值层级不正确' }),
  staffId: str('轮值领导'),
  streetId: optStr('街镇'),
  weekdays: z.optional(z.array(z.number({ error: '星期格式不正确' }).check(z.int('星期格式不正确'), z.gte(1, '星期须为1–7'), z.lte(7, '星期须为1–7')), { error: '星期格式不正确' })),
  from: optStr('开始日期'),
  to: optStr('结束日期'),
});

export const channelDoc = z.object({ _id: str('渠道编号'), code: str('渠道编码'), name: str('名称') });

/** The org collections, their document schema, their Chinese name, and the GeoJSON fields a reader may have to leave out. */
export const ORG_COLLECTIONS = {
  districts: { schema: districtDoc, label: '行政区', geoFields: ['boundary'] },
  streets: { schema: streetDoc, label: '街镇', geoFields: ['boundary'] },
  communities: { schema: communityDoc, label: '社区', geoFields: [] },
  categories: { schema: categoryDoc, label: '问题类型', geoFields: [] },
  departments: { schema: departmentDoc, label: '部门', geoFields: [] },
  cityUnits: { schema: cityUnitDoc, label: '市直单位', geoFields: [] },
  standingRules: { schema: standingRuleDoc, label: '长效机制', geoFields: ['area.polygon'] },
  staff: { schema: staffDoc, label: '人员', geoFields: [] },
  rota: { schema: rotaDoc, label: '轮值', geoFields: [] },
  channels: { schema: channelDoc, label: '渠道', geoFields: [] },
} as const satisfies Record<string, { schema: z.ZodMiniType; label: string; geoFields: readonly string[] }>;

export type OrgCollection = keyof typeof ORG_COLLECTIONS;

export function isOrgCollection(name: string): name is OrgCollection {
  return Object.prototype.hasOwnProperty.call(ORG_COLLECTIONS, name);
}

/** Why a stored document cannot be used (its first issue, in Chinese, with the field), or null when it is fine. */
export function docProblem(coll: OrgCollection, doc: unknown): string | null {
  const r = ORG_COLLECTIONS[coll].schema.safeParse(doc);
  if (r.success) return null;
  const first = r.error.issues[0];
  const where = first?.path.length ? `（${first.path.map(String).join('.')}）` : '';
  return `${first?.message ?? '格式不正确'}${where}`;
}
