import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import { useElderClass } from '@/components/ElderMode'
import type { BoardAnswer, BoardLeader, CaseSummary } from '@domain/contract'
import { age, dayTime } from '@/staff/format'
import { EmptyState, LoadGate, LoadMore, TabBar } from '@/staff/ui'
import { useLoad, useMore, usePullDownReload } from '@/staff/use-load'


const LEVEL_LABELS: Record<BoardLeader['level'], string> = { district: '区级', street: '街镇级' }

/** 疑难件看板: who is on the patrol rota today, and the open hard cases waiting for a decision. */
export default function BoardPage() {
  const elder = useElderClass()
  const [scope, setScope] = useState<'mine' | 'all'>('mine')
  const { state, reload } = useLoad(() => callApi('lead.board', { scope }), [scope])

  usePullDownReload(reload)

  return (
    <View className={`lv-page ${elder}`}>
      <TabBar
        tabs={[
          { key: 'mine', label: '我的轮值范围' },
          { key: 'all', label: '全区疑难件' },
        ]}
        value={scope}
        onChange={setScope}
      />

      <View className='lv-row board-links'>
        {[
          ['指挥中心', '/lead/triage/index'],
          ['统计分析', '/lead/stats/index'],
          ['共性问题', '/lead/patterns/index'],
        ].map(([label, url]) => (
          <View key={url} className='lv-chip' ariaRole='button' ariaLabel={`打开${label}`} onClick={() => void Taro.navigateTo({ url })}>
            <Text>{label}</Text>
          </View>
        ))}
      </View>

      <LoadGate state={state} onRetry={reload}>
        {(data) => <Board key={scope} data={data} scope={scope} />}
      </LoadGate>
    </View>
  )
}

function Board({ data, scope }: { data: BoardAnswer; scope: 'mine' | 'all' }) {
  // further pages by the answer's cursor (加载更多); a failed page keeps what is shown and offers a retry
  const more = useMore<CaseSummary>(data, (cursor) => callApi('lead.board', { scope, cursor }))
  const items = more.items
  const district = data.leaders.filter((l) => l.level === 'district')
  const street = data.leaders.filter((l) => l.level === 'street')
  return (
    <View>
      <View className='lv-card board-duty'>
        <Text className='lv-title'>今日巡查轮值</Text>
        {data.leaders.length === 0 ? (
          <Text className='lv-muted'>今天没有排定轮值领导，请联系管理员排班。</Text>
        ) : (
          [district, street].map((group) =>
            group.length ? (
              <View className='lv-row' key={group[0].level}>
                <Text className='lv-muted board-duty__level'>{LEVEL_LABELS[group[0].level]}：</Text>
                {group.map((l) => (
                  <Text className='lv-tag lv-tag--brand' key={l.staffId}>
                    {l.streetName ? `${l.streetName} ${l.name}` : l.name}
                  </Text>
                ))}
              </View>
            ) : null,
          )
        )}
        <Text className={data.onDuty ? 'lv-muted board-duty__me' : 'lv-note'}>
          {data.onDuty ? '您今天在岗轮值，可以研判并指定责任。' : '您今天不在轮值班次，可以查看疑难件，研判由当日轮值领导进行。'}
        </Text>
      </View>

      <Text className='lv-section-title'>待研判疑难件（{data.total}）</Text>
      {items.length === 0 ? (
        <EmptyState title='暂无疑难件' desc='逾期、多次改派、需多部门协同或被标记的事项会出现在这里。' />
      ) : (
        items.map((item) => <HardCaseCard key={item.id} item={item} />)
      )}
      <LoadMore more={more} label='加载更多疑难件' text={`加载更多（已显示 ${items.length} / ${data.total}）`} />
      {more.cursor === null && items.length > 0 ? <Text className='lv-muted'>没有更多了</Text> : null}
    </View>
  )
}

function HardCaseCard({ item }: { item: CaseSummary }) {
  const reasons = [item.hardReason, item.overdue ? '已逾期' : undefined].filter(Boolean) as string[]
  return (
    <View
      className='lv-card lv-card--tap board-item'
      hoverClass='lv-card--tap'
      ariaRole='button'
      ariaLabel={`疑难件 ${item.categoryName} ${item.streetName ?? ''}，点击研判`}
      onClick={() => void Taro.navigateTo({ url: `/lead/decide/index?id=${encodeURIComponent(item.id)}` })}
    >
      <View className='lv-between'>
        <Text className='lv-title'>{item.categoryName}</Text>
        <Text className='lv-tag'>{item.stateLabel}</Text>
      </View>
      <Text className='lv-text board-item__desc'>{item.description}</Text>
      <View className='lv-row'>
        {reasons.map((r) => (
          <Text className='lv-tag lv-tag--danger' key={r}>
            {r}
          </Text>
        ))}
        {item.streetName ? <Text className='lv-tag'>{item.streetName}</Text> : null}
        {(item.deptNames ?? []).map((d) => (
          <Text className='lv-tag lv-tag--brand' key={d}>
            {d}
          </Text>
        ))}
      </View>
      <Text className='lv-muted'>
        已历时 {age(item.createdAt)} · 期限 {dayTime(item.deadline)}
      </Text>
      {item.latest ? <Text className='lv-muted'>最新：{item.latest.what}</Text> : null}
    </View>
  )
}
