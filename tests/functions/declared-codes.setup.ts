/**
 * Runs after every functions test file (setupFilesAfterEnv): each code an answer carried (recorded by the harness's
 * `api`/`ok`) must be declared in its action's entry of the API contract (src/domain/contract). An unknown action may
 * answer UNKNOWN_ACTION. So the whole functions suite checks that docs/API.md lists what the API really answers.
 */
import { answeredCodes } from './harness';
import { actions } from '../../cloudfunctions/api/src/index';
import { declaredCodes } from '@domain/contract';

export function undeclaredAnswers(seen: Iterable<{ action: string; code: string }>): string[] {
  const out: string[] = [];
  for (const { action, code } of seen) {
    if (code === '0') continue;
    const declared = declaredCodes(action);
    if (!Object.prototype.hasOwnProperty.call(actions, action)) {
      if (code !== 'UNKNOWN_ACTION') out.push(`${action || '(empty)'} (not an action) answered ${code}`);
      continue;
    }
    if (!declared) out.push(`${action} has no contract entry (answered ${code})`);
    else if (!declared.includes(code)) out.push(`${action} answered ${code}, not declared in its contract entry`);
  }
  return out;
}

afterAll(() => {
  const bad = undeclaredAnswers(answeredCodes.values());
  answeredCodes.clear();
  if (bad.length) throw new Error(`Answers with undeclared error codes:\n  ${bad.join('\n  ')}`);
});
