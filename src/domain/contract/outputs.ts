/**
 * What each action answers (the `data` of `{ code: 0, data }`): the single definition of the API's answer types.
 * The server's handlers are checked against them (`implement` in cloudfunctions/common/actions.ts) and the app's
 * typed client returns them (`callApi` in src/services/cloud.ts). Types only: importing this file adds nothing to a
 * bundle. The domain records come from `src/domain`; these add what the server resolves for display (labels,
 * names, the events the caller may fire now).
 */
import type { CaseRecord, CaseState, StateKind } from '../case/case-types';
import type { CaseEventType } from '../case/case-events';
import type { NearbyCase } from '../case/case-nearby';
import type { CallEventType } from '../call/call-machine';
import type { CallProjection, LogView, ReporterView } from '../access/projection';
import type { LngLat, Polygon } from '../geo/geo-types';
import type { Category, CategoryClass, DeptKind, RotaEntry, StandingRule, Staff, Street } from '../org/org-types';
import type { KpiTarget, TargetKey } from '../stats/stats-targets';
import type { Indicators } from '../stats/stats-types';
import type { DayCounters } from '../stats/stats-summary';
import type { Period } from '../stats/stats-period';

export type { NearbyCase };

// ───────────────────────────── account ─────────────────────────────
/** `whoami` (name/unitName are null for a caller without a staff record). */
export interface WhoAmI {
  openid: string;
  roles: string[];
  name?: string | null;
  unitName?: string | null;
  /** this user's upload folder: photos must be uploaded under it */
  uploadDir?: string;
}

/** `account.bindInvite`. */
export interface Bound {
  staffId: string;
  name: string;
  roles: string[];
}

// ───────────────────────────── reference data ─────────────────────────────
export interface BootstrapCategory {
  code: string;
  name: string;
  class: CategoryClass | null;
  deadlineMinutes: number;
  gridItem: boolean;
}

export interface BootstrapStreet {
  _id: string;
  name: string;
  kind?: Street['kind'];
  centre?: LngLat;
}

export interface BootstrapCommunity {
  _id: string;
  name: string;
  streetId: string;
  centre?: LngLat;
}

export interface BootstrapDepartment {
  _id: string;
  name: string;
  fullName: string;
  kind?: DeptKind;
  parentId?: string;
}

/** `meta.bootstrap`: reference data every page needs (cached for the session by services/meta). */
export interface Bootstrap {
  categories: BootstrapCategory[];
  streets: BootstrapStreet[];
  communities: BootstrapCommunity[];
  departments: BootstrapDepartment[];
  cityUnits: { _id: string; name: string; counterpartDeptId: string }[];
  /** subscribe key (e.g. 'progress', 'resolvedRate') → WeChat template id */
  templates: Record<string, string>;
  checkIn?: { radiusM: number; earlyMin: number; lateMin: number; absentAfterMin: number };
  sla?: { respondMin: number; assignMin: number };
}

/** One entry of `staff.list` (pickers: names, titles, roles and posts only — never phones or openids). */
export interface StaffItem {
  _id: string;
  name: string;
  title?: string;
  roles: string[];
  post?: string;
  streetId?: string;
  deptId?: string;
}

/** `geo.districtMap`: the boundaries the map draws and the pin is located with. */
export interface DistrictGeo {
  district?: { name: string; boundary: Polygon };
  streets: Array<{ _id: string; name: string; centre: LngLat; boundary: Polygon }>;
  communities: Array<{ _id: string; name: string; streetId: string; centre: LngLat; area: Polygon }>;
}

// ───────────────────────────── cases ─────────────────────────────
/** One row of a case list (`case.mine`, `case.inbox`, boards). */
export interface CaseSummary {
  id: string;
  categoryCode: string;
  categoryName: string;
  description: string;
  photo?: string;
  stateLabel: string;
  stateKind: StateKind;
  state: CaseState;
  createdAt: number;
  updatedAt: number;
  streetName?: string;
  deadline?: number;
  respondBy?: number;
  assignBy?: number;
  hard: boolean;
  hardReason?: string;
  hardDecided?: boolean;
  deptNames?: string[];
  overdue: boolean;
  /** closed and not yet rated by its reporter: 待评价 */
  awaitsRating?: boolean;
  latest?: { what: string; at: number };
  /** people reporting it (我也遇到了 adds to it) */
  reporters?: number;
}

