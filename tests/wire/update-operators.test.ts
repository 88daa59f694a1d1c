/**
 * The store applies update operators through mingo's operators directly (local/store.ts `operatorUpdate`, without
 * `update()`'s per-call set-up). Every modifier here must give exactly what mingo's `update()` gives; paths that
 * conflict across operators are refused; positional paths still go through `update()` with the query.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { update as mingoUpdate } from 'mingo';
import { Store } from '../../local/store';
import type { Doc } from '../../local/codec';

const BASE: Doc = {
  _id: 'c1',
  version: 3,
  state: 'assigned',
  n: 5,
  tags: ['a', 'b'],
  due: [
    { key: 'respond', status: 'done', dueAt: 10 },
    { key: 'nearDue', status: 'pending', dueAt: 20 },
  ],
  log: [{ at: 1, what: '创建' }],
  clocks: { deadline: 100, startedAt: 5 },
  flags: { hard: { at: 7, reason: 'x' } },
  scores: [3, 9, 1],
};

const MODIFIERS: Array<[string, Doc]> = [
  ['$set top and nested, new and existing', { $set: { state: 'doing', 'clocks.resolvedAt': 50, 'flags.review': { suggest: 'pass' } } }],
  ['$set an array element by index', { $set: { 'due.1.status': 'done', 'due.1.doneAt': 30, nextDueAt: null } }],
  ['$set equal value changes nothing', { $set: { state: 'assigned' } }],
  ['$inc $mul $min $max', { $inc: { version: 1, 'clocks.deadline': 60 }, $mul: { n: 3 }, $min: { 'clocks.startedAt': 2 }, $max: { 'flags.hard.at': 9 } }],
  ['$push $each and $slice', { $push: { log: { $each: [{ at: 2, what: '提醒' }, { at: 3, what: '签收' }], $slice: -2 } } }],
  ['$push one value, $addToSet $each', { $push: { tags: 'c' }, $addToSet: { scores: { $each: [9, 4] } } }],
  ['$pull with a condition, $pullAll', { $pull: { due: { status: 'done' } }, $pullAll: { tags: ['a'] } }],
  ['$pop and $unset', { $pop: { scores: 1 }, $unset: { flags: '' } }],
  ['$rename', { $rename: { n: 'count', 'clocks.startedAt': 'clocks.begun' } }],
  ['several operators on sibling paths', { $set: { 'clocks.a': 1, 'clocks.b': 2 }, $inc: { 'flags.hard.at': 1 }, $push: { log: { at: 9, what: 'x' } } }],
];

let dir: string;
let store: Store;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yx-upd-'));
  store = new Store(path.join(dir, 'db.sqlite'));
  store.createCollection('docs');
});
afterAll(() => {
  store.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const fresh = (): Doc => JSON.parse(JSON.stringify(BASE)) as Doc;

test.each(MODIFIERS)('%s: the same document as mingo update()', (_name, modifier) => {
  store.remove('docs', {}, { multi: true });
  store.insert('docs', [fresh()]);
  const expected = fresh();
  const changed = mingoUpdate(expected, modifier as never, undefined, undefined, { cloneMode: 'deep' });
  const r = store.update('docs', { _id: 'c1' }, modifier);
  expect(r.modified).toBe(changed.length ? 1 : 0);
  expect(store.findOne('docs', { _id: 'c1' })).toEqual(expected);
});

test.each<[string, Doc]>([
  ['$inc a with $set a.b', { $inc: { n: 1 }, $set: { 'n.b': 2 } }],
  ['the same path in two operators', { $set: { state: 'x' }, $unset: { state: '' } }],
  ['a $rename target set by another operator', { $rename: { n: 'count' }, $set: { count: 1 } }],
])('conflicting paths are refused and nothing is written: %s', (_name, modifier) => {
  store.remove('docs', {}, { multi: true });
  store.insert('docs', [fresh()]);
  expect(() => store.update('docs', { _id: 'c1' }, modifier)).toThrow(/conflict/);
  expect(store.findOne('docs', { _id: 'c1' })).toEqual(fresh());
});

test('a positional path is applied with the query (the general path)', () => {
  store.remove('docs', {}, { multi: true });
  store.insert('docs', [fresh()]);
  store.update('docs', { _id: 'c1', 'due.key': 'nearDue' }, { $set: { 'due.$.status': 'done' } });
  expect((store.findOne('docs', { _id: 'c1' }) as { due: Array<{ status: string }> }).due.map((d) => d.status)).toEqual(['done', 'done']);
});

test('an unknown operator is refused', () => {
  store.remove('docs', {}, { multi: true });
  store.insert('docs', [fresh()]);
  expect(() => store.update('docs', { _id: 'c1' }, { $frobnicate: { n: 1 } })).toThrow();
});
