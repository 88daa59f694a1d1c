/** `api`: every user action of the mini-program, one envelope. Each area registers its actions in its own index. */
import { dispatch, registry, type ApiEvent } from '../../common/actions';
import { whoami, bindInvite } from './account';
import { caseActions } from './cases';
import { callActions } from './calls';
import { adminActions } from './admin';
import { statsActions } from './stats';
import { metaActions } from './meta';
import { channelActions } from './channels';
import { geoActions } from './geo';

export const actions = registry(whoami, bindInvite, ...caseActions, ...callActions, ...adminActions, ...statsActions, ...metaActions, ...channelActions, ...geoActions);

export async function main(event: ApiEvent) {
  return dispatch(actions, event);
}
