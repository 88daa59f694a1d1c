/**
 * Which cases each list of the street's inbox holds (one rule for the server's queries, its counters and the screens).
 * Tabs hold what they say: 待签收 only cases dispatched and not yet accepted; 办理中 from 签收 to 核查; 已办结 every
 * closed one. The counters above them (逾期, 疑难) are filters of the open cases.
 */
import { STATE_LIST, isOpen, type CaseRecord, type CaseState } from './case-types';

export type InboxTabKey = 'todo' | 'doing' | 'done';
export type InboxFilterKey = 'overdue' | 'hard';
export type InboxListKey = InboxTabKey | InboxFilterKey;

export const INBOX_TAB_STATES: Record<InboxTabKey, readonly CaseState[]> = {
  todo: ['dispatched'],
  doing: ['accepted', 'handling', 'resolved'],
  done: STATE_LIST.filter((s) => !isOpen(s)),
};

export const INBOX_LIST_LABELS: Record<InboxListKey, string> = { todo: '待签收', doing: '办理中', done: '已办结', overdue: '逾期', hard: '疑难' };

/** Overdue: open, and flagged overdue or past its deadline while not yet handled. */
export function isOverdueCase(c: Pick<CaseRecord, 'state' | 'flags' | 'clocks'>, now: number): boolean {
  return isOpen(c.state) && (!!c.flags?.overdue || (c.clocks?.deadline !== undefined && c.state !== 'resolved' && now > c.clocks.deadline));
}

/** Whether a case belongs in an inbox list at `now`. */
export function inInboxList(key: InboxListKey, c: Pick<CaseRecord, 'state' | 'flags' | 'clocks'>, now: number): boolean {
  if (key === 'overdue') return isOverdueCase(c, now);
  if (key === 'hard') return isOpen(c.state) && !!c.flags?.hard;
  return INBOX_TAB_STATES[key].includes(c.state);
}
