import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import Countdown from '@/components/Countdown'
import StatusChip from '@/components/StatusChip'
import { useElderClass } from '@/components/ElderMode'
import type { DeptCallItem, DeptCallPage } from '@domain/contract'
import { shortTime } from '@/staff/format'
import { EmptyState, ErrorState, LoadMore, Loading, SubscribeButton, TabBar } from '@/staff/ui'
import { useLoad, useMore } from '@/staff/use-load'
import { DEPT_TABS, awaitsRating, splitByTab, type DeptTab } from '../lib/calls'
import './index.scss'

/** Open calls are few; follow the pages up to this many so the counts are exact. */
const MAX_OPEN_PAGES = 5

async function allOpen(): Promise<DeptCallItem[]> {
  const items: DeptCallItem[] = []
  let cursor: string | null = null
  for (let i = 0; i < MAX_OPEN_PAGES; i++) {
    const page: DeptCallPage = await callApi('call.mine', cursor === null ? { tab: 'todo' } : { tab: 'todo', cursor })
    items.push(...page.items)
    cursor = page.nextCursor
    if (cursor === null) break
  }
  return items
}

const EMPTY: Record<DeptTab, string> = {
  respond: '街镇发起的一线呼叫会出现在这里，请及时响应。',
  checkin: '已响应的呼叫请按约定时间到现场报到，报到后填报处置情况。',
  done: '已处置、已评价和已取消的呼叫保留在这里。',
}

export interface CallsScreenProps {
  now?: number
  onRegisterRefresh?: (refresh: () => Promise<void>) => void
}

/**
 * 部门呼叫工作台: calls to my department. The server's `todo` (open) and `done` (closed) lists are merged
 * and split into 待响应 / 待报到 / 已完成 here, so each tab's count is exact.
 */
export default function CallsScreen({ now, onRegisterRefresh }: CallsScreenProps) {
  const elder = useElderClass()
  const [tab, setTab] = useState<DeptTab>('respond')

  const { state, reload } = useLoad(async () => {
    const [open, done] = await Promise.all([allOpen(), callApi('call.mine', { tab: 'done' })])
    return { open, done }
  }, [], onRegisterRefresh)

  const ready = state.status === 'ready' ? state.data : null
  const done = useMore<DeptCallItem>(ready?.done ?? null, (cursor) => callApi('call.mine', { tab: 'done', cursor }))
  const groups = ready ? splitByTab([...ready.open, ...done.items]) : null
  const list = groups ? groups[tab] : []

  return (
    <View className={`sx-page ${elder}`}>
      <View className='sx-top'>
        <Text className='dc-top__title'>收到的一线呼叫</Text>
        {/* 一线呼叫待响应, 请按时到场报到, 请评价部门处置 */}
        <SubscribeButton label='接收新呼叫提醒' keys={['callCreated', 'checkinReminder', 'rateCallRequest']} okText='已开启提醒，有新呼叫时会通知您' />
      </View>
      <TabBar tabs={DEPT_TABS.map((t) => ({ ...t, count: groups?.[t.key].length }))} value={tab} onChange={setTab} />

      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.message} code={state.code} onRetry={() => void reload()} />}
      {state.status === 'ready' && list.length === 0 && <EmptyState title='暂无呼叫' desc={EMPTY[tab]} />}
      {list.map((c) => (
        <View
          key={c.id}
          className='sx-item'
          ariaLabel={`${c.caseSummary.categoryName}，${c.stateLabel}`}
          onClick={() => void Taro.navigateTo({ url: `/dept/call/index?id=${encodeURIComponent(c.id)}` })}
        >
          <View className='sx-item__head'>
            <Text className='sx-item__title'>{c.caseSummary.categoryName}</Text>
            <StatusChip label={c.stateLabel} kind={c.state === 'rated' || c.state === 'cancelled' ? 'closed' : c.state === 'absent' ? 'danger' : 'open'} />
            {c.state === 'checkedIn' ? <StatusChip label='待填报处置情况' kind='warn' /> : null}
            {awaitsRating(c) ? <StatusChip label='待评价呼叫' kind='warn' /> : null}
          </View>
          <Text className='sx-item__desc'>{c.what}</Text>
          <Text className='sx-item__meta'>地点：{c.place.address}</Text>
          <Text className='sx-item__meta'>
            约定到场：{shortTime(c.meetAt, now)}
            {c.caller?.name ? ` · 呼叫人 ${c.caller.name}` : ''}
          </Text>
          {(c.state === 'created' || c.state === 'acknowledged') && (
            <View className='sx-clock'>
              <Text className='sx-clock__label'>距到场</Text>
              <Countdown deadline={c.meetAt} start={c.createdAt} now={now} />
            </View>
          )}
        </View>
      ))}
      {ready && tab === 'done' ? <LoadMore more={done} /> : null}
    </View>
  )
}
