/**
 * Importing a district's organisation from its own files (docs/ORG-IMPORT.md):
 *   boundaries.geojson   district, streets/towns and communities as GeoJSON Polygons
 *   departments.csv      district departments, sub-units and the command centre
 *   staff.csv            people: roles, unit, post (经办人 / 分管领导 / 主责领导), phone
 *
 * Pure: `parseImport` validates the files and gives either the documents or a line-by-line error report (file,
 * line, field, Chinese reason) — one bad line and nothing is imported; `diffImport` compares them with what is stored
 * and gives per collection what will be added / changed / unchanged / removed or deactivated, and the writes.
 * Ids are stable and come from the source data (the file's ids; a person without one gets an id derived from the
 * phone number), so importing the same files twice changes nothing.
 */
import * as z from 'zod/mini';
import { districtPolygon } from '../../geo/geo-schema';
import { bboxIntersects, bboxOf, distanceToPolygonM, pointInPolygon, ringAreaM2 } from '../../geo/geo-measure';
import type { LngLat, Polygon } from '../../geo/geo-types';
import type { Community, Department, District, Post, Staff, StaffRole, Street } from '../org-types';
import { parseCsv, toCsv, type CsvRow } from './csv';
import { checkStaffPlacement, type StaffField } from '../staff-rules';

export const IMPORT_FILES = { boundaries: 'boundaries.geojson', departments: 'departments.csv', staff: 'staff.csv' } as const;
export type ImportFileKey = keyof typeof IMPORT_FILES;
export type ImportFiles = Partial<Record<ImportFileKey, string>>;

/** Size bounds: what one request may carry (a bigger district imports with `npm run org:import`). */
export const IMPORT_LIMITS = { fileChars: 2_000_000, totalChars: 4_000_000, staffRows: 10_000, features: 2_000, errorsShown: 200 };

/** A community may stick out of its street (or a street out of the district) by this much: surveying noise. */
export const BOUNDARY_TOLERANCE_M = 30;
/** Two streets (or two communities of one street) may overlap by this share of the smaller one's area. */
export const OVERLAP_TOLERANCE = 0.01;

export interface ImportError {
  file: string;
  line: number;
  field: string;
  reason: string;
}

export interface ImportedOrg {
  district?: District;
  streets?: Street[];
  communities?: Array<Community & { boundary: Polygon }>;
  departments?: Department[];
  staff?: ImportedStaff[];
}

export type ImportedStaff = Omit<Staff, 'inviteCode' | 'openid'> & { unitName: string };

export type ParseResult = { ok: true; org: ImportedOrg; warnings: string[] } | { ok: false; errors: ImportError[]; warnings: string[] };

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const PHONE_RE = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

export const ROLE_LABELS: Record<StaffRole, string> = { handler: '一线处置员', community: '社区工作人员', dept: '部门经办人', deptLeader: '部门领导', leader: '巡查领导', command: '指挥中心', admin: '管理员' };
const ROLE_BY_LABEL: Record<string, StaffRole> = Object.fromEntries(Object.entries(ROLE_LABELS).flatMap(([k, v]) => [[v, k], [k, k]])) as Record<string, StaffRole>;
const POST_BY_LABEL: Record<string, Post> = { 经办人: 'officer', 分管领导: 'deputy', 主责领导: 'chief', officer: 'officer', deputy: 'deputy', chief: 'chief' };
const KIND_BY_LABEL: Record<string, Department['kind']> = { 区直部门: 'district', 下属单位: 'sub', 指挥中心: 'command', district: 'district', sub: 'sub', command: 'command' };

// ---------------------------------------------------------------------------------------------------------------
// GeoJSON

/** Offsets of the elements of the top-level "features" array (a small scanner; JSON.parse gives no positions). */
function featureOffsets(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let inStr = false;
  let lastKey = '';
  let strStart = 0;
  let inFeatures = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inStr) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inStr = false;
        if (depth === 1) lastKey = text.slice(strStart, i);
      }
      continue;
    }
    if (ch === '"') {
      inStr = true;
      strStart = i + 1;
    } else if (ch === '{' || ch === '[') {
      if (depth === 1 && ch === '[' && lastKey === 'features') inFeatures = true;
      if (inFeatures && depth === 2 && ch === '{') out.push(i);
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 1) inFeatures = false;
    }
  }
  return out;
}

