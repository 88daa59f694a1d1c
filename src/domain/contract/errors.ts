/**
 * The error codes an action may answer, built from shared groups; each contract entry lists its own beyond COMMON
 * (and FORBIDDEN for role-limited actions). scripts/gen-api-docs.ts writes them into docs/API.md, and the function-test
 * harness fails a test file whose answers carry a code not declared for their action.
 *
 * Where a code comes from: COMMON and FORBIDDEN from the dispatcher (cloudfunctions/common/actions.ts, envelope.ts);
 * CASE_EVENT / CALL_EVENT from the runners (common/case-runner.ts, common/call-runner.ts) and the lifecycle tables
 * (src/domain/case/case-machine.ts, src/domain/call/call-machine.ts); the named refusals from the guards of those tables
 * and the server's name checks.
 */

/** Every action can answer these: bad payload, no WeChat identity, an infrastructure failure. */
export const COMMON = ['INVALID_INPUT', 'UNAUTHENTICATED', 'INTERNAL'] as const;
/** Answered by the dispatcher when the caller's roles are not among an action's roles (not for 'anyone'). */
export const ROLE_CODE = 'FORBIDDEN';
/** A write refused by a unique key that no handler expected (two requests creating the same record at once). */
export const RACE = ['CONFLICT'];
/** Firing a case event: read, optimistic concurrency, the lifecycle table's refusals. */
export const CASE_EVENT = ['NOT_FOUND', 'VERSION_CONFLICT', 'CONFLICT', 'EVENT_NOT_ALLOWED', 'ROLE_FORBIDDEN', 'RELATION_FORBIDDEN'];
export const CALL_EVENT = CASE_EVENT;
/** Photos must be the caller's own uploads in this environment, existing images of bounded size (common/uploads.ts). */
export const PHOTOS = ['PHOTO_INVALID', 'PHOTO_NOT_FOUND'];
/** Call ratings (src/domain/rating/rating-rules.ts). */
export const RATING = ['RATING_REASON_REPEATED', 'RATING_REASON_MISMATCH', 'RATING_REASON_REQUIRED', 'RATING_NOTE_REQUIRED'];
/** Street/community names of a reroute or dispatch. */
export const PLACE = ['UNKNOWN_STREET', 'UNKNOWN_COMMUNITY', 'COMMUNITY_NOT_IN_STREET'];
/** Deadlines (src/domain/common/time-bounds.ts). */
export const TIME = ['DEADLINE_IN_PAST', 'TIME_TOO_FAR'];
/** A new case (common/intake.ts): the content check, the names, an id allocation that kept colliding. */
export const INTAKE = ['CONTENT_RISKY', 'UNKNOWN_CATEGORY', 'CATEGORY_DISABLED', 'UNKNOWN_COMMUNITY', ...RACE];
/** Admin writes of org records that may refer to a missing record. */
export const ADMIN_WRITE = ['NOT_FOUND', ...RACE];
