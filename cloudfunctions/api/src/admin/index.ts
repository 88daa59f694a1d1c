/** Administration actions: categories, staff and invite codes, org, rota, standing rules, and their audit trail. */
import type { ActionDef } from '../../../common/actions';
import { categoriesList, categoriesSave } from './categories';
import { orgList } from './org';
import { orgImport } from './import';
import { staffInvite, staffList, staffSave, staffUnbind } from './staff';
import { rotaList, rotaSave } from './rota';
import { rulesDeactivate, rulesHistory, rulesList, rulesOverlaps, rulesSave } from './rules';
import { adminLogList } from './log';
import { healthList, healthRemove, healthRepair } from './health';

export const adminActions: ActionDef<any, any>[] = [
  categoriesList,
  categoriesSave,
  orgList,
  orgImport,
  staffList,
  staffSave,
  staffInvite,
  staffUnbind,
  rotaList,
  rotaSave,
  rulesList,
  rulesSave,
  rulesDeactivate,
  rulesHistory,
  rulesOverlaps,
  adminLogList,
  healthList,
  healthRemove,
  healthRepair,
];