const lineAt = (text: string, offset: number) => {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
};

function jsonErrorLine(text: string, message: string): number {
  const lc = /line (\d+)/.exec(message);
  if (lc) return Number(lc[1]);
  const pos = /position (\d+)/.exec(message);
  return pos ? lineAt(text, Number(pos[1])) : 1;
}

/** A point inside a polygon's outer ring: the centroid when inside, else the middle of the first chord through it. */
export function interiorPoint(poly: Polygon): LngLat {
  const ring = poly.coordinates[0];
  let x = 0;
  let y = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    x += ring[i][0];
    y += ring[i][1];
  }
  const c: LngLat = [x / (ring.length - 1), y / (ring.length - 1)];
  if (pointInPolygon(c, poly)) return round(c);
  const xs: number[] = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const [a, b] = [ring[i], ring[i + 1]];
    if ((a[1] > c[1]) !== (b[1] > c[1])) xs.push(a[0] + ((c[1] - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
  }
  xs.sort((p, q) => p - q);
  return xs.length >= 2 ? round([(xs[0] + xs[1]) / 2, c[1]]) : round(ring[0]);
}
const round = (p: LngLat): LngLat => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];

/** Area two polygons share, estimated on a 48 × 48 grid over the common bounding box (m²). */
export function overlapM2(a: Polygon, b: Polygon): number {
  const A = bboxOf(a);
  const B = bboxOf(b);
  if (!bboxIntersects(A, B)) return 0;
  const box = [Math.max(A[0], B[0]), Math.max(A[1], B[1]), Math.min(A[2], B[2]), Math.min(A[3], B[3])];
  const N = 48;
  let hits = 0;
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      const p: LngLat = [box[0] + ((i + 0.5) * (box[2] - box[0])) / N, box[1] + ((j + 0.5) * (box[3] - box[1])) / N];
      if (pointInPolygon(p, a) && pointInPolygon(p, b)) hits++;
    }
  const w = (box[2] - box[0]) * 111_320 * Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180);
  const h = (box[3] - box[1]) * 110_540;
  return (hits / (N * N)) * w * h;
}

const polygonAreaM2 = (p: Polygon) => Math.abs(ringAreaM2(p.coordinates[0]));

/** The vertices of `inner` that lie outside `outer` by more than the tolerance. */
function outside(inner: Polygon, outer: Polygon): LngLat[] {
  return inner.coordinates[0].filter((v) => !pointInPolygon(v, outer) && distanceToPolygonM(v, outer) > BOUNDARY_TOLERANCE_M);
}

interface Feature {
  line: number;
  geometryLine: number;
  level: 'district' | 'street' | 'community';
  id: string;
  name: string;
  props: Record<string, unknown>;
  geometry: Polygon;
}

