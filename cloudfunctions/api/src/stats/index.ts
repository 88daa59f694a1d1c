/** Analysis actions: indicators, breakdowns, trends, hotspots, drill-down, recurring problems, scores, export. */
import type { ActionDef } from '../../../shared/actions';

export const statsActions: ActionDef<any, any>[] = [];
