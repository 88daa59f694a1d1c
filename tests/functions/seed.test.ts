/**
 * scripts/seed.ts through the real wx-server-sdk against local/: seeds every collection, a second run writes
 * nothing, dev openids only on request, bindings and admin-issued codes survive a re-seed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../local';
import { seed } from '../../scripts/seed';
import { seedDocuments } from '../../scripts/seed-data';

let cloud: LocalCloud;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yx-seed-'));
  cloud = await startLocalCloud({ dataDir, port: 0 });
});
afterAll(async () => {
  await cloud.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const snapshot = () => {
  const out: Record<string, unknown> = {};
  for (const coll of Object.keys(seedDocuments())) out[coll] = cloud.store.find(coll, {}, { sort: { _id: 1 } });
  return JSON.stringify(out);
};

test('without --dev: every seed document is written by _id, and no staff record is bound', async () => {
  const docs = seedDocuments();
  const total = Object.values(docs).reduce((n, l) => n + l.length, 0);
  const r = await seed({ localUrl: cloud.url });
  expect(r).toMatchObject({ inserted: total, updated: 0, unchanged: 0 });
  expect(r.collectionsEnsured).toEqual(expect.arrayContaining(['cases', 'calls', 'staff', 'adminLog', 'standingRules']));
  for (const [coll, list] of Object.entries(docs)) expect(cloud.store.count(coll, {})).toBe(list.length);
  expect(cloud.store.find('streets', { _id: 'street-wufeng' })[0]).toMatchObject({ name: '五凤街道', kind: 'street' });
  expect(cloud.store.find('staff', { _id: 'staff-maoxiaojia' })[0]).toMatchObject({ name: '毛晓嘉', unitName: '五凤街道一线处置员' });
  expect(cloud.store.count('staff', { openid: { $exists: true } })).toBe(0);
  // the seed's invite codes are in the repository: a real environment gets random ones
  const seedCodes = new Set(seedDocuments().staff.map((x) => x.inviteCode));
  const codes = (cloud.store.find('staff', {}, {}) as any[]).map((x) => x.inviteCode);
  expect(codes.every((c) => /^[A-Z0-9]{8}$/.test(c) && !seedCodes.has(c))).toBe(true);
  expect(new Set(codes).size).toBe(codes.length);
  expect(r.adminInviteCode).toBe(cloud.store.find('staff', { _id: 'staff-admin' })[0].inviteCode);
  // development Open311 keys never reach a real environment
  expect(cloud.store.count('channels', { apiKey: { $exists: true } })).toBe(0);
});

test('seeding twice changes nothing', async () => {
  const before = snapshot();
  cloud.resetStats();
  const r = await seed({ localUrl: cloud.url });
  expect(r.inserted + r.updated).toBe(0);
  expect(r.unchanged).toBeGreaterThan(200);
  expect(snapshot()).toBe(before);
  // only reads went to the database (and the idempotent "create the collection if missing")
  const actions = Object.keys(cloud.stats().byAction);
  expect(actions.sort()).toEqual(['database.addCollection', 'database.getDocument']);
});

test('--dev binds dev openids; a re-seed keeps bindings, admin-issued codes and documents the seed does not know', async () => {
  const r = await seed({ localUrl: cloud.url, withDevOpenids: true });
  expect(r.updated).toBe(seedDocuments().staff.length + seedDocuments().channels.filter((c) => c.apiKey).length);
  expect(cloud.store.find('staff', { _id: 'staff-admin' })[0].openid).toBe('dev-staff-admin');
  expect(cloud.store.find('channels', { _id: 'ch-12345' })[0].apiKey).toBe('dev-open311-12345');
  // a person bound through their invite code; an administrator issued someone a new code; an admin-added category
  cloud.store.update('staff', { _id: 'staff-wufeng-handler-2' }, { $set: { openid: 'oRealWeChat' }, $unset: { inviteCode: '' } });
  cloud.store.update('staff', { _id: 'staff-gudong-handler-1' }, { $set: { inviteCode: 'NEWCODE8' }, $unset: { openid: '' } });
  cloud.store.insert('categories', [{ _id: 'cat-elevator', code: 'elevator', name: '电梯故障', class: '事件', ownerDeptIds: [], gridItem: false, deadlineMinutes: 240, sort: 24 }] as never);
  cloud.store.update('channels', { _id: 'ch-dcm' }, { $set: { apiKey: 'operator-set-key' } });
  const again = await seed({ localUrl: cloud.url });
  expect(cloud.store.find('channels', { _id: 'ch-dcm' })[0].apiKey).toBe('operator-set-key');
  expect(again.inserted).toBe(0);
  expect(cloud.store.find('staff', { _id: 'staff-wufeng-handler-2' })[0]).toMatchObject({ openid: 'oRealWeChat' });
  expect(cloud.store.find('staff', { _id: 'staff-wufeng-handler-2' })[0].inviteCode).toBeUndefined();
  expect(cloud.store.find('staff', { _id: 'staff-gudong-handler-1' })[0]).toMatchObject({ inviteCode: 'NEWCODE8' });
  expect(cloud.store.count('categories', { _id: 'cat-elevator' })).toBe(1);
});

test('--missing-only leaves edited documents alone and fills in deleted ones', async () => {
  cloud.store.update('categories', { _id: 'cat-lamp' }, { $set: { deadlineMinutes: 60 } });
  cloud.store.remove('categories', { _id: 'cat-road' });
  const r = await seed({ localUrl: cloud.url, missingOnly: true });
  expect(r).toMatchObject({ inserted: 1, updated: 0 });
  expect(cloud.store.find('categories', { _id: 'cat-lamp' })[0].deadlineMinutes).toBe(60);
  expect(cloud.store.count('categories', { _id: 'cat-road' })).toBe(1);
  // the default mode restores the seed's value
  await seed({ localUrl: cloud.url });
  expect(cloud.store.find('categories', { _id: 'cat-lamp' })[0].deadlineMinutes).toBe(3 * 24 * 60);
});

test('the deployment plan covers every collection with no client access, and no unique index the cloud cannot keep', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dbPlan, functionPlan } = require('../../scripts/print-db-setup') as typeof import('../../scripts/print-db-setup');
  const plan = dbPlan();
  const cfg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../config/cloud/database.json'), 'utf8'));
  expect(plan.map((c) => c.name).sort()).toEqual(Object.keys(cfg.collections).sort());
  expect(plan.every((c) => c.securityRule.read === false && c.securityRule.write === false)).toBe(true);
  expect(plan.find((c) => c.name === 'staff')!.indexes.find((i) => i.name === 'openid')).toMatchObject({ unique: false });
  expect(plan.find((c) => c.name === 'cases')!.indexes.find((i) => i.name === 'location')!.fields[0]).toEqual({ field: 'location.point', order: 'geo' });
  expect(functionPlan().find((f) => f.name === 'timer')!.triggers[0].config.split(/\s+/)).toHaveLength(7);
});
