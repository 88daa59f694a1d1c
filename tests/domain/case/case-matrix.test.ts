/**
 * Every state × every event: allowed pairs reach the expected target, others are refused with
 * EVENT_NOT_ALLOWED; then every role for every allowed pair. The expected tables are written out here,
 * independently of the machine's table.
 */
import { CASE_EVENT_TYPES, type CaseEvent, type CaseEventType } from '@domain/case/case-events';
import { allowedEvents, availableEvents, transition } from '@domain/case/case-machine';
import { STATE_LIST, type CaseRecord, type CaseState } from '@domain/case/case-types';
import type { Role } from '@domain/common/actor-types';
import { point } from '@domain/common/geo-distance';
import { actor, ALL_ROLES, caseIn, CATEGORY, DEPT, gridDecision, min, OTHER_STREET, streetDecision, SUPER, T0, triageDecision } from './case-fixtures';

const DAY = min(24 * 60);

interface Sample {
  event: CaseEvent;
  now: number;
  prepare?: (c: CaseRecord) => CaseRecord;
}

const SAMPLES: Record<CaseEventType, Sample> = {
  dispatch: { event: { type: 'dispatch', decision: streetDecision }, now: T0 + min(30) },
  sendToTriage: { event: { type: 'sendToTriage', decision: triageDecision }, now: T0 + min(30) },
  forward: { event: { type: 'forward', decision: gridDecision, ref: 'G-9' }, now: T0 + min(30) },
  accept: { event: { type: 'accept' }, now: T0 + min(30) },
  assign: { event: { type: 'assign', person: { staffId: 'h-2', name: '李四' } }, now: T0 + min(30) },
  note: { event: { type: 'note', text: '补充情况', photos: [] }, now: T0 + min(30) },
  call: {
    event: { type: 'call', groupId: 'g-1', deptIds: [DEPT], what: '现场会商', place: { point: point(119.27, 26.09), address: '左海公园北门' }, meetAt: T0 + min(90) },
    now: T0 + min(30),
  },
  extend: { event: { type: 'extend', reason: '权责待厘清', newDeadline: T0 + 10 * DAY }, now: T0 + min(30) },
  flagHard: { event: { type: 'flagHard', reason: '涉及多个单位' }, now: T0 + min(30) },
  autoFlagHard: { event: { type: 'autoFlagHard', reason: 'channel' }, now: T0 + min(30) },
  decideHard: {
    event: { type: 'decideHard', deptId: DEPT, personId: 'p-1', personName: '王工', deadline: T0 + 10 * DAY },
    now: T0 + min(30),
    prepare: (c) => ({ ...c, flags: { ...c.flags, hard: { by: 'h', role: 'handler', at: T0, reason: '疑难' } } }),
  },
  return: { event: { type: 'return', reason: '不属本街道' }, now: T0 + min(30) },
  reroute: { event: { type: 'reroute', streetId: OTHER_STREET, reason: '按属地改派' }, now: T0 + min(30) },
  resolve: { event: { type: 'resolve', result: '已安装路灯', photos: ['cloud://env/done.jpg'] }, now: T0 + min(30) },
  verify: { event: { type: 'verify', pass: true }, now: T0 + min(800) },
  rate: { event: { type: 'rate', level: 'satisfied' }, now: T0 + min(900) },
  markDuplicate: { event: { type: 'markDuplicate', masterId: 'case-0', reason: '同一问题' }, now: T0 + min(30) },
  closeInvalid: { event: { type: 'closeInvalid', reason: '测试信息' }, now: T0 + min(30) },
  forwardResult: { event: { type: 'forwardResult', outcome: 'resolved', result: '网格已处理' }, now: T0 + min(30) },
  markOverdue: {
    event: { type: 'markOverdue' },
    now: T0 + 2 * DAY,
    prepare: (c) => ({ ...c, clocks: { ...c.clocks, deadline: T0 + DAY } }),
  },
  supplement: { event: { type: 'supplement', text: '另外井盖也松动了', photos: [] }, now: T0 + min(30) },
  withdraw: { event: { type: 'withdraw', reason: '已自行解决' }, now: T0 + min(30) },
};

// '=' stays, '-' not allowed, otherwise the target state
const COLS: CaseEventType[] = ['dispatch', 'sendToTriage', 'forward', 'accept', 'assign', 'note', 'call', 'extend', 'flagHard', 'autoFlagHard', 'decideHard', 'return', 'reroute', 'resolve', 'verify', 'rate', 'markDuplicate', 'closeInvalid', 'forwardResult', 'markOverdue', 'supplement', 'withdraw'];
const MATRIX = `
submitted   dispatched triage    forwarded -        -        =  -        -  =  =  -  -        -          -        -      -      duplicate invalid -        -        =  withdrawn
triage      dispatched -         forwarded -        -        =  -        -  =  =  -  -        -          -        -      -      duplicate invalid -        =        =  withdrawn
forwarded   -          -         -         -        -        =  -        -  -  -  -  -        -          -        -      -      duplicate invalid resolved -        -  -
dispatched  -          -         -         accepted -        =  -        -  =  =  -  returned dispatched -        -      -      duplicate invalid -        =        =  withdrawn
accepted    -          -         -         -        handling =  -        =  =  =  =  returned dispatched -        -      -      duplicate invalid -        =        -  -
handling    -          -         -         -        handling =  handling =  =  =  =  returned dispatched resolved -      -      duplicate invalid -        =        -  -
returned    -          -         -         -        -        =  -        -  =  =  -  -        dispatched -        -      -      duplicate invalid -        =        =  withdrawn
resolved    -          -         -         -        -        =  -        -  -  -  -  -        -          -        closed -      -         -       -        -        -  -
closed      -          -         -         -        -        -  -        -  -  -  -  -        -          -        -      closed -         -       -        -        -  -
duplicate   -          -         -         -        -        -  -        -  -  -  -  -        -          -        -      -      -         -       -        -        -  -
invalid     -          -         -         -        -        -  -        -  -  -  -  -        -          -        -      -      -         -       -        -        -  -
withdrawn   -          -         -         -        -        -  -        -  -  -  -  -        -          -        -      -      -         -       -        -  -  -
`;
const EXPECTED: Record<string, Record<string, string>> = {};
for (const line of MATRIX.trim().split('\n')) {
  const [state, ...cells] = line.trim().split(/\s+/);
  EXPECTED[state] = Object.fromEntries(COLS.map((e, i) => [e, cells[i]]));
}

