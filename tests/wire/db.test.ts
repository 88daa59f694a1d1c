/**
 * Database wire contract: the REAL wx-server-sdk against local/ for every operation kind,
 * with snapshots of the JSON the SDK sends (an SDK update that changes the protocol fails here).
 */
import { startWire, normalise, type Wire } from './helpers';

let w: Wire;
beforeAll(async () => {
  w = await startWire({ now: () => Date.UTC(2025, 0, 2, 3, 4, 5) }, ['todos', 'wire_geo', 'wire_big', 'wire_lookup']);
});
afterAll(async () => {
  await w.cloud.stop();
});

function lastRequest(): Record<string, unknown> {
  const log = w.cloud.requestLog();
  return normalise(log[log.length - 1]) as Record<string, unknown>;
}

describe('CRUD through the real SDK', () => {
  test('add (single) with dates, serverDate, Geo.Point; doc.get round-trips them', async () => {
    const { db } = w;
    const res = await db.collection('todos').add({ data: { _id: 't1', title: '路灯不亮', n: 1, due: new Date(Date.UTC(2025, 0, 1)), at: db.serverDate({ offset: 60_000 }), loc: db.Geo.Point(119.3, 26.08), tags: ['a'] } });
    expect(res._id).toBe('t1');
    expect(lastRequest()).toMatchSnapshot('insertDocument single');
    const got = await db.collection('todos').doc('t1').get();
    expect(lastRequest()).toMatchSnapshot('getDocument doc');
    expect(got.data.title).toBe('路灯不亮');
    expect(got.data.due).toEqual(new Date(Date.UTC(2025, 0, 1)));
    // serverDate = the cloud clock (fake) + offset
    expect(got.data.at).toEqual(new Date(Date.UTC(2025, 0, 2, 3, 5, 5)));
    expect(got.data.loc.constructor.name).toBe('Point');
    expect([got.data.loc.longitude, got.data.loc.latitude]).toEqual([119.3, 26.08]);
  });

  test('add (many) returns ids in order', async () => {
    const res = await w.db.collection('todos').add({ data: [{ _id: 't2', n: 2, s: 'open' }, { _id: 't3', n: 3, s: 'closed' }, { _id: 't4', n: 4, s: 'open' }] });
    expect(res._ids).toEqual(['t2', 't3', 't4']);
    expect(lastRequest()).toMatchSnapshot('insertDocument many');
  });

  test('where / orderBy / skip / limit / field', async () => {
    const _ = w.db.command;
    const res = await w.db.collection('todos').where({ n: _.gte(2), s: _.neq('closed') }).orderBy('n', 'desc').skip(0).limit(5).field({ n: true, s: true }).get();
    expect(res.data).toEqual([{ _id: 't4', n: 4, s: 'open' }, { _id: 't2', n: 2, s: 'open' }]);
    expect(lastRequest()).toMatchSnapshot('getDocument where');
    const page2 = await w.db.collection('todos').where({ n: _.in([1, 2, 3, 4]) }).orderBy('n', 'asc').skip(2).limit(1).get();
    expect(page2.data.map((d: { _id: string }) => d._id)).toEqual(['t3']);
    const or = await w.db.collection('todos').where(_.or([{ n: 1 }, { s: 'closed' }])).orderBy('n', 'asc').get();
    expect(or.data.map((d: { n: number }) => d.n)).toEqual([1, 3]);
  });

  test('field: exclusions with project.slice (as MongoDB: every other field stays), dotted exclusions through arrays', async () => {
    const { db } = w;
    await db.collection('todos').add({ data: { _id: 'slice1', log: [1, 2, 3, 4], due: [{ k: 1 }], place: { point: { x: 1 }, name: 'n' }, attempts: [{ location: 1, at: 2 }, { at: 3 }] } });
    const last = await db.collection('todos').where({ _id: 'slice1' }).field({ due: false, log: db.command.project.slice(-1) }).get();
    expect(last.data[0]).toEqual({ _id: 'slice1', log: [4], place: { point: { x: 1 }, name: 'n' }, attempts: [{ location: 1, at: 2 }, { at: 3 }] });
    const window = await db.collection('todos').where({ _id: 'slice1' }).field({ 'place.point': false, 'attempts.location': false, log: db.command.project.slice([1, 2]) }).get();
    expect(window.data[0]).toEqual({ _id: 'slice1', log: [2, 3], due: [{ k: 1 }], place: { name: 'n' }, attempts: [{ at: 2 }, { at: 3 }] });
    // the stored document is untouched by either projection
    expect((await db.collection('todos').doc('slice1').get()).data).toEqual({ _id: 'slice1', log: [1, 2, 3, 4], due: [{ k: 1 }], place: { point: { x: 1 }, name: 'n' }, attempts: [{ location: 1, at: 2 }, { at: 3 }] });
    await db.collection('todos').doc('slice1').remove();
  });

  test('count', async () => {
    const res = await w.db.collection('todos').where({ s: 'open' }).count();
    expect(res.total).toBe(2);
    expect(lastRequest()).toMatchSnapshot('calculateDocument');
  });

  test('doc.update with operators: set inc mul push pull addToSet unset(remove) min max rename', async () => {
    const _ = w.db.command;
    await w.db.collection('todos').doc('t2').update({ data: { n: _.inc(10), m: 3, tags: _.push(['x', 'y']), nested: { a: 1 } } });
    expect(lastRequest()).toMatchSnapshot('modifyDocument doc.update');
    await w.db.collection('todos').doc('t2').update({ data: { m: _.mul(4), tags: _.pull('x'), set: _.addToSet('k'), s: _.remove(), lo: _.min(5), hi: _.max(9), 'nested.a': _.set({ deep: true }) } });
    expect(lastRequest()).toMatchSnapshot('modifyDocument operators');
    await w.db.collection('todos').doc('t2').update({ data: { set: _.addToSet('k'), lo: _.min(2), hi: _.max(1) } });
    await w.db.collection('todos').doc('t2').update({ data: { hi: _.rename('high') } });
    const { data } = await w.db.collection('todos').doc('t2').get();
    expect(data).toEqual({ _id: 't2', n: 12, m: 12, tags: ['y'], set: ['k'], lo: 2, high: 9, nested: { a: { deep: true } } });
  });

  test('doc.set replaces and upserts', async () => {
    await w.db.collection('todos').doc('t3').set({ data: { only: 'this' } });
    expect(lastRequest()).toMatchSnapshot('modifyDocument doc.set');
    expect((await w.db.collection('todos').doc('t3').get()).data).toEqual({ _id: 't3', only: 'this' });
    const up = await w.db.collection('todos').doc('t9').set({ data: { created: true } });
    expect(up.stats.created === 1 || up._id === 't9').toBe(true);
    expect((await w.db.collection('todos').doc('t9').get()).data).toEqual({ _id: 't9', created: true });
  });

  test('where.update is multi', async () => {
    const _ = w.db.command;
    const res = await w.db.collection('todos').where({ _id: _.in(['t1', 't4']) }).update({ data: { flagged: true } });
    expect(res.stats.updated).toBe(2);
    expect(lastRequest()).toMatchSnapshot('modifyDocument where.update');
  });

  test('doc.remove and where.remove (multi)', async () => {
    const _ = w.db.command;
    const one = await w.db.collection('todos').doc('t9').remove();
    expect(one.stats.removed).toBe(1);
    expect(lastRequest()).toMatchSnapshot('removeDocument doc');
    await w.db.collection('todos').add({ data: [{ tmp: 1 }, { tmp: 2 }, { tmp: 3 }] });
    const many = await w.db.collection('todos').where({ tmp: _.exists(true) }).remove();
    expect(many.stats.removed).toBe(3);
    expect(lastRequest()).toMatchSnapshot('removeDocument where');
  });

  test('doc.get of a missing document rejects like the cloud (throwOnNotFound)', async () => {
    await expect(w.db.collection('todos').doc('nope').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') });
  });

  test('aggregate: $match/$group/$sort/$project and $lookup', async () => {
    const $ = w.db.command.aggregate;
    await w.db.collection('wire_lookup').add({ data: [{ _id: 'L1', todo: 't1', note: 'x' }, { _id: 'L2', todo: 't1', note: 'y' }] });
    const res = await w.db.collection('todos').aggregate().match({ n: w.db.command.exists(true) }).group({ _id: '$flagged', total: $.sum('$n'), c: $.sum(1) }).sort({ total: -1 }).end();
    expect(lastRequest()).toMatchSnapshot('aggregateDocuments');
    expect(res.list).toEqual([{ _id: null, total: 12, c: 1 }, { _id: true, total: 5, c: 2 }]);
    const joined = await w.db.collection('todos').aggregate().match({ _id: 't1' }).lookup({ from: 'wire_lookup', localField: '_id', foreignField: 'todo', as: 'notes' }).project({ notes: { note: 1 } }).end();
    expect(joined.list).toEqual([{ _id: 't1', notes: [{ note: 'x' }, { note: 'y' }] }]);
  });
});

describe('limits and errors like the cloud', () => {
  beforeAll(async () => {
    const docs = Array.from({ length: 1100 }, (_, i) => ({ i }));
    w.cloud.store.insert('wire_big', docs);
  });
  test('get() without limit returns 100; limit(5000) is capped to 1000', async () => {
    expect((await w.db.collection('wire_big').get()).data).toHaveLength(100);
    expect(w.cloud.requestLog().at(-1)!.limit).toBe(100);
    expect((await w.db.collection('wire_big').limit(5000).get()).data).toHaveLength(1000);
    expect(w.cloud.requestLog().at(-1)!.limit).toBe(1000);
    expect((await w.db.collection('wire_big').count()).total).toBe(1100);
  });
  test('unknown collection → DATABASE_COLLECTION_NOT_EXIST (-502005) for reads and writes', async () => {
    await expect(w.db.collection('no_such').get()).rejects.toMatchObject({ errCode: -502005 });
    await expect(w.db.collection('no_such').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
    expect(w.cloud.store.hasCollection('no_such')).toBe(false);
  });
  test('unique index violation → E11000 duplicate key error', async () => {
    await w.db.collection('cases').add({ data: { idempotencyKey: 'dup-1' } });
    await expect(w.db.collection('cases').add({ data: { idempotencyKey: 'dup-1' } })).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('E11000 duplicate key error collection: cases index: idempotencyKey') });
  });
  test('an update that conflicts on a path is rejected', async () => {
    const _ = w.db.command;
    await w.db.collection('todos').add({ data: { _id: 'c1', a: 1 } });
    await expect(w.db.collection('todos').doc('c1').update({ data: { a: _.inc(1), 'a.b': 2 } })).rejects.toMatchObject({ errCode: -502001 });
  });
  test('stats count /admin requests by action', async () => {
    w.cloud.resetStats();
    await w.db.collection('todos').doc('t1').get();
    await w.db.collection('todos').where({ n: 1 }).get();
    await w.db.collection('todos').count();
    expect(w.cloud.stats()).toEqual({ total: 3, byAction: { 'database.getDocument': 2, 'database.calculateDocument': 1 } });
  });
});

