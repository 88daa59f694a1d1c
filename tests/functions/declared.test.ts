/**
 * The API contract (src/domain/contract) and the server's registry are one list: every registered action has a contract
 * entry and every entry a handler bound to it (name, roles and schema are the entry's), the error codes each may answer
 * are declared there, and the check the functions suite runs after each file (declared-codes.setup.ts) refuses an
 * undeclared code. Roles of the actions that fire a lifecycle event come from the machines' permits.
 */
import { actions } from '../../cloudfunctions/api/src/index';
import { contract, declaredCodes } from '@domain/contract';
import { undeclaredAnswers } from './declared-codes.setup';

test('every registered action is a contract entry, every entry is registered', () => {
  expect(Object.keys(actions).filter((n) => !(n in contract))).toEqual([]);
  expect(Object.keys(contract).filter((n) => !(n in actions))).toEqual([]);
});

test('the dispatcher reads each action\'s roles and schema from its contract entry', () => {
  for (const [name, entry] of Object.entries(contract)) {
    expect(actions[name].name).toBe(name);
    expect(actions[name].roles).toBe(entry.roles);
    expect(actions[name].input).toBe(entry.input);
  }
});

test('every action declares the codes it may answer', () => {
  expect(Object.keys(actions).filter((n) => !declaredCodes(n))).toEqual([]);
  expect(declaredCodes('nope')).toBeUndefined();
});

test('role-limited actions may answer FORBIDDEN, every action the common codes', () => {
  expect(declaredCodes('admin.staff.save')).toEqual(expect.arrayContaining(['FORBIDDEN', 'INVALID_INPUT', 'UNAUTHENTICATED', 'INTERNAL']));
  expect(declaredCodes('case.report')).not.toContain('FORBIDDEN');
});

test('roles derived from the lifecycle tables: the callers each event permits (citizens: anyone)', () => {
  const roles = (name: keyof typeof contract) => {
    const r = contract[name].roles;
    return r === 'anyone' ? r : [...r].sort();
  };
  const table: Array<[keyof typeof contract, 'anyone' | string[]]> = [
    ['case.accept', ['community', 'handler']],
    ['case.assign', ['community', 'handler']],
    ['case.note', 'anyone'],
    ['case.supplement', 'anyone'],
    ['case.withdraw', 'anyone'],
    ['case.call', ['community', 'handler']],
    ['case.extend', ['command', 'community', 'handler']],
    ['case.flagHard', ['command', 'community', 'handler']],
    ['case.decideHard', ['leader']],
    ['case.return', ['community', 'handler']],
    ['case.reroute', ['command']],
    ['case.dispatch', ['command']],
    ['case.resolve', ['community', 'handler']],
    ['case.verify', ['command', 'leader']],
    ['case.rate', 'anyone'],
    ['case.markDuplicate', ['command']],
    ['case.closeInvalid', ['command']],
    ['case.forwardResult', ['command']],
    ['call.acknowledge', ['dept', 'deptLeader']],
    ['call.checkIn', ['dept', 'deptLeader']],
    ['call.recordAction', ['dept', 'deptLeader']],
    ['call.consult', ['community', 'handler']],
    ['call.rateDept', ['community', 'handler']],
    ['call.rateCall', ['dept', 'deptLeader']],
    ['call.cancel', ['community', 'handler']],
  ];
  for (const [name, expected] of table) expect([name, roles(name)]).toEqual([name, expected]);
});

test('the per-file check flags an undeclared code, an unknown action and a missing envelope', () => {
  expect(undeclaredAnswers([{ action: 'case.accept', code: '0' }, { action: 'case.accept', code: 'EVENT_NOT_ALLOWED' }, { action: 'nope', code: 'UNKNOWN_ACTION' }])).toEqual([]);
  expect(undeclaredAnswers([{ action: 'case.accept', code: 'CHECKIN_FAR' }])).toEqual(['case.accept answered CHECKIN_FAR, not declared in its contract entry']);
  expect(undeclaredAnswers([{ action: 'nope', code: 'INTERNAL' }])).toHaveLength(1);
});
