/** Seeds a test cloud with the Gulou organisation (the same documents `npm run seed` writes), dev openids bound. */
import type { LocalCloud } from '../../local';
import { seedDocuments } from '../../scripts/seed-data';

export function seedOrg(cloud: LocalCloud, scale: 'gulou' | 'large' = 'gulou'): void {
  for (const [coll, docs] of Object.entries(seedDocuments({ withDevOpenids: true, scale }))) {
    if (docs.length) cloud.store.insert(coll, docs as never);
  }
}

/** the dev openid of a seeded staff member */
export const dev = (staffId: string) => `dev-${staffId}`;
/** A Shanghai wall-clock moment in 2026 (month, day, hour, minute) as epoch ms. */
export const at = (m: number, d: number, h: number, min = 0) =>
  Date.parse(`2026-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}:00+08:00`);
