/**
 * 数据健康: the stored org records the system leaves out because they fail their domain schema or cannot be
 * decoded (org.ts skips them instead of failing every request), the cases and calls a read found undecodable
 * (listed until they decode again), and removing an org record from the app. Reads avoid the
 * geometry of a bad record (common/repos/read.ts), so a record the SDK cannot decode can still be listed and removed.
 * A case or call is never deleted from here: `admin.health.repair` clears the geometry the SDK cannot decode (the
 * case keeps its address, street and community), audited in the administration log.
 */
import { ORG_COLLECTIONS, type OrgCollection } from '@domain/org/org-docs';
import { implement } from '../../../common/actions';
import { contract } from '@domain/contract';
import { appendAudit, readChecked, type Skipped } from '../../../common/repos/org';
import { clearGeometry, undecodableNoted } from '../../../common/repos/read';
import { AppError } from '../../../common/errors';
import { freshOrg, writeAudited } from './common';
import { assertRoutingAuthority } from './rules';

const COLLS = Object.keys(ORG_COLLECTIONS) as [OrgCollection, ...OrgCollection[]];
/** cases and calls the SDK could not decode, noted by the reads that met them (repos/read.ts) */
const RECORD_LABELS: Record<string, string> = { cases: '事项', calls: '呼叫' };

function nameOf(s: Skipped): string {
  const d = s.doc ?? {};
  const pick = (k: string) => (typeof d[k] === 'string' && d[k] ? (d[k] as string) : undefined);
  return pick('title') ?? pick('name') ?? pick('code') ?? pick('categoryCode') ?? s.id;
}

function itemOf(s: Skipped) {
  const d = s.doc ?? {};
  return {
    coll: s.coll,
    collLabel: ORG_COLLECTIONS[s.coll as OrgCollection]?.label ?? RECORD_LABELS[s.coll] ?? s.coll,
    id: s.id,
    name: nameOf(s),
    reason: s.reason,
    /** standing rules can also be deactivated (admin.rules.deactivate) */
    active: s.coll === 'standingRules' ? d.active === true : undefined,
  };
}

export const healthList = implement(contract['admin.health'], {
  async handler(_input, { clock }) {
    const [org, records] = await Promise.all([freshOrg(), undecodableNoted()]);
    return { checkedAt: clock.now(), collections: COLLS.map((c) => ({ coll: c, label: ORG_COLLECTIONS[c].label })), items: [...org.skipped, ...records].map(itemOf) };
  },
});

export const healthRemove = implement(contract['admin.health.remove'], {
  async handler({ coll, id: docId }, { caller, clock }) {
    const { skipped } = await readChecked(coll, { _id: docId });
    const bad = skipped.find((s) => s.id === docId);
    if (!bad) throw new AppError('RECORD_VALID', '该记录不存在或格式正常，请在对应的管理页面修改');
    const now = clock.now();
    if (coll === 'standingRules') assertRoutingAuthority(caller, await freshOrg(), now, [(bad.doc as { area?: never } | undefined)?.area], 'adopt');
    await writeAudited(caller, 'admin.health.remove', `删除不合规的${ORG_COLLECTIONS[coll].label}记录「${nameOf(bad)}」：${bad.reason}`, [{ coll, id: docId, after: null, before: bad.doc ?? { _id: docId } }], now);
    return { coll, id: docId, removed: true };
  },
});

/** Geometry cleared by a repair, per collection: the points a case or call is placed by (addresses stay). */
const REPAIR_FIELDS: Record<'cases' | 'calls', string[]> = { cases: ['location.point'], calls: ['place.point', 'checkIn.location'] };

export const healthRepair = implement(contract['admin.health.repair'], {
  async handler({ coll, id: docId }, { caller, clock }) {
    const bad = (await undecodableNoted()).find((s) => s.coll === coll && s.id === docId);
    if (!bad) throw new AppError('RECORD_VALID', '该记录不存在或已能正常读取，无需修复');
    const now = clock.now();
    const stillBad = await clearGeometry(coll, docId, REPAIR_FIELDS[coll]);
    const what = `清除${RECORD_LABELS[coll]}「${nameOf(bad)}」无法解析的位置数据：${bad.reason}`;
    await appendAudit({ at: now, action: 'admin.health.repair', by: { staffId: caller.staff?._id ?? null, name: caller.staff?.name ?? null }, coll, subjectId: docId, what, before: null, after: { cleared: REPAIR_FIELDS[coll] } });
    return { coll, id: docId, cleared: REPAIR_FIELDS[coll], stillBad };
  },
});
