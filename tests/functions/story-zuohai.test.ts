/**
 * docs/REQUIREMENTS.md story 4, end to end through the real SDK against local/, step by step with dates (2026):
 * 左海公园北门 road without lamps. A citizen reports it on 11-17 and the 五凤 handler 毛晓嘉 flags it hard (standing in
 * for 12345's hard-case transfer, which is the channel engineer's action); he accepts, assigns himself, calls
 * 区城管局市政所 to the site (the 五凤社区 worker joins and notes it), the officer checks in on time, 毛晓嘉 extends;
 * the district leader on the rota decides 市政所 + officer + deadline 11-30; lamps installed and resolved with evidence
 * on 11-30, verified, the citizen rates 满意, the street rates 市政所 好评 and 市政所 rates the call 呼叫准确.
 */
import { formatBusiness } from '@domain/common/business-time';
import { startTestCloud, type TestCloud } from './harness';
import { at, seedOrg, dev } from './seed';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud(at(11, 17, 9, 0));
  seedOrg(t.cloud);
});
afterAll(() => t.stop());

const CITIZEN = 'oCitizen-zuohai';
const MAO = dev('staff-maoxiaojia');
const WORKER = dev('staff-wufeng-worker-1');
const SZS = dev('staff-cgj-szs-officer');
const CMD = dev('staff-zhzx-operator-1');
const SITE = { point: { type: 'Point' as const, coordinates: [119.283, 26.104] as [number, number] }, address: '左海公园北门至左海家具城路段' };
const north = (m: number) => ({ type: 'Point' as const, coordinates: [119.283, 26.104 + m / 111_195] as [number, number] });

