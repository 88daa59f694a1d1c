/**
 * The visibility rule (one rule for items and lists) and the projection per viewer (src/domain/access).
 * The rule's cells are the ones case.get had before it moved here; the query form must agree with it on every
 * case × actor; the projection must never let a citizen's openid or a staff position reach the wrong viewer.
 */
import { canSeeCase, canSeeCall, caseFilter, callFilter, maySeeStreet, type RowFilter } from '@domain/access/visibility';
import { foldCallGroups, PHONE_NOTICE, publicCallStatus, pseudonymsOf, projectCall, projectCase, projectLog, scrub, sightOf } from '@domain/access/projection';
import type { CaseRecord } from '@domain/case/case-types';
import type { CallRecord } from '@domain/call/call-types';
import type { Actor } from '@domain/common/actor-types';
import type { LogEntry } from '@domain/common/effect-types';
import { point } from '@domain/common/geo-distance';
import { newCase, T0 } from '../case/case-fixtures';

const REPORTER = 'o-reporter-secret-1';
const base = newCase(T0, { reporter: { openid: REPORTER, phone: '13900001111' }, phone: '13900001111' });
const CASES: Record<string, CaseRecord> = {
  wufeng: { ...base, id: 'k1', streetId: 'wufeng' },
  wufengCalled: { ...base, id: 'k2', streetId: 'wufeng', deptIds: ['szs'] },
  gudong: { ...base, id: 'k3', streetId: 'gudong', reporter: { openid: 'o-other' } },
  gudongDecided: {
    ...base, id: 'k4', streetId: 'gudong', reporter: { openid: 'o-other' },
    flags: { hard: { by: 'x', role: 'handler', at: T0, reason: 'r', decision: { deptId: 'ylzx', personId: 'p', deadline: T0, at: T0 } } },
  },
  gudongTracked: {
    ...base, id: 'k5', streetId: 'gudong', reporter: { openid: 'o-other' },
    routing: [{ at: T0, by: 'system', role: 'system', kind: 'route', decision: { target: 'street', basis: 'rule', streetId: 'gudong', reason: 'r', trackerDeptId: 'jtj', assignments: [{ deptId: 'hbj' }] } as never }],
  },
  triage: { ...base, id: 'k6', streetId: undefined, reporter: { openid: 'o-other' } },
};

const A = (roles: Actor['roles'], over: Partial<Actor> = {}): Actor => ({ id: `s-${roles.join('-')}`, roles, openid: `o-${roles.join('-')}-${over.streetId ?? over.deptId ?? ''}`, ...over });
const ACTORS: Record<string, Actor> = {
  reporter: { id: REPORTER, roles: ['citizen'], openid: REPORTER },
  otherCitizen: { id: 'o-x', roles: ['citizen'], openid: 'o-x' },
  handlerWufeng: A(['citizen', 'handler'], { streetId: 'wufeng' }),
  handlerGudong: A(['citizen', 'handler'], { streetId: 'gudong' }),
  community: A(['citizen', 'community'], { streetId: 'wufeng' }),
  deptSzs: A(['citizen', 'dept'], { deptId: 'szs' }),
  deptYlzx: A(['citizen', 'deptLeader'], { deptId: 'ylzx' }),
  deptJtj: A(['citizen', 'dept'], { deptId: 'jtj' }),
  deptHbj: A(['citizen', 'dept'], { deptId: 'hbj' }),
  deptNone: A(['citizen', 'dept'], { deptId: 'other' }),
  streetLeader: A(['citizen', 'leader'], { streetId: 'gudong' }),
  districtOn: A(['citizen', 'leader'], { onDuty: true }),
  districtOff: A(['citizen', 'leader'], { onDuty: false }),
  command: A(['citizen', 'command'], { deptId: 'zhzx' }),
  admin: A(['citizen', 'admin', 'command']),
  staffReporter: { ...A(['citizen', 'handler'], { streetId: 'gudong' }), openid: REPORTER },
};

// the cells case.get answered before the rule moved (1 = may see)
const EXPECTED: Record<string, string> = {
  //               wufeng wufengCalled gudong gudongDecided gudongTracked triage
  reporter:       '110000',
  otherCitizen:   '000000',
  handlerWufeng:  '110000',
  handlerGudong:  '001110',
  community:      '110000',
  deptSzs:        '010000',
  deptYlzx:       '000100',
  deptJtj:        '000010',
  deptHbj:        '000010',
  deptNone:       '000000',
  streetLeader:   '001110',
  districtOn:     '111111',
  districtOff:    '111111',
  command:        '111111',
  admin:          '111111',
  staffReporter:  '111110',
};

