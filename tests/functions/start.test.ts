/**
 * scripts/start.ts's core: startSystem() builds what is missing, starts local/, seeds, generates a (small) demo
 * through the functions on the first start only, and serves the H5 app and the dev identities.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSystem, staleFunctions, type RunningSystem } from '../../scripts/start';

jest.setTimeout(600_000);

const ROOT = path.resolve(__dirname, '../..');
const realH5 = path.join(ROOT, 'dist/h5');
let dataDir: string;
let staticRoot: string;
let fixtureRoot: string | null = null;
let sys: RunningSystem;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yx-start-'));
  if (fs.existsSync(path.join(realH5, 'index.html'))) staticRoot = realH5;
  else {
    // no H5 build in this checkout (tests must not run a 15–60 s taro build): serve a marked page instead
    fixtureRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'yx-h5-fixture-'));
    fs.writeFileSync(path.join(fixtureRoot, 'index.html'), '<!doctype html><title>fixture: dist/h5 not built</title><div id="app"></div>');
    staticRoot = fixtureRoot;
  }
  sys = await startSystem({ port: 0, dataDir, staticRoot, buildH5: false, demo: true, demoCases: 12, log: () => undefined });
});
afterAll(async () => {
  await sys?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (fixtureRoot) fs.rmSync(fixtureRoot, { recursive: true, force: true });
});

test('the functions are built and up to date', () => {
  expect(staleFunctions()).toEqual([]);
  expect(fs.existsSync(path.join(ROOT, 'cloudfunctions/api/index.js'))).toBe(true);
});

test('serves the H5 app on 127.0.0.1, with the SPA fallback', async () => {
  expect(sys.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const res = await fetch(`${sys.url}/`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/html');
  const html = await res.text();
  expect(html).toBe(fs.readFileSync(path.join(staticRoot, 'index.html'), 'utf8'));
  expect((await fetch(`${sys.url}/pages/me/index`)).status).toBe(200);
});

test('the org is seeded with dev openids', () => {
  const s = sys.cloud.store;
  expect(s.count('streets', {})).toBe(10);
  expect(s.count('categories', {})).toBe(23);
  expect(s.findOne('staff', { _id: 'staff-maoxiaojia' })).toMatchObject({ name: '毛晓嘉', openid: 'dev-staff-maoxiaojia' });
  expect(sys.seeded.inserted).toBeGreaterThan(200);
});

test('/dev/identities lists the staff to switch to; switching changes who the functions see', async () => {
  const res = await fetch(`${sys.url}/dev/identities`);
  const body = (await res.json()) as { identities: Array<{ openid: string | null; name: string; roles: string[] }> };
  expect(body.identities[0]).toMatchObject({ openid: null, roles: ['citizen'] });
  expect(body.identities.find((i) => i.openid === 'dev-staff-maoxiaojia')).toMatchObject({ name: '毛晓嘉', roles: ['handler'] });
  expect(body.identities.find((i) => i.openid === 'dev-staff-admin')?.roles).toContain('admin');
  const sw = await fetch(`${sys.url}/dev/identity`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: 'dev-staff-zhengjing' }) });
  const cookie = sw.headers.get('set-cookie')!.split(';')[0];
  const who = await fetch(`${sys.url}/api/fn/api`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ action: 'whoami', payload: {} }) });
  expect(await who.json()).toMatchObject({ code: 0, data: { name: '郑净', roles: expect.arrayContaining(['command', 'leader']) } });
});

test('the first start generated a demo through the functions, stories included', () => {
  const d = sys.demo!;
  expect(d).not.toBeNull();
  expect(d.missingActions).toEqual([]);
  expect(d.steps.failed).toBe(0);
  const s = sys.cloud.store;
  const cases = s.find('cases', {}, {}) as any[];
  expect(cases.length).toBe(d.cases);
  expect(cases.length).toBeGreaterThanOrEqual(12 + 10);
  // reported by citizens, acted on by staff — every change in each case's log, spread over the past weeks
  expect(cases.every((c) => c.log[0].event === 'create' && c.reporter.openid.startsWith('demo-citizen-'))).toBe(true);
  const ages = cases.map((c) => Date.now() - c.createdAt);
  expect(Math.max(...ages)).toBeGreaterThan(20 * 24 * 3600_000);
  // 秘书横巷14号: closed within 5 days, rated 满意
  const drain = cases.find((c) => c.id === d.stories.roofDrain);
  expect(drain).toMatchObject({ state: 'closed', streetId: 'street-wenquan', communityId: 'comm-jintang', satisfaction: { level: 'satisfied' } });
  expect(drain.updatedAt - drain.createdAt).toBeLessThan(5 * 24 * 3600_000);
  // 左海公园北门: a hard case decided by the rota, closed
  const lamps = cases.find((c) => c.id === d.stories.zuohaiLamps);
  expect(lamps.state).toBe('closed');
  expect(lamps.log.map((l: any) => l.event)).toEqual(expect.arrayContaining(['flagHard', 'call', 'extend', 'decideHard', 'resolve', 'verify', 'rate']));
  // 五凤山庄: the standing rule, and later reports routed by it
  const rule = s.findOne('standingRules', { _id: d.stories.fumesRule }) as any;
  expect(rule).toMatchObject({ categoryCode: 'fumes', active: true });
  const routedByRule = cases.filter((c) => c.categoryCode === 'fumes' && c.routing[0]?.decision.ruleId === rule._id);
  expect(routedByRule.length).toBe(2);
  // calls with check-ins, and the marker document
  expect(s.count('calls', { 'checkIn.status': { $exists: true } })).toBeGreaterThan(3);
  expect(s.findOne('settings', { _id: 'demo' })).toMatchObject({ cases: d.cases });
  // the demo's past days are summarised at once, so the dashboards have figures on the first start
  const state = s.findOne('summaries', { _id: 'rollup:state' }) as any;
  // yesterday in Shanghai (when the start ran, a few minutes ago at most — either side of midnight)
  const yesterday = (ago: number) => new Date(Date.now() - ago + 8 * 3600_000 - 24 * 3600_000).toISOString().slice(0, 10);
  expect([yesterday(0), yesterday(10 * 60_000)]).toContain(state.lastDay);
  expect(s.count('summaries', { periodType: 'day', scope: 'all' })).toBeGreaterThanOrEqual(20);
  expect(s.count('summaries', { periodType: 'month', scope: 'scores' })).toBeGreaterThanOrEqual(1);
});

const keyFile = () => path.join(dataDir, 'secrets', 'pseudonym.key');

/** a citizen's case as the command centre reads it, with the reporter's openid from the store */
async function pseudonymOfSomeCitizen(): Promise<{ shown: string; caseId: string; openid: string }> {
  const c = sys.cloud.store.find('cases', { 'reporter.openid': { $exists: true } }, { sort: { id: 1 }, limit: 1 })[0] as unknown as { id: string; reporter: { openid: string } };
  const res = (await sys.cloud.callFunction('api', { action: 'case.get', payload: { caseId: c.id } }, { openid: 'dev-staff-zhengjing' })) as { code: number; data: { case: { reporter: { id: string } } } };
  expect(res.code).toBe(0);
  return { shown: res.data.case.reporter.id, caseId: c.id, openid: c.reporter.openid };
}

