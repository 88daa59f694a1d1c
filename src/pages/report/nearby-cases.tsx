import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { NearbyCase } from '@domain/case/case-nearby'

export type NearbyState = { status: 'idle' } | { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; radiusM: number; items: NearbyCase[] }

export interface NearbyCasesProps {
  state: NearbyState
  joining: string | null
  onJoin: (caseId: string) => void
  onRetry: () => void
}

/** 附近已有的诉求: open cases of the same or a likely kind near the pin, each with 我也遇到了 (join it, not a new report). */
export default function NearbyCases({ state, joining, onJoin, onRetry }: NearbyCasesProps) {
  if (state.status === 'idle') return null
  if (state.status === 'loading') return <Text className='report__hint'>正在查找附近已有的诉求…</Text>
  if (state.status === 'error') {
    return (
      <View className='report__nearby-error'>
        <Text className='report__hint'>{state.message}</Text>
        <View className='report__notice-link' ariaRole='button' ariaLabel='重新查找附近诉求' onClick={onRetry}>
          <Text>重试</Text>
        </View>
      </View>
    )
  }
  if (!state.items.length) return <Text className='report__hint'>附近 {state.radiusM} 米内暂无同类诉求，请继续填写并提交。</Text>
  return (
    <View className='report__nearby' ariaLabel='附近已有的诉求'>
      <Text className='report__nearby-title'>
        附近 {state.radiusM} 米内已有 {state.items.length} 件同类诉求，是同一个问题的话点“我也遇到了”，不必重复上报：
      </Text>
      {state.items.map((c, i) => (
        <View key={c.id} className='report__nearby-item'>
          <View className='report__nearby-head'>
            <Text className='report__nearby-no'>{i + 1}</Text>
            <Text className='report__nearby-cat'>{c.categoryName}</Text>
            <Text className='report__nearby-state'>{c.stateLabel}</Text>
            <Text className='report__nearby-dist'>约{c.distanceM}米</Text>
          </View>
          <Text className='report__nearby-desc'>{c.description}</Text>
          <View className='report__nearby-foot'>
            <Text className='report__nearby-meta'>{c.reporters} 人反映</Text>
            {c.mine ? (
              <View className='report__notice-link' ariaRole='button' ariaLabel={`查看诉求 ${c.id}`} onClick={() => void Taro.navigateTo({ url: `/pages/case/index?id=${encodeURIComponent(c.id)}` })}>
                <Text>已在跟进 · 查看</Text>
              </View>
            ) : (
              <View
                className='btn-secondary report__nearby-join'
                hoverClass='btn-secondary--hover'
                ariaRole='button'
                ariaLabel={`我也遇到了 ${c.id}`}
                onClick={() => joining === null && onJoin(c.id)}
              >
                <Text>{joining === c.id ? '正在加入…' : '我也遇到了'}</Text>
              </View>
            )}
          </View>
        </View>
      ))}
    </View>
  )
}
