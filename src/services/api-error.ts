/**
 * The error every cloud call rejects with. `code` is the envelope's code (e.g. 'FORBIDDEN'),
 * or 'NETWORK' when the call never got an answer; `message` is Chinese and safe to show to the user;
 * `details` is what the server attached to the refusal (e.g. `{ conflicts }` of RULE_OVERLAP), as sent.
 */
export class ApiError extends Error {
  readonly code: string
  readonly details?: unknown

  constructor(code: string, message: string, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    if (details !== undefined) this.details = details
    // Keep instanceof working when compiled to ES5 classes.
    Object.setPrototypeOf(this, ApiError.prototype)
  }
}

export const NETWORK_MESSAGE = '网络异常，请稍后重试'
export const BAD_ANSWER_MESSAGE = '服务返回异常，请稍后重试'

export function networkError(): ApiError {
  return new ApiError('NETWORK', NETWORK_MESSAGE)
}

/** The answer of the `api` function: `{ code: 0, data }` or `{ code: 'SOME_CODE', message, details? }`. */
export type Envelope<T> = { code: 0; data: T } | { code: string; message?: string; details?: unknown }

/** Turns an envelope into its data, or throws the ApiError it carries. */
export function unwrapEnvelope<T>(answer: unknown): T {
  if (!answer || typeof answer !== 'object' || !('code' in answer)) {
    throw new ApiError('BAD_RESPONSE', BAD_ANSWER_MESSAGE)
  }
  const envelope = answer as { code: unknown; data?: unknown; message?: unknown; details?: unknown }
  if (envelope.code === 0) return envelope.data as T
  const code = typeof envelope.code === 'string' && envelope.code ? envelope.code : String(envelope.code)
  const message = typeof envelope.message === 'string' && envelope.message ? envelope.message : '操作失败，请稍后重试'
  throw new ApiError(code, message, envelope.details)
}
