import type { CaseRecord, CaseState } from '../case/case-types';
import type { CaseEvent } from '../case/case-events';
import { addWorkingMinutes, formatBusiness, MINUTE_MS } from '../common/business-time';
import type { CaseDueKind, DueItem } from '../common/due-types';
import type { Effect, Recipient, TemplateKey } from '../common/effect-types';
import { DEFAULT_SLA_POLICY, type CategoryClock, type NearDueRule, type SlaPolicy } from './sla-policy';

/** Deadline of a category's handling clock started at `start`. */
export function deadlineFor(start: number, category: CategoryClock | undefined, policy: SlaPolicy = DEFAULT_SLA_POLICY): number {
  const minutes = category?.deadlineMin ?? policy.defaultDeadlineMin;
  if (category?.businessHoursOnly) return addWorkingMinutes(start, minutes, policy.workingHours);
  return start + minutes * MINUTE_MS;
}

/** When the near-due warning fires for a clock from `start` to `deadline` (never before `start`). */
export function nearDueAt(start: number, deadline: number, rule: NearDueRule): number | undefined {
  const candidates: number[] = [];
  if (rule.fraction !== undefined) candidates.push(start + Math.round(rule.fraction * (deadline - start)));
  if (rule.leadMin !== undefined) candidates.push(deadline - rule.leadMin * MINUTE_MS);
  if (candidates.length === 0) return undefined;
  const at = Math.max(start, Math.min(...candidates));
  return at < deadline ? at : undefined;
}

export function dueKey(caseId: string, kind: CaseDueKind, ref: number, round: number): string {
  return `case:${caseId}:${kind}:${ref}:${round}`;
}

const RESPOND_STATES: readonly CaseState[] = ['dispatched'];
const ASSIGN_STATES: readonly CaseState[] = ['dispatched', 'accepted'];
/** states in which the handling deadline is watched (open and not yet resolved or with the grid platform) */
export const DEADLINE_STATES: readonly CaseState[] = ['triage', 'dispatched', 'accepted', 'handling', 'returned'];

/**
 * The due items the case needs right now. Handlers schedule these after a transition (upsert by key);
 * an item that is not in this set any more is stale.
 */
export function dueItemsForCase(c: CaseRecord, policy: SlaPolicy = DEFAULT_SLA_POLICY): DueItem[] {
  const items: DueItem[] = [];
  const k = c.clocks;
  const item = (kind: CaseDueKind, dueAt: number, ref: number, round: number): DueItem => ({
    key: dueKey(c.id, kind, ref, round),
    kind,
    caseId: c.id,
    dueAt,
    ref,
    round,
  });
  if (RESPOND_STATES.includes(c.state) && k.dispatchedAt !== undefined && k.respondBy !== undefined) {
    items.push(item('respond', k.respondBy, k.dispatchedAt, 0));
  }
  if (ASSIGN_STATES.includes(c.state) && k.dispatchedAt !== undefined && k.assignBy !== undefined) {
    items.push(item('assign', k.assignBy, k.dispatchedAt, 0));
  }
  if (DEADLINE_STATES.includes(c.state) && k.deadline !== undefined && c.flags.overdue?.deadline !== k.deadline) {
    const start = k.startedAt ?? k.dispatchedAt ?? c.createdAt;
    const warnAt = nearDueAt(start, k.deadline, policy.nearDue);
    if (warnAt !== undefined) items.push(item('nearDue', warnAt, k.deadline, c.reworkCount));
    items.push(item('overdue', k.deadline, k.deadline, c.reworkCount));
  }
  return items;
}

export type DueOutcome =
  | { run: false; reason: 'notYetDue' | 'stale' }
  /** warnings are effects only (the case does not change); `event` must go through `transition` as the system */
  | { run: true; effects: Effect[]; event?: CaseEvent };

/**
 * What a due item means for the case now. Pure. Items the case no longer needs (it moved on, the deadline
 * was extended, it closed, the overdue flag is already set for this deadline) are stale and do nothing.
 * Warnings change nothing on the case; their notifications carry `dedupeKey` = item key, so a re-delivered
 * item notifies once. The overdue item yields the `markOverdue` event, whose guard makes a second run a no-op.
 */
export function onDue(c: CaseRecord, item: DueItem, now: number, policy: SlaPolicy = DEFAULT_SLA_POLICY): DueOutcome {
  if (now < item.dueAt) return { run: false, reason: 'notYetDue' };
  if (!dueItemsForCase(c, policy).some((d) => d.key === item.key)) return { run: false, reason: 'stale' };
  if (item.kind === 'overdue') return { run: true, effects: [], event: { type: 'markOverdue' } };

  const warn = (template: TemplateKey, to: Recipient[], what: string): Effect[] => [
    ...to.map((r): Effect => ({
      type: 'notify',
      to: r,
      template,
      data: { caseId: c.id, due: formatBusiness(item.dueAt) },
      dedupeKey: `${item.key}:${r.kind}`,
    })),
    {
      type: 'log',
      entry: {
        subject: 'case',
        caseId: c.id,
        event: `due:${item.kind}`,
        what,
        by: { id: 'system', name: '系统' },
        role: 'system',
        at: now,
        version: c.version,
        data: { key: item.key, dueAt: item.dueAt },
      },
    },
  ];
  const street = c.streetId;
  switch (item.kind) {
    case 'respond':
      return {
        run: true,
        effects: warn('respondOverdue', [...(street ? [{ kind: 'streetLeaders', streetId: street } as Recipient] : []), { kind: 'command' }], `派单超过${policy.respondMin}分钟未签收`),
      };
    case 'assign':
      return {
        run: true,
        effects: warn('assignOverdue', [...(street ? [{ kind: 'streetLeaders', streetId: street } as Recipient] : []), { kind: 'command' }], `派单超过${policy.assignMin}分钟未分派到人`),
      };
    case 'nearDue': {
      const to: Recipient[] = c.assignee
        ? [{ kind: 'staff', staffId: c.assignee.staffId }]
        : street
          ? [{ kind: 'streetHandlers', streetId: street }]
          : [{ kind: 'command' }];
      return { run: true, effects: warn('nearDue', to, `即将到期（期限 ${formatBusiness(c.clocks.deadline ?? item.ref)}）`) };
    }
    default:
      return { run: false, reason: 'stale' };
  }
}
