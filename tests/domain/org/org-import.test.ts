/** The pure org import (src/domain/org/import): CSV, validation with line numbers, geometry checks, the diff. */
import { parseCsv } from '../../../src/domain/org/import/csv';
import { diffImport, parseImport, EMPTY_STORED, overlapM2, interiorPoint, type StoredOrg } from '../../../src/domain/org/import/org-import';
import { pointInPolygon } from '../../../src/domain/geo/geo-measure';
import * as X from '../../fixtures/org-import/make-district';

describe('parseCsv', () => {
  test('quotes, escaped quotes, line breaks inside quotes, CRLF, BOM, blank lines; rows keep their line', () => {
    const r = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",z\n');
    expect(r).toEqual({ ok: true, rows: [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['x, y', 'say "hi"'] }, { line: 4, cells: ['multi\nline', 'z'] }] });
  });
  test('an unclosed quote is reported at the line its row starts', () => {
    expect(parseCsv('a,b\nc,"d\ne,f\n')).toEqual({ ok: false, line: 2, reason: '引号未闭合' });
  });
});

describe('parseImport', () => {
  test('the example district is valid: 1 district, 3 streets, 6 communities, 4 departments, 100 people', () => {
    const r = parseImport({ boundaries: X.boundaries(), departments: X.departments(), staff: X.staff(100) });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.org.streets!.map((s) => s._id)).toEqual(X.STREETS.map((s) => s.id));
    expect(r.org.communities).toHaveLength(6);
    expect(r.org.staff).toHaveLength(100);
    for (const s of r.org.streets!) expect(pointInPolygon(s.centre, s.boundary)).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  test('JSON syntax error: the line', () => {
    const text = X.boundaries().replace('"level":"street"', '"level" "street"');
    const r = parseImport({ boundaries: text });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'boundaries.geojson', line: text.split('\n').findIndex((l) => l.includes('"level" "street"')) + 1 });
  });

  test('an open ring, a point outside the district box, a duplicate id: each on its own line and field', () => {
    const lines = X.boundaries().split('\n');
    const f = (i: number) => JSON.parse(lines[i].replace(/,$/, ''));
    const open = f(4);
    open.geometry.coordinates[0].pop();
    const far = f(6);
    far.geometry.coordinates[0][1] = [121.5, 31.2];
    const dup = f(7);
    dup.properties.id = f(5).properties.id;
    lines[4] = JSON.stringify(open) + ',';
    lines[6] = JSON.stringify(far) + ',';
    lines[7] = JSON.stringify(dup) + ',';
    const r = parseImport({ boundaries: lines.join('\n') });
    if (r.ok) throw new Error('expected errors');
    expect(r.errors).toEqual([
      { file: 'boundaries.geojson', line: 5, field: 'geometry.coordinates.0', reason: '区域边界须首尾闭合' },
      { file: 'boundaries.geojson', line: 7, field: 'geometry.coordinates.0.1', reason: '位置不在鼓楼区范围内' },
      { file: 'boundaries.geojson', line: 8, field: 'properties.id', reason: expect.stringMatching(/重复（第 6 行已有）/) },
    ]);
  });

  test('overlapping streets beyond the tolerance are refused; a sliver within it is not', () => {
    const lines = X.boundaries().split('\n');
    const nanhu = JSON.parse(lines[7].replace(/,$/, ''));
    expect(nanhu.properties.id).toBe('street-xa-nanhu');
    const ring: number[][] = nanhu.geometry.coordinates[0];
    const moved = (dx: number) => ring.map(([x, y]) => [Math.round((x + dx) * 1e6) / 1e6, y]);
    const withRing = (r: number[][]) => lines.map((l, i) => (i === 7 ? JSON.stringify({ ...nanhu, geometry: { type: 'Polygon', coordinates: [r] } }) + ',' : l)).join('\n');
    const big = parseImport({ boundaries: withRing(moved(-0.006)) });
    if (big.ok) throw new Error('expected an overlap');
    expect(big.errors.some((e) => e.line === 8 && /^街镇「南湖街道」与「东山街道」重叠约 \d+ 平方米/.test(e.reason))).toBe(true);
    // 2 m of shared border: within the tolerance for the streets (the communities inside then stick out, as they should not)
    const sliver = parseImport({ boundaries: withRing(moved(-0.00002)) });
    if (sliver.ok) return;
    expect(sliver.errors.every((e) => !/街镇「南湖街道」与/.test(e.reason))).toBe(true);
  });

  test('staff lines: every problem with its line and column', () => {
    const csv = ['姓名,手机,角色,街镇编号,社区编号,部门编号,岗位', '张三,13800000001,一线处置员,,,,', '李四,13800000001,部门领导,,,dept-none,经办人', '王五,12,社区工作人员,street-x,comm-x,,'].join('\n');
    const r = parseImport({ staff: csv }, EMPTY_STORED);
    if (r.ok) throw new Error('expected errors');
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [2, '街镇编号'],
      [3, '手机'],
      [3, '部门编号'],
      [3, '岗位'],
      [4, '手机'],
      [4, '社区编号'],
      [4, '街镇编号'],
    ]);
    expect(r.errors[0].reason).toBe('一线处置员须填写所属街镇');
  });

  test('overlap estimate and interior point', () => {
    const sq = (x: number, y: number, d: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]] as [number, number][]] });
    const a = sq(119.26, 26.08, 0.01);
    const half = sq(119.265, 26.08, 0.01);
    const full = overlapM2(a, a);
    expect(overlapM2(a, half) / full).toBeCloseTo(0.5, 1);
    expect(overlapM2(a, sq(119.3, 26.08, 0.01))).toBe(0);
    const u = { type: 'Polygon' as const, coordinates: [[[119.26, 26.08], [119.27, 26.08], [119.27, 26.09], [119.268, 26.09], [119.268, 26.082], [119.262, 26.082], [119.262, 26.09], [119.26, 26.09], [119.26, 26.08]] as [number, number][]] };
    expect(pointInPolygon(interiorPoint(u), u)).toBe(true);
  });
});

