/**
 * Case ids never collide into an error (src/domain/case/case-id.ts): intake through the real SDK against local/ with
 * the product's database config (unique _id and intake key). An id generator that repeats itself forces the
 * collisions a busy day would meet rarely; intake builds the case again under the next id, and a re-submission still
 * answers with the case it created.
 */
import path from 'node:path';
import { seedDocuments } from '../../scripts/seed-data';
import { REPO, startWire, type Wire } from './helpers';
import type { intake as Intake, IntakeRequest } from '../../cloudfunctions/common/intake';
import { isDuplicateKey } from '../../cloudfunctions/common/errors';
import { fail } from '../../cloudfunctions/common/envelope';
import { isCaseId } from '../../src/domain/case/case-id';

let w: Wire;
let intake: typeof Intake;
const NOW = Date.parse('2026-12-05T10:00:00+08:00');

beforeAll(async () => {
  w = await startWire({ databaseConfig: path.join(REPO, 'config', 'cloud', 'database.json') });
  for (const [coll, docs] of Object.entries(seedDocuments())) if (docs.length) w.cloud.store.insert(coll, docs as never);
  // loaded after the SDK's environment points at local/
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ({ intake } = require('../../cloudfunctions/common/intake'));
});

afterAll(() => w.cloud.stop());

const report = (n: number): IntakeRequest => ({
  channel: 'miniapp',
  ref: `o-ids-${n}:tok`,
  reporter: { openid: `o-ids-${n}` },
  categoryCode: 'lamp',
  description: `第${n}盏路灯不亮，晚上很黑`,
  photos: [],
  // far enough apart not to be linked as duplicates of each other
  location: { point: { type: 'Point', coordinates: [119.283 + n * 0.002, 26.104] }, address: `五凤街道第${n}号` },
  actor: { id: `o-ids-${n}`, roles: ['citizen'], openid: `o-ids-${n}` },
});

test('new ids have the documented format', async () => {
  const r = await intake(report(0), NOW);
  expect(isCaseId(r.caseId)).toBe(true);
  expect(r.caseId.startsWith('GL20261205-')).toBe(true);
});

test('an id already taken is built again under a fresh one: every report lands, none lost, none merged', async () => {
  // the generator hands out ids from a pool of three, in turn: the 2nd and 3rd report meet taken ids first
  const pool = ['GL20261205-AAAAAAA', 'GL20261205-BBBBBBB', 'GL20261205-CCCCCCC'];
  let next = 0;
  const tried: string[] = [];
  const newId = () => {
    const id = pool[next++ % pool.length];
    tried.push(id);
    return id;
  };
  const ids: string[] = [];
  for (let n = 1; n <= 3; n++) {
    next = 0; // every report starts from the first id of the pool
    ids.push((await intake(report(n), NOW, { newId })).caseId);
  }
  expect(ids).toEqual(pool);
  expect(tried).toEqual(['GL20261205-AAAAAAA', 'GL20261205-AAAAAAA', 'GL20261205-BBBBBBB', 'GL20261205-AAAAAAA', 'GL20261205-BBBBBBB', 'GL20261205-CCCCCCC']);
  const stored = w.cloud.store.find('cases', { _id: { $in: pool } }, {}) as Array<{ _id: string; reporter: { openid: string } }>;
  expect(stored.map((d) => d.reporter.openid).sort()).toEqual(['o-ids-1', 'o-ids-2', 'o-ids-3']);
});

test('a generator that only repeats taken ids ends in a clear CONFLICT after the retries, with nothing written', async () => {
  const before = (w.cloud.store.find('cases', {}, {}) as unknown[]).length;
  await expect(intake(report(9), NOW, { newId: () => 'GL20261205-AAAAAAA' })).rejects.toMatchObject({ code: 'CONFLICT' });
  expect((w.cloud.store.find('cases', {}, {}) as unknown[]).length).toBe(before);
});

test('a re-submission still answers with the case it created (the intake key wins over a fresh id)', async () => {
  const first = await intake(report(20), NOW);
  const again = await intake(report(20), NOW);
  expect(again).toMatchObject({ caseId: first.caseId, replayed: true });
});

test('the duplicate-key error of the real SDK is recognised', async () => {
  w.cloud.store.createCollection('ids_probe');
  await w.db.collection('ids_probe').add({ data: { _id: 'same' } });
  const err = await w.db.collection('ids_probe').add({ data: { _id: 'same' } }).then(() => null, (e: unknown) => e);
  expect(err).not.toBeNull();
  expect(isDuplicateKey(err)).toBe(true);
  expect(isDuplicateKey(new Error('timeout'))).toBe(false);
  // an action meeting it unexpectedly answers CONFLICT (retry), never INTERNAL
  expect(fail(err)).toMatchObject({ code: 'CONFLICT' });
});
