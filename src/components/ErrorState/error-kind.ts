/** What an error means for the next step (pure: easy to test). */
export type ErrorKind = 'notFound' | 'forbidden' | 'network' | 'failed'

/** The kind of an error code (the API's envelope code, or NETWORK when no answer came). */
export function errorKindOf(code: string | undefined): ErrorKind {
  if (!code) return 'failed'
  if (code === 'NETWORK' || code === 'TIMEOUT' || code === 'BAD_RESPONSE' || code === 'INTERNAL' || code === 'RATE_LIMITED') return 'network'
  if (code === 'NOT_FOUND' || code.endsWith('_NOT_FOUND') || code === 'MISSING_ID') return 'notFound'
  if (code === 'FORBIDDEN' || code.endsWith('_FORBIDDEN') || code === 'UNAUTHENTICATED' || code === 'NOT_BOUND') return 'forbidden'
  return 'failed'
}

export const ERROR_TITLES: Record<ErrorKind, string> = {
  notFound: '没有找到',
  forbidden: '无权查看',
  network: '网络或服务暂时不可用',
  failed: '加载失败',
}

/** Retrying helps only when the failure may pass (not for "not found" or "not allowed"). */
export const retryHelps = (kind: ErrorKind): boolean => kind === 'network' || kind === 'failed'

/** The code carried by an error thrown by callApi (ApiError), if any. */
export function codeOf(err: unknown): string | undefined {
  const c = (err as { code?: unknown } | null)?.code
  return typeof c === 'string' ? c : undefined
}