describe('indexes from config/cloud/database.json', () => {
  beforeAll(() => {
    const base = Date.UTC(2025, 0, 1);
    const docs = Array.from({ length: 3000 }, (_, i) => ({ status: ['open', 'closed', 'pending'][i % 3], streetId: `s${i % 10}`, createdAt: new Date(base + i * 60_000), seq: i }));
    w.cloud.store.insert('cases', docs);
  });
  test('status+streetId query sorted by createdAt is fetched through the index (EXPLAIN + rows examined)', async () => {
    const _ = w.db.command;
    const res = await w.db.collection('cases').where({ status: 'open', streetId: 's3', seq: _.gte(0) }).orderBy('createdAt', 'desc').limit(20).get();
    expect(res.data).toHaveLength(20);
    const plan = w.cloud.store.lastPlan!;
    expect(plan.index).toBe('status_street_createdAt');
    expect(plan.rowsExamined).toBe(20); // sort pushed down: stops after the page
    // every result is exact and in order
    const seqs = res.data.map((d: { seq: number }) => d.seq);
    expect(seqs).toEqual([...seqs].sort((a: number, b: number) => b - a));
    expect(res.data.every((d: { status: string; streetId: string }) => d.status === 'open' && d.streetId === 's3')).toBe(true);
    const explain = w.cloud.store.explain('cases', { status: 'open', streetId: 's3' }, { sort: { createdAt: -1 } });
    expect(explain.plan.join(' ')).toMatch(/USING INDEX ix_cases_status_street_createdAt/);
  });
  test('$in and date ranges use the index; results equal a full scan', async () => {
    const _ = w.db.command;
    const from = new Date(Date.UTC(2025, 0, 1, 10));
    const res = await w.db.collection('cases').where({ status: _.in(['open', 'pending']), streetId: 's1', createdAt: _.gte(from) }).limit(1000).get();
    expect(w.cloud.store.lastPlan!.index).toBe('status_street_createdAt');
    const expected = w.cloud.store.find('cases', {}, { limit: 100000 }).filter((d) => ['open', 'pending'].includes(d.status as string) && d.streetId === 's1' && (d.createdAt as Date) >= from);
    expect(res.data.map((d: { _id: string }) => d._id).sort()).toEqual(expected.map((d) => d._id).sort());
  });
  test('a query on a non-indexed field is a full scan', () => {
    w.cloud.store.find('cases', { seq: 5 });
    expect(w.cloud.store.lastPlan!.index).toBeNull();
  });
  test('of two usable indexes, a range bounded on both sides wins over an open one; results equal a full scan', async () => {
    w.cloud.store.createCollection('wire_ranges', [{ name: 'reportedAt', keys: [['reportedAt', 1]] }, { name: 'dueAt', keys: [['dueAt', 1]] }]);
    w.cloud.store.insert('wire_ranges', Array.from({ length: 2000 }, (_, i) => ({ reportedAt: i, dueAt: i + (i % 7) * 10 })));
    const _ = w.db.command;
    // "due on this day, reported before it": the open `reportedAt < 1500` would walk 1500 index entries
    const res = await w.db.collection('wire_ranges').where({ dueAt: _.gte(1500).and(_.lt(1520)), reportedAt: _.lt(1500) }).limit(1000).get();
    const plan = w.cloud.store.lastPlan!;
    expect(plan.index).toBe('dueAt');
    expect(plan.rowsExamined).toBeLessThan(40);
    const expected = w.cloud.store.find('wire_ranges', {}, { limit: 100000 }).filter((d) => (d.dueAt as number) >= 1500 && (d.dueAt as number) < 1520 && (d.reportedAt as number) < 1500);
    expect(expected.length).toBeGreaterThan(0);
    expect(res.data.map((d: { _id: string }) => d._id).sort()).toEqual(expected.map((d) => d._id).sort());
  });
});

