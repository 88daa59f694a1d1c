/**
 * The Gulou seed as documents per collection (from src/domain/org), with the display fields the server
 * keeps on staff records (`unitName`). Seeding is an upsert by `_id`: running it twice changes nothing.
 */
import { GULOU_SEED, CITY_UNITS, STREETS } from '../src/domain/org';
import { largeSeed } from '../src/domain/org/seed/large';

/**
 * `scale: 'large'`: the article's scale (`src/domain/org/seed/large.ts`: ≥ 80 departments with their three posts,
 * ≥ 4 000 cadres, ~60 communities), the Gulou seed plus generated records.
 */
export function seedDocuments(opts: { withDevOpenids?: boolean; scale?: 'gulou' | 'large' } = {}): Record<string, Array<Record<string, unknown>>> {
  const seed = opts.scale === 'large' ? largeSeed() : GULOU_SEED;
  const unit = new Map<string, string>([
    ...STREETS.map((s) => [s._id, s.name] as [string, string]),
    ...seed.departments.map((d) => [d._id, d.fullName] as [string, string]),
    ...CITY_UNITS.map((u) => [u._id, u.name] as [string, string]),
  ]);
  const staff = seed.staff.map((s) => {
    const doc: Record<string, unknown> = { ...s, unitName: s.title ?? unit.get(s.deptId ?? s.streetId ?? '') ?? '鼓楼区' };
    if (!opts.withDevOpenids) delete doc.openid;
    return doc;
  });
  return { ...(seed as unknown as Record<string, Array<Record<string, unknown>>>), staff };
}
