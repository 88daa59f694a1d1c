/** Call actions (一线呼叫 → 一线报到): acknowledge, check in, record, consult, rate. */
import type { ActionDef } from '../../../shared/actions';

export const callActions: ActionDef<any, any>[] = [];
