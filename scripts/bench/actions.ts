/**
 * DB round trips and latency per user action (the issue's target: ≤ 3 round trips for each user action), measured
 * on warm function instances: the 左海公园 lamp flow is run once to warm up, then again with `cloud.stats()` read
 * around every call. Round trips = requests the real wx-server-sdk sent to local/'s /admin endpoint (database,
 * storage, open API); subscribe messages count too, as they are requests — listed separately.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud } from '../../local';
import { uploadDirFor } from '../../cloudfunctions/common/owner';
import { placeholderPng } from '../demo';

const PHOTO = placeholderPng(16, 12, [110, 170, 120]);
import { seedDocuments } from '../seed-data';

const at = (d: number, h: number, m = 0) => Date.parse(`2026-11-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`);
const SITE = { point: { type: 'Point' as const, coordinates: [119.283, 26.104] as [number, number] }, address: '左海公园北门' };

export async function benchActionsAt(scale: 'gulou' | 'large'): Promise<Record<string, number | string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-actions-'));
  let now = at(17, 9);
  const cloud = await startLocalCloud({ dataDir, port: 0, now: () => now });
  for (const [coll, docs] of Object.entries(seedDocuments({ withDevOpenids: true, scale }))) if (docs.length) cloud.store.insert(coll, docs as never);
  const rounds: Record<string, number[]> = {};
  const latency: Record<string, number[]> = {};
  const call = async (when: number, openid: string, action: string, payload: Record<string, unknown>, measure: boolean) => {
    now = when;
    cloud.resetStats();
    const t0 = process.hrtime.bigint();
    const res = (await cloud.callFunction('api', { action, payload }, { openid })) as { code: number | string; data: any; message?: string };
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.code !== 0) throw new Error(`${action}: ${res.code} ${res.message}`);
    if (measure) {
      const s = cloud.stats().byAction;
      const db = Object.entries(s).filter(([k]) => !/openapi|wx\.openApi/i.test(k)).reduce((n, [, v]) => n + v, 0);
      (rounds[action] ??= []).push(db);
      (latency[action] ??= []).push(ms);
    }
    return res.data;
  };
  const flow = async (n: number, measure: boolean) => {
    const mao = 'dev-staff-maoxiaojia';
    const szs = 'dev-staff-cgj-szs-officer';
    const citizen = `oBench${n}`;
    const site = { ...SITE, point: { type: 'Point' as const, coordinates: [119.283, 26.104 + n * 0.0012] as [number, number] } };
    const r = await call(at(17, 9), citizen, 'case.report', { clientToken: `b${n}`, categoryCode: 'lamp', description: '左海公园北门路段没有路灯，晚上很黑', photos: [], location: site }, measure);
    const caseId = r.caseId;
    await call(at(17, 9, 5), mao, 'case.accept', { caseId }, measure);
    await call(at(17, 9, 10), mao, 'case.assign', { caseId, staffId: 'staff-maoxiaojia' }, measure);
    await call(at(17, 9, 12), mao, 'case.inbox', { tab: 'doing' }, measure);
    await call(at(17, 9, 15), mao, 'case.note', { caseId, text: '现场查看' }, measure);
    const called = await call(at(17, 10), mao, 'case.call', { caseId, deptIds: ['dept-cgj-szs'], what: '请到场会商', place: site, meetAt: at(17, 14) }, measure);
    const callId = called.calls[0].id;
    await call(at(17, 10, 10), szs, 'call.mine', { tab: 'todo' }, measure);
    await call(at(17, 10, 12), szs, 'call.acknowledge', { callId }, measure);
    await call(at(17, 13, 55), szs, 'call.checkIn', { callId, location: { type: 'Point', coordinates: [119.283, site.point.coordinates[1] + 50 / 111_195] } }, measure);
    await call(at(17, 15), szs, 'call.recordAction', { callId, text: '已勘查', photos: [] }, measure);
    await call(at(17, 16), mao, 'case.extend', { caseId, reason: '权责待厘清', newDeadline: at(24, 18) }, measure);
    await call(at(17, 16, 5), mao, 'case.flagHard', { caseId, reason: '多部门权责不清' }, measure);
    await call(at(19, 10), 'dev-staff-district-leader-4', 'lead.board', { scope: 'all' }, measure);
    await call(at(19, 10, 1), 'dev-staff-district-leader-4', 'case.decideHard', { caseId, deptId: 'dept-cgj-szs', personId: 'staff-cgj-szs-officer', deadline: at(30, 18) }, measure);
    // the handler's own uploaded photo (photos must be the caller's own uploads; the check asks storage once)
    const photo = cloud.putFile(`${uploadDirFor(mao)}/bench/on-${n}.png`, PHOTO, { contentType: 'image/png', owner: mao });
    await call(at(30, 17), mao, 'case.resolve', { caseId, result: '路灯安装完毕', photos: [photo] }, measure);
    await call(at(30, 17, 30), mao, 'call.rateDept', { callId, level: 'good', reasons: ['timely'] }, measure);
    await call(at(30, 18), szs, 'call.rateCall', { callId, level: 'accurate' }, measure);
    await call(at(30, 19), 'dev-staff-zhzx-operator-1', 'case.verify', { caseId, pass: true }, measure);
    await call(at(30, 20), citizen, 'case.rate', { caseId, level: 'satisfied' }, measure);
    await call(at(30, 20, 5), citizen, 'case.get', { caseId }, measure);
    await call(at(30, 20, 6), citizen, 'case.mine', {}, measure);
  };
  try {
    await flow(0, false);
    for (let i = 1; i <= 5; i++) await flow(i, true);
  } finally {
    await cloud.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const out: Record<string, number | string> = {};
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  let within = 0;
  let total = 0;
  for (const action of Object.keys(rounds)) {
    const r = Math.max(...rounds[action]);
    total += 1;
    if (r <= 3) within += 1;
    out[`${action} roundTrips`] = r;
    out[`${action} ms p50`] = Math.round(median(latency[action]) * 10) / 10;
  }
  out['actions within ≤3 round trips'] = `${within}/${total}`;
  return out;
}

/**
 * Both org scales side by side (`gulou`: the base seed; `large`: 81 departments, 4 048 cadres), each figure as
 * "gulou | large"; BENCH_SCALE=gulou|large runs one.
 */
export async function benchActions(): Promise<Record<string, number | string>> {
  const scales = (process.env.BENCH_SCALE ? [process.env.BENCH_SCALE] : ['gulou', 'large']) as Array<'gulou' | 'large'>;
  const runs = [];
  for (const sc of scales) runs.push(await benchActionsAt(sc));
  if (runs.length === 1) return runs[0];
  const out: Record<string, number | string> = { scales: scales.join(' | ') };
  for (const k of Object.keys(runs[0])) out[k] = runs.map((r) => String(r[k] ?? '-')).join(' | ');
  return out;
}

if (require.main === module) {
  benchActions().then((f) => console.log(f), (e) => { console.error(e); process.exit(1); });
}
