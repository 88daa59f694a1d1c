/**
 * Organisation data (streets, communities, categories, departments, city units, staff directory, rota,
 * standing rules, channels) as stored in collections and edited by administrators. Loaded once per warm
 * instance and kept for a short time: it changes rarely, and user actions must stay within a few DB
 * round trips. Writers call `invalidateOrg()` after changing it.
 */
import type { CityUnit, Category, Channel, Community, Department, District, OrgData, RotaEntry, Staff, StandingRule, Street } from '@domain/org/org.types';
import { database } from './sdk';
import { plain } from './repo';

export interface Org extends OrgData {
  staff: Staff[];
  rota: RotaEntry[];
  channels: Channel[];
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

async function all<T>(name: string): Promise<T[]> {
  const out: T[] = [];
  const col = database().collection(name);
  for (;;) {
    const res = await col.skip(out.length).limit(1000).get();
    out.push(...plain<T[]>(res.data));
    if (res.data.length < 1000) return out;
  }
}

async function load(): Promise<Org> {
  const [districts, streets, communities, categories, departments, cityUnits, rules, staff, rota, channels] = await Promise.all([
    all<District>('districts'),
    all<Street>('streets'),
    all<Community>('communities'),
    all<Category>('categories'),
    all<Department>('departments'),
    all<CityUnit>('cityUnits'),
    all<StandingRule>('standingRules'),
    all<Staff>('staff'),
    all<RotaEntry>('rota'),
    all<Channel>('channels'),
  ]);
  categories.sort((a, b) => a.sort - b.sort);
  const index = <T extends { _id: string }>(xs: T[]) => new Map(xs.map((x) => [x._id, x]));
  return {
    district: districts[0],
    streets,
    communities,
    categories,
    departments,
    cityUnits,
    rules: rules.filter((r) => r.active),
    staff,
    rota,
    channels,
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
}

/** Display name of a department, sub-unit or city unit. */
export function unitName(org: Org, id: string | undefined): string | undefined {
  if (!id) return undefined;
  return org.byId.dept.get(id)?.fullName ?? org.byId.cityUnit.get(id)?.name ?? org.byId.street.get(id)?.name;
}
