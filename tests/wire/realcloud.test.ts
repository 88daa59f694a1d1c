/**
 * The contract subset that must behave the same on local/ and on a real cloud environment.
 * Always runs against local/; runs against the real cloud only when TCB_ENV_ID and
 * TENCENTCLOUD_SECRETID/TENCENTCLOUD_SECRETKEY are set (collection `wire_contract` must exist there).
 */
import { startWire, type Wire } from './helpers';

const REAL = !!(process.env.TCB_ENV_ID && process.env.TENCENTCLOUD_SECRETID && process.env.TENCENTCLOUD_SECRETKEY);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function contract(db: any): Promise<void> {
  const _ = db.command;
  const coll = db.collection('wire_contract');
  const tag = `run-${Date.now()}-${Math.random().toString(16).slice(2)}`;
  const { _id } = await coll.add({ data: { tag, n: 1, at: db.serverDate(), loc: db.Geo.Point(119.3, 26.08) } });
  expect(typeof _id).toBe('string');
  await coll.doc(_id).update({ data: { n: _.inc(2), list: _.push(['a']) } });
  const got = (await coll.doc(_id).get()).data;
  expect(got).toMatchObject({ tag, n: 3, list: ['a'] });
  expect(Object.prototype.toString.call(got.at)).toBe('[object Date]');
  expect((await coll.where({ tag }).count()).total).toBe(1);
  const r = await db.runTransaction(async (t: any) => {
    const d = (await t.collection('wire_contract').doc(_id).get()).data;
    await t.collection('wire_contract').doc(_id).update({ data: { n: d.n + 1 } });
    return d.n;
  });
  expect(r).toBe(3);
  expect((await coll.doc(_id).get()).data.n).toBe(4);
  await expect(db.collection('wire_contract_missing_collection').get()).rejects.toMatchObject({ errCode: -502005 });
  expect((await coll.where({ tag }).remove()).stats.removed).toBe(1);
}

describe('contract on local/', () => {
  let w: Wire;
  beforeAll(async () => {
    w = await startWire({}, ['wire_contract']);
  });
  afterAll(async () => {
    await w.cloud.stop();
  });
  test('same behaviour as the real cloud', async () => {
    await contract(w.db);
  });
});

describe('contract on the real cloud', () => {
  if (!REAL) {
    // eslint-disable-next-line no-console
    console.log('[wire] real-cloud contract skipped: set TCB_ENV_ID, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY to run it');
    test.skip('same behaviour as local/ (needs TCB_ENV_ID + TENCENTCLOUD_SECRETID/SECRETKEY)', () => undefined);
    return;
  }
  test('same behaviour as local/', async () => {
    jest.resetModules();
    delete process.env.TCB_CONTEXT_CNFG;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('wx-server-sdk');
    sdk.init({ env: process.env.TCB_ENV_ID });
    await contract(sdk.database());
  });
});
