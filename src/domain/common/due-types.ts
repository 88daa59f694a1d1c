/**
 * Timed work as data (due items). The timer function stores them with `dueAt` (indexed), drains the
 * ones that are due, and asks the owning module what happens (`onDue` for cases, `onCallDue` for calls).
 * Keys are deterministic: scheduling the same item twice is a no-op (upsert by key).
 */
export type CaseDueKind = 'respond' | 'assign' | 'nearDue' | 'overdue';
export type CallDueKind = 'checkinReminder' | 'absent' | 'noAction';
export type DueKind = CaseDueKind | CallDueKind;

export interface DueItem {
  key: string;
  kind: DueKind;
  caseId: string;
  /** set for call items */
  callId?: string;
  dueAt: number;
  /**
   * The clock value the item was derived from (dispatchedAt, deadline, meetAt). When the subject's clock
   * has moved on, the item is stale and does nothing.
   */
  ref: number;
  /** rework round the item belongs to (case deadline items), 0 otherwise */
  round: number;
}
