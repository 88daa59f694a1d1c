/**
 * Standing rules adopted safely (issue #12): at most one rule in force per category and place. Saving or adopting a
 * rule that overlaps an active one is refused (RULE_OVERLAP, nothing written) unless the caller chooses to replace
 * it; then the old rule ends (until = now, inactive). Story: reports before and after a replacement follow the rule
 * in force at their time. One warm instance (maxInstances 1): the org cache is the saving instance's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../local';
import { fixedClock } from '../../src/domain/common/clock';
import { seedOrg, dev } from './seed';
import type { Envelope } from './harness';

let cloud: LocalCloud;
let dataDir: string;
const clock = fixedClock(Date.parse('2026-11-18T10:00:00+08:00'));
const ADMIN = dev('staff-admin');
const COMMAND = dev('staff-zhzx-operator-1');

async function api<T = any>(openid: string, action: string, payload?: unknown): Promise<Envelope<T>> {
  return (await cloud.callFunction('api', { action, payload }, { openid })) as Envelope<T>;
}
async function ok<T = any>(openid: string, action: string, payload?: unknown): Promise<T> {
  const res = await api<T>(openid, action, payload);
  if (res.code !== 0) throw new Error(`${action} as ${openid} failed: ${res.code} ${(res as { message: string }).message}`);
  return (res as { data: T }).data;
}
const ruleDoc = (id: string) => cloud.store.find('standingRules', { _id: id })[0] as any;
const caseDoc = (id: string) => cloud.store.find('cases', { _id: id })[0] as any;
const report = async (n: number, coords: [number, number]) =>
  (await ok('oFumesStory' + n, 'case.report', { clientToken: `s${n}`, categoryCode: 'fumes', description: `五凤山庄烧烤油烟第${n}次`, photos: [], location: { point: { type: 'Point', coordinates: coords }, address: '五凤山庄' } })).caseId as string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yx-rules-'));
  cloud = await startLocalCloud({ dataDir, port: 0, now: () => clock.now(), maxInstances: 1 });
  seedOrg(cloud);
});
afterAll(async () => {
  await cloud.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const OLD = {
  title: '五凤街道餐饮油烟（旧）',
  categoryCode: 'fumes',
  area: { streetId: 'street-wufeng' },
  assignments: [{ deptId: 'dept-sthjj', phase: 'during', duty: '环保监督' }],
};
const NEW = {
  title: '五凤街道餐饮油烟（新）',
  categoryCode: 'fumes',
  area: { streetId: 'street-wufeng' },
  assignments: [
    { deptId: 'dept-scjgj', phase: 'before', duty: '业主承诺' },
    { deptId: 'dept-cgj-zfdd', phase: 'during', duty: '城管处置处罚' },
  ],
};

describe('overlapping standing rules: refused or replaced', () => {
  let oldId: string;
  let newId: string;
  let beforeCase: string;

  test('story: a report routes by the rule in force; an overlapping adoption is refused with nothing written', async () => {
    oldId = (await ok(ADMIN, 'admin.rules.save', OLD))._id;
    clock.advance(60_000);
    beforeCase = await report(1, [119.2835, 26.1075]);
    expect(caseDoc(beforeCase).routing[0].decision).toMatchObject({ basis: 'rule', ruleId: oldId });

    // the draft screens ask first (a dry run): which rules in force would the draft overlap?
    expect((await ok(COMMAND, 'admin.rules.overlaps', { categoryCode: 'fumes', area: { communityId: 'comm-zuohai' } })).overlaps).toEqual([expect.objectContaining({ _id: oldId, areaName: '五凤街道' })]);
    expect((await ok(COMMAND, 'admin.rules.overlaps', { categoryCode: 'fumes', area: { streetId: 'street-gudong' } })).overlaps).toEqual([]);
    expect((await ok(COMMAND, 'admin.rules.overlaps', { categoryCode: 'lamp', area: { streetId: 'street-wufeng' } })).overlaps).toEqual([]);
    const rulesBefore = cloud.store.count('standingRules', {});
    const logBefore = cloud.store.count('adminLog', {});
    const refused = await api(COMMAND, 'stats.adoptRule', { rule: NEW });
    expect(refused).toMatchObject({ code: 'RULE_OVERLAP', message: expect.stringContaining('「五凤街道餐饮油烟（旧）」') });
    expect((refused as any).details.conflicts).toEqual([expect.objectContaining({ _id: oldId, categoryCode: 'fumes' })]);
    // an overlapping save by the administrator too, and a whole-district rule (overlaps every street)
    expect(await api(ADMIN, 'admin.rules.save', NEW)).toMatchObject({ code: 'RULE_OVERLAP' });
    expect(await api(ADMIN, 'admin.rules.save', { ...NEW, area: undefined })).toMatchObject({ code: 'RULE_OVERLAP' });
    expect(cloud.store.count('standingRules', {})).toBe(rulesBefore);
    expect(cloud.store.count('adminLog', {})).toBe(logBefore);
    // no overlap: another street, or an inactive draft, is saved as asked
    const other = await ok(ADMIN, 'admin.rules.save', { ...NEW, area: { streetId: 'street-gudong' } });
    expect(other.active).toBe(true);
    const draft = await ok(ADMIN, 'admin.rules.save', { ...NEW, active: false });
    expect(draft.active).toBe(false);
  });

  test('story: replace ends the old rule now; later reports follow the new rule, the earlier one keeps its routing', async () => {
    clock.advance(60 * 60_000);
    const adopted = await ok(COMMAND, 'stats.adoptRule', { rule: NEW, onOverlap: 'replace' });
    newId = adopted._id;
    const t = Math.floor(clock.now() / 60_000) * 60_000; // in force from the minute of adoption
    expect(adopted).toMatchObject({ active: true, from: t, replaced: [oldId] });
    expect(ruleDoc(oldId)).toMatchObject({ active: false, until: t, endedBy: newId });
    // one audited transaction: the new rule and the ended one, both in the log
    const lines = cloud.store.find('adminLog', { action: 'stats.adoptRule' }, {}) as any[];
    expect(lines.map((l) => l.subjectId).sort()).toEqual([newId, oldId].sort());
    expect(lines[0].what).toContain('替换「五凤街道餐饮油烟（旧）」');

    clock.advance(60 * 60_000);
    const afterCase = await report(2, [119.2795, 26.111]);
    expect(caseDoc(afterCase).routing[0].decision).toMatchObject({ basis: 'rule', ruleId: newId });
    expect(caseDoc(afterCase).routing[0].decision.overlappingRuleIds).toBeUndefined();
    expect(caseDoc(beforeCase).routing[0].decision.ruleId).toBe(oldId);

    // at most one rule in force for 餐饮油烟 · 五凤街道
    const inForce = (await ok<any[]>(ADMIN, 'admin.rules.list')).filter((r) => r.active && r.categoryCode === 'fumes' && r.area?.streetId === 'street-wufeng');
    expect(inForce.map((r) => r._id)).toEqual([newId]);
  });

  test('history: who, when and what changed, from the audit log', async () => {
    const h = await ok(COMMAND, 'admin.rules.history', { ruleId: oldId });
    expect(h.items.map((i: any) => i.action)).toEqual(['stats.adoptRule', 'admin.rules.save']);
    expect(h.items[0]).toMatchObject({ by: expect.any(String), changes: expect.arrayContaining(['启用状态', '终止时间']) });
    expect(h.items[1].changes).toEqual(['新建']);
    expect(await api(dev('staff-maoxiaojia'), 'admin.rules.history', { ruleId: oldId })).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('a replacement starting on a later day leaves the old rule in force until then', async () => {
    const tomorrow = new Date(clock.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    const res = await ok(ADMIN, 'admin.rules.save', { ...OLD, title: '五凤街道餐饮油烟（明日起）', from: tomorrow, onOverlap: 'replace' });
    const start = Date.parse(`${tomorrow}T00:00:00+08:00`);
    expect(res).toMatchObject({ from: start, replaced: [newId] });
    expect(ruleDoc(newId)).toMatchObject({ active: true, until: start });
    clock.advance(60 * 60_000);
    expect(caseDoc(await report(3, [119.2815, 26.1095])).routing[0].decision.ruleId).toBe(newId);
    clock.set(start + 60 * 60_000);
    expect(caseDoc(await report(4, [119.2805, 26.1085])).routing[0].decision.ruleId).toBe(res._id);
  });
});