function parseBoundaries(text: string, errors: ImportError[], warnings: string[]): ImportedOrg {
  const file = IMPORT_FILES.boundaries;
  const err = (line: number, field: string, reason: string) => errors.push({ file, line, field, reason });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    err(jsonErrorLine(text, (e as Error).message), '', `不是有效的 JSON：${(e as Error).message}`);
    return {};
  }
  const fc = doc as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    err(1, 'type', '须为 GeoJSON FeatureCollection（含 features 数组）');
    return {};
  }
  if (fc.features.length > IMPORT_LIMITS.features) {
    err(1, 'features', `区域不能超过 ${IMPORT_LIMITS.features} 个`);
    return {};
  }
  const offsets = featureOffsets(text);
  const features: Feature[] = [];
  const seen = new Map<string, number>();
  fc.features.forEach((raw, i) => {
    const start = offsets[i] ?? 0;
    const line = lineAt(text, start);
    const f = raw as { type?: unknown; properties?: Record<string, unknown>; geometry?: unknown };
    const gIdx = text.indexOf('"geometry"', start);
    const geometryLine = gIdx >= 0 && (offsets[i + 1] === undefined || gIdx < offsets[i + 1]) ? lineAt(text, gIdx) : line;
    if (!f || typeof f !== 'object' || f.type !== 'Feature') return err(line, `features[${i}]`, '须为 GeoJSON Feature');
    const p = f.properties ?? {};
    const level = p.level;
    if (level !== 'district' && level !== 'street' && level !== 'community') return err(line, 'properties.level', '层级须为 district（区）、street（街镇）或 community（社区）');
    const id = typeof p.id === 'string' ? p.id.trim() : '';
    if (!ID_RE.test(id)) return err(line, 'properties.id', '编号须为 1–64 位字母、数字、- 或 _');
    if (seen.has(id)) return err(line, 'properties.id', `编号 ${id} 重复（第 ${seen.get(id)} 行已有）`);
    seen.set(id, line);
    const name = typeof p.name === 'string' ? p.name.trim() : '';
    if (!name || name.length > 40) return err(line, 'properties.name', '名称须为 1–40 个字');
    const g = districtPolygon.safeParse(f.geometry);
    if (!g.success) {
      const issue = g.error.issues[0];
      const where = issue.path.length ? `geometry.${issue.path.map(String).join('.')}` : 'geometry';
      const isMulti = (f.geometry as { type?: unknown } | undefined)?.type === 'MultiPolygon';
      return err(geometryLine, where, isMulti ? '只支持 Polygon（多块的区域请拆成多个）' : issue.message);
    }
    features.push({ line, geometryLine, level, id, name, props: p, geometry: g.data as Polygon });
  });
  if (errors.length) return {};

  const districts = features.filter((f) => f.level === 'district');
  const streets = features.filter((f) => f.level === 'street');
  const communities = features.filter((f) => f.level === 'community');
  if (districts.length > 1) err(districts[1].line, 'properties.level', '只能有一个区（district）');
  if (!streets.length) err(1, 'features', '至少需要一个街镇（level: street）');
  const district = districts[0];
  for (const s of streets) {
    const kind = s.props.kind ?? 'street';
    if (kind !== 'street' && kind !== 'town') err(s.line, 'properties.kind', '类型须为 street（街道）或 town（镇）');
    if (district && outside(s.geometry, district.geometry).length) err(s.geometryLine, 'geometry', `街镇「${s.name}」超出区边界（容差 ${BOUNDARY_TOLERANCE_M} 米）`);
  }
  const overlapCheck = (group: Feature[], what: string) => {
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) {
        const shared = overlapM2(group[i].geometry, group[j].geometry);
        const smaller = Math.min(polygonAreaM2(group[i].geometry), polygonAreaM2(group[j].geometry));
        if (shared > OVERLAP_TOLERANCE * smaller) err(group[j].geometryLine, 'geometry', `${what}「${group[j].name}」与「${group[i].name}」重叠约 ${Math.round(shared)} 平方米（超过较小者面积的 ${OVERLAP_TOLERANCE * 100}%）`);
      }
  };
  overlapCheck(streets, '街镇');
  const streetById = new Map(streets.map((s) => [s.id, s]));
  for (const c of communities) {
    const sid = typeof c.props.street === 'string' ? c.props.street.trim() : '';
    const s = streetById.get(sid);
    if (!s) {
      err(c.line, 'properties.street', sid ? `所属街镇 ${sid} 不在本文件中` : '缺少所属街镇编号（street）');
      continue;
    }
    const out = outside(c.geometry, s.geometry);
    if (out.length) err(c.geometryLine, 'geometry', `社区「${c.name}」有 ${out.length} 个顶点在街镇「${s.name}」之外（容差 ${BOUNDARY_TOLERANCE_M} 米），如 [${out[0].join(', ')}]`);
  }
  for (const s of streets) overlapCheck(communities.filter((c) => c.props.street === s.id), '社区');
  for (const s of streets) if (!communities.some((c) => c.props.street === s.id)) warnings.push(`街镇「${s.name}」没有社区`);
  if (errors.length) return {};

  const centreOf = (f: Feature): LngLat => {
    const c = f.props.centre;
    if (Array.isArray(c) && c.length === 2 && c.every((x) => typeof x === 'number') && pointInPolygon(c as LngLat, f.geometry)) return c as LngLat;
    return interiorPoint(f.geometry);
  };
  const str = (v: unknown, dflt: string) => (typeof v === 'string' && v.trim() ? v.trim() : dflt);
  const districtId = district?.id ?? 'district';
  return {
    district: district ? { _id: district.id, name: district.name, commandCentreName: str(district.props.commandCentreName, `${district.name}城市运行指挥中心`), boundary: district.geometry } : undefined,
    streets: streets.map((s) => ({
      _id: s.id,
      name: s.name,
      kind: s.props.kind === 'town' ? 'town' : 'street',
      districtId,
      subCentreName: str(s.props.subCentreName, `${s.name}指挥分中心`),
      centre: centreOf(s),
      boundary: s.geometry,
    })),
    communities: communities.map((c) => ({ _id: c.id, name: c.name, streetId: c.props.street as string, centre: centreOf(c), boundary: c.geometry })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// CSV files

/** Reads a CSV with a header row into records keyed by header; unknown or missing required columns are errors. */
function csvRecords(file: string, text: string, columns: Record<string, { required: boolean; aliases: string[] }>, errors: ImportError[]): Array<{ line: number; get: (col: string) => string }> {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    errors.push({ file, line: parsed.line, field: '', reason: parsed.reason });
    return [];
  }
  const [head, ...rows] = parsed.rows;
  if (!head) {
    errors.push({ file, line: 1, field: '', reason: '文件为空：第一行须为表头' });
    return [];
  }
  const index: Record<string, number> = {};
  head.cells.forEach((h, i) => {
    const col = Object.entries(columns).find(([k, c]) => k === h || c.aliases.includes(h));
    if (!col) errors.push({ file, line: head.line, field: h || `第${i + 1}列`, reason: `未知的列「${h}」` });
    else index[col[0]] = i;
  });
  for (const [k, c] of Object.entries(columns)) if (c.required && index[k] === undefined) errors.push({ file, line: head.line, field: k, reason: `缺少列「${k}」` });
  return rows.map((r: CsvRow) => {
    if (r.cells.length > head.cells.length) errors.push({ file, line: r.line, field: '', reason: `列数（${r.cells.length}）多于表头（${head.cells.length}）` });
    return { line: r.line, get: (col: string) => (index[col] === undefined ? '' : (r.cells[index[col]] ?? '')) };
  });
}

function parseDepartments(text: string, errors: ImportError[]): Department[] {
  const file = IMPORT_FILES.departments;
  const recs = csvRecords(file, text, { 编号: { required: true, aliases: ['id'] }, 简称: { required: true, aliases: ['name'] }, 全称: { required: true, aliases: ['fullName'] }, 类型: { required: true, aliases: ['kind'] }, 上级编号: { required: false, aliases: ['parentId'] } }, errors);
  const out: Department[] = [];
  const lines = new Map<string, number>();
  for (const r of recs) {
    const err = (field: string, reason: string) => errors.push({ file, line: r.line, field, reason });
    const id = r.get('编号');
    if (!ID_RE.test(id)) err('编号', '编号须为 1–64 位字母、数字、- 或 _');
    else if (lines.has(id)) err('编号', `编号 ${id} 重复（第 ${lines.get(id)} 行已有）`);
    lines.set(id, r.line);
    const name = r.get('简称');
    const fullName = r.get('全称');
    if (!name || name.length > 40) err('简称', '简称须为 1–40 个字');
    if (!fullName || fullName.length > 60) err('全称', '全称须为 1–60 个字');
    const kind = KIND_BY_LABEL[r.get('类型')];
    if (!kind) err('类型', '类型须为 区直部门、下属单位 或 指挥中心');
    const parentId = r.get('上级编号') || undefined;
    if (kind === 'sub' && !parentId) err('上级编号', '下属单位须填写上级部门编号');
    const d: Department = { _id: id, name, fullName, kind: kind ?? 'district' };
    if (parentId) d.parentId = parentId;
    out.push(d);
  }
  for (const d of out) if (d.parentId && !lines.has(d.parentId)) errors.push({ file, line: lines.get(d._id)!, field: '上级编号', reason: `上级部门 ${d.parentId} 不在本文件中` });
  return out;
}

/** FNV-1a (32-bit, twice with different seeds): a stable short id from the phone number. */
export function stableKey(s: string): string {
  const h = (seed: number) => {
    let x = seed >>> 0;
    for (let i = 0; i < s.length; i++) {
      x ^= s.charCodeAt(i);
      x = Math.imul(x, 0x01000193) >>> 0;
    }
    return x.toString(36).padStart(7, '0');
  };
  return h(0x811c9dc5) + h(0x12345678);
}

interface Known {
  /** false when the file that defines them has errors: references to it are not checked (they would all fail) */
  geoChecked: boolean;
  deptChecked: boolean;
  streets: Map<string, string>;
  communities: Map<string, { name: string; streetId: string }>;
  departments: Map<string, string>;
  cityUnits: Map<string, string>;
}

/** The staff file's column of each field the placement rule checks. */
const STAFF_COLUMNS: Record<StaffField, string> = { streetId: '街镇编号', communityId: '社区编号', deptId: '部门编号', post: '岗位' };

function parseStaff(text: string, known: Known, errors: ImportError[]): ImportedStaff[] {
  const file = IMPORT_FILES.staff;
  const recs = csvRecords(
    file,
    text,
    {
      编号: { required: false, aliases: ['id'] },
      姓名: { required: true, aliases: ['name'] },
      手机: { required: true, aliases: ['phone', '电话'] },
      角色: { required: true, aliases: ['roles'] },
      街镇编号: { required: false, aliases: ['streetId'] },
      社区编号: { required: false, aliases: ['communityId'] },
      部门编号: { required: false, aliases: ['deptId'] },
      岗位: { required: false, aliases: ['post'] },
      职务: { required: false, aliases: ['title'] },
    },
    errors,
  );
  if (recs.length > IMPORT_LIMITS.staffRows) {
    errors.push({ file, line: recs[IMPORT_LIMITS.staffRows].line, field: '', reason: `人员不能超过 ${IMPORT_LIMITS.staffRows} 行` });
    return [];
  }
  const out: ImportedStaff[] = [];
  const phones = new Map<string, number>();
  const ids = new Map<string, number>();
  for (const r of recs) {
    const n = errors.length;
    const err = (field: string, reason: string) => errors.push({ file, line: r.line, field, reason });
    const name = r.get('姓名');
    if (!name || name.length > 20) err('姓名', '姓名须为 1–20 个字');
    const phone = r.get('手机').replace(/\s/g, '');
    if (!PHONE_RE.test(phone)) err('手机', '手机号须为 11 位手机号或带区号的固话');
    else if (phones.has(phone)) err('手机', `手机号与第 ${phones.get(phone)} 行重复`);
    phones.set(phone, r.line);
    const roles: StaffRole[] = [];
    for (const label of r.get('角色').split(/[、;；|/ ]+/).filter(Boolean)) {
      const role = ROLE_BY_LABEL[label];
      if (!role) err('角色', `未知角色「${label}」（可用：${Object.values(ROLE_LABELS).join('、')}）`);
      else if (!roles.includes(role)) roles.push(role);
    }
    if (!roles.length && errors.length === n) err('角色', '至少需要一个角色');
    const rawId = r.get('编号');
    if (rawId && !ID_RE.test(rawId)) err('编号', '编号须为 1–64 位字母、数字、- 或 _');
    const id = rawId ? (rawId.startsWith('staff-') ? rawId : `staff-${rawId}`) : `staff-i${stableKey(phone)}`;
    if (rawId && ids.has(id)) err('编号', `编号与第 ${ids.get(id)} 行重复`);
    ids.set(id, r.line);
    let streetId = r.get('街镇编号') || undefined;
    const communityId = r.get('社区编号') || undefined;
    const deptId = r.get('部门编号') || undefined;
    const postLabel = r.get('岗位');
    const post = postLabel ? POST_BY_LABEL[postLabel] : undefined;
    if (postLabel && !post) err('岗位', '岗位须为 经办人、分管领导 或 主责领导');
    // where the person belongs, by their roles: the rule of the staff form (staff-rules.ts)
    const placed = checkStaffPlacement({ roles, streetId, communityId, deptId, post }, {
      community: (cid) => known.communities.get(cid),
      communitiesKnown: known.geoChecked,
      hasStreet: known.geoChecked ? (sid) => known.streets.has(sid) : undefined,
      hasDept: known.deptChecked ? (did) => known.departments.has(did) || known.cityUnits.has(did) : undefined,
    });
    for (const p of placed.problems) err(STAFF_COLUMNS[p.field], p.reason);
    streetId = placed.placement.streetId;
    const title = r.get('职务');
    if (title.length > 40) err('职务', '职务不能超过 40 个字');
    if (errors.length > n) continue;
    const s: ImportedStaff = { _id: id, name, roles, phone, unitName: title || (deptId && (known.departments.get(deptId) ?? known.cityUnits.get(deptId))) || (streetId && known.streets.get(streetId)) || '' };
    if (streetId) s.streetId = streetId;
    if (communityId) s.communityId = communityId;
    if (deptId) s.deptId = deptId;
    if (post) s.post = post;
    if (title) s.title = title;
    out.push(s);
  }
  return out;
}

/** What is stored now, as far as the import needs it. */
export interface StoredOrg {
  districts: District[];
  streets: Street[];
  communities: Community[];
  departments: Department[];
  cityUnits: Array<{ _id: string; name: string; counterpartDeptId: string }>;
  categories: Array<{ _id: string; ownerDeptIds: string[] }>;
  standingRules: Array<{ _id: string; assignments: Array<{ deptId: string }>; area?: { streetId?: string; communityId?: string } }>;
  grids: Array<{ _id: string; communityId: string }>;
  rota: Array<{ _id: string; staffId: string; streetId?: string }>;
  staff: Array<Record<string, unknown> & { _id: string; name: string; roles: string[] }>;
}

export const EMPTY_STORED: StoredOrg = { districts: [], streets: [], communities: [], departments: [], cityUnits: [], categories: [], standingRules: [], grids: [], rota: [], staff: [] };

/** Validate every file given; errors for every bad line, in file order. */
export function parseImport(files: ImportFiles, stored: StoredOrg = EMPTY_STORED): ParseResult {
  const errors: ImportError[] = [];
  const warnings: string[] = [];
  let total = 0;
  for (const k of Object.keys(files) as ImportFileKey[]) {
    const t = files[k];
    if (typeof t !== 'string') continue;
    total += t.length;
    if (t.length > IMPORT_LIMITS.fileChars) errors.push({ file: IMPORT_FILES[k], line: 1, field: '', reason: `文件过大（超过 ${IMPORT_LIMITS.fileChars / 1e6} 百万字符），请用命令行 npm run org:import 导入` });
  }
  if (total > IMPORT_LIMITS.totalChars) errors.push({ file: '', line: 0, field: '', reason: `文件合计超过 ${IMPORT_LIMITS.totalChars / 1e6} 百万字符，请用命令行 npm run org:import 导入` });
  if (!files.boundaries && !files.departments && !files.staff) errors.push({ file: '', line: 0, field: '', reason: '请至少提供一个文件（区域边界、部门或人员）' });
  if (errors.length) return { ok: false, errors, warnings };
  const org: ImportedOrg = {};
  if (files.boundaries) Object.assign(org, parseBoundaries(files.boundaries, errors, warnings));
  const geoChecked = !errors.length;
  const n = errors.length;
  if (files.departments) org.departments = parseDepartments(files.departments, errors);
  const known: Known = {
    geoChecked,
    deptChecked: errors.length === n,
    streets: new Map((org.streets ?? stored.streets).map((s) => [s._id, s.name])),
    communities: new Map((org.communities ?? stored.communities).map((c) => [c._id, { name: c.name, streetId: c.streetId }])),
    departments: new Map((org.departments ?? stored.departments).map((d) => [d._id, d.fullName])),
    cityUnits: new Map(stored.cityUnits.map((u) => [u._id, u.name])),
  };
  if (files.staff) {
    org.staff = parseStaff(files.staff, known, errors);
    if (org.departments && org.staff) {
      for (const d of org.departments.filter((x) => x.kind !== 'command')) {
        const posts = new Set(org.staff.filter((s) => s.deptId === d._id).map((s) => s.post));
        const missing = (['officer', 'deputy', 'chief'] as Post[]).filter((p) => !posts.has(p)).map((p) => ({ officer: '经办人', deputy: '分管领导', chief: '主责领导' })[p]);
        if (missing.length) warnings.push(`部门「${d.fullName}」缺少${missing.join('、')}`);
      }
    }
  }
  return errors.length ? { ok: false, errors: errors.slice(0, IMPORT_LIMITS.errorsShown), warnings } : { ok: true, org, warnings };
}

// ---------------------------------------------------------------------------------------------------------------
// the diff

export interface CollectionDiff {
  added: string[];
  changed: string[];
  unchanged: number;
  /** removed documents (org geography, departments) or deactivated people */
  removed: string[];
  /** not in the files but kept, with the reason */
  kept: Array<{ id: string; reason: string }>;
}

export interface ImportWrite {
  coll: string;
  id: string;
  /** the whole new document without `_id`; null removes it */
  after: Record<string, unknown> | null;
  /** a new (or re-activated) person who needs an invite code */
  invite?: boolean;
}

export interface ImportPlan {
  collections: Record<string, CollectionDiff>;
  writes: ImportWrite[];
}

const canon = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]])) : x));
const without = (doc: Record<string, unknown>, keys: string[]) => Object.fromEntries(Object.entries(doc).filter(([k]) => !keys.includes(k) && k !== '_id'));