/** a query clause set evaluated in memory, as the database would (dotted paths through arrays; array = contains) */
function valuesAt(doc: unknown, path: string[]): unknown[] {
  if (path.length === 0) return Array.isArray(doc) ? [doc, ...doc] : [doc];
  if (Array.isArray(doc)) return doc.flatMap((d) => valuesAt(d, path));
  if (!doc || typeof doc !== 'object') return [];
  return valuesAt((doc as Record<string, unknown>)[path[0]], path.slice(1));
}
function matches(f: RowFilter, doc: object): boolean {
  if (f.all) return true;
  return f.anyOf.some((clause) => Object.entries(clause).every(([k, v]) => valuesAt(doc, k.split('.')).some((x) => x === v)));
}

describe('visibility: one rule for items and lists', () => {
  test.each(Object.keys(ACTORS))('%s sees exactly the cases case.get let them see', (who) => {
    const got = Object.values(CASES).map((c) => (canSeeCase(c, ACTORS[who]) ? '1' : '0')).join('');
    expect(got).toBe(EXPECTED[who]);
  });

  test.each(Object.keys(ACTORS))('%s: the query form selects the same cases as the rule', (who) => {
    const a = ACTORS[who];
    for (const c of Object.values(CASES)) expect([c.id, matches(caseFilter(a), c)]).toEqual([c.id, canSeeCase(c, a)]);
  });

  test('calls: the called department, the calling street, its leaders and the district; the query form agrees', () => {
    const calls = [{ deptId: 'szs', streetId: 'wufeng' }, { deptId: 'ylzx', streetId: 'gudong' }];
    const seen = (a: Actor) => calls.map((c) => (canSeeCall(c, a) ? '1' : '0')).join('');
    expect(seen(ACTORS.deptSzs)).toBe('10');
    expect(seen(ACTORS.deptYlzx)).toBe('01');
    expect(seen(ACTORS.handlerWufeng)).toBe('10');
    expect(seen(ACTORS.streetLeader)).toBe('01');
    expect(seen(ACTORS.districtOff)).toBe('11');
    expect(seen(ACTORS.reporter)).toBe('00');
    for (const a of Object.values(ACTORS)) for (const c of calls) expect(matches(callFilter(a), c)).toBe(canSeeCall(c, a));
  });

  test('an explicit street scope only for those who see that street', () => {
    expect(maySeeStreet(ACTORS.streetLeader, 'gudong')).toBe(true);
    expect(maySeeStreet(ACTORS.streetLeader, 'wufeng')).toBe(false);
    expect(maySeeStreet(ACTORS.districtOff, 'wufeng')).toBe(true);
    expect(maySeeStreet(ACTORS.admin, 'wufeng')).toBe(true);
    expect(caseFilter(ACTORS.otherCitizen)).toEqual({ all: false, anyOf: [{ 'reporter.openid': 'o-x' }, { coReporters: 'o-x' }] });
  });
});

