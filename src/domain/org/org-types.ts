import type { LngLat, Polygon } from '../geo/geo-types';
import type { Channel as CaseChannel } from '../case/case-types';
import type { RuleAssignment } from '../routing/routing-types';
import type { Role } from '../common/actor-types';

/**
 * Organisation reference data (docs/REQUIREMENTS.md "Organisation"). Every record has a stable, readable `_id`
 * so seeding is an idempotent upsert by `_id`. All user-visible strings are Simplified Chinese.
 */

export interface District {
  _id: string;
  name: string; // 鼓楼区
  commandCentreName: string; // 区城市运行指挥中心
  /** outline the street polygons partition (GeoJSON Polygon, [lng, lat], WGS84) */
  boundary: Polygon;
}

export interface Street {
  _id: string; // street-wufeng
  name: string; // 五凤街道 / 洪山镇
  kind: 'street' | 'town'; // 街道 / 镇
  districtId: string;
  /** 指挥分中心 */
  subCentreName: string;
  /** real centre (street office / geographic middle) */
  centre: LngLat;
  boundary: Polygon;
}

export interface Community {
  _id: string; // comm-jintang
  name: string; // 金汤社区
  streetId: string;
  centre: LngLat;
}

export interface Grid {
  _id: string; // grid-jintang-1
  name: string; // 金汤社区第1网格
  communityId: string;
  streetId: string;
}

export type DeptKind = 'district' | 'sub' | 'command';

/** District departments (区直部门), their sub-units (e.g. 区城管局市政所) and the command centre. */
export interface Department {
  _id: string; // dept-cgj-szs
  /** short name as people say it: 市政所 */
  name: string;
  /** full name used in reports and statistics: 区城管局市政所 */
  fullName: string;
  kind: DeptKind;
  parentId?: string;
}

/** City-level units (市直单位), reached through a counterpart district department (对接协调跟踪). */
export interface CityUnit {
  _id: string; // city-swjt
  name: string; // 福州市水务集团
  counterpartDeptId: string; // dept-slj (区水利局)
}

/** Roles a staff record can hold (the shared Role minus citizen and system). */
export type StaffRole = Exclude<Role, 'citizen' | 'system'>;
/** 经办人 / 分管领导 / 主责领导 */
export type Post = 'officer' | 'deputy' | 'chief';

export const POST_LABELS: Record<Post, string> = { officer: '经办人', deputy: '分管领导', chief: '主责领导' };

export interface Staff {
  _id: string;
  name: string;
  roles: StaffRole[];
  streetId?: string;
  communityId?: string;
  /** district department, sub-unit, or city unit (`city-…`) the person works for */
  deptId?: string;
  post?: Post;
  /** job title shown next to the name, e.g. 智慧鼓楼服务中心副主任 */
  title?: string;
  phone: string;
  inviteCode: string;
  /** bound WeChat openid; seeded as `dev-<_id>` for local development only */
  openid?: string;
}

export type CategoryClass = '部件' | '事件';

export interface Category {
  _id: string; // cat-lamp
  code: string; // lamp
  name: string; // 路灯不亮
  class: CategoryClass | null;
  /** district departments usually responsible (called by the street) */
  ownerDeptIds: string[];
  /** city-level unit that owns the matter; its counterpart district department tracks it */
  cityUnitId?: string;
  /** further city units that may own it (e.g. 通信运营商 for telecom cables) */
  otherCityUnitIds?: string[];
  /** 网格化办理事项: forwarded to the grid platform */
  gridItem: boolean;
  /** goes straight to the command centre's manual triage (其他) */
  manualTriage?: boolean;
  /** handling deadline (规定时间) in minutes from dispatch */
  deadlineMinutes: number;
  /** the clock stops at night (22:00–08:00 Asia/Shanghai) for this category */
  pauseAtNight?: boolean;
  keywords?: string[];
  sort: number;
  /** 停用: no longer offered to reporters nor suggested; cases already filed keep it */
  disabled?: boolean;
}

export type RotaLevel = 'district' | 'street';

/**
 * 两级巡查轮值: one leader on duty. Matches a date when the weekday is listed (1 = Monday … 7 = Sunday,
 * Asia/Shanghai) and/or the date lies in [from, to] (inclusive, YYYY-MM-DD). Entries with a date range
 * are specific: when any of them matches for a level (and street), weekday-only entries of that level
 * are not used for that date (e.g. a holiday roster).
 */
export interface RotaEntry {
  _id: string;
  level: RotaLevel;
  streetId?: string;
  staffId: string;
  weekdays?: number[];
  from?: string;
  to?: string;
}

export type RulePhase = RuleAssignment['phase'];
export const PHASE_LABELS: Record<RulePhase, string> = { before: '事前', during: '事中', after: '事后' };

/** 长效机制: a standing responsibility rule adopted after analysis. */
export interface StandingRule {
  _id: string;
  categoryCode: string;
  area?: { streetId?: string; communityId?: string; polygon?: Polygon };
  assignments: RuleAssignment[];
  active: boolean;
  adoptedBy: string; // staff _id or body (e.g. 区专题会)
  adoptedAt: number; // epoch ms
  source?: string; // what led to it (analysis id, meeting)
  title?: string;
  /** a leader's proposal (saved inactive until the command centre or an administrator adopts it) */
  proposal?: { by: string; byName?: string; at: number };
  /** effective period (epoch ms): in force from `from` (absent: always) until before `until` (absent: open) */
  from?: number;
  until?: number;
}

/** Same codes as the case record's channel kind (case-types.ts). */
export type ChannelCode = CaseChannel;

/** One intake channel: `_id` is its identity (cases carry it as `channelId`), `code` its kind (shared by partners). */
export interface Channel {
  _id: string;
  code: ChannelCode;
  name: string;
  /** partner unit behind an Open311 channel */
  cityUnitId?: string;
  /** Open311 api_key — local development values only, real keys come from configuration */
  apiKey?: string;
}

/** Everything routing needs, as loaded from the collections. */
export interface OrgData {
  district?: District;
  streets: Street[];
  communities: Community[];
  categories: Category[];
  departments: Department[];
  cityUnits: CityUnit[];
  rules: StandingRule[];
}