test('the functions get a pseudonym key generated for this data directory (0600): citizen pseudonyms are an HMAC under it', async () => {
  const key = fs.readFileSync(keyFile(), 'utf8').trim();
  expect(key).toMatch(/^[0-9a-f]{64}$/);
  expect(fs.statSync(keyFile()).mode & 0o777).toBe(0o600);
  const { shown, caseId, openid } = await pseudonymOfSomeCitizen();
  expect(shown).toBe(`c-${createHmac('sha256', key).update(`yx-citizen\n${caseId}\n${openid}`).digest('hex').slice(0, 16)}`);
});

test('a second start seeds nothing new and does not generate the demo again', async () => {
  const before = sys.cloud.store.count('cases', {});
  const key = fs.readFileSync(keyFile(), 'utf8');
  const alias = await pseudonymOfSomeCitizen();
  await sys.stop();
  sys = await startSystem({ port: 0, dataDir, staticRoot, buildH5: false, demo: true, demoCases: 12, log: () => undefined });
  expect(sys.demo).toBeNull();
  expect(sys.seeded.inserted).toBe(0);
  expect(sys.cloud.store.count('cases', {})).toBe(before);
  expect((await fetch(`${sys.url}/`)).status).toBe(200);
  // the same key, so the same pseudonyms
  expect(fs.readFileSync(keyFile(), 'utf8')).toBe(key);
  expect(await pseudonymOfSomeCitizen()).toEqual(alias);
});