describe('projection: what each viewer gets', () => {
  const hash = (id: string) => `c-${id.length}x`; // any one-way function; the server's is a sha256
  const rated: CaseRecord = {
    ...CASES.wufengCalled,
    satisfaction: { level: 'dissatisfied', at: T0, by: REPORTER, round: 0 },
    satisfactionHistory: [{ level: 'dissatisfied', at: T0, by: REPORTER, round: 0 }],
  };
  const call: CallRecord = {
    id: 'call-1', groupId: 'g', caseId: rated.id, streetId: 'wufeng', caller: { staffId: 'h', name: '毛晓嘉' }, deptId: 'szs', what: '到场',
    place: { point: point(119.27, 26.09), address: '左海公园北门' }, meetAt: T0, state: 'checkedIn',
    checkIn: { at: T0, location: point(119.2701, 26.0901), by: 's-szs', byName: '王建国', status: 'onTime', distanceM: 14.2, minutesOff: 0 },
    attempts: [
      { at: T0 - 60_000, location: point(119.3, 26.2), by: 's-szs', byName: '王建国', status: 'far', distanceM: 1234.5, minutesOff: -1 },
      { at: T0, location: point(119.2701, 26.0901), by: 's-szs', byName: '王建国', status: 'onTime', distanceM: 14.2, minutesOff: 0 },
    ],
    createdAt: T0, updatedAt: T0, version: 3,
  };
  const log: LogEntry[] = [
    { subject: 'case', caseId: rated.id, event: 'create', what: '受理', by: { id: REPORTER }, role: 'citizen', at: T0, where: { lng: 119.27, lat: 26.09, address: '左海公园北门' }, version: 1 },
    { subject: 'case', caseId: rated.id, event: 'accept', what: '签收', by: { id: 'h', name: '毛晓嘉' }, role: 'handler', at: T0, where: { lng: 119.31, lat: 26.11, address: '五凤街道办' }, version: 2 },
    { subject: 'call', caseId: rated.id, callId: 'call-1', event: 'checkIn', what: '不在现场（距离1234.5米，早1分钟）', by: { id: 's-szs', name: '王建国' }, role: 'dept', at: T0, from: 'acknowledged', to: 'acknowledged', version: 2, data: { status: 'far', distanceM: 1234.5 }, where: { lng: 119.3, lat: 26.2 } },
    { subject: 'call', caseId: rated.id, callId: 'call-1', event: 'checkIn', what: '按时报到（距离14.2米，准时）', by: { id: 's-szs', name: '王建国' }, role: 'dept', at: T0, from: 'acknowledged', to: 'checkedIn', version: 3, data: { status: 'onTime', distanceM: 14.2 }, where: { lng: 119.2701, lat: 26.0901 } },
    { subject: 'case', caseId: rated.id, event: 'rate', what: '不满意', by: { id: REPORTER }, role: 'citizen', at: T0, version: 9, data: { by: REPORTER } },
  ];
  const ids = pseudonymsOf(rated, log, hash);

  test.each(Object.keys(ACTORS))('%s: no citizen openid anywhere in the case, its calls and its trail', (who) => {
    const a = ACTORS[who];
    const sight = sightOf(rated, a);
    const json = JSON.stringify([projectCase(rated, sight, ids), projectLog(log, sight, ids, REPORTER), projectCall(call, sight.staff, ids)]);
    expect(json).not.toContain(REPORTER);
    expect(json).toContain(hash(REPORTER));
  });

  test('the reporting citizen: told "you", own place kept, no staff position, no check-in detail', () => {
    const sight = sightOf(rated, ACTORS.reporter);
    expect(sight).toEqual({ reporter: true, staff: false, contact: true });
    const v = projectCase(rated, sight, ids);
    expect(v.reporter).toEqual({ id: hash(REPORTER), phone: '13900001111', self: true });
    expect(v.satisfaction?.by).toBe(hash(REPORTER));
    const trail = projectLog(log, sight, ids, REPORTER);
    expect(trail.map((e) => [e.event, e.what, e.by.self ?? false, e.where?.address ?? null])).toEqual([
      ['create', '受理', true, '左海公园北门'],
      ['accept', '签收', false, null],
      ['checkIn', '按时报到', false, null],
      ['rate', '不满意', true, null],
    ]);
    const c = projectCall(call, sight.staff, ids);
    expect(c.attempts).toBeUndefined();
    expect(c.checkIn).toEqual({ at: T0, status: 'onTime' });
    const json = JSON.stringify([trail, c]);
    for (const s of ['119.2701', '119.31', '1234.5', '14.2', '王建国"', 'distanceM', 'location']) expect(json).not.toContain(s);
  });

  test('staff who see the case get positions and check-in attempts; the phone masked unless they handle it', () => {
    const dept = sightOf(rated, ACTORS.deptSzs);
    expect(dept).toEqual({ reporter: false, staff: true, contact: false });
    expect(projectCase(rated, dept, ids).reporter).toEqual({ id: hash(REPORTER), phone: '139****1111' });
    expect(projectCase(rated, dept, ids).phone).toBe('139****1111');
    const trail = projectLog(log, dept, ids, REPORTER);
    expect(trail.map((e) => e.where?.lng ?? null)).toEqual([119.27, 119.31, 119.3, 119.2701, null]);
    expect(trail.every((e) => !e.by.self)).toBe(true);
    expect(projectCall(call, dept.staff, ids).attempts).toHaveLength(2);
    const handler = sightOf(rated, ACTORS.handlerWufeng);
    expect(projectCase(rated, handler, ids).reporter).toEqual({ id: hash(REPORTER), phone: '13900001111' });
    expect(sightOf(rated, ACTORS.command).contact).toBe(true);
    expect(sightOf(rated, ACTORS.districtOn)).toEqual({ reporter: false, staff: true, contact: false });
  });

  test('a channel contact keeps name and phone for those handling it; scrub leaves unknown strings alone', () => {
    const hotline: CaseRecord = { ...CASES.wufeng, reporter: { name: '李女士', phone: '13800002222' } };
    expect(projectCase(hotline, sightOf(hotline, ACTORS.handlerWufeng), new Map()).reporter).toEqual({ name: '李女士', phone: '13800002222' });
    expect(projectCase(hotline, sightOf(hotline, ACTORS.districtOff), new Map()).reporter).toEqual({ phone: '138****2222' });
    expect(scrub({ a: ['x', { b: 'o-1' }], n: 1 }, new Map([['o-1', 'c-1']]))).toEqual({ a: ['x', { b: 'c-1' }], n: 1 });
  });
});

