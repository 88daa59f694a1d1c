import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import { useElderClass } from '@/components/ElderMode'
import { EmptyState, FormError, LoadGate } from '@/staff/ui'
import { useLoad } from '@/staff/use-load'
import { useSubmit } from '@/staff/use-send'
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
            <EmptyState title='数据全部正常' desc='街镇边界、长效机制、分类、人员和轮值均通过校验，事项和呼叫均可正常读取。' />
          ) : (
            <View>
              <Text className='lv-section-title'>
                以下{items.length}条记录格式不合规，系统已暂时忽略（不参与派单和统计）。组织数据请停用或删除后，按需在对应页面重新录入；事项和呼叫可清除其无法解析的位置数据，其余内容保留。
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

/** cases and calls are never deleted here: their undecodable position is cleared (admin.health.repair) */
const isRecord = (item: HealthItem): item is HealthItem & { coll: 'cases' | 'calls' } => item.coll === 'cases' || item.coll === 'calls'

type Kind = 'deactivate' | 'remove' | 'repair'
const CONFIRM: Record<Kind, (item: HealthItem) => { title: string; content: string }> = {
  remove: (item) => ({ title: '删除记录', content: `确定删除${item.collLabel}「${item.name}」吗？删除后不可恢复，操作将记入管理日志。` }),
  deactivate: (item) => ({ title: '停用长效机制', content: `确定停用「${item.name}」吗？` }),
  repair: (item) => ({ title: '清除位置数据', content: `将清除${item.collLabel}「${item.name}」无法解析的位置坐标，保留地址、街道和社区等其余内容，操作将记入管理日志。` }),
}
const DONE: Record<Kind, string> = { remove: '已删除', deactivate: '已停用', repair: '已修复' }
const BUSY: Record<Kind, string> = { remove: '正在删除…', deactivate: '正在停用…', repair: '正在修复…' }
const LABEL: Record<Kind, string> = { remove: '删除', deactivate: '停用', repair: '清除位置数据' }

function HealthCard({ item, onDone }: { item: HealthItem; onDone: () => void }) {
  const [doing, setDoing] = useState<Kind | null>(null)
  const { busy, error, submit } = useSubmit()
  const run = async (kind: Kind) => {
    const ok = await Taro.showModal(CONFIRM[kind](item))
    if (!ok.confirm) return
    setDoing(kind)
    await submit(async () => {
      if (kind === 'repair' && isRecord(item)) {
        const r = await callApi('admin.health.repair', { coll: item.coll, id: item.id })
        void Taro.showToast({ title: r.stillBad ? '仍有数据无法解析' : DONE.repair, icon: r.stillBad ? 'none' : 'success' })
      } else {
        if (kind === 'remove') await callApi('admin.health.remove', { coll: item.coll as ApiInput<'admin.health.remove'>['coll'], id: item.id })
        else await callApi('admin.rules.deactivate', { ruleId: item.id })
        void Taro.showToast({ title: DONE[kind], icon: 'success' })
      }
      onDone()
    }, '操作失败，请重试')
  }
  const kinds: Kind[] = isRecord(item) ? ['repair'] : item.active ? ['deactivate', 'remove'] : ['remove']
  return (
    <View className='lv-card'>
      <View className='lv-between'>
        <Text className='lv-title'>{item.name}</Text>
        <Text className='lv-tag lv-tag--danger'>{item.collLabel}</Text>
      </View>
      <Text className='lv-muted'>编号 {item.id}</Text>
      <Text className='lv-text'>问题：{item.reason}</Text>
      <View className='lv-row lv-field'>
        {kinds.map((k) => (
          <View key={k} className='lv-chip' ariaRole='button' ariaLabel={`${LABEL[k]}${item.name}`} onClick={() => !busy && void run(k)}>
            <Text>{busy && doing === k ? BUSY[k] : LABEL[k]}</Text>
          </View>
        ))}
      </View>
      <FormError error={error} />
    </View>
  )
}
