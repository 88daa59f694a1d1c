/** `api`: every user action of the mini-program, one envelope. */
import { dispatch, registry, type ApiEvent } from '../../shared/actions';
import { whoami, bindInvite } from './account';

export const actions = registry(whoami, bindInvite);

export async function main(event: ApiEvent) {
  return dispatch(actions, event);
}
