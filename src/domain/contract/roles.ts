/**
 * Who may call an action. An action that fires a lifecycle event takes its roles from the machine's permits (every
 * role some state permits, the system's own role left out; a citizen permitted means anyone may call, since citizens
 * have no staff record); the dispatcher refuses other callers before the table's own relation checks run.
 */
import { ROLES, type Role } from '../common/actor-types';
import { CASE_MACHINE } from '../case/case-machine';
import type { CaseEventType } from '../case/case-events';
import { CALL_MACHINE, type CallEventType } from '../call/call-machine';

/** Roles allowed to call; 'anyone' includes callers with no staff record (citizens). */
export type Roles = ReadonlyArray<Role> | 'anyone';

function fromPermits(permits: ReadonlyArray<Partial<Record<Role, unknown>> | undefined>): Roles {
  const allowed = new Set<Role>();
  for (const p of permits) for (const r of Object.keys(p ?? {}) as Role[]) if (r !== 'system') allowed.add(r);
  if (allowed.size === 0) throw new Error('an action fires an event no caller is permitted');
  return allowed.has('citizen') ? 'anyone' : ROLES.filter((r) => allowed.has(r));
}

/** The roles of an action firing case event `type`: the union of the case table's permits for it. */
export function caseEventRoles(type: CaseEventType): Roles {
  return fromPermits(Object.values(CASE_MACHINE).map((byEvent) => byEvent[type]?.permits));
}

/** The roles of an action firing call event `type`: the union of the call table's permits for it. */
export function callEventRoles(type: CallEventType): Roles {
  return fromPermits(Object.values(CALL_MACHINE).map((byEvent) => byEvent[type]?.permits));
}

export const STAFF: readonly Role[] = ['handler', 'community', 'dept', 'deptLeader', 'leader', 'command', 'admin'];
export const STREET: readonly Role[] = ['handler', 'community'];
export const DEPT: readonly Role[] = ['dept', 'deptLeader'];
export const ADMIN: readonly Role[] = ['admin'];
export const ADMIN_OR_COMMAND: readonly Role[] = ['admin', 'command'];
/** who reads the statistics */
export const ANALYSTS: readonly Role[] = ['leader', 'command', 'admin'];
/** who enters a channel's case by hand (12345 operators at the command centre, the administrator) */
export const OPERATORS: readonly Role[] = ['command', 'admin'];
