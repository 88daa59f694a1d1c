/**
 * Organisation data (streets, communities, categories, departments, city units, staff directory, rota,
 * standing rules, channels) as stored in collections and edited by administrators. Loaded once per warm
 * instance and kept for a short time: it changes rarely, and user actions must stay within a few DB
 * round trips. Writers call `invalidateOrg()` after changing it.
 */
import type { CityUnit, Category, Channel, Community, Department, District, OrgData, RotaEntry, Staff, StandingRule, Street } from '@domain/org/org-types';
import { logSkipped, readChecked, type Skipped } from './repos/org';

export interface Org extends OrgData {
  staff: Staff[];
  rota: RotaEntry[];
  channels: Channel[];
  /** documents left out because they fail their schema or cannot be decoded (admin.health) */
  skipped: Skipped[];
  loadedAt: number;
  byId: {
    street: Map<string, Street>;
    community: Map<string, Community>;
    category: Map<string, Category>;
    dept: Map<string, Department>;
    cityUnit: Map<string, CityUnit>;
    staff: Map<string, Staff>;
  };
}

const TTL_MS = 60_000;
let cached: Org | null = null;
let loading: Promise<Org> | null = null;

/**
 * Every document is checked against its domain schema (org-docs.ts); a bad or undecodable one is skipped, counted
 * in `skipped` (listed by admin.health) and logged once per load: one bad record never takes the API down.
 */
/** The reference collections (what `meta.bootstrap` needs), read and checked; categories in their order. */
async function readReference(): Promise<{ ref: Omit<Reference, 'loadedAt'>; skipped: Skipped[] }> {
  const reads = await Promise.all([
    readChecked<District>('districts'),
    readChecked<Street>('streets'),
    readChecked<Community>('communities'),
    readChecked<Category>('categories'),
    readChecked<Department>('departments'),
    readChecked<CityUnit>('cityUnits'),
  ] as const);
  const [districts, streets, communities, categories, departments, cityUnits] = reads.map((r) => r.docs) as [District[], Street[], Community[], Category[], Department[], CityUnit[]];
  categories.sort((a, b) => a.sort - b.sort);
  return { ref: { district: districts[0], streets, communities, categories, departments, cityUnits }, skipped: reads.flatMap((r) => r.skipped) };
}

async function load(): Promise<Org> {
  const [reference, ...reads] = await Promise.all([
    readReference(),
    readChecked<StandingRule>('standingRules'),
    readChecked<Staff>('staff'),
    readChecked<RotaEntry>('rota'),
    readChecked<Channel>('channels'),
  ] as const);
  const { district, streets, communities, categories, departments, cityUnits } = reference.ref;
  const [rules, staff, rota, channels] = reads.map((r) => r.docs) as [StandingRule[], Staff[], RotaEntry[], Channel[]];
  const skipped = [...reference.skipped, ...reads.flatMap((r) => r.skipped)];
  logSkipped('org', skipped);
  const index = <T extends { _id: string }>(xs: T[]) => new Map(xs.map((x) => [x._id, x]));
  return {
    district,
    streets,
    communities,
    categories,
    departments,
    cityUnits,
    rules: rules.filter((r) => r.active),
    staff,
    rota,
    channels,
    skipped,
    loadedAt: Date.now(),
    byId: {
      street: index(streets),
      community: index(communities),
      category: new Map(categories.map((c) => [c.code, c])),
      dept: index(departments),
      cityUnit: index(cityUnits),
      staff: index(staff),
    },
  };
}

export async function getOrg(): Promise<Org> {
  if (cached && Date.now() - cached.loadedAt < TTL_MS) return cached;
  if (!loading) {
    loading = load()
      .then((org) => (cached = org))
      .finally(() => {
        loading = null;
      });
  }
  return loading;
}

export function invalidateOrg(): void {
  cached = null;
  cachedRef = null;
}

/** The reference part of the org (what every screen needs at start): no staff directory, rota, rules or channels. */
export type Reference = Pick<Org, 'district' | 'streets' | 'communities' | 'categories' | 'departments' | 'cityUnits'>;
let cachedRef: (Reference & { loadedAt: number }) | null = null;
let loadingRef: Promise<Reference & { loadedAt: number }> | null = null;

/**
 * The reference data alone, cached like the org: a first request on a fresh instance reads six small collections,
 * not the directory of thousands of cadres (`meta.bootstrap`). A cached full org serves it as well.
 */
export async function getReference(): Promise<Reference> {
  if (cached && Date.now() - cached.loadedAt < TTL_MS) return cached;
  if (cachedRef && Date.now() - cachedRef.loadedAt < TTL_MS) return cachedRef;
  if (!loadingRef) {
    loadingRef = (async () => {
      const { ref, skipped } = await readReference();
      logSkipped('org', skipped);
      return { ...ref, loadedAt: Date.now() };
    })()
      .then((ref) => (cachedRef = ref))
      .finally(() => {
        loadingRef = null;
      });
  }
  return loadingRef;
}

/** Display name of a department, sub-unit or city unit. */
export function unitName(org: Org, id: string | undefined): string | undefined {
  if (!id) return undefined;
  return org.byId.dept.get(id)?.fullName ?? org.byId.cityUnit.get(id)?.name ?? org.byId.street.get(id)?.name;
}
