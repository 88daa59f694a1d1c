/**
 * The `rateLimits` collection: the window and back-off documents of common/rate-limit.ts (which holds how they are
 * counted; the rules themselves are in @domain/common/rate.limits). Each function is one request; conditions and
 * increments are written with the operators of repos/filters.ts (`ops()`).
 */
import { database } from '../sdk';
import { docById } from './read';

export const RATE_LIMITS_COLLECTION = 'rateLimits';

/** One document by id, or null. */
export function rateDoc<T>(id: string): Promise<T | null> {
  return docById<T>(RATE_LIMITS_COLLECTION, id);
}

/** Add a document (`data._id` its id); throws the SDK's duplicate-key error when the id exists. */
export async function addRateDoc(data: Record<string, unknown>): Promise<void> {
  await database().collection(RATE_LIMITS_COLLECTION).add({ data });
}

/** A conditional update of the documents matching `where`; how many it changed. */
export async function updateRateDocs(where: Record<string, unknown>, data: Record<string, unknown>): Promise<number> {
  return (await database().collection(RATE_LIMITS_COLLECTION).where(where).update({ data })).stats.updated;
}

/** Remove the documents matching `where`; how many went. */
export async function removeRateDocs(where: Record<string, unknown>): Promise<number> {
  const res = await database().collection(RATE_LIMITS_COLLECTION).where(where).remove();
  return (res as { stats?: { removed?: number } }).stats?.removed ?? 0;
}