export interface CasePage {
  items: CaseSummary[];
  nextCursor: string | null;
}

/** A case as one caller may see it (the reporter as a pseudonym, see @domain/access/projection). */
export type CaseView = Omit<CaseRecord, 'reporter'> & {
  reporter: ReporterView;
  stateLabel: string;
  stateKind: StateKind;
  categoryName: string;
  streetName?: string;
  communityName?: string;
  deptNames: string[];
  available: CaseEventType[];
};

/** A call as one caller may see it (check-in details only for staff who see the call, see @domain/access/projection). */
export type CallView = CallProjection & {
  stateLabel: string;
  stateKind: StateKind;
  deptName: string;
  streetName?: string;
  available: CallEventType[];
};

/** `case.get`. */
export interface CaseDetail {
  case: CaseView;
  calls: CallView[];
  /** the merged audit trail, projected for the caller (`by.self`: the caller's own step) */
  log: LogView[];
}

/** `case.call`: the case after the call and the calls it created. */
export interface CallCreated {
  case: CaseView;
  calls: CallView[];
}

/** `case.report`. */
export interface ReportResult {
  caseId: string;
  state: CaseState;
  categoryCode: string;
  suggested: boolean;
  duplicateOf?: string;
  review?: 'review' | 'risky';
  replayed: boolean;
}

/** One entry of `case.suggestCategory`. */
export interface CategorySuggestion {
  code: string;
  name: string;
  score: number;
}

/** `case.nearby`. */
export interface NearbyAnswer {
  radiusM: number;
  items: NearbyCase[];
}

/** `case.join` (我也遇到了). */
export interface Joined {
  caseId: string;
  reporters?: number;
  /** false: the caller had already joined (or reported) it */
  joined: boolean;
}

export type InboxTab = 'todo' | 'doing' | 'done' | 'overdue' | 'hard' | 'all';

export interface InboxCounts {
  todo: number;
  doing: number;
  overdue: number;
  hard: number;
  /** not in the contract today; shown when the server sends it */
  done?: number;
}

/** `case.inbox`. */
export interface InboxPage {
  items: CaseSummary[];
  counts: InboxCounts;
  nextCursor: string | null;
}

export type TriageTab = 'triage' | 'returned' | 'verify' | 'review';

/** `case.triage`. */
export interface TriageAnswer {
  items: CaseSummary[];
  counts: Partial<Record<TriageTab, number>>;
  nextCursor?: string | null;
}

export interface BoardLeader {
  staffId: string;
  name: string;
  level: 'district' | 'street';
  streetName?: string;
}

/** `lead.board`. */
export interface BoardAnswer {
  onDuty: boolean;
  leaders: BoardLeader[];
  items: CaseSummary[];
  /** every open hard case the caller may see (items is one page of them) */
  total: number;
  nextCursor: string | null;
}

// ───────────────────────────── calls ─────────────────────────────
export type DeptCallTab = 'todo' | 'done' | 'all';

export type DeptCallItem = CallView & { caseSummary: CaseSummary };

/** `call.mine`. */
export interface DeptCallPage {
  items: DeptCallItem[];
  counts: Record<string, number>;
  nextCursor: string | null;
}

/** `call.get`. */
export interface CallDetail {
  call: CallView;
  case: CaseView;
  group: CallView[];
}

// ───────────────────────────── administration ─────────────────────────────
export type StaffRow = Omit<Staff, 'inviteCode'> & { inviteCode?: string; bound?: boolean };

/** `admin.staff.list`. */
export interface StaffPage {
  items: StaffRow[];
  total: number;
  nextCursor: string | null;
}

