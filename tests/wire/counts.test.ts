/**
 * Counts the index answers alone (no document read) must equal what mingo counts over every document — with mixed
 * types in the indexed fields (numbers, strings, nulls, missing, dates, booleans) — and a count the index cannot
 * answer alone still reads the rows. The planner's own record (`lastPlan.rowsExamined`) says which path ran.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { Query } from 'mingo';
import { Store } from '../../local/store';
import type { Doc } from '../../local/codec';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yx-wire-counts-'));
const s = new Store(path.join(dir, 'db.sqlite'));
s.createCollection('items', [
  { name: 'state_street_at', keys: [['state', 1], ['street', 1], ['flags.at', 1]] },
  { name: 'street', keys: [['street', 1]] },
]);
const STATES = ['a', 'b', 'c'];
const AT = (i: number): unknown => [i, `t${i}`, null, undefined, new Date(i), true, i + 0.5][i % 7];
const docs: Doc[] = Array.from({ length: 700 }, (_, i) => {
  const d: Doc = { _id: `d${i}`, state: STATES[i % 3], street: i % 5 === 0 ? 5 : `s${i % 4}` };
  const at = AT(i);
  if (i % 11 !== 0) d.flags = at === undefined ? {} : { at };
  return d;
});
s.insert('items', docs);
afterAll(() => {
  s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const truth = (q: Doc) => new Query(q as never).find(s.find('items', {}) as never[]).all().length;

const COVERED: Doc[] = [
  { state: 'a' },
  { state: { $in: ['a', 'b'] }, street: 's1' },
  { state: { $in: ['a', 'b'] }, street: 5 },
  { state: 'a', street: 's2', 'flags.at': { $gt: 100 } },
  { state: { $in: ['a', 'c'] }, street: 's3', 'flags.at': { $lt: 400 } },
  { state: 'b', street: 's1', 'flags.at': { $gte: 0, $lte: 650 } },
  { $and: [{ state: 'c', street: 's2' }, { street: 's2' }] },
];
const NOT_COVERED: Doc[] = [
  { state: 'a', 'flags.at': { $gt: 0 } }, // the range is not on the next field of the index
  { state: 'a', street: 's2', 'flags.at': { $exists: true } },
  { state: 'a', street: 's2', 'flags.at': null },
  { state: 'a', street: 's2', 'flags.at': { $gt: 't1' } },
  { state: 'b', $or: [{ street: 's1' }, { street: 's2' }] },
  { state: 'a', other: 1 },
  { state: 'a', street: '{"x":1}' }, // could be an object's JSON text in the index
  { $and: [{ street: 's1' }, { street: 's2' }] },
];

test.each(COVERED.map((q) => [JSON.stringify(q), q]))('covered %s: counted over the index, equal to mingo', (_n, q) => {
  const n = s.count('items', q as Doc);
  expect(s.lastPlan?.sql).toMatch(/^SELECT count\(\*\)/);
  // string keys: the index alone; a numeric key's type is confirmed on the documents of the range
  if (!/:-?\d/.test(JSON.stringify(q))) expect(s.lastPlan?.rowsExamined).toBe(0);
  expect(n).toBe(truth(q as Doc));
  expect(n).toBeGreaterThan(0);
});

test.each(NOT_COVERED.map((q) => [JSON.stringify(q), q]))('not covered %s: rows read, equal to mingo', (_n, q) => {
  const n = s.count('items', q as Doc);
  expect(s.lastPlan?.sql).not.toMatch(/^SELECT count\(\*\)/);
  expect(n).toBe(truth(q as Doc));
});
