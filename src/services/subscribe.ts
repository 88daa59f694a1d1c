/**
 * Subscribe messages (订阅消息). WeChat only lets the page ask from a user's tap, for at most 3 templates
 * at a time; each acceptance allows one message. H5 has no subscribe messages: nothing is asked.
 */
import { requestSubscribeMessage } from '@tarojs/taro'

/** The template keys a citizen subscribes to when reporting: progress notices and the request to rate. */
export const CITIZEN_SUBSCRIBE_KEYS = ['progress', 'resolvedRate'] as const

/** Template ids for `keys` among `templates` (meta.bootstrap), at most 3, without repeats. */
export function templateIdsFor(templates: Record<string, string> | undefined, keys: readonly string[]): string[] {
  if (!templates) return []
  const ids = keys.map((k) => templates[k]).filter((id): id is string => typeof id === 'string' && id.length > 0)
  return Array.from(new Set(ids)).slice(0, 3)
}

/**
 * Ask for subscriptions; call it synchronously inside a tap handler, before any await.
 * Resolves to the ids the user accepted; never rejects (a refusal must not block the action).
 */
export async function requestSubscribe(templateIds: string[]): Promise<string[]> {
  if (process.env.TARO_ENV !== 'weapp' || templateIds.length === 0) return []
  try {
    const res = (await requestSubscribeMessage({ tmplIds: templateIds } as Parameters<
      typeof requestSubscribeMessage
    >[0])) as unknown as Record<string, string>
    return templateIds.filter((id) => res[id] === 'accept')
  } catch {
    return []
  }
}