/** `admin.staff.save`. */
export interface StaffSaved {
  staff: StaffRow;
  /** null: the person is already bound to a WeChat account */
  inviteCode: string | null;
}

/** `admin.staff.unbind`: the person unbound, with the new invite code to bind again. */
export interface Unbound {
  staff: StaffRow;
  inviteCode: string;
}

/** `admin.staff.invite`. */
export interface Invited {
  inviteCode: string;
}

/** One line of `admin.rules.history`. */
export interface HistoryLine {
  at: number;
  by: string;
  what: string;
  changes: string[];
}

/** One active rule a draft would overlap (`admin.rules.overlaps`). */
export interface Overlap {
  _id: string;
  title: string;
  areaName: string;
  assignments: Array<{ phase: 'before' | 'during' | 'after'; deptName: string; duty: string }>;
}

export interface HealthItem {
  coll: string;
  collLabel: string;
  id: string;
  name: string;
  reason: string;
  /** standing rules only: still switched on */
  active?: boolean;
}

/** `admin.health`. */
export interface Health {
  checkedAt: number;
  /** every org collection checked, with its Chinese label */
  collections: Array<{ coll: string; label: string }>;
  items: HealthItem[];
}

/** `admin.health.remove`. */
export interface HealthRemoved {
  coll: string;
  id: string;
  removed: boolean;
}

/** `admin.health.repair`: the geometry the SDK could not decode was cleared; `stillBad` when the record still fails. */
export interface HealthRepaired {
  coll: string;
  id: string;
  cleared: string[];
  stillBad: boolean;
}

/** `admin.org.list`: names and centres (boundaries stay on the server). */
export interface OrgList {
  district: { _id: string; name: string; commandCentreName?: string } | null;
  streets: Array<{ _id: string; name: string; kind: Street['kind']; subCentreName?: string; centre: LngLat; hasBoundary: boolean }>;
  communities: Array<{ _id: string; name: string; streetId: string; centre: LngLat }>;
  departments: Array<{ _id: string; name: string; fullName: string; kind: DeptKind; parentId?: string }>;
  cityUnits: Array<{ _id: string; name: string; counterpartDeptId: string }>;
}

/** One line of `admin.rota.list`. */
export type RotaRow = RotaEntry & { staffName: string | null };

/** `admin.rota.save`. */
export interface RotaSaved {
  saved: RotaEntry[];
  removed: string[];
}

/** One rule of `admin.rules.list`, with names resolved. */
export type RuleRow = Omit<StandingRule, 'assignments'> & {
  categoryName: string;
  streetName?: string;
  communityName?: string;
  assignments: Array<StandingRule['assignments'][number] & { deptName: string }>;
};

/** `admin.rules.save` (the rules it ended, when it replaced them). */
export type RuleSaved = StandingRule & { replaced: string[] };

