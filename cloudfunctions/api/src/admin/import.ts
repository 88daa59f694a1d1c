/**
 * admin.org.import — a district's organisation from its own files (src/domain/org/import, docs/ORG-IMPORT.md).
 * `apply: false` is the dry run: the validation report or what would change per collection. `apply: true` writes
 * the changes through `writeAudited` (every document with its audit line), in transactions of at most
 * `CHUNK` documents, and hands back the invite codes of new people as CSV. A malformed file changes nothing.
 * Re-running the same files changes nothing (stable ids, unchanged documents are not written).
 */
import { randomInt } from 'node:crypto';
import { implement } from '../../../common/actions';
import { contract } from '@domain/contract';
import { diffImport, invitesCsv, parseImport, type StoredOrg } from '@domain/org/import/org-import';
import { CODE_ALPHABET, allDocs, freshOrg, writeAudited } from './common';

/** documents per transaction (each also writes its audit line) */
const CHUNK = 50;

async function storedOrg(): Promise<StoredOrg> {
  const org = await freshOrg();
  const [staff, grids] = await Promise.all([allDocs<StoredOrg['staff'][number]>('staff'), allDocs<StoredOrg['grids'][number]>('grids')]);
  return {
    districts: org.district ? [org.district] : [],
    streets: org.streets,
    communities: org.communities,
    departments: org.departments,
    cityUnits: org.cityUnits,
    categories: org.categories,
    standingRules: org.rules,
    grids,
    rota: org.rota,
    staff,
  };
}

/** `n` fresh invite codes, unique among themselves and every stored code (one read instead of one per code). */
function inviteCodes(n: number, taken: Set<string>): string[] {
  const out: string[] = [];
  while (out.length < n) {
    let code = '';
    for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (taken.has(code)) continue;
    taken.add(code);
    out.push(code);
  }
  return out;
}

export const orgImport = implement(contract['admin.org.import'], {
  async handler({ files, apply }, { caller, clock }) {
    const stored = await storedOrg();
    const parsed = parseImport(files, stored);
    if (!parsed.ok) return { ok: false as const, applied: false, errors: parsed.errors, warnings: parsed.warnings };
    const plan = diffImport(parsed.org, stored);
    const summary = plan.collections;
    if (!apply || !plan.writes.length) return { ok: true as const, applied: false, errors: [], warnings: parsed.warnings, summary, writes: plan.writes.length };
    const taken = new Set(stored.staff.map((s) => s.inviteCode).filter((c): c is string => typeof c === 'string'));
    const needing = plan.writes.filter((w) => w.invite);
    const codes = inviteCodes(needing.length, taken);
    const invites = needing.map((w, i) => {
      w.after!.inviteCode = codes[i];
      return { name: String(w.after!.name), phone: String(w.after!.phone), unitName: String(w.after!.unitName ?? ''), inviteCode: codes[i] };
    });
    const now = clock.now();
    for (let i = 0; i < plan.writes.length; i += CHUNK) {
      const chunk = plan.writes.slice(i, i + CHUNK).map((w) => ({ coll: w.coll, id: w.id, after: w.after }));
      await writeAudited(caller, 'admin.org.import', `导入组织架构（第 ${i / CHUNK + 1} 批，共 ${Math.ceil(plan.writes.length / CHUNK)} 批）`, chunk, now);
    }
    return { ok: true as const, applied: true, errors: [], warnings: parsed.warnings, summary, writes: plan.writes.length, invitesCsv: invites.length ? invitesCsv(invites) : null, invites: invites.length };
  },
});
