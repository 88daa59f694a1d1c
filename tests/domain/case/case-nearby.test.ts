import { COMMUNITIES, GULOU_ORG, STREETS } from '@domain/org';
import { haversineM } from '@domain/geo/geo-measure';
import { pointInPolygon } from '@domain/geo/geo-measure';
import { blurPosition, joinCase, nearbyList, truncate } from '@domain/case/case-nearby';
import { caseFilter, canSeeCase, projectCase, sightOf, pseudonymsOf } from '@domain/access';
import { communityAreas, locatePoint } from '@domain/routing/routing-locate';
import { route } from '@domain/routing/routing-route';
import { clusterHotspots, bubbleRadius, overdueLevel } from '@domain/stats/stats-clusters';
import { actor, newCase, T0, CITIZEN_OPENID } from './case-fixtures';

describe('locatePoint: the pin in words, the same rule as routing', () => {
  test('every community centre lies in its own street and community', () => {
    for (const c of COMMUNITIES) {
      const w = locatePoint(c.centre, GULOU_ORG);
      expect(w).toMatchObject({ inside: true, streetId: c.streetId, communityId: c._id });
    }
  });
  test('agrees with routing on a grid of points; outside the district: a clear message', () => {
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 20; j++) {
        const p: [number, number] = [119.232 + (i * 0.1) / 19, 26.064 + (j * 0.066) / 19];
        const w = locatePoint(p, GULOU_ORG);
        const d = route({ categoryCode: 'road', point: p }, GULOU_ORG);
        if (w.inside) expect([d.streetId, d.communityId]).toEqual([w.streetId, w.communityId]);
        else expect(d.target).toBe('triage');
      }
    }
    expect(locatePoint([119.5, 26.3], GULOU_ORG)).toEqual({ inside: false, message: expect.stringContaining('不在鼓楼区范围内') });
  });
  test('community areas: each contains its centre and is the region its community is assigned', () => {
    const areas = communityAreas(GULOU_ORG, 6);
    expect(areas).toHaveLength(COMMUNITIES.length);
    for (const a of areas) {
      const c = COMMUNITIES.find((x) => x._id === a.communityId)!;
      expect(pointInPolygon(c.centre, a.polygon)).toBe(true);
    }
    expect(new Set(areas.map((a) => a.streetId))).toEqual(new Set(STREETS.map((s) => s._id)));
  });
});

describe('nearby: public fields only', () => {
  test('blurring snaps to a ~50 m grid: within 36 m of the truth, the same for neighbours in one cell', () => {
    const p: [number, number] = [119.28312, 26.10433];
    const b = blurPosition(p);
    expect(b).not.toEqual(p);
    expect(haversineM(p, b)).toBeLessThanOrEqual(36);
    expect(blurPosition([p[0] + 0.00001, p[1] + 0.00001])).toEqual(b);
  });
  test('truncate keeps 40 characters and marks the cut', () => {
    expect(truncate('短')).toBe('短');
    expect(truncate('长'.repeat(50))).toBe(`${'长'.repeat(40)}…`);
  });
  test('open, located, within the radius; nearest first; no reporter or phone', () => {
    const at = (dx: number): [number, number] => [119.283 + dx / 100_000, 26.104];
    const mk = (id: string, dx: number, state = 'dispatched' as const) =>
      newCase(T0, { id, state, location: { point: { type: 'Point', coordinates: at(dx) }, address: 'x' }, phone: '13900001111', reporter: { openid: `o-${id}` } });
    const list = nearbyList([mk('far', 300), mk('b', 60), mk('a', 5), { ...mk('closed', 1), state: 'closed' }], at(0), 100, () => '路灯不亮', 'o-b');
    expect(list.map((x) => x.id)).toEqual(['a', 'b']);
    expect(list[1].mine).toBe(true);
    expect(JSON.stringify(list)).not.toMatch(/13900001111|o-a|o-b/);
  });
});

