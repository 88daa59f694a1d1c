import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import { useElderClass } from '@/components/ElderMode'
import { EmptyState, FormError, LoadGate } from '@/staff/ui'
import { useLoad } from '@/staff/useLoad'
import { useSubmit } from '@/staff/useSend'
import type { ApiInput, Health, HealthItem } from '@domain/contract'

/**
 * 数据健康: org records that fail their checks (e.g. a standing rule whose area cannot be read) are skipped by the
 * system instead of breaking it; here the administrator sees them and deactivates or deletes them.
 */
export default function HealthPage() {
  const elder = useElderClass()
  const { state, reload } = useLoad<Health>(() => callApi('admin.health', {}))
  return (
    <View className={`lv-page ${elder}`}>
      <LoadGate state={state} onRetry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title='数据全部正常' desc='街镇边界、长效机制、分类、人员和轮值均通过校验。' />
          ) : (
            <View>
              <Text className='lv-section-title'>
                以下{items.length}条记录格式不合规，系统已暂时忽略（不参与派单和统计）。请停用或删除后，按需在对应页面重新录入。
              </Text>
              {items.map((it) => (
                <HealthCard key={`${it.coll}/${it.id}`} item={it} onDone={() => void reload()} />
              ))}
            </View>
          )
        }
      </LoadGate>
    </View>
  )
}

function HealthCard({ item, onDone }: { item: HealthItem; onDone: () => void }) {
  const [doing, setDoing] = useState<'deactivate' | 'remove' | null>(null)
  const { busy, error, submit } = useSubmit()
  const run = async (kind: 'deactivate' | 'remove') => {
    const ok = await Taro.showModal(
      kind === 'remove'
        ? { title: '删除记录', content: `确定删除${item.collLabel}「${item.name}」吗？删除后不可恢复，操作将记入管理日志。` }
        : { title: '停用长效机制', content: `确定停用「${item.name}」吗？` },
    )
    if (!ok.confirm) return
    setDoing(kind)
    await submit(async () => {
      if (kind === 'remove') await callApi('admin.health.remove', { coll: item.coll as ApiInput<'admin.health.remove'>['coll'], id: item.id })
      else await callApi('admin.rules.deactivate', { ruleId: item.id })
      void Taro.showToast({ title: kind === 'remove' ? '已删除' : '已停用', icon: 'success' })
      onDone()
    }, '操作失败，请重试')
  }
  return (
    <View className='lv-card'>
      <View className='lv-between'>
        <Text className='lv-title'>{item.name}</Text>
        <Text className='lv-tag lv-tag--danger'>{item.collLabel}</Text>
      </View>
      <Text className='lv-muted'>编号 {item.id}</Text>
      <Text className='lv-text'>问题：{item.reason}</Text>
      <View className='lv-row lv-field'>
        {item.active ? (
          <View className='lv-chip' ariaRole='button' ariaLabel={`停用${item.name}`} onClick={() => !busy && void run('deactivate')}>
            <Text>{busy && doing === 'deactivate' ? '正在停用…' : '停用'}</Text>
          </View>
        ) : null}
        <View className='lv-chip' ariaRole='button' ariaLabel={`删除${item.name}`} onClick={() => !busy && void run('remove')}>
          <Text>{busy && doing === 'remove' ? '正在删除…' : '删除'}</Text>
        </View>
      </View>
      <FormError error={error} />
    </View>
  )
}
