/**
 * What a case offers (availableEvents): besides state, role and relation, the preconditions on the case itself —
 * a rated round is not offered for rating again, a hard case not flagged again, a plain case not decided as hard.
 * Each offered event goes through; each one withheld is refused by the transition with the same code.
 */
import { availableEvents, transition } from '@domain/case/case-machine';
import type { CaseEvent } from '@domain/case/case-events';
import type { CaseRecord } from '@domain/case/case-types';
import type { Actor } from '@domain/common/actor-types';
import { CATEGORY, caseIn, CIT, CMD, DEPT, HANDLER, LEADER, min, run, T0 } from './case-fixtures';

const DAY = min(24 * 60);
const hard = (c: CaseRecord): CaseRecord => ({ ...c, flags: { ...c.flags, hard: { by: 'h-mao', role: 'handler', at: T0, reason: '涉及多个单位' } } });
const rated = (c: CaseRecord): CaseRecord => run(c, [[{ type: 'rate', level: 'satisfied' }, CIT, T0 + 2 * DAY]]).case;

const ROWS: Array<[string, () => CaseRecord, Actor, CaseEvent, string | null]> = [
  ['closed, not yet rated: citizen may rate', () => caseIn('closed'), CIT, { type: 'rate', level: 'satisfied' }, null],
  ['closed and rated this round: no second rating', () => rated(caseIn('closed')), CIT, { type: 'rate', level: 'basic' }, 'ALREADY_RATED'],
  ['closed and rated: command cannot rate again either', () => rated(caseIn('closed')), CMD, { type: 'rate', level: 'basic' }, 'ALREADY_RATED'],
  ['handling: handler may flag it hard', () => caseIn('handling'), HANDLER, { type: 'flagHard', reason: '涉及多个单位' }, null],
  ['handling, already hard: not flagged again', () => hard(caseIn('handling')), HANDLER, { type: 'flagHard', reason: '再次上报' }, 'ALREADY_HARD'],
  ['handling, hard: the leader may decide', () => hard(caseIn('handling')), LEADER, { type: 'decideHard', deptId: DEPT, personId: 'p-1', personName: '王工', deadline: T0 + 10 * DAY }, null],
  ['handling, not hard: nothing to decide', () => caseIn('handling'), LEADER, { type: 'decideHard', deptId: DEPT, personId: 'p-1', personName: '王工', deadline: T0 + 10 * DAY }, 'NOT_HARD'],
];

describe.each(ROWS)('%s', (_name, make, who, event, refusal) => {
  const c = { ...make(), deptIds: [DEPT] };
  test(refusal ? `withheld, refused with ${refusal}` : 'offered and goes through', () => {
    const r = transition(c, event, { actor: who, now: T0 + 3 * DAY, category: CATEGORY });
    if (refusal) {
      expect(availableEvents(c, who)).not.toContain(event.type);
      expect(r).toMatchObject({ ok: false, code: refusal });
    } else {
      expect(availableEvents(c, who)).toContain(event.type);
      expect(r).toMatchObject({ ok: true });
    }
  });
});
