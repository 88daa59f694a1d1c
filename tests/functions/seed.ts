/** Seeds a test cloud with the Gulou organisation (the same documents `npm run seed` writes), dev openids bound. */
import type { LocalCloud } from '../../local';
import { seedDocuments } from '../../scripts/seed-data';

export function seedOrg(cloud: LocalCloud): void {
  for (const [coll, docs] of Object.entries(seedDocuments({ withDevOpenids: true }))) {
    if (docs.length) cloud.store.insert(coll, docs as never);
  }
}

/** the dev openid of a seeded staff member */
export const dev = (staffId: string) => `dev-${staffId}`;