const STAFF_MANAGED = ['name', 'roles', 'phone', 'streetId', 'communityId', 'deptId', 'post', 'title', 'unitName', 'active'];

/** What the import changes, per collection, and the writes (in order: geography, departments, people, dependants). */
export function diffImport(org: ImportedOrg, stored: StoredOrg): ImportPlan {
  const collections: Record<string, CollectionDiff> = {};
  const writes: ImportWrite[] = [];
  const diff = (coll: string) => (collections[coll] ??= { added: [], changed: [], unchanged: 0, removed: [], kept: [] });

  const replaceAll = <T extends { _id: string }>(coll: string, next: T[], cur: Array<{ _id: string }>, keep?: (id: string) => string | null) => {
    const d = diff(coll);
    const curById = new Map(cur.map((c) => [c._id, c as unknown as Record<string, unknown>]));
    for (const n of next) {
      const after = without(n as unknown as Record<string, unknown>, []);
      const before = curById.get(n._id);
      if (!before) d.added.push(n._id);
      else if (canon(without(before, [])) === canon(after)) {
        d.unchanged++;
        continue;
      } else d.changed.push(n._id);
      writes.push({ coll, id: n._id, after });
    }
    const ids = new Set(next.map((n) => n._id));
    for (const c of cur)
      if (!ids.has(c._id)) {
        const reason = keep?.(c._id) ?? null;
        if (reason) d.kept.push({ id: c._id, reason });
        else {
          d.removed.push(c._id);
          writes.push({ coll, id: c._id, after: null });
        }
      }
  };

  if (org.district) replaceAll('districts', [org.district], stored.districts);
  if (org.streets) replaceAll('streets', org.streets, stored.streets);
  if (org.communities) replaceAll('communities', org.communities, stored.communities);
  if (org.departments) {
    const nextIds = new Set(org.departments.map((d) => d._id));
    const refs = new Map<string, string>();
    for (const c of stored.categories) for (const id of c.ownerDeptIds) refs.set(id, `问题类型 ${c._id} 的责任部门`);
    for (const u of stored.cityUnits) refs.set(u.counterpartDeptId, `市直单位 ${u._id} 的对接部门`);
    for (const r of stored.standingRules) for (const a of r.assignments) refs.set(a.deptId, `长效机制 ${r._id} 的责任部门`);
    for (const d of stored.departments) if (d.parentId && nextIds.has(d._id)) refs.set(d.parentId, `部门 ${d._id} 的上级`);
    replaceAll('departments', org.departments, stored.departments, (id) => (refs.has(id) ? `仍被引用：${refs.get(id)}` : null));
  }
  if (org.staff) {
    const d = diff('staff');
    const curById = new Map(stored.staff.map((s) => [s._id, s]));
    for (const s of org.staff) {
      const before = curById.get(s._id);
      const managed = without(s as unknown as Record<string, unknown>, []);
      if (!before) {
        d.added.push(s._id);
        writes.push({ coll: 'staff', id: s._id, after: managed, invite: true });
        continue;
      }
      const kept = without(before, STAFF_MANAGED);
      const after = { ...kept, ...managed };
      if (canon(without(before, [])) === canon(after)) {
        d.unchanged++;
        continue;
      }
      d.changed.push(s._id);
      writes.push({ coll: 'staff', id: s._id, after, invite: !before.openid && !before.inviteCode });
    }
    const ids = new Set(org.staff.map((s) => s._id));
    for (const s of stored.staff) {
      if (ids.has(s._id)) continue;
      if (s.roles.includes('admin')) {
        d.kept.push({ id: s._id, reason: '管理员不因导入停用' });
        continue;
      }
      if (s.active === false && !s.roles.length) {
        d.unchanged++;
        continue;
      }
      d.removed.push(s._id);
      // deactivated: no roles, unbound, no invite code; the record stays (cases and the audit trail name it)
      const rest = without(s, ['openid', 'inviteCode', 'roles', 'active']);
      writes.push({ coll: 'staff', id: s._id, after: { ...rest, roles: [], active: false } });
    }
  }
  // dependants of what is removed: grids of removed communities, rota entries of removed streets / deactivated people
  const removedComm = new Set(collections.communities?.removed ?? []);
  const removedStreets = new Set(collections.streets?.removed ?? []);
  const gone = new Set(collections.staff?.removed ?? []);
  for (const g of stored.grids)
    if (removedComm.has(g.communityId)) {
      diff('grids').removed.push(g._id);
      writes.push({ coll: 'grids', id: g._id, after: null });
    }
  for (const r of stored.rota)
    if (gone.has(r.staffId) || (r.streetId && removedStreets.has(r.streetId))) {
      diff('rota').removed.push(r._id);
      writes.push({ coll: 'rota', id: r._id, after: null });
    }
  return { collections, writes };
}

