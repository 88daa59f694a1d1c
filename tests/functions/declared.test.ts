/**
 * The error-code declarations (cloudfunctions/api/src/errors.declared.ts) cover the registry: every registered action has
 * a line, no line names an action that does not exist, and the check the functions suite runs after each file
 * (declared-codes.setup.ts) refuses an undeclared code.
 */
import { actions } from '../../cloudfunctions/api/src/index';
import { DECLARED, declaredCodes } from '../../cloudfunctions/api/src/errors.declared';
import { undeclaredAnswers } from './declared-codes.setup';

test('every registered action declares the codes it may answer', () => {
  const missing = Object.keys(actions).filter((n) => !declaredCodes(actions, n));
  expect(missing).toEqual([]);
});

test('no declaration names an action that is not registered', () => {
  expect(Object.keys(DECLARED).filter((n) => !(n in actions))).toEqual([]);
});

test('role-limited actions may answer FORBIDDEN, every action the common codes', () => {
  expect(declaredCodes(actions, 'admin.staff.save')).toEqual(expect.arrayContaining(['FORBIDDEN', 'INVALID_INPUT', 'UNAUTHENTICATED', 'INTERNAL']));
  expect(declaredCodes(actions, 'case.report')).not.toContain('FORBIDDEN');
});

test('the per-file check flags an undeclared code, an unknown action and a missing envelope', () => {
  expect(undeclaredAnswers([{ action: 'case.accept', code: '0' }, { action: 'case.accept', code: 'EVENT_NOT_ALLOWED' }, { action: 'nope', code: 'UNKNOWN_ACTION' }])).toEqual([]);
  expect(undeclaredAnswers([{ action: 'case.accept', code: 'CHECKIN_FAR' }])).toEqual(['case.accept answered CHECKIN_FAR, not declared in errors.declared.ts']);
  expect(undeclaredAnswers([{ action: 'nope', code: 'INTERNAL' }])).toHaveLength(1);
});