describe('projection: one entry per event, no internal assessment for the public', () => {
  const hash = (id: string) => `c-${id.length}x`;
  const c = CASES.wufengCalled;
  const base = { caseId: c.id, by: { id: 'h', name: '毛晓嘉' }, role: 'handler' as const, at: T0 };
  const log: LogEntry[] = [
    { ...base, subject: 'case', event: 'call', what: '一线呼叫：路灯不亮（左海公园北门，2026-11-17 10:00）', version: 3, data: { groupId: 'g1', deptIds: ['szs', 'ylzx'] } },
    { ...base, subject: 'call', callId: 'g1-szs', event: 'create', what: '一线呼叫：路灯不亮（左海公园北门，2026-11-17 10:00）', version: 1, data: { deptId: 'szs' } },
    { ...base, subject: 'call', callId: 'g1-ylzx', event: 'create', what: '一线呼叫：路灯不亮（左海公园北门，2026-11-17 10:00）', version: 1, data: { deptId: 'ylzx' } },
    { ...base, subject: 'call', callId: 'g1-szs', event: 'rateByDept', what: '部门评价呼叫：呼叫准确', by: { id: 's-szs', name: '王建国' }, role: 'dept', version: 5 },
    { ...base, subject: 'call', callId: 'g1-szs', event: 'rateByStreet', what: '街镇评价部门：好评', version: 6 },
  ];
  const ids = pseudonymsOf(c, log, hash);

  test('a call to two departments is one timeline entry (the case\'s), for staff and for the citizen', () => {
    expect(foldCallGroups(log).map((e) => `${e.subject}:${e.event}`)).toEqual(['case:call', 'call:rateByDept', 'call:rateByStreet']);
    const staff = projectLog(log, sightOf(c, ACTORS.handlerWufeng), ids, REPORTER);
    expect(staff.filter((e) => e.what.startsWith('一线呼叫'))).toHaveLength(1);
  });
  test('a call\'s own trail (no case entry) keeps its creation', () => {
    expect(foldCallGroups(log.slice(1, 2))).toHaveLength(1);
  });
  test('the citizen sees no ratings between street and department; staff do', () => {
    const citizen = projectLog(log, sightOf(c, ACTORS.reporter), ids, REPORTER);
    expect(citizen.map((e) => e.event)).toEqual(['call']);
    expect(JSON.stringify(citizen)).not.toMatch(/呼叫准确|好评/);
    expect(projectLog(log, sightOf(c, ACTORS.deptSzs), ids, REPORTER).map((e) => e.event)).toEqual(['call', 'rateByDept', 'rateByStreet']);
  });
  test('a call for the citizen: no caller, ratings, consultation or reasons; a public status', () => {
    const call: CallRecord = {
      id: 'g1-szs', groupId: 'g1', caseId: c.id, streetId: 'wufeng', caller: { staffId: 'h', name: '毛晓嘉' }, deptId: 'szs', what: '到场',
      place: { point: point(119.27, 26.09), address: '左海公园北门' }, meetAt: T0, state: 'rated', attempts: [],
      action: { text: '已更换灯泡', photos: [], at: T0, by: 's-szs' },
      streetRating: { level: 'good', reasons: [], at: T0, by: 'h' } as never,
      deptRating: { level: 'accurate', reasons: [], at: T0, by: 's-szs' } as never,
      consultation: { responsibleDeptId: 'szs', note: '内部意见', at: T0, by: 'h' },
      createdAt: T0, updatedAt: T0, version: 5,
    };
    const v = projectCall(call, false, ids);
    const json = JSON.stringify(v);
    for (const s of ['毛晓嘉', 'accurate', 'good', '内部意见', 's-szs']) expect(json).not.toContain(s);
    expect(v.action?.text).toBe('已更换灯泡');
    expect(projectCall(call, true, ids).deptRating).toBeDefined();
    expect(publicCallStatus({ state: 'created' }, true)).toBe('待到场');
    expect(publicCallStatus({ state: 'created' }, false)).toBe('已结束');
    expect(publicCallStatus({ state: 'checkedIn' }, true)).toBe('已到场');
    expect(publicCallStatus({ state: 'rated' }, false)).toBe('已处置');
    expect(publicCallStatus({ state: 'absent' }, true)).toBe('未到场');
  });
  test('the phone rule as the report form says it: in full to the street handling it and the command centre', () => {
    expect(PHONE_NOTICE).toMatch(/街镇一线处置员.*社区工作人员.*区指挥中心/);
    expect(sightOf(c, ACTORS.handlerWufeng).contact).toBe(true);
    expect(sightOf(c, ACTORS.command).contact).toBe(true);
    expect(sightOf(c, ACTORS.deptSzs).contact).toBe(false);
    expect(sightOf(c, ACTORS.districtOn).contact).toBe(false);
  });
});