const PAIRS = STATE_LIST.flatMap((s) => CASE_EVENT_TYPES.map((e) => [s, e] as [CaseState, CaseEventType]));

test('the expected matrix covers every state and every event', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual([...STATE_LIST].sort());
  expect([...COLS].sort()).toEqual([...CASE_EVENT_TYPES].sort());
  for (const s of STATE_LIST) expect(Object.values(EXPECTED[s]).every((v) => v !== undefined)).toBe(true);
  expect(PAIRS).toHaveLength(12 * 22);
});

describe.each(PAIRS)('%s × %s', (state, type) => {
  const want = EXPECTED[state][type];
  const sample = SAMPLES[type];
  const base = caseIn(state);
  const c = sample.prepare ? sample.prepare(base) : base;
  const result = transition(c, sample.event, { actor: SUPER, now: sample.now, category: CATEGORY });
  if (want === '-') {
    it('is refused with EVENT_NOT_ALLOWED', () => {
      expect(result).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED' });
      if (!result.ok) expect(result.message).toMatch(/不能进行/);
      expect(allowedEvents(state)).not.toContain(type);
    });
  } else {
    it(`reaches ${want === '=' ? state : want}, bumps the version and logs`, () => {
      if (!result.ok) throw new Error(`${result.code} ${result.message}`);
      expect(result.case.state).toBe(want === '=' ? state : want);
      expect(result.case.version).toBe(c.version + 1);
      expect(result.case.updatedAt).toBe(sample.now);
      const log = result.effects.find((e) => e.type === 'log');
      expect(log).toMatchObject({ type: 'log', entry: { event: type, caseId: c.id, at: sample.now, from: state, version: c.version + 1, by: { id: 'super' } } });
      expect(c).toEqual(sample.prepare ? sample.prepare(caseIn(state)) : caseIn(state)); // input not mutated
    });
  }
});

// who may fire each event (state-specific narrowing after the '|')
const ROLE_TABLE: Record<CaseEventType, Role[]> = {
  dispatch: ['system', 'command'],
  sendToTriage: ['system'],
  forward: ['system', 'command'],
  accept: ['handler', 'community'],
  assign: ['handler', 'community'],
  note: ['citizen', 'handler', 'community', 'dept', 'deptLeader', 'leader', 'command'],
  call: ['handler', 'community'],
  extend: ['handler', 'community', 'command'],
  flagHard: ['handler', 'community', 'command'],
  autoFlagHard: ['system'],
  decideHard: ['leader'],
  return: ['handler', 'community'],
  reroute: ['command'],
  resolve: ['handler', 'community'],
  verify: ['command', 'leader'],
  rate: ['citizen', 'command'],
  markDuplicate: ['command'],
  closeInvalid: ['command'],
  forwardResult: ['system', 'command'],
  markOverdue: ['system'],
  supplement: ['citizen'],
  withdraw: ['citizen'],
};
const UNROUTED_NOTE: Role[] = ['citizen', 'leader', 'command'];
const ROLE_OVERRIDES: Partial<Record<CaseState, Partial<Record<CaseEventType, Role[]>>>> = {
  submitted: { markDuplicate: ['system', 'command'], note: UNROUTED_NOTE, flagHard: ['command'] },
  triage: { dispatch: ['command'], forward: ['command'], flagHard: ['command'], note: UNROUTED_NOTE },
  forwarded: { note: UNROUTED_NOTE },
  returned: { note: UNROUTED_NOTE, flagHard: ['command'] },
};

const ALLOWED_PAIRS = PAIRS.filter(([s, e]) => EXPECTED[s][e] !== '-');
describe.each(ALLOWED_PAIRS)('roles for %s × %s', (state, type) => {
  const roles = ROLE_OVERRIDES[state]?.[type] ?? ROLE_TABLE[type];
  const sample = SAMPLES[type];
  const base = { ...caseIn(state), deptIds: [DEPT] }; // the actor's department is involved
  const c = sample.prepare ? sample.prepare(base) : base;
  it.each(ALL_ROLES)('%s', (role) => {
    const a = actor([role], role === 'leader' ? { streetId: undefined } : {}); // a district-level leader
    const r = transition(c, sample.event, { actor: a, now: sample.now, category: CATEGORY });
    if (roles.includes(role)) {
      expect(r).toMatchObject({ ok: true, role });
      expect(availableEvents(c, a)).toContain(type);
    } else {
      expect(r).toMatchObject({ ok: false, code: 'ROLE_FORBIDDEN' });
      expect(availableEvents(c, a)).not.toContain(type);
    }
  });
});
