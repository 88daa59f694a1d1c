/**
 * The filter vocabulary of the repositories: the SDK's query operators (`ops()`: in, gt, lt, exists, and, or, …)
 * and the visibility rule of `@domain/access` as a filter. Handlers describe what they want with these; the
 * repositories name the collections, order, page and read.
 */
import type { RowFilter } from '@domain/access';
import { database, type Database } from '../sdk';

/** The SDK's query operators (`db.command`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function ops(db: Database = database()): any {
  return db.command;
}

/** A filter matching strings that contain `text` (taken literally). */
export function containing(text: string): unknown {
  return database().RegExp({ regexp: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') });
}

/** The visibility rule as a where clause for the SDK (null: matches nothing). */
export function whereOf(f: RowFilter): Record<string, unknown> | null {
  if (f.all) return {};
  if (f.anyOf.length === 0) return null;
  if (f.anyOf.length === 1) return f.anyOf[0];
  return ops().or(f.anyOf) as Record<string, unknown>;
}

/** `where` narrowed to what `f` allows (null: nothing). */
export function andVisible(where: Record<string, unknown>, f: RowFilter): Record<string, unknown> | null {
  const v = whereOf(f);
  if (v === null) return null;
  if (f.all) return where;
  // `where` already inside one allowed clause (e.g. the inbox's own street): the rule adds nothing, and the query
  // stays a plain conjunction an index can serve whole (counts included)
  if (f.anyOf.some((clause) => Object.entries(clause).every(([k, val]) => where[k] === val))) return where;
  return ops().and([where, v]) as Record<string, unknown>;
}
