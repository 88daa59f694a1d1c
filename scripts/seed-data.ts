/**
 * The Gulou seed as documents per collection (from src/domain/org), with the display fields the server
 * keeps on staff records (`unitName`). Seeding is an upsert by `_id`: running it twice changes nothing.
 */
import { GULOU_SEED, CITY_UNITS, DEPARTMENTS, STREETS } from '../src/domain/org';

export function seedDocuments(opts: { withDevOpenids?: boolean } = {}): Record<string, Array<Record<string, unknown>>> {
  const unit = new Map<string, string>([
    ...STREETS.map((s) => [s._id, s.name] as [string, string]),
    ...DEPARTMENTS.map((d) => [d._id, d.fullName] as [string, string]),
    ...CITY_UNITS.map((u) => [u._id, u.name] as [string, string]),
  ]);
  const staff = GULOU_SEED.staff.map((s) => {
    const doc: Record<string, unknown> = { ...s, unitName: s.title ?? unit.get(s.deptId ?? s.streetId ?? '') ?? '鼓楼区' };
    if (!opts.withDevOpenids) delete doc.openid;
    return doc;
  });
  return { ...(GULOU_SEED as unknown as Record<string, Array<Record<string, unknown>>>), staff };
}
