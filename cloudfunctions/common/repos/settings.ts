/**
 * The `settings` collection: one document per setting or marker (`kpi.targets`, `assessment.formula`, migration
 * markers, the health notes of repos/read.ts).
 */
import { database } from '../sdk';
import { docById } from './read';

const COLL = 'settings';

/** One settings document, or null. */
export function setting<T>(id: string): Promise<T | null> {
  return docById<T>(COLL, id);
}

/** Replace one settings document. */
export async function putSetting(id: string, data: Record<string, unknown>): Promise<void> {
  await database().collection(COLL).doc(id).set({ data });
}
