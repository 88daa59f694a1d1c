/**
 * The error codes each `api` action may answer — one line per action, built from shared groups.
 *
 * This is the contract: scripts/gen-api-docs.ts writes docs/API.md from it, tests/functions/declared.test.ts fails when a
 * registered action has no line here, and the function-test harness (tests/functions/harness.ts) fails a test file
 * whose answers carry a code not declared for their action. A new action or a new refusal adds its code here.
 *
 * Where a code comes from: COMMON and FORBIDDEN from the dispatcher (shared/actions.ts, shared/envelope.ts);
 * CASE_EVENT / CALL_EVENT from the runners (shared/case-runner.ts, shared/call-runner.ts) and the lifecycle tables
 * (src/domain/case/case.machine.ts, src/domain/call/call.machine.ts); the named refusals from the guards of those tables
 * and the server's name checks.
 */
import type { ActionRegistry } from '../../shared/actions';

/** Every action can answer these: bad payload, no WeChat identity, an infrastructure failure. */
export const COMMON = ['INVALID_INPUT', 'UNAUTHENTICATED', 'INTERNAL'] as const;
/** Answered by the dispatcher when the caller's roles are not among an action's declared roles (not for 'anyone'). */
export const ROLE_CODE = 'FORBIDDEN';
/** A write refused by a unique key that no handler expected (two requests creating the same record at once). */
const RACE = ['CONFLICT'];
/** Firing a case event: read, optimistic concurrency, the lifecycle table's refusals. */
export const CASE_EVENT = ['NOT_FOUND', 'VERSION_CONFLICT', 'CONFLICT', 'EVENT_NOT_ALLOWED', 'ROLE_FORBIDDEN', 'RELATION_FORBIDDEN'];
export const CALL_EVENT = CASE_EVENT;
/** Photos must be the caller's own uploads in this environment, existing images of bounded size (shared/uploads.ts). */
export const PHOTOS = ['PHOTO_INVALID', 'PHOTO_NOT_FOUND'];
/** Call ratings (src/domain/rating/rating.rules.ts). */
const RATING = ['RATING_REASON_REPEATED', 'RATING_REASON_MISMATCH', 'RATING_REASON_REQUIRED', 'RATING_NOTE_REQUIRED'];
/** Street/community names of a reroute or dispatch. */
const PLACE = ['UNKNOWN_STREET', 'UNKNOWN_COMMUNITY', 'COMMUNITY_NOT_IN_STREET'];
/** Deadlines (src/domain/shared/time.bounds.ts). */
const TIME = ['DEADLINE_IN_PAST', 'TIME_TOO_FAR'];
/** A new case (shared/intake.ts): the content check, the names, an id allocation that kept colliding. */
const INTAKE = ['CONTENT_RISKY', 'UNKNOWN_CATEGORY', 'CATEGORY_DISABLED', 'UNKNOWN_COMMUNITY', ...RACE];
/** Admin writes of org records that may refer to a missing record. */
const ADMIN_WRITE = ['NOT_FOUND', ...RACE];

