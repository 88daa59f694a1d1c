import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useElderClass } from '@/components/ElderMode'
import { callApi } from '@/services/cloud'
import { EmptyState, LoadGate } from '@/staff/ui'
import { useLoad } from '@/staff/use-load'
import { METRIC_LABELS } from '../stats/analysis'
import { BUSINESS_OFFSET_MS } from '@domain/common/business-time'
import type { ApiInput } from '@domain/contract'

interface Item { id: string; categoryName: string; description: string; stateLabel: string; streetName?: string; createdAt: number; overdue: boolean }

const fmt = (t: number) => {
  const d = new Date(t + BUSINESS_OFFSET_MS)
  const p = (n: number) => (n < 10 ? `0${n}` : String(n))
  return `${d.getUTCMonth() + 1}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}

/** 明细: the cases behind a number (metric, period, scope or hot spot come in the page's query). */
export default function DrillPage() {
  const params = (Taro.getCurrentInstance()?.router?.params ?? {}) as Record<string, string | undefined>
  const [more, setMore] = useState<Item[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const payload = () => {
    const scope = Object.fromEntries((['streetId', 'deptId', 'categoryCode', 'communityId'] as const).filter((k) => params[k] && !params.cell).map((k) => [k, decodeURIComponent(params[k]!)]))
    return {
      period: params.period ?? 'month',
      from: params.from,
      to: params.to,
      metric: params.metric ?? 'reported',
      ...(Object.keys(scope).length ? { scope } : {}),
      ...(params.cell && params.categoryCode ? { place: { cell: decodeURIComponent(params.cell), categoryCode: params.categoryCode } } : {}),
    }
  }
  const { state, reload } = useLoad(async () => {
    const a = await callApi('stats.drill', payload() as ApiInput<'stats.drill'>)
    setMore([])
    setCursor(a.nextCursor)
    return a
  }, [])

  const loadMore = async () => {
    if (cursor === null) return
    const a = await callApi('stats.drill', { ...payload(), cursor } as ApiInput<'stats.drill'>)
    setMore((m) => [...m, ...a.items])
    setCursor(a.nextCursor)
  }

  return (
    <View className={`an-page ${useElderClass()}`}>
      <LoadGate state={state} onRetry={reload} />
      {state.status === 'ready' && (
        <View className='an-card'>
          <View className='an-card__title'>
            <Text>{METRIC_LABELS[params.metric ?? 'reported'] ?? '明细'}</Text>
            <Text className='an-card__hint'>{state.data.scopeName} · <Text className='an-num'>{state.data.period.from}</Text> 至 <Text className='an-num'>{state.data.period.to}</Text> · 共<Text className='an-num'>{state.data.total}</Text>件</Text>
          </View>
          {state.data.truncated && <Text className='an-note'>范围过大，仅显示部分结果，请缩小时段或范围。</Text>}
          {state.data.items.length === 0 && <EmptyState inline title='没有对应的事项' />}
          {[...state.data.items, ...more].map((c) => (
            <View key={c.id} className='an-row' onClick={() => Taro.navigateTo({ url: `/pages/case/index?id=${c.id}` })}>
              <View className='an-row__name'>
                <Text>{c.categoryName} · {c.description}</Text>
                <Text className='an-note'>{'\n'}{c.streetName ?? ''} <Text className='an-num'>{fmt(c.createdAt)}</Text></Text>
              </View>
              <Text className={`an-row__num ${c.overdue ? 'an-row__num--strong' : ''}`}>{c.overdue ? '已逾期' : c.stateLabel}</Text>
            </View>
          ))}
          {cursor !== null && <View className='an-btn an-btn--ghost' onClick={loadMore}><Text>加载更多</Text></View>}
        </View>
      )}
    </View>
  )
}
