import type { OrgData } from '../org-types';
import { CATEGORIES } from './categories';
import { CHANNELS, SUBSCRIBE_TEMPLATES } from './channels';
import { COMMUNITIES, GRIDS } from './communities';
import { CITY_UNITS, DEPARTMENTS } from './departments';
import { ROTA } from './rota';
import { STANDING_RULES } from './rules';
import { STAFF } from './staff';
import { DISTRICT, STREETS } from './streets';

export { CATEGORIES, CHANNELS, SUBSCRIBE_TEMPLATES, COMMUNITIES, GRIDS, CITY_UNITS, DEPARTMENTS, ROTA, STANDING_RULES, STAFF, DISTRICT, STREETS };
export { EXAMPLE_STANDING_RULE } from './rules';
export type { SubscribeTemplateKey } from './channels';

/**
 * The Gulou seed, keyed by suggested collection name. Every record has a stable `_id`:
 * seeding is an upsert by `_id`, so running it twice changes nothing.
 */
export const GULOU_SEED = {
  districts: [DISTRICT],
  streets: STREETS,
  communities: COMMUNITIES,
  grids: GRIDS,
  departments: DEPARTMENTS,
  cityUnits: CITY_UNITS,
  staff: STAFF,
  categories: CATEGORIES,
  rota: ROTA,
  standingRules: STANDING_RULES,
  channels: CHANNELS,
};

export type SeedCollection = keyof typeof GULOU_SEED;

/** The seed as routing input. */
export const GULOU_ORG: OrgData = {
  district: DISTRICT,
  streets: STREETS,
  communities: COMMUNITIES,
  categories: CATEGORIES,
  departments: DEPARTMENTS,
  cityUnits: CITY_UNITS,
  rules: STANDING_RULES,
};