/** Codes beyond COMMON (and FORBIDDEN for role-limited actions), per action. */
export const DECLARED: Record<string, readonly string[]> = {
  whoami: [],
  'account.bindInvite': ['INVITE_NOT_FOUND', 'INVITE_USED', 'ALREADY_BOUND', 'RATE_LIMITED'],
  'case.report': [...INTAKE, 'RATE_LIMITED', ...PHOTOS],
  'case.suggestCategory': [],
  'case.nearby': [],
  'case.join': ['NOT_FOUND', 'CASE_CLOSED', ...RACE],
  'geo.districtMap': [],
  'case.accept': CASE_EVENT,
  'case.assign': [...CASE_EVENT, 'ASSIGNEE_INVALID', 'ASSIGNEE_REQUIRED', 'SAME_ASSIGNEE'],
  'case.note': [...CASE_EVENT, 'NOTE_EMPTY', 'RATE_LIMITED', ...PHOTOS],
  'case.supplement': [...CASE_EVENT, 'NOTE_EMPTY', 'RATE_LIMITED', ...PHOTOS],
  'case.withdraw': CASE_EVENT,
  'case.call': [...CASE_EVENT, 'UNKNOWN_DEPT', 'CALL_NO_DEPT', 'CALL_DUPLICATE', 'MEET_IN_PAST', 'TIME_TOO_FAR', 'CALL_WHAT_REQUIRED'],
  'case.extend': [...CASE_EVENT, 'REASON_REQUIRED', 'NO_DEADLINE', 'EXTEND_AFTER_DEADLINE', 'EXTEND_NOT_LATER', ...TIME],
  'case.flagHard': [...CASE_EVENT, 'REASON_REQUIRED', 'ALREADY_HARD'],
  'case.decideHard': [...CASE_EVENT, 'UNKNOWN_DEPT', 'PERSON_NOT_IN_DEPT', 'NOT_HARD', 'DECISION_INCOMPLETE', ...TIME],
  'case.return': [...CASE_EVENT, 'REASON_REQUIRED'],
  'case.reroute': [...CASE_EVENT, ...PLACE, 'REASON_REQUIRED', 'STREET_REQUIRED', 'SAME_STREET'],
  'case.dispatch': [...CASE_EVENT, ...PLACE, 'DECISION_NOT_STREET'],
  'case.resolve': [...CASE_EVENT, 'RESULT_REQUIRED', 'EVIDENCE_REQUIRED', 'CALLS_OPEN', ...PHOTOS],
  'case.verify': [...CASE_EVENT, 'NOTE_REQUIRED', 'NO_ASSIGNEE'],
  'case.rate': [...CASE_EVENT, 'REASON_REQUIRED', 'ALREADY_RATED', 'NO_ASSIGNEE'],
  'case.markDuplicate': [...CASE_EVENT, 'MASTER_NOT_FOUND', 'MASTER_CLOSED', 'REASON_REQUIRED', 'SELF_DUPLICATE'],
  'case.closeInvalid': [...CASE_EVENT, 'REASON_REQUIRED'],
  'case.mine': [],
  'case.get': ['NOT_FOUND', 'FORBIDDEN'],
  'case.inbox': [],
  'case.triage': [],
  'lead.board': [],
  'call.acknowledge': CALL_EVENT,
  'call.checkIn': [...CALL_EVENT, 'CHECKIN_FAR', 'CHECKIN_EARLY', 'CHECKIN_ABSENT'],
  'call.recordAction': [...CALL_EVENT, 'ACTION_REQUIRED', ...PHOTOS],
  'call.consult': [...CALL_EVENT, 'RESPONSIBLE_NOT_IN_GROUP', 'RESPONSIBLE_REQUIRED'],
  'call.rateDept': [...CALL_EVENT, ...RATING],
  'call.rateCall': [...CALL_EVENT, 'ALREADY_RATED', ...RATING],
  'call.cancel': [...CALL_EVENT, 'REASON_REQUIRED'],
  'call.mine': [],
  'call.get': ['NOT_FOUND', 'FORBIDDEN'],
  'admin.categories.list': [],
  'admin.categories.save': [],
  'admin.org.list': [],
  'admin.staff.list': [],
  'admin.staff.save': ADMIN_WRITE,
  'admin.staff.invite': ['NOT_FOUND', 'ALREADY_BOUND'],
  'admin.staff.unbind': ['NOT_FOUND', 'NOT_BOUND'],
  'admin.rota.list': [],
  'admin.rota.save': ADMIN_WRITE,
  'admin.rules.list': [],
  'admin.rules.save': ['NOT_FOUND', 'RULE_OVERLAP'],
  'admin.rules.overlaps': [],
  'admin.rules.history': ['NOT_FOUND'],
  'admin.org.import': [...RACE],
  'admin.rules.deactivate': ['NOT_FOUND', 'ALREADY_INACTIVE'],
  'admin.log.list': [],
  'admin.health': [],
  'admin.health.remove': ['RECORD_VALID'],
  'stats.indicators': [],
  'stats.breakdown': [],
  'stats.trend': [],
  'stats.hotspots': [],
  'stats.drill': [],
  'stats.patterns': [],
  'stats.adoptRule': ['RULE_OVERLAP'],
  'stats.scores': [],
  'stats.exportCsv': [],
  'meta.bootstrap': [],
  'staff.list': [],
  'case.channelIntake': INTAKE,
  'case.forwardResult': [...CASE_EVENT, 'AMBIGUOUS_REFERENCE'],
};

/** Every code `name` may answer (COMMON, FORBIDDEN for role-limited actions, its own line); undefined when undeclared. */
export function declaredCodes(actions: ActionRegistry, name: string): string[] | undefined {
  const def = Object.prototype.hasOwnProperty.call(actions, name) ? actions[name] : undefined;
  const own = Object.prototype.hasOwnProperty.call(DECLARED, name) ? DECLARED[name] : undefined;
  if (!def || !own) return undefined;
  return Array.from(new Set([...COMMON, ...(def.roles === 'anyone' ? [] : [ROLE_CODE]), ...own]));
}
