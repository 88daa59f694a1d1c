import { AppError, Errors } from './errors';

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
  // Unexpected: log for the operator, never leak internals to the caller.
  console.error('[internal]', err);
  const e = Errors.internal();
  return { code: e.code, message: e.message };
}