describe('我也遇到了: join', () => {
  const base = () => newCase(T0, { state: 'dispatched', streetId: 'wufeng', phone: '13900001111', reporter: { openid: CITIZEN_OPENID, phone: '13900001111' } });
  test('adds a co-reporter once; the reporter and a second join change nothing; a closed case refuses', () => {
    const r1 = joinCase(base(), 'o-two', T0 + 1);
    expect(r1).toMatchObject({ ok: true, changed: true, case: { reporters: 2, coReporters: ['o-two'] } });
    const c = (r1 as { case: ReturnType<typeof base> }).case;
    expect(c.version).toBe(base().version + 1);
    expect(joinCase(c, 'o-two', T0 + 2)).toMatchObject({ ok: true, changed: false });
    expect(joinCase(c, CITIZEN_OPENID, T0 + 2)).toMatchObject({ ok: true, changed: false });
    expect(joinCase({ ...base(), state: 'closed' }, 'o-three', T0)).toMatchObject({ ok: false, code: 'CASE_CLOSED' });
  });
  test('a co-reporter sees the case (row filter and rule) but not as its reporter; openids never projected', () => {
    const c = (joinCase(base(), 'o-two', T0 + 1) as { case: ReturnType<typeof base> }).case;
    const two = actor(['citizen'], { id: 'o-two', openid: 'o-two', streetId: undefined });
    const stranger = actor(['citizen'], { id: 'o-x', openid: 'o-x', streetId: undefined });
    expect(canSeeCase(c, two)).toBe(true);
    expect(canSeeCase(c, stranger)).toBe(false);
    expect(caseFilter(two)).toEqual({ all: false, anyOf: [{ 'reporter.openid': 'o-two' }, { coReporters: 'o-two' }] });
    const sight = sightOf(c, two);
    expect(sight).toMatchObject({ reporter: false, joined: true, contact: false });
    const view = projectCase(c, sight, pseudonymsOf(c, [], (id) => `c-${id.length}`));
    expect(view).toMatchObject({ reporters: 2, joined: true, phone: '139****1111' });
    expect((view as Record<string, unknown>).coReporters).toBeUndefined();
    expect(view.reporter.self).toBeUndefined();
    expect(JSON.stringify(view)).not.toMatch(/o-two|o-citizen/);
  });
});

test('hot spot clusters: cells merged on a coarse grid, sized by count, coloured by the main category', () => {
  const cell = (cell: string, code: string, count: number, dx: number) => ({ cell, categoryCode: code, categoryName: code, count, centre: [119.283 + dx / 100_000, 26.104] as [number, number] });
  const cs = clusterHotspots([cell('a', 'lamp', 2, 0), cell('b', 'fumes', 5, 50), cell('c', 'lamp', 1, 3000)]);
  expect(cs.map((c) => [c.count, c.categoryCode, c.cells.length])).toEqual([[7, 'fumes', 2], [1, 'lamp', 1]]);
  expect(bubbleRadius(1, 7)).toBe(7);
  expect(bubbleRadius(7, 7)).toBe(22);
});

test('hot spot clusters by overdue: a cluster sums its cells\' overdue cases; none, some, or at least half', () => {
  const cell = (cell: string, count: number, overdue: number | undefined, dx: number) => ({ cell, categoryCode: 'lamp', categoryName: '路灯不亮', count, overdue, centre: [119.283 + dx / 100_000, 26.104] as [number, number] });
  const cs = clusterHotspots([cell('a', 4, 1, 0), cell('b', 2, undefined, 50), cell('c', 3, 2, 3000), cell('d', 1, 0, 9000)]);
  expect(cs.map((c) => [c.count, c.overdue, overdueLevel(c)])).toEqual([[6, 1, 'some'], [3, 2, 'most'], [1, 0, 'none']]);
  expect(overdueLevel({ count: 4, overdue: 2 })).toBe('most');
  expect(overdueLevel({ count: 5, overdue: 2 })).toBe('some');
});
