/**
 * A stored case the SDK cannot decode (written before the schemas: a point whose longitude the real
 * `@cloudbase/database` Geo decoder refuses, so a `get()` returning it throws) never fails a read: the item, the
 * drill-down behind a number, the daily roll-up and the lists answer; the case comes without its geometry and is
 * listed on the administrators' health view until it decodes again. Through the real wx-server-sdk and local/.
 */
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

let t: TestCloud;
const T0 = Date.parse('2026-11-16T09:00:00+08:00'); // the drill-down's month runs to yesterday: reported on 11-16, read on 11-17
const DAY = 24 * 3600_000;
const MAO = dev('staff-maoxiaojia');
const ADMIN = dev('staff-admin');
const LEADER = dev('staff-district-leader-2');
const REPORTER = 'oUndecodable-1';
const POINT = [119.2835, 26.1075];
let bad = '';
let good = '';

const report = async (token: string, categoryCode: string, description: string) =>
  (await t.ok<{ caseId: string }>(REPORTER, 'case.report', { clientToken: token, categoryCode, description, photos: [], location: { point: { type: 'Point', coordinates: POINT }, address: '五凤街道' } })).caseId;

beforeAll(async () => {
  t = await startTestCloud(T0);
  seedOrg(t.cloud);
  good = await report('und-good', 'fumes', '五凤街道烧烤油烟很大（完好的记录）');
  t.clock.advance(3 * 3600_000);
  bad = await report('und-bad', 'lamp', '旧数据：坐标损坏的诉求');
  // as if written before the schemas: a longitude the SDK's Geo decoder refuses (it throws while formatting)
  t.cloud.store.update('cases', { _id: bad }, { $set: { 'location.point.coordinates': [200, 26.1075] } });
  t.clock.advance(DAY);
});
afterAll(() => t.stop());

describe('a case the SDK cannot decode', () => {
  test('case.get answers it, without its geometry, to its street and to its reporter', async () => {
    for (const who of [MAO, REPORTER]) {
      const res = await t.api<any>(who, 'case.get', { caseId: bad });
      expect(res).toMatchObject({ code: 0 });
      const c = (res as any).data.case;
      expect(c).toMatchObject({ id: bad, description: '旧数据：坐标损坏的诉求' });
      expect(c.location.point).toBeUndefined();
      expect(c.location.address).toBe('五凤街道');
    }
    // the good case is read whole
    expect((await t.ok<any>(MAO, 'case.get', { caseId: good })).case.location.point.coordinates).toEqual(POINT);
  });

  test('stats.drill lists it behind 来件量 (with the good one)', async () => {
    const d = await t.api<any>(LEADER, 'stats.drill', { period: 'month', from: '2026-11-01', metric: 'reported' });
    expect(d).toMatchObject({ code: 0 });
    expect((d as any).data.items.map((c: { id: string }) => c.id)).toEqual([bad, good]);
    const street = await t.api<any>(LEADER, 'stats.drill', { period: 'month', from: '2026-11-01', metric: 'reported', scope: { streetId: 'street-wufeng' } });
    expect((street as any).data.items.map((c: { id: string }) => c.id)).toEqual([bad, good]);
  });

  test('the daily roll-up closes the day and counts it', async () => {
    const res = (await t.cloud.callFunction('rollup', {})) as { code: number | string; data: { days: string[] } };
    expect(res.code).toBe(0);
    expect(res.data.days).toContain('2026-11-16');
    const day = t.cloud.store.find('summaries', { _id: 'day:2026-11-16:all' })[0] as { rows: { all: { reported: number } } };
    expect(day.rows.all.reported).toBe(2);
    // the good case still places its hot spot; the undecodable one has no point to place
    const places = t.cloud.store.find('summaries', { _id: 'day:2026-11-16:place' })[0] as { places: string[] };
    expect(places.places).toHaveLength(1);
  });

  test('the health view lists it until it decodes again', async () => {
    const h = await t.ok<any>(ADMIN, 'admin.health', {});
    expect(h.items).toEqual([expect.objectContaining({ coll: 'cases', collLabel: '事项', id: bad, reason: expect.stringContaining('地理数据无法解析') })]);
    t.cloud.store.update('cases', { _id: bad }, { $set: { 'location.point.coordinates': POINT } });
    expect((await t.ok<any>(ADMIN, 'admin.health', {})).items).toEqual([]);
    expect((await t.ok<any>(MAO, 'case.get', { caseId: bad })).case.location.point.coordinates).toEqual(POINT);
  });

  test('an administrator repairs it from the health view: its point is cleared, the case is kept, the step audited', async () => {
    // broken again (the previous test mended it by hand)
    t.cloud.store.update('cases', { _id: bad }, { $set: { 'location.point.coordinates': [200, 26.1075] } });
    expect((await t.api<any>(MAO, 'case.get', { caseId: bad })).code).toBe(0); // the read notes it
    expect((await t.ok<any>(ADMIN, 'admin.health', {})).items.map((i: { id: string }) => i.id)).toEqual([bad]);
    // only administrators; a good record is not "repaired"
    expect((await t.api<any>(MAO, 'admin.health.repair', { coll: 'cases', id: bad })).code).toBe('FORBIDDEN');
    expect((await t.api<any>(ADMIN, 'admin.health.repair', { coll: 'cases', id: good })).code).toBe('RECORD_VALID');
    const before = (await t.ok<any>(MAO, 'case.get', { caseId: bad })).case;
    const r = await t.ok<any>(ADMIN, 'admin.health.repair', { coll: 'cases', id: bad });
    expect(r).toEqual({ coll: 'cases', id: bad, cleared: ['location.point'], stillBad: false });
    expect((await t.ok<any>(ADMIN, 'admin.health', {})).items).toEqual([]);
    const after = (await t.ok<any>(MAO, 'case.get', { caseId: bad })).case;
    expect(after).toMatchObject({ id: bad, description: '旧数据：坐标损坏的诉求', version: before.version + 1 });
    expect(after.location).toMatchObject({ address: '五凤街道' });
    expect(after.location.point).toBeUndefined();
    const log = await t.ok<any>(ADMIN, 'admin.log.list', { subjectId: bad });
    expect(log.items[0]).toMatchObject({ action: 'admin.health.repair', coll: 'cases', subjectId: bad });
  });
});