export const COLLECTION_LABELS: Record<string, string> = { districts: '行政区', streets: '街镇', communities: '社区', departments: '部门', staff: '人员', grids: '网格', rota: '轮值' };

/** The invite codes to hand out, as CSV (姓名, 手机, 单位, 邀请码). */
export function invitesCsv(rows: Array<{ name: string; phone: string; unitName?: string; inviteCode: string }>): string {
  return toCsv(['姓名', '手机', '单位', '邀请码'], rows.map((r) => [r.name, r.phone, r.unitName ?? '', r.inviteCode]));
}

/** The error report as CSV (文件, 行, 字段, 原因). */
export function errorsCsv(errors: ImportError[]): string {
  return toCsv(['文件', '行', '字段', '原因'], errors.map((e) => [e.file, e.line, e.field, e.reason]));
}

/** Input of `admin.org.import`. */
export const orgImportInput = z.object({
  files: z.object({
    boundaries: z.optional(z.string({ error: '区域边界文件格式不正确' }).check(z.maxLength(IMPORT_LIMITS.fileChars, '区域边界文件过大'))),
    departments: z.optional(z.string({ error: '部门文件格式不正确' }).check(z.maxLength(IMPORT_LIMITS.fileChars, '部门文件过大'))),
    staff: z.optional(z.string({ error: '人员文件格式不正确' }).check(z.maxLength(IMPORT_LIMITS.fileChars, '人员文件过大'))),
  }),
  apply: z.boolean({ error: '请说明是预览还是导入' }),
});
