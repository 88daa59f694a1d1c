/** Call actions (一线呼叫 → 一线报到): acknowledge, check in, record, consult, rate, cancel; the department's queries. */
import type { ActionDef } from '../../../common/actions';
import { callMutations } from './actions';
import { callQueries } from './queries';

export const callActions: ActionDef<any, any>[] = [...callMutations, ...callQueries];
