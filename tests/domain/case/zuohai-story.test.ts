/**
 * Story 4 of the seed (Fujian Daily): 左海公园北门 road without lamps.
 * 12345 transfers it as a hard case on 11-17; 五凤街道 handler 毛晓嘉 calls 区城管局市政所 to the site,
 * extends; the two-level patrol rota decides 市政所 is responsible; lamps installed on 11-30;
 * 毛晓嘉 rates 市政所 好评 and 市政所 rates the call 呼叫准确. Pure transitions, with dates (2020).
 */
import { rollUp } from '@domain/assessment/assessment-rollup';
import type { AssessmentRecord } from '@domain/assessment/assessment-types';
import { callTransition, createCalls, dueItemsForCall, type CallEvent } from '@domain/call/call-machine';
import type { CallRecord } from '@domain/call/call-types';
import { createCase } from '@domain/case/case-create';
import type { CaseEvent } from '@domain/case/case-events';
import { transition } from '@domain/case/case-machine';
import type { CaseRecord } from '@domain/case/case-types';
import type { Actor } from '@domain/common/actor-types';
import { businessTime, formatBusiness } from '@domain/common/business-time';
import type { Effect, LogEntry } from '@domain/common/effect-types';
import { EARTH_RADIUS_M, point } from '@domain/common/geo-distance';
import { dueItemsForCase, onDue } from '@domain/sla/sla-clock';

const at = (m: number, d: number, h: number, min = 0) => businessTime(2020, m, d, h, min);
const SITE = { point: point(119.2718, 26.0967), address: '左海公园北门至左海家具城路段' };
const near = (metres: number) => point(119.2718, 26.0967 + ((metres / EARTH_RADIUS_M) * 180) / Math.PI);

const system: Actor = { id: 'system', name: '系统', roles: ['system'] };
const mao: Actor = { id: 'wf-mao', name: '毛晓嘉', roles: ['handler'], streetId: 'wufeng' };
const wang: Actor = { id: 'szs-wang', name: '王工', roles: ['dept'], deptId: 'cgj-szs' };
const rotaLeader: Actor = { id: 'qu-leader', name: '区轮值领导', roles: ['leader'], onDuty: true };
const command: Actor = { id: 'cmd-zheng', name: '指挥中心', roles: ['command'] };
const CHAIN = { deptId: 'cgj-szs', officer: { staffId: 'szs-wang', name: '王工' }, deputy: { staffId: 'szs-li', name: '市政所分管领导' }, chief: { staffId: 'szs-chen', name: '市政所主责领导' } };
const LAMP = { deadlineMin: 3 * 24 * 60 }; // 路灯不亮: 3 days (seeded per category; illustrative here)

