import { rateLimitedMessage } from '@domain/common/rate-limits';

/** An error meant for the caller: a stable code for programs and a Chinese message for people. */
export class AppError extends Error {
  constructor(public readonly code: string, message: string, public readonly details?: unknown) {
    super(message);
    this.name = 'AppError';
  }
}

export const Errors = {
  unknownAction: (action: string) => new AppError('UNKNOWN_ACTION', `不支持的操作：${action}`),
  invalidInput: (message: string, details?: unknown) => new AppError('INVALID_INPUT', message, details),
  unauthenticated: () => new AppError('UNAUTHENTICATED', '无法识别您的微信身份，请在微信中重新打开小程序'),
  forbidden: (message = '您没有权限进行此操作') => new AppError('FORBIDDEN', message),
  notFound: (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或已被删除`),
  conflict: (message = '数据已被他人更新，请刷新后重试') => new AppError('CONFLICT', message),
  internal: () => new AppError('INTERNAL', '系统繁忙，请稍后重试'),
  /** a per-user (or per-channel) limit is reached; `retryAfterSec` says when to try again */
  rateLimited: (retryAfterMs: number) =>
    new AppError('RATE_LIMITED', rateLimitedMessage(retryAfterMs), { retryAfterSec: Math.max(1, Math.ceil(retryAfterMs / 1000)) }),
  /** a photo that is not the caller's own upload in this environment, or not an image of bounded size */
  photoInvalid: (message: string) => new AppError('PHOTO_INVALID', message),
  /** a photo id that storage does not know (never uploaded, or deleted) */
  photoNotFound: () => new AppError('PHOTO_NOT_FOUND', '照片不存在或已删除，请重新上传'),
  /** a standing rule would overlap one in force (same category and place); `details.conflicts` names them */
  ruleOverlap: (message: string, conflicts: unknown[]) => new AppError('RULE_OVERLAP', message, { conflicts }),
};

/**
 * A write refused by a unique index (`_id` or another unique key). The real cloud and local/ both answer with the
 * MongoDB text `E11000 duplicate key`; the SDK puts it in the error's message (errMsg).
 */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { message?: unknown; errMsg?: unknown } | null;
  const text = `${String(e?.message ?? '')} ${String(e?.errMsg ?? '')}`;
  return /E11000|duplicate key/i.test(text);
}