/** One line of the administration log (`admin.log.list`). */
export interface AuditLine {
  _id?: string;
  at: number;
  action: string;
  by: { staffId: string | null; name: string | null };
  coll: string;
  subjectId: string;
  what: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** `admin.log.list`. */
export interface AuditPage {
  items: Array<AuditLine & { _id: string }>;
  nextCursor: string | null;
}

export type { Category };

export interface ImportDiff {
  added: string[];
  changed: string[];
  unchanged: number;
  removed: string[];
  kept: Array<{ id: string; reason: string }>;
}

/** `admin.org.import`. */
export interface ImportAnswer {
  ok: boolean;
  applied: boolean;
  errors: Array<{ file: string; line: number; field: string; reason: string }>;
  warnings: string[];
  summary?: Record<string, ImportDiff>;
  writes?: number;
  invitesCsv?: string | null;
  invites?: number;
}

// ───────────────────────────── statistics ─────────────────────────────
/** The indicators by name (a plain object type, so pages may read them by a string key). */
export type IndicatorValues = { [K in keyof Indicators]: Indicators[K] };
export type CounterValues = { [K in keyof DayCounters]: DayCounters[K] };
/** The statistics scope asked for (absent: the district). */
export interface StatsScope {
  streetId?: string;
  deptId?: string;
  categoryCode?: string;
  communityId?: string;
}

/** The figures of one scope over some days. */
export interface StatFigures {
  counters: CounterValues;
  indicators: IndicatorValues;
  reported: number;
  /** 报告人次: reports counted with the citizens who joined a case (我也遇到了) */
  reporters: number;
  withdrawn: number;
}

/** Today's live figures, computed at `at` ("截至 HH:mm"). */
export interface TodayMark {
  day: string;
  at: number;
  truncated: boolean;
}

/** `stats.indicators`. */
export interface Figures extends StatFigures {
  period: Period;
  scope: StatsScope;
  /** the last day rolled up (null: none yet) */
  asOfDay: string | null;
  days: number;
  previous: StatFigures & { period: Period; days: number };
  today: StatFigures & TodayMark;
  targets: Record<TargetKey, KpiTarget>;
}

export interface TrendPoint {
  day: string;
  reported: number;
  closed: number;
  dueToClose: number;
  overdueOpen: number;
  closeRate: number | null;
  onTimeHandleRate: number | null;
  satisfactionRate: number | null;
}

/** `stats.trend`. */
export interface Trend {
  period: Period;
  scope: StatsScope;
  series: TrendPoint[];
  today: TrendPoint & { at: number; truncated: boolean };
}

/** `stats.breakdown`. */
export interface Breakdown {
  period: Period;
  by: 'street' | 'dept' | 'category' | 'community';
  asOfDay: string | null;
  today: TodayMark;
  rows: Array<StatFigures & { key: string; name: string; todayReported: number }>;
}

/** `stats.hotspots`. */
export interface Hotspots {
  period: Period;
  cells: Array<{ cell: string; categoryCode: string; categoryName: string; streetId?: string; streetName?: string; count: number; centre: LngLat; repeat: boolean; /** open cases of this place past their deadline */ overdue?: number }>;
  streets: Array<{ _id: string; name: string; centre: LngLat }>;
}

export interface DrillItem {
  id: string;
  categoryName: string;
  description: string;
  stateLabel: string;
  streetName?: string;
  createdAt: number;
  overdue: boolean;
}

/** `stats.drill`. */
export interface DrillAnswer {
  total: number;
  truncated: boolean;
  scopeName: string;
  period: { from: string; to: string };
  items: DrillItem[];
  nextCursor: string | null;
}

export interface PatternAssignment {
  deptId: string;
  deptName: string;
  phase: 'before' | 'during' | 'after';
  duty: string;
}

export interface PatternProposal {
  patternId: string;
  title: string;
  categoryCode: string;
  area: unknown;
  assignments: PatternAssignment[];
}

export interface Pattern {
  id: string;
  categoryCode: string;
  categoryName: string;
  cell: string;
  streetName?: string;
  communityName?: string;
  reports: number;
  days: number;
  weeks: number;
  firstDay: string;
  lastDay: string;
  depts: Array<{ deptId: string; name: string; reports: number }>;
  needsRule: boolean;
  proposal?: PatternProposal;
  adoptedRuleId?: string;
}

/** `stats.patterns`. */
export interface PatternsAnswer {
  period: { kind: string; from: string; to: string; label: string };
  patterns: Pattern[];
}

/** `stats.adoptRule`. */
export interface AdoptedRule {
  _id: string;
  active: boolean;
  replaced?: string[];
}

export interface ScoreRow {
  rank: number;
  subjectKey: string;
  name: string;
  unitName?: string;
  post?: string;
  score: number;
  points: number;
  records: number;
  calls: number;
  accuracyRate: number | null;
  items: Array<{ code: string; label: string; n: number; points: number }>;
}

/** `stats.scores`. */
export interface ScoresAnswer {
  rows: ScoreRow[];
  formula: { text: string };
}

/** `stats.exportCsv`: a signed link to the file. */
export interface CsvFile {
  url: string;
  name: string;
}
