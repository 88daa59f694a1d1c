/** Transactions through the SDK's startTransaction / runTransaction against local/. */
import { startWire, normalise, type Wire } from './helpers';

let w: Wire;
beforeAll(async () => {
  w = await startWire({}, ['wire_counters', 'wire_txn']);
});
afterAll(async () => {
  await w.cloud.stop();
});

test('runTransaction commits doc get/update/add atomically (request snapshots)', async () => {
  const _ = w.db.command;
  await w.db.collection('wire_counters').add({ data: { _id: 'c', n: 0 } });
  w.cloud.clearRequestLog();
  const out = await w.db.runTransaction(async (t: any) => {
    const { data } = await t.collection('wire_counters').doc('c').get();
    await t.collection('wire_counters').doc('c').update({ data: { n: _.inc(1) } });
    await t.collection('wire_txn').add({ data: { _id: 'e1', seen: data.n } });
    return data.n;
  });
  expect(out).toBe(0);
  expect((await w.db.collection('wire_counters').doc('c').get()).data.n).toBe(1);
  expect((await w.db.collection('wire_txn').doc('e1').get()).data.seen).toBe(0);
  const sent = w.cloud.requestLog().slice(0, 5).map(normalise);
  expect(sent).toMatchSnapshot('transaction requests');
});

test('rollback leaves nothing behind', async () => {
  await expect(
    w.db.runTransaction(async (t: any) => {
      await t.collection('wire_txn').add({ data: { _id: 'gone' } });
      await t.collection('wire_counters').doc('c').update({ data: { n: 999 } });
      await t.rollback('取消');
    }),
  ).rejects.toBe('取消');
  await expect(w.db.collection('wire_txn').doc('gone').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') });
  expect((await w.db.collection('wire_counters').doc('c').get()).data.n).toBe(1);
});

test('an error inside the callback aborts: nothing applied', async () => {
  await expect(
    w.db.runTransaction(async (t: any) => {
      await t.collection('wire_counters').doc('c').update({ data: { n: 500 } });
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect((await w.db.collection('wire_counters').doc('c').get()).data.n).toBe(1);
});

test('only single-document operations are allowed inside a transaction', async () => {
  const t = await w.db.startTransaction();
  await expect(t.collection('wire_counters').where({ n: 1 }).get()).rejects.toBeTruthy();
  await t.rollback();
});

test('read in a transaction + outside write before commit → conflict; runTransaction retries and converges', async () => {
  const _ = w.db.command;
  await w.db.collection('wire_counters').add({ data: { _id: 'r', n: 0 } });
  let attempts = 0;
  const result = await w.db.runTransaction(async (t: any) => {
    attempts++;
    const { data } = await t.collection('wire_counters').doc('r').get();
    if (attempts === 1) {
      // a concurrent writer outside the transaction changes the document we read
      await w.db.collection('wire_counters').doc('r').update({ data: { n: _.inc(10) } });
    }
    await t.collection('wire_counters').doc('r').update({ data: { n: data.n + 1 } });
    return data.n;
  }, 3);
  expect(attempts).toBe(2);
  expect(result).toBe(10);
  expect((await w.db.collection('wire_counters').doc('r').get()).data.n).toBe(11);
});

test('write-write conflict: first committer wins, the other commit fails with DATABASE_TRANSACTION_CONFLICT', async () => {
  const a = await w.db.startTransaction();
  const b = await w.db.startTransaction();
  await a.collection('wire_counters').doc('r').update({ data: { x: 1 } });
  await b.collection('wire_counters').doc('r').update({ data: { x: 2 } });
  await a.commit();
  // the raw commit error keeps `code` (that is what runTransaction retries on)
  await expect(b.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect((await w.db.collection('wire_counters').doc('r').get()).data.x).toBe(1);
});

test('two concurrent transactions incrementing one counter: both applied exactly once', async () => {
  await w.db.collection('wire_counters').add({ data: { _id: 'k', n: 0 } });
  const inc = () =>
    w.db.runTransaction(async (t: any) => {
      const { data } = await t.collection('wire_counters').doc('k').get();
      await new Promise((r) => setTimeout(r, 5));
      await t.collection('wire_counters').doc('k').update({ data: { n: data.n + 1 } });
    }, 10);
  const results = await Promise.allSettled(Array.from({ length: 6 }, inc));
  const ok = results.filter((r) => r.status === 'fulfilled').length;
  const failed = results.filter((r) => r.status === 'rejected');
  for (const f of failed) expect((f as PromiseRejectedResult).reason).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect((await w.db.collection('wire_counters').doc('k').get()).data.n).toBe(ok);
  expect(ok).toBeGreaterThanOrEqual(1);
});
