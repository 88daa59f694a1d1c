/**
 * The `staff` collection where it is not org data: who the caller is (by the OPENID of WeChat's context) and
 * binding a WeChat account to a staff record through its invite code (one transaction, so two people racing for
 * one code cannot both win). The directory itself is read with the org (repos/org.ts).
 */
import { database, type Database } from '../sdk';
import type { PageCursor } from '@domain/common/page-cursor';
import { countOf, keysetPage, type KeysetPage } from './paging';
import { docById, plain } from './read';

const COLL = 'staff';

/** The staff record bound to this openid, or null. */
export async function staffByOpenid<T>(openid: string): Promise<T | null> {
  const res = await database().collection(COLL).where({ openid }).limit(1).get();
  return res.data[0] ? plain<T>(res.data[0]) : null;
}

/** The staff record holding this invite code, or null. */
export async function staffByInviteCode<T>(inviteCode: string): Promise<T | null> {
  const res = await database().collection(COLL).where({ inviteCode }).limit(1).get();
  return res.data[0] ? plain<T>(res.data[0]) : null;
}

/**
 * Bind `openid` to staff record `id` if it still holds `inviteCode` and no openid (the code is spent). Returns the
 * record as it was, or null when someone else bound it first.
 */
export async function bindStaff<T extends { openid?: string; inviteCode?: string }>(id: string, inviteCode: string, openid: string): Promise<T | null> {
  const db = database();
  return db.runTransaction(async (tx: Database) => {
    const snap = await tx.collection(COLL).doc(id).get();
    const doc = snap.data as T;
    if (doc.openid || doc.inviteCode !== inviteCode) return null;
    await tx.collection(COLL).doc(id).update({ data: { openid, inviteCode: db.command.remove() } });
    return plain<T>(doc);
  });
}

/** One page of the directory matching `where`, by id. */
export function staffPage<T extends { _id: string }>(where: Record<string, unknown>, cursor: PageCursor | undefined, limit: number): Promise<KeysetPage<T>> {
  return keysetPage<T>(COLL, where, null, cursor, limit);
}

/** Exact number of staff records matching `where`. */
export function countStaff(where: Record<string, unknown>): Promise<number> {
  return countOf(COLL, where);
}

/** One staff record by id, or null. */
export function findStaff<T>(id: string): Promise<T | null> {
  return docById<T>(COLL, id);
}