describe('diffImport', () => {
  const parsed = () => {
    const r = parseImport({ boundaries: X.boundaries(), departments: X.departments(), staff: X.staff(30) });
    if (!r.ok) throw new Error('fixture invalid');
    return r.org;
  };
  const asStored = (org: ReturnType<typeof parsed>): StoredOrg => ({
    ...EMPTY_STORED,
    districts: [org.district!],
    streets: org.streets!,
    communities: org.communities!,
    departments: org.departments!,
    staff: org.staff!.map((s) => ({ ...s, inviteCode: 'ABCDEFGH' })) as StoredOrg['staff'],
  });

  test('empty: everything added, every new person gets an invite', () => {
    const plan = diffImport(parsed(), EMPTY_STORED);
    expect(plan.collections.streets).toMatchObject({ added: X.STREETS.map((s) => s.id), changed: [], unchanged: 0, removed: [] });
    expect(plan.writes.filter((w) => w.invite)).toHaveLength(30);
  });

  test('fully imported: no writes', () => {
    const org = parsed();
    const plan = diffImport(org, asStored(org));
    expect(plan.writes).toEqual([]);
    expect(plan.collections.staff.unchanged).toBe(30);
  });

  test('partly: a renamed street, a removed community (its grid and rota go too), a person gone, a bound person kept bound', () => {
    const org = parsed();
    const stored = asStored(org);
    stored.streets = stored.streets.map((s, i) => (i === 0 ? { ...s, name: '旧名街道' } : s));
    stored.communities = [...stored.communities, { _id: 'comm-old', name: '旧社区', streetId: 'street-xa-nanhu', centre: [119.28, 26.08] }];
    stored.grids = [{ _id: 'grid-old-1', communityId: 'comm-old' }];
    stored.staff = [...stored.staff, { _id: 'staff-gone', name: '离职', roles: ['handler'], streetId: 'street-xa-nanhu', openid: 'oGone' }];
    stored.rota = [{ _id: 'rota-gone', staffId: 'staff-gone' }];
    const bound = stored.staff[0];
    stored.staff[0] = { ...bound, openid: 'oBound', title: '旧职务' };
    const plan = diffImport(org, stored);
    expect(plan.collections.streets).toMatchObject({ changed: ['street-xa-dongshan'], unchanged: 2 });
    expect(plan.collections.communities.removed).toEqual(['comm-old']);
    expect(plan.collections.grids.removed).toEqual(['grid-old-1']);
    expect(plan.collections.rota.removed).toEqual(['rota-gone']);
    expect(plan.collections.staff.removed).toEqual(['staff-gone']);
    const gone = plan.writes.find((w) => w.id === 'staff-gone')!;
    expect(gone.after).toEqual({ name: '离职', streetId: 'street-xa-nanhu', roles: [], active: false });
    const kept = plan.writes.find((w) => w.id === bound._id)!;
    expect(kept.after).toMatchObject({ openid: 'oBound', inviteCode: 'ABCDEFGH' });
    expect(kept.invite).toBe(false);
  });
});
