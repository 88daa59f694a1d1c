/**
 * What every administration action shares: fresh org data for validation, and writing a record
 * together with its audit line (`adminLog`: who, what, when, before/after) in one transaction.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Caller } from '../../../common/identity';
import { getOrg, invalidateOrg, type Org } from '../../../common/org';
import { allDocs, inviteCodeTaken, writeInTransaction } from '../../../common/repos/org';
import { AppError } from '../../../common/errors';
import { ORG_COLLECTIONS, docProblem, isOrgCollection } from '@domain/org/org-docs';
import type { AuditLine } from '@domain/contract';

/** One line of the administration log: the contract's type (`admin.log.list`). */
export type { AuditLine };

/** Org data as stored right now (drops this instance's cache first: admin writes must validate against fresh data). */
export async function freshOrg(): Promise<Org> {
  invalidateOrg();
  return getOrg();
}

export { allDocs };

export function invalid(message: string, path?: string): AppError {
  return new AppError('INVALID_INPUT', path ? `${message}（${path}）` : message);
}

// Codes people type from a message: no 0/O or 1/I look-alikes; still within [A-Z0-9].
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A fresh 8-character invite code that no staff record holds. */
export async function newInviteCode(): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    let code = '';
    for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (!(await inviteCodeTaken(code))) return code;
  }
  throw new AppError('INTERNAL', '生成邀请码失败，请重试');
}

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** Secrets and identifiers are not copied into the audit trail. */
function forLog(doc: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!doc) return null;
  const out = { ...doc };
  if (typeof out.openid === 'string') out.openid = '（已绑定）';
  if (typeof out.inviteCode === 'string') out.inviteCode = '（已签发）';
  return out;
}

export type { AdminWrite } from '../../../common/repos/org';
import type { AdminWrite } from '../../../common/repos/org';

/**
 * Valid by construction: a whole new org document must pass its domain schema (org-docs.ts) before anything is
 * written. The first problem is the caller's INVALID_INPUT message.
 */
export function checkOrgWrite(w: AdminWrite): void {
  if (!w.after || w.patch || !isOrgCollection(w.coll)) return;
  const problem = docProblem(w.coll, { _id: w.id, ...w.after });
  if (problem) throw new AppError('INVALID_INPUT', `${ORG_COLLECTIONS[w.coll].label}数据不合规：${problem}`);
}

/**
 * Write documents and one audit line per document in one transaction, then drop this instance's org cache.
 * Other warm instances keep theirs for up to 60 s (org.ts TTL). Returns the documents as they were before.
 */
export async function writeAudited(caller: Caller, action: string, what: string, writes: AdminWrite[], now: number): Promise<Array<Record<string, unknown> | null>> {
  for (const w of writes) checkOrgWrite(w);
  const befores = await writeInTransaction(writes, (w, before) => ({
    at: now,
    action,
    by: { staffId: caller.staff?._id ?? null, name: caller.staff?.name ?? null },
    coll: w.coll,
    subjectId: w.id,
    what,
    before: forLog(before),
    after: forLog(w.patch ? { ...(before ?? { _id: w.id }), ...w.patch } : w.after ? { _id: w.id, ...w.after } : null),
  }));
  invalidateOrg();
  return befores as Array<Record<string, unknown> | null>;
}