test('左海公园北门: from a hard case to 满意, 好评 and 呼叫准确', async () => {
  const go = async (when: number, openid: string, action: string, payload: Record<string, unknown>) => {
    t.clock.set(when);
    return t.ok(openid, action, payload);
  };

  // 11-17 09:00 — the report, routed by territory to 五凤街道
  const r = await go(at(11, 17, 9, 0), CITIZEN, 'case.report', {
    clientToken: 'zuohai-1',
    categoryCode: 'lamp',
    description: '左海公园北门到左海家具城路段没有路灯，晚上老人和小孩容易跌倒',
    photos: [await t.upload(CITIZEN, { name: 'dark-road.jpg' })],
    location: SITE,
    phone: '13900000000',
  });
  expect(r).toMatchObject({ state: 'dispatched' });
  const caseId = r.caseId as string;

  await go(at(11, 17, 9, 5), MAO, 'case.accept', { caseId });
  await go(at(11, 17, 9, 10), MAO, 'case.assign', { caseId, staffId: 'staff-maoxiaojia' });
  await go(at(11, 17, 9, 15), MAO, 'case.flagHard', { caseId, reason: '12345转办：涉及6个单位，权属不清，已辗转10余天' });

  // 10:00 — the call to 市政所, meeting on site at 14:00; the community worker joins and notes it
  const called = await go(at(11, 17, 10, 0), MAO, 'case.call', { caseId, deptIds: ['dept-cgj-szs'], what: '路段无路灯，请到场会商', place: SITE, meetAt: at(11, 17, 14, 0) });
  const callId = called.calls[0].id as string;
  const groupId = called.calls[0].groupId as string;
  await go(at(11, 17, 10, 12), SZS, 'call.acknowledge', { callId });
  const checked = await go(at(11, 17, 13, 55), SZS, 'call.checkIn', { callId, location: north(80) });
  expect(checked.checkIn).toMatchObject({ status: 'onTime' });
  await go(at(11, 17, 14, 5), WORKER, 'case.note', { caseId, text: '五凤社区工作人员到场配合勘查' });
  await go(at(11, 17, 15, 0), SZS, 'call.recordAction', { callId, text: '现场勘查：该路段不属于市政道路，权责待厘清', photos: [await t.upload(SZS, { name: 'site.jpg' })] });

  // 16:00 — ownership unclear: 毛晓嘉 extends (the 3-day deadline of 路灯不亮 would be 11-20 09:00)
  await go(at(11, 17, 16, 0), MAO, 'case.extend', { caseId, reason: '路段不属于市政道路，权责待厘清', newDeadline: at(11, 24, 18, 0) });

  // 11-19 (Thursday) — the district leader on the rota that day decides; a leader off duty may not
  const decision = { caseId, deptId: 'dept-cgj-szs', personId: 'staff-cgj-szs-officer', deadline: at(11, 30, 18, 0), note: '会商决定由区城管局市政所负责增设路灯' };
  t.clock.set(at(11, 19, 10, 0));
  expect((await t.api(dev('staff-district-leader-2'), 'case.decideHard', decision)).code).toBe('RELATION_FORBIDDEN');
  const board = await t.ok(dev('staff-district-leader-4'), 'lead.board', { scope: 'all' });
  expect(board.onDuty).toBe(true);
  expect(board.items.map((i: any) => i.id)).toContain(caseId);
  await go(at(11, 19, 10, 0), dev('staff-district-leader-4'), 'case.decideHard', decision);
  await go(at(11, 19, 10, 30), MAO, 'call.consult', { groupId, responsibleDeptId: 'dept-cgj-szs', note: '由区城管局市政所负责' });

  // 11-30 — lamps installed; resolved with evidence, ratings both ways, verified at night, the citizen is satisfied
  await go(at(11, 30, 17, 0), MAO, 'case.resolve', { caseId, result: '路灯安装完毕，已亮灯', photos: [await t.upload(MAO, { name: 'lamps-on.jpg' })] });
  await go(at(11, 30, 17, 30), MAO, 'call.rateDept', { callId, level: 'good', reasons: ['timely', 'effective'] });
  await go(at(11, 30, 18, 0), SZS, 'call.rateCall', { callId, level: 'accurate' });
  await go(at(11, 30, 19, 0), CMD, 'case.verify', { caseId, pass: true, note: '夜间核查路灯正常亮灯' });
  await go(at(11, 30, 20, 0), CITIZEN, 'case.rate', { caseId, level: 'satisfied' });

  // ── the case, as the citizen sees it
  const view = await t.ok(CITIZEN, 'case.get', { caseId });
  const c = view.case;
  expect(c).toMatchObject({ state: 'closed', stateLabel: '已办结', stateKind: 'closed', streetId: 'street-wufeng', deptIds: ['dept-cgj-szs'], deptNames: ['区城管局市政所'], reworkCount: 0 });
  expect(c.flags.hard).toMatchObject({ by: 'staff-maoxiaojia', decidedBy: 'staff-district-leader-4', decision: { deptId: 'dept-cgj-szs', personId: 'staff-cgj-szs-officer', deadline: at(11, 30, 18, 0) } });
  expect(c.flags.overdue).toBeUndefined();
  expect(c.satisfaction).toMatchObject({ level: 'satisfied', round: 0 });
  const min = (x: number) => formatBusiness(x);
  expect(min(c.clocks.dispatchedAt)).toBe('2026-11-17 09:00');
  expect(min(c.clocks.acceptedAt)).toBe('2026-11-17 09:05');
  expect(min(c.clocks.assignedAt)).toBe('2026-11-17 09:10');
  expect(min(c.clocks.originalDeadline)).toBe('2026-11-20 09:00');
  expect(c.clocks.deadline).toBe(at(11, 30, 18, 0));
  expect(min(c.clocks.resolvedAt)).toBe('2026-11-30 17:00');
  expect(min(c.clocks.closedAt)).toBe('2026-11-30 19:00');
  expect(c.clocks.extensions.map((x: any) => [x.source, min(x.from), min(x.to)])).toEqual([
    ['extend', '2026-11-20 09:00', '2026-11-24 18:00'],
    ['hardDecision', '2026-11-24 18:00', '2026-11-30 18:00'],
  ]);
  expect(c.phone).toBe('13900000000'); // the reporter sees their own phone
  expect(view.calls).toHaveLength(1);

  // ── the call
  const call = view.calls[0];
  expect(call).toMatchObject({ state: 'rated', stateLabel: '已处置', deptName: '区城管局市政所', checkIn: { status: 'onTime' } });
  // the internal assessment (好评, 呼叫准确) and the consultation stay with the staff: not for the public
  expect([call.streetRating, call.deptRating, call.consultation]).toEqual([undefined, undefined, undefined]);
  expect(view.log.map((e: any) => e.event)).not.toEqual(expect.arrayContaining(['rateByStreet']));
  expect(view.log.map((e: any) => e.event)).not.toEqual(expect.arrayContaining(['rateByDept']));
  // the citizen is told the department checked in on time, not where the officer stood nor the attempts
  expect(Object.keys(call.checkIn).sort()).toEqual(['at', 'status']);
  expect(call.attempts).toBeUndefined();
  const staffCall = (await t.ok(CMD, 'case.get', { caseId })).calls[0];
  expect(staffCall.checkIn).toMatchObject({ status: 'onTime', by: 'staff-cgj-szs-officer' });
  expect(staffCall.attempts).toHaveLength(1);

  // ── the audit trail (呼叫全留痕): case and call entries, who / role / when
  const row = (l: any) => [min(l.at), l.subject, l.event, l.role, l.by.id];
  expect(view.log.map(row)).toEqual([
    ['2026-11-17 09:00', 'case', 'create', 'citizen', c.reporter.id], // a per-case pseudonym, never the openid
    ['2026-11-17 09:00', 'case', 'dispatch', 'system', 'system'],
    ['2026-11-17 09:05', 'case', 'accept', 'handler', 'staff-maoxiaojia'],
    ['2026-11-17 09:10', 'case', 'assign', 'handler', 'staff-maoxiaojia'],
    ['2026-11-17 09:15', 'case', 'flagHard', 'handler', 'staff-maoxiaojia'],
    ['2026-11-17 10:00', 'case', 'call', 'handler', 'staff-maoxiaojia'], // the call's creation folds into it: one entry
    ['2026-11-17 10:12', 'call', 'acknowledge', 'dept', 'staff-cgj-szs-officer'],
    ['2026-11-17 13:55', 'call', 'checkIn', 'dept', 'staff-cgj-szs-officer'],
    ['2026-11-17 14:05', 'case', 'note', 'community', 'staff-wufeng-worker-1'],
    ['2026-11-17 15:00', 'call', 'recordAction', 'dept', 'staff-cgj-szs-officer'],
    ['2026-11-17 16:00', 'case', 'extend', 'handler', 'staff-maoxiaojia'],
    ['2026-11-19 10:00', 'case', 'decideHard', 'leader', 'staff-district-leader-4'],
    ['2026-11-19 10:30', 'call', 'consult', 'handler', 'staff-maoxiaojia'],
    ['2026-11-30 17:00', 'case', 'resolve', 'handler', 'staff-maoxiaojia'],
    // (the ratings between street and department are staff-only)
    ['2026-11-30 19:00', 'case', 'verify', 'command', 'staff-zhzx-operator-1'],
    ['2026-11-30 20:00', 'case', 'rate', 'citizen', c.reporter.id],
  ]);
  expect(c.version).toBe(view.log.filter((l: any) => l.subject === 'case').length);
  const staffLog = (await t.ok(CMD, 'case.get', { caseId })).log.map(row);
  expect(staffLog).toEqual(expect.arrayContaining([
    ['2026-11-30 17:30', 'call', 'rateByStreet', 'handler', 'staff-maoxiaojia'],
    ['2026-11-30 18:00', 'call', 'rateByDept', 'dept', 'staff-cgj-szs-officer'],
  ]));
  expect(staffLog.filter((r: any[]) => r[2] === 'create' && r[1] === 'call')).toEqual([]);

  // ── assessment: 市政所's officer, deputy in charge, chief and unit; 毛晓嘉 and 五凤街道
  const recs = (t.cloud.store.find('calls', { caseId }) as any[]).flatMap((k) => k.assessments ?? []);
  const key = (r: any) => (r.subject.kind === 'person' ? `${r.source}:${r.subject.post}:${r.subject.staffId}` : `${r.source}:unit:${r.subject.unitId}`);
  expect(Object.fromEntries(recs.map((r) => [key(r), r.points]))).toEqual({
    'deptPerformance:officer:staff-cgj-szs-officer': 3,
    'deptPerformance:deputy:staff-cgj-szs-deputy': 1.5,
    'deptPerformance:chief:staff-cgj-szs-chief': 0.9,
    'deptPerformance:unit:dept-cgj-szs': 3,
    'callAccuracy:caller:staff-maoxiaojia': 1,
    'callAccuracy:unit:street-wufeng': 1,
  });
  expect(new Set(recs.map((r) => r.month))).toEqual(new Set(['2026-11']));

  // ── the outbox: who was told what (subscribe messages)
  const told = (openid: string) => t.cloud.outbox().filter((m) => m.touser === openid).map((m) => JSON.stringify(m.data));
  const has = (openid: string, title: string) => told(openid).some((d) => d.includes(title));
  expect(has(MAO, '新派单待签收')).toBe(true);
  expect(has(MAO, '部门已响应呼叫')).toBe(true);
  expect(has(MAO, '部门已到场报到')).toBe(true);
  expect(has(SZS, '一线呼叫待响应')).toBe(true);
  expect(has(SZS, '疑难件已明确责任')).toBe(true);
  expect(has(SZS, '呼叫已评价')).toBe(true);
  expect(has(dev('staff-district-leader-2'), '疑难件待研判')).toBe(true); // on duty on 11-17 (Tuesday)
  expect(has(dev('staff-wufeng-leader-2'), '疑难件待研判')).toBe(true);
  expect(has(CITIZEN, '诉求已签收')).toBe(true);
  expect(has(CITIZEN, '已延期')).toBe(true);
  expect(has(CITIZEN, '诉求已办结')).toBe(true);
  expect(has(CITIZEN, '请对办理结果评价')).toBe(true);
  expect(has(dev('staff-zhzx-operator-1'), '已办结待核查')).toBe(true);

  // nothing left to time on the case or the call
  const [caseDoc] = t.cloud.store.find('cases', { _id: caseId }) as any[];
  const [callDoc] = t.cloud.store.find('calls', { _id: callId }) as any[];
  expect(caseDoc.due.filter((d: any) => d.status === 'pending')).toEqual([]);
  expect(callDoc.due.filter((d: any) => d.status === 'pending')).toEqual([]);
});
