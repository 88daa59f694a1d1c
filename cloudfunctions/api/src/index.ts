/** `api`: every user action of the mini-program, one envelope. */
import { dispatch, registry, type ApiEvent } from '../../shared/actions';
import { whoami, bindInvite } from './account';
import { report, suggestCategory } from './cases/intake';
import { accept } from './cases/handling';

export const actions = registry(whoami, bindInvite, report, suggestCategory, accept);

export async function main(event: ApiEvent) {
  return dispatch(actions, event);
}
