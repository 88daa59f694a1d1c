import { AppError, Errors, isDuplicateKey } from './errors';

/** The one response envelope of every action. */
export type Envelope<T> = { code: 0; data: T } | { code: string; message: string; details?: unknown };

export function ok<T>(data: T): Envelope<T> {
  return { code: 0, data };
}

export function fail(err: unknown): Envelope<never> {
  if (err instanceof AppError) {
    return err.details === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, details: err.details };
  }
  // A unique key refused a write no handler expected (a record created twice at once): the caller may retry.
  if (isDuplicateKey(err)) {
    console.warn('[conflict] duplicate key', String((err as Error).message ?? err).slice(0, 300));
    const e = Errors.conflict('该记录已存在或正被同时创建，请刷新后重试');
    return { code: e.code, message: e.message };
  }
  // Unexpected: log for the operator, never leak internals to the caller.
  console.error('[internal]', err);
  const e = Errors.internal();
  return { code: e.code, message: e.message };
}
