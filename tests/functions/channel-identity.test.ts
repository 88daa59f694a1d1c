/**
 * Migration to channel identity (cloudfunctions/common/channel-identity.ts): cases stored before each channel had
 * its own identity — `channel: 'partner'` for every partner unit, intake key `<kind>:<ref>`, no `channelId` — are
 * given their channel before the first Open311 request or operator intake of an instance, once (a marker in
 * `settings`). The old documents are made by the real functions on one cloud, turned back into the old shape, and
 * inserted into a fresh cloud, as a deployment with old data would hold them.
 */
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

const T0 = Date.parse('2026-11-17T09:00:00+08:00');
const OPERATOR = dev('staff-zhzx-operator-1');
const KEY_12345 = 'dev-open311-12345';
const KEY_SWJT = 'dev-open311-swjt';
const KEY_GDGS = 'dev-open311-gdgs';

async function http(t: TestCloud, method: string, path: string, query: Record<string, string> = {}, form?: Record<string, string>) {
  const res = (await t.cloud.callFunction(
    'open311',
    { path, httpMethod: method, headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}, queryStringParameters: query, body: form ? new URLSearchParams(form).toString() : '', isBase64Encoded: false },
    { source: 'wx_http' },
  )) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

/** The old shape: no channelId, the intake key in the kind's space. */
function legacy(doc: any): any {
  const { channelId, ...rest } = doc;
  void channelId;
  return { ...rest, intakeKey: `${doc.channel}:${doc.channelRef}` };
}

let old: Record<string, any> = {};
let t: TestCloud;

beforeAll(async () => {
  // 1. the documents, made by the real functions
  const maker = await startTestCloud(T0);
  seedOrg(maker.cloud);
  const form = (key: string, ref: string, code: string, lat: string) => ({ api_key: key, service_code: code, lat, long: '119.29', description: `旧工单 ${ref}`, partner_request_id: ref });
  const bySwjt = await http(maker, 'POST', '/requests.json', {}, form(KEY_SWJT, 'SW-OLD-1', 'water-supply', '26.081'));
  const byGdgs = await http(maker, 'POST', '/requests.json', {}, form(KEY_GDGS, 'GD-OLD-1', 'lamp', '26.083'));
  const by12345 = await http(maker, 'POST', '/requests.json', {}, form(KEY_12345, '12345-OLD-1', 'lamp', '26.085'));
  // entered by an operator for a partner: routing names the water company (its category's city unit)
  const opWater = await maker.ok(OPERATOR, 'case.channelIntake', { channelId: 'ch-partner-swjt', channelRef: 'OP-OLD-1', categoryCode: 'water-supply', description: '供水管道漏水（旧录入）', communityId: 'comm-meifeng' });
  // entered by an operator for a partner, nothing names a city unit
  const opOther = await maker.ok(OPERATOR, 'case.channelIntake', { channelId: 'ch-partner-gdgs', channelRef: 'OP-OLD-2', categoryCode: 'ads', description: '小广告（旧录入）', communityId: 'comm-meifeng' });
  const citizen = await maker.ok('oCitizenOld', 'case.report', { clientToken: 'tok-old-1', categoryCode: 'lamp', description: '路灯不亮很久了', photos: [], communityId: 'comm-meifeng' });
  const ids = { swjt: bySwjt.body[0].service_request_id, gdgs: byGdgs.body[0].service_request_id, hotline: by12345.body[0].service_request_id, opWater: opWater.caseId, opOther: opOther.caseId, citizen: citizen.caseId };
  for (const [k, id] of Object.entries(ids)) old[k] = maker.cloud.store.find('cases', { _id: id })[0];
  await maker.stop();
  old = Object.fromEntries(Object.entries(old).map(([k, d]) => [k, k === 'citizen' ? d : legacy(d)]));
  expect(old.swjt).toMatchObject({ channel: 'partner', intakeKey: 'partner:SW-OLD-1' });
  expect(old.swjt.channelId).toBeUndefined();

  // 2. a deployment holding them
  t = await startTestCloud(T0 + 3600_000);
  seedOrg(t.cloud);
  t.cloud.store.insert('cases', Object.values(old));
});
afterAll(() => t?.stop());

const stored = (id: string) => t.cloud.store.find('cases', { _id: id })[0] as any;

