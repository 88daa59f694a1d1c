/**
 * The read path's performance work must not change answers: the fast inclusion projection agrees with mingo,
 * a paged read that resumes where the previous page stopped returns exactly what offset paging returns (and a
 * write in between falls back to the slow path), stored dates still revive, and the roll-up's keyset paging
 * (through the real SDK) reads every matching document exactly once, ties on the order field included.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { Query } from 'mingo';
import { Store } from '../../local/store';
import { compileProjection, fromStored, toStored, type Doc } from '../../local/codec';
import { pagedFind } from '../../cloudfunctions/common/rollup';
import { startWire, type Wire } from './helpers';

const DOCS: Doc[] = [
  { _id: 'a', x: 1, y: { z: 2, w: [1, 2] }, arr: [{ s: 1, t: 2 }, 3, { s: 4 }, [{ s: 5 }]], when: new Date(5), n: null },
  { _id: 'b', y: 7, arr: 'scalar', clocks: { deadline: 9, extensions: [] } },
  { x: 3, y: { w: { deep: true } }, 'resolution': { at: 4, by: 'x' } },
];
const PROJECTIONS: Array<Record<string, unknown>> = [
  { x: 1 },
  { x: true, 'y.z': true },
  { 'arr.s': 1 },
  { _id: 0, y: 1 },
  { 'y.w.deep': 1, when: 1, n: 1 },
  { 'resolution.at': true, clocks: true, missing: 1 },
];

test.each(PROJECTIONS.map((p) => [JSON.stringify(p), p]))('inclusion projection %s agrees with mingo', (_name, p) => {
  const fast = compileProjection(p as Record<string, unknown>);
  expect(fast).not.toBeNull();
  const viaMingo = new Query({}).find(DOCS as never[], p as never).all();
  expect(DOCS.map((d) => fast!(d))).toEqual(viaMingo);
});

test('projections the fast path does not handle fall back (null)', () => {
  expect(compileProjection({ x: 0 })).toBeNull();
  expect(compileProjection({ arr: { $slice: 1 } })).toBeNull();
  expect(compileProjection({ 'arr.$': 1 })).toBeNull();
  expect(compileProjection({ y: 1, 'y.z': 1 })).toBeNull();
});

test('stored dates revive (only single-key {$date: ms} objects), without a reviver', () => {
  const doc = { a: new Date(1700000000000), b: { $date: 5, other: 1 }, c: [new Date(1), { d: new Date(2) }], e: 'x"$date"' };
  const back = fromStored(toStored(doc));
  expect(back).toEqual(doc);
  expect(back.a).toBeInstanceOf(Date);
  expect(fromStored('{"a":1}')).toEqual({ a: 1 });
});

describe('store: resumed pages', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yx-wire-paging-'));
  const s = new Store(path.join(dir, 'db.sqlite'));
  s.createCollection('items', [{ name: 'k', keys: [['k', 1]] }]);
  // k has many ties; odd n fail a condition only mingo checks
  s.insert('items', Array.from({ length: 2500 }, (_, i) => ({ _id: `i${String(i).padStart(5, '0')}`, k: i % 13, n: i, tag: i % 2 ? 'odd' : 'even' })));
  afterAll(() => {
    s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const q = { k: { $gte: 2, $lt: 11 }, tag: 'even' };
  const sort = { k: 1, _id: 1 } as const;

  test('pages by skip equal one unpaged read, and a resumed page examines only its own rows', () => {
    const all = s.find('items', q, { sort });
    expect(all.length).toBeGreaterThan(800);
    const pages: Doc[] = [];
    const examined: number[] = [];
    for (let skip = 0; ; skip += 300) {
      const page = s.find('items', q, { sort, skip, limit: 300 });
      examined.push(s.lastPlan!.rowsExamined);
      pages.push(...page);
      if (page.length < 300) break;
    }
    expect(pages.map((d) => d._id)).toEqual(all.map((d) => d._id));
    // every page after the first resumes: about 2 rows examined per match (half fail the mingo-only condition)
    for (const e of examined.slice(1)) expect(e).toBeLessThan(700);
  });

  test('_id $in is answered from the id index, not a scan', () => {
    const ids = ['i00007', 'i01234', 'i02499', 'nope'];
    const got = s.find('items', { _id: { $in: ids }, k: { $gte: 0 } });
    expect(got.map((d) => d._id).sort()).toEqual(['i00007', 'i01234', 'i02499']);
    expect(s.lastPlan).toMatchObject({ index: '_id', rowsExamined: 3 });
  });

  test('a write between pages: the next page is computed from scratch, still right', () => {
    const first = s.find('items', q, { sort, skip: 0, limit: 300 });
    s.update('items', { _id: first[0]._id }, { $set: { tag: 'odd' } });
    const second = s.find('items', q, { sort, skip: 300, limit: 300 });
    expect(s.lastPlan!.rowsExamined).toBeGreaterThan(600);
    const fresh = s.find('items', q, { sort }).slice(300, 600);
    expect(second.map((d) => d._id)).toEqual(fresh.map((d) => d._id));
  });
});

describe('roll-up keyset paging through the real SDK', () => {
  let w: Wire;
  beforeAll(async () => {
    w = await startWire({}, ['wire_paged']);
    w.cloud.store.createCollection('wire_paged', [{ name: 'at', keys: [['at', 1]] }]);
    // 2600 in range with long runs of equal values (a run longer than a page too), 300 outside
    const docs = [
      ...Array.from({ length: 1300 }, (_, i) => ({ _id: `t${i}`, at: 1000 })),
      ...Array.from({ length: 1300 }, (_, i) => ({ _id: `u${i}`, at: 1001 + (i % 17) })),
      ...Array.from({ length: 300 }, (_, i) => ({ _id: `v${i}`, at: 5000 + i })),
    ];
    w.cloud.store.insert('wire_paged', docs);
  });
  afterAll(() => w.cloud.stop());

  test('every matching document once, in 3 requests, none walking past earlier pages', async () => {
    const _ = w.db.command;
    const counter = { requests: 0 };
    w.cloud.clearRequestLog();
    const got = await pagedFind<{ _id: string; at: number }>(w.db, 'wire_paged', { at: _.gte(1000).and(_.lt(2000)) }, { _id: true, at: true }, 'at', counter);
    expect(got).toHaveLength(2600);
    expect(new Set(got.map((d) => d._id)).size).toBe(2600);
    expect(got.every((d) => d.at >= 1000 && d.at < 2000)).toBe(true);
    expect(counter.requests).toBe(3);
    const rows = w.cloud.requestTimings().map((t) => t.rows);
    expect(rows).toHaveLength(3);
    // page 2 re-reads the 1000 documents tied at 1000 it has already seen (a run longer than a page); page 3
    // starts at its predecessor's last value: offset paging would walk the 2000 earlier documents again
    expect(rows[0]).toBeLessThanOrEqual(1000);
    expect(rows[1]).toBeLessThanOrEqual(2000);
    expect(rows[2]).toBeLessThanOrEqual(1000);
  });
});