test('左海公园北门: from 12345 hard case to 好评 / 呼叫准确', () => {
  const log: LogEntry[] = [];
  const records: AssessmentRecord[] = [];
  const collect = (effects: Effect[]) => {
    for (const e of effects) {
      if (e.type === 'log') log.push(e.entry);
      if (e.type === 'writeAssessment') records.push(...e.records);
    }
  };
  let c: CaseRecord;
  const act = (e: CaseEvent, a: Actor, now: number) => {
    const r = transition(c, e, { actor: a, now, category: LAMP });
    if (!r.ok) throw new Error(`${e.type}: ${r.code} ${r.message}`);
    collect(r.effects);
    c = r.case;
    return r;
  };

  // 11-17 09:30 — 12345 transfers it (after 10+ days elsewhere) as a hard case
  const created = createCase(
    { id: 'zh-1', channel: 'hotline12345', channelRef: '12345-1030-0088', reporter: { name: '市民', phone: '13900000000' }, categoryCode: '路灯不亮', description: '左海公园北门到左海家具城路段没有路灯，晚上老人和小孩容易跌倒', location: SITE },
    { actor: system, now: at(11, 17, 9, 30) },
  );
  c = created.case;
  collect(created.effects);
  act({ type: 'autoFlagHard', reason: 'channel', detail: '12345转办，涉及6个单位' }, system, at(11, 17, 9, 30));
  act({ type: 'dispatch', decision: { target: 'street', basis: 'polygon', streetId: 'wufeng', reason: '按属地派至五凤街道' } }, system, at(11, 17, 9, 31));
  expect(formatBusiness(c.clocks.deadline!)).toBe('2020-11-20 09:31');

  // 毛晓嘉 签收 within 10 minutes and takes it himself
  act({ type: 'accept' }, mao, at(11, 17, 9, 36));
  act({ type: 'assign', person: { staffId: 'wf-mao', name: '毛晓嘉' } }, mao, at(11, 17, 9, 40));

  // he calls 区城管局市政所 to the site
  act({ type: 'call', groupId: 'zh-g1', deptIds: ['cgj-szs'], what: '路段无路灯，请到场会商', place: SITE, meetAt: at(11, 17, 14) }, mao, at(11, 17, 10));
  const group = createCalls({ groupId: 'zh-g1', caseId: c.id, streetId: 'wufeng', caller: { staffId: 'wf-mao', name: '毛晓嘉' }, deptIds: ['cgj-szs'], what: '路段无路灯，请到场会商', place: SITE, meetAt: at(11, 17, 14) }, { actor: mao, now: at(11, 17, 10) });
  collect(group.effects);
  let call: CallRecord = group.calls[0];
  const callAct = (e: CallEvent, a: Actor, now: number, extra = {}) => {
    const r = callTransition(call, e, { actor: a, now, ...extra });
    if (!r.ok) throw new Error(`${e.type}: ${r.code} ${r.message}`);
    collect(r.effects);
    call = r.call;
    return r;
  };
  callAct({ type: 'acknowledge' }, wang, at(11, 17, 10, 12));
  const checkIn = callAct({ type: 'checkIn', location: near(80) }, wang, at(11, 17, 13, 55));
  expect(checkIn.verdict).toMatchObject({ status: 'onTime', minutesOff: -5, accepted: true });
  // the reminder and the absent check are no longer needed; the grace period for recording what was done runs
  expect(dueItemsForCall(call).map((d) => d.kind)).toEqual(['noAction'])
  callAct({ type: 'recordAction', text: '现场勘查：该路段不属于市政道路，权责待厘清', photos: ['cloud://env/site.jpg'] }, wang, at(11, 17, 15));

  // ownership unclear: he extends first
  act({ type: 'extend', reason: '路段不属于市政道路，权责待厘清', newDeadline: at(11, 24, 18) }, mao, at(11, 17, 16));

  // the old overdue item (11-20 09:31) is now stale
  const staleOverdue = { key: `case:zh-1:overdue:${at(11, 20, 9, 31)}:0`, kind: 'overdue' as const, caseId: 'zh-1', dueAt: at(11, 20, 9, 31), ref: at(11, 20, 9, 31), round: 0 };
  expect(onDue(c, staleOverdue, at(11, 20, 9, 31))).toEqual({ run: false, reason: 'stale' });

  // 两级巡查轮值: the on-duty district leader decides 市政所, with a deadline
  act({ type: 'decideHard', deptId: 'cgj-szs', personId: 'szs-wang', personName: '王工', deadline: at(11, 30, 18), note: '会商决定由区城管局市政所负责增设路灯' }, rotaLeader, at(11, 19, 10));
  callAct({ type: 'consult', responsibleDeptId: 'cgj-szs', note: '由区城管局市政所负责' }, mao, at(11, 19, 10, 30));

  // 11-30: lamps installed, result filed with evidence, verified at night
  act({ type: 'resolve', result: '路灯安装完毕', photos: ['cloud://env/lamps-on.jpg'] }, mao, at(11, 30, 17));
  act({ type: 'verify', pass: true, note: '夜间核查路灯正常亮灯' }, command, at(11, 30, 19));
  act({ type: 'rate', level: 'satisfied' }, command, at(12, 1, 10)); // phone 回访 (12345 caller has no openid)

  // 毛晓嘉 rates 市政所 好评; 市政所 rates the call 呼叫准确
  callAct(
    { type: 'rateByStreet', level: 'good', reasons: ['timely', 'effective'] },
    mao,
    at(11, 30, 18),
    { assessment: { chain: CHAIN, facts: { overdue: !!c.flags.overdue, reworkCount: c.reworkCount, responsibleDeptId: c.flags.hard?.decision?.deptId } } },
  );
  callAct({ type: 'rateByDept', level: 'accurate', reasons: [] }, wang, at(11, 30, 18, 30));

  // ── the case
  expect(c.state).toBe('closed');
  expect(c.flags.hard).toMatchObject({ auto: 'channel', decidedBy: 'qu-leader', decision: { deptId: 'cgj-szs', personId: 'szs-wang', deadline: at(11, 30, 18) } });
  expect(c.flags.overdue).toBeUndefined();
  expect(c.clocks).toMatchObject({ dispatchedAt: at(11, 17, 9, 31), acceptedAt: at(11, 17, 9, 36), assignedAt: at(11, 17, 9, 40), originalDeadline: at(11, 20, 9, 31), deadline: at(11, 30, 18), resolvedAt: at(11, 30, 17), closedAt: at(11, 30, 19) });
  expect(c.clocks.extensions.map((x) => [x.source, formatBusiness(x.from), formatBusiness(x.to)])).toEqual([
    ['extend', '2020-11-20 09:31', '2020-11-24 18:00'],
    ['hardDecision', '2020-11-24 18:00', '2020-11-30 18:00'],
  ]);
  expect(c.deptIds).toEqual(['cgj-szs']);
  expect(c.satisfaction).toMatchObject({ level: 'satisfied', round: 0 });
  expect(c.version).toBe(11);

  // ── the call
  expect(call).toMatchObject({ state: 'rated', checkIn: { status: 'onTime' }, consultation: { responsibleDeptId: 'cgj-szs' }, streetRating: { level: 'good' }, deptRating: { level: 'accurate' } });

  // ── the audit trail (呼叫全留痕)
  expect(log.filter((l) => l.subject === 'case').map((l) => [formatBusiness(l.at), l.event, l.role])).toEqual([
    ['2020-11-17 09:30', 'create', 'system'],
    ['2020-11-17 09:30', 'autoFlagHard', 'system'],
    ['2020-11-17 09:31', 'dispatch', 'system'],
    ['2020-11-17 09:36', 'accept', 'handler'],
    ['2020-11-17 09:40', 'assign', 'handler'],
    ['2020-11-17 10:00', 'call', 'handler'],
    ['2020-11-17 16:00', 'extend', 'handler'],
    ['2020-11-19 10:00', 'decideHard', 'leader'],
    ['2020-11-30 17:00', 'resolve', 'handler'],
    ['2020-11-30 19:00', 'verify', 'command'],
    ['2020-12-01 10:00', 'rate', 'command'],
  ]);
  expect(log.filter((l) => l.subject === 'call').map((l) => l.event)).toEqual(['create', 'acknowledge', 'checkIn', 'recordAction', 'consult', 'rateByStreet', 'rateByDept']);

  // ── assessment: 市政所's officer, deputy, chief and unit; 毛晓嘉 and 五凤街道
  expect(records.map((r) => [r.subject.kind === 'person' ? `${r.subject.post}:${r.subject.staffId}` : `unit:${r.subject.unitId}`, r.points])).toEqual([
    ['officer:szs-wang', 3],
    ['deputy:szs-li', 1.5],
    ['chief:szs-chen', 0.9],
    ['unit:cgj-szs', 3],
    ['caller:wf-mao', 1],
    ['unit:wufeng', 1],
  ]);
  const nov = rollUp(records, 'month').filter((r) => r.period === '2020-11');
  expect(nov.find((r) => r.subjectKey === 'unit:cgj-szs')).toMatchObject({ calls: 1, score: 103 });
  expect(nov.find((r) => r.subjectKey === 'person:wf-mao')).toMatchObject({ calls: 1, score: 101 });

  // nothing left to time
  expect(dueItemsForCase(c)).toEqual([]);
});