test('the first Open311 request gives every old channel case its channel and re-keys its intake key, once', async () => {
  const list = await http(t, 'GET', '/requests.json', { api_key: KEY_SWJT });
  expect(list.status).toBe(200);
  expect(stored(old.swjt._id)).toMatchObject({ channelId: 'ch-partner-swjt', intakeKey: 'ch-partner-swjt:SW-OLD-1' });
  expect(stored(old.gdgs._id)).toMatchObject({ channelId: 'ch-partner-gdgs', intakeKey: 'ch-partner-gdgs:GD-OLD-1' });
  expect(stored(old.hotline._id)).toMatchObject({ channelId: 'ch-12345', intakeKey: 'ch-12345:12345-OLD-1' });
  expect(stored(old.opWater._id)).toMatchObject({ channelId: 'ch-partner-swjt', intakeKey: 'ch-partner-swjt:OP-OLD-1' });
  // nothing names its partner: no channel reads it, its key is left as it was
  expect(stored(old.opOther._id)).toMatchObject({ channelId: null, intakeKey: 'partner:OP-OLD-2' });
  // the mini-program's case is not a channel's
  expect(stored(old.citizen._id)).toEqual(old.citizen);
  // nothing else moved: version and audit trail as they were
  for (const k of ['swjt', 'gdgs', 'hotline', 'opWater']) {
    const { channelId, intakeKey, ...rest } = stored(old[k]._id);
    void channelId;
    void intakeKey;
    const { intakeKey: _k, ...before } = old[k];
    void _k;
    expect(rest).toEqual(before);
  }
  const [marker] = t.cloud.store.find('settings', { _id: 'migration.channelIdentity' }) as any[];
  expect(marker).toMatchObject({ done: true, migrated: 4, unassigned: [old.opOther._id], keyConflicts: [] });
});

test('after the migration each partner reads only its own old cases', async () => {
  const ids = async (key: string) => (await http(t, 'GET', '/requests.json', { api_key: key })).body.map((r: any) => r.service_request_id).sort();
  expect(await ids(KEY_SWJT)).toEqual([old.swjt._id, old.opWater._id].sort());
  expect(await ids(KEY_GDGS)).toEqual([old.gdgs._id]);
  expect(await ids(KEY_12345)).toEqual([old.hotline._id]);
  expect((await http(t, 'GET', `/requests/${old.swjt._id}.json`, { api_key: KEY_GDGS })).status).toBe(404);
  expect((await http(t, 'GET', `/requests/${old.opOther._id}.json`, { api_key: KEY_GDGS })).status).toBe(404);
});

test('an old reference re-posted finds its case; the same reference from the other partner is a new case', async () => {
  const before = t.cloud.store.count('cases', {});
  const again = await http(t, 'POST', '/requests.json', {}, { api_key: KEY_SWJT, service_code: 'water-supply', lat: '26.081', long: '119.29', partner_request_id: 'SW-OLD-1' });
  expect(again).toMatchObject({ status: 200, body: [{ service_request_id: old.swjt._id }] });
  const hotline = await t.ok(OPERATOR, 'case.channelIntake', { channel: 'hotline12345', channelRef: '12345-OLD-1', description: '同一工单再次录入' });
  expect(hotline).toMatchObject({ caseId: old.hotline._id, replayed: true });
  expect(t.cloud.store.count('cases', {})).toBe(before);
  const other = await http(t, 'POST', '/requests.json', {}, { api_key: KEY_GDGS, service_code: 'lamp', lat: '26.09', long: '119.29', partner_request_id: 'SW-OLD-1' });
  expect(other.status).toBe(201);
  expect(other.body[0].service_request_id).not.toBe(old.swjt._id);
});

test('an operator’s intake in the api function finds the marker: the migration ran once for the deployment', async () => {
  // a case turned back into the old shape after the marker was written is not migrated again: the marker is final
  const late = { ...legacy(stored(old.gdgs._id)), _id: 'GL20261117-LATE1', intakeKey: 'partner:GD-LATE-1', channelRef: 'GD-LATE-1' };
  t.cloud.store.insert('cases', late);
  await t.ok(OPERATOR, 'case.channelIntake', { channelId: 'ch-partner-gdgs', channelRef: 'GD-NEW-1', categoryCode: 'lamp', description: '路灯不亮', communityId: 'comm-meifeng' });
  expect(stored('GL20261117-LATE1').channelId).toBeUndefined();
});