describe('geo', () => {
  const _ = () => w.db.command;
  beforeAll(async () => {
    w.cloud.store.createCollection('wire_geo', [{ name: 'loc', keys: [['loc', '2dsphere']] }]);
    await w.db.collection('wire_geo').add({ data: [
      { _id: 'gulou', loc: w.db.Geo.Point(119.2965, 26.0745) }, // 鼓楼区
      { _id: 'near', loc: w.db.Geo.Point(119.2975, 26.0750) }, // ~110 m away
      { _id: 'far', loc: w.db.Geo.Point(119.35, 26.10) }, // several km
    ] });
  });
  test('geoNear ($nearSphere) sorts by distance and honours maxDistance', async () => {
    const res = await w.db.collection('wire_geo').where({ loc: _().geoNear({ geometry: w.db.Geo.Point(119.2965, 26.0745), maxDistance: 1000 }) }).get();
    expect(lastRequest()).toMatchSnapshot('getDocument geoNear');
    expect(res.data.map((d: { _id: string }) => d._id)).toEqual(['gulou', 'near']);
    expect(w.cloud.store.lastPlan!.index).toBe('loc');
  });
  test('geoWithin polygon and centerSphere; geoIntersects', async () => {
    const { Geo } = w.db;
    const poly = Geo.Polygon([Geo.LineString([Geo.Point(119.29, 26.07), Geo.Point(119.30, 26.07), Geo.Point(119.30, 26.08), Geo.Point(119.29, 26.08), Geo.Point(119.29, 26.07)])]);
    const within = await w.db.collection('wire_geo').where({ loc: _().geoWithin({ geometry: poly }) }).get();
    expect(within.data.map((d: { _id: string }) => d._id).sort()).toEqual(['gulou', 'near']);
    const multi = Geo.MultiPolygon([poly]);
    expect((await w.db.collection('wire_geo').where({ loc: _().geoWithin({ geometry: multi }) }).count()).total).toBe(2);
    const circle = await w.db.collection('wire_geo').where({ loc: _().geoWithin({ centerSphere: [[119.35, 26.10], 100 / 6378100] }) }).get();
    expect(circle.data.map((d: { _id: string }) => d._id)).toEqual(['far']);
    const hit = await w.db.collection('wire_geo').where({ loc: _().geoIntersects({ geometry: poly }) }).count();
    expect(hit.total).toBe(2);
  });
  test('$geoNear aggregation stage adds the distance', async () => {
    const res = await w.db.collection('wire_geo').aggregate().geoNear({ distanceField: 'd', spherical: true, near: w.db.Geo.Point(119.2965, 26.0745), maxDistance: 5000 }).end();
    expect(res.list.map((d: { _id: string }) => d._id)).toEqual(['gulou', 'near']);
    expect(res.list[1].d).toBeGreaterThan(80);
    expect(res.list[1].d).toBeLessThan(140);
  });
});
