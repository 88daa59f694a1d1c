/** Administration actions: categories, staff and invite codes, org, rota, standing rules. */
import type { ActionDef } from '../../../shared/actions';

export const adminActions: ActionDef<any, any>[] = [];
