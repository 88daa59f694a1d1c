/** The case action bar: which buttons, in which order, for the events the server says are available. */
import type { CaseEventType } from '@domain/case/case-events'
import { CASE_EVENT_LABELS } from '@domain/case/case-events'

/** Handler-side events with a button, in the order they appear. Other events (verify, rate…) belong to other modes. */
export const HANDLER_ACTIONS = ['accept', 'assign', 'note', 'call', 'extend', 'flagHard', 'return', 'resolve'] as const
export type HandlerAction = (typeof HANDLER_ACTIONS)[number]

const SHORT_LABELS: Partial<Record<HandlerAction, string>> = {
  assign: '指派',
  flagHard: '标记疑难',
}

export function actionLabel(a: HandlerAction): string {
  return SHORT_LABELS[a] ?? CASE_EVENT_LABELS[a]
}

/** Only the events in `available`, in the bar's order. */
export function visibleActions(available: readonly CaseEventType[]): HandlerAction[] {
  return HANDLER_ACTIONS.filter((a) => available.includes(a))
}

/** The primary action (filled button): what moves the case forward now (指派 only while nobody has it). */
export function primaryAction(actions: HandlerAction[], assigned = false): HandlerAction | undefined {
  const order: HandlerAction[] = assigned ? ['accept', 'resolve'] : ['accept', 'assign', 'resolve']
  return order.find((a) => actions.includes(a))
}
