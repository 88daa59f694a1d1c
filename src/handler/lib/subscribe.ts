/**
 * One-time subscribe messages (订阅消息): WeChat only lets a user tap grant them, so this must run from
 * a tap handler. Template ids come from `meta.bootstrap.templates` (keys as in TEMPLATE_TITLES).
 */
import Taro from '@tarojs/taro'
import type { TemplateKey } from '@domain/shared/effect.types'
import { loadBootstrap } from './bootstrap'
import { errorText } from './format'

export interface SubscribeOutcome {
  accepted: number
  message: string
}

/** WeChat takes at most 3 templates per request. */
export async function requestSubscribe(keys: TemplateKey[]): Promise<SubscribeOutcome> {
  if (process.env.TARO_ENV !== 'weapp') return { accepted: 0, message: '消息提醒仅在微信小程序中可用' }
  let tmplIds: string[]
  try {
    const meta = await loadBootstrap()
    tmplIds = keys.map((k) => meta.templates?.[k]).filter((x): x is string => !!x).slice(0, 3)
  } catch (err) {
    return { accepted: 0, message: errorText(err) }
  }
  if (!tmplIds.length) return { accepted: 0, message: '暂未配置消息模板' }
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] })) as unknown as Record<string, string>
    const accepted = tmplIds.filter((id) => res[id] === 'accept').length
    return { accepted, message: accepted ? '已开启提醒，有新派单时会通知您' : '您未同意接收提醒' }
  } catch {
    return { accepted: 0, message: '开启提醒失败，请稍后重试' }
  }
}
