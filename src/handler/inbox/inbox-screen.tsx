import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import { plainText } from '@/services/format'
import Countdown from '@/components/Countdown'
import StatusChip from '@/components/StatusChip'
import { useElderClass } from '@/components/ElderMode'
import type { CaseSummary, InboxTab } from '@domain/contract'
import { loadBootstrap } from '@/services/meta'
import { badges, clockLines, DEFAULT_SLA_MINUTES, INBOX_FILTERS, INBOX_TABS, tabCount, type SlaMinutes } from '../lib/inbox'
import { errorText, shortTime } from '@/staff/format'
import { EmptyState, ErrorState, LoadMore, Loading, SubscribeButton, TabBar, toast } from '@/staff/ui'
import { useLoad, useMore } from '@/staff/use-load'

type Tab = Exclude<InboxTab, 'all'>

/** 新派单待签收, 新任务待处置, 即将到期 (TEMPLATE_TITLES keys). */
const SUBSCRIBE_KEYS = ['caseDispatched', 'caseAssigned', 'nearDue']

const EMPTY_HINT: Record<Tab, string> = {
  todo: '派到本街镇的新问题会出现在这里，请在 10 分钟内签收。',
  doing: '签收后的问题在这里分派、处置、呼叫部门和办结。',
  done: '已办结的问题会保留在这里备查。',
  overdue: '没有逾期的事项。',
  hard: '没有疑难件。',
}

export interface InboxScreenProps {
  /** fixed "now" for the countdowns (tests); omitted = live clock */
  now?: number
  /** registers the pull-to-refresh / page-show handlers (the page passes Taro's hooks) */
  onRegisterRefresh?: (refresh: () => Promise<void>) => void
}

/** 一线处置工作台: 待签收 / 办理中 / 已办结 with counts, SLA countdowns, 签收 on the card. */
export default function InboxScreen({ now, onRegisterRefresh }: InboxScreenProps) {
  const elder = useElderClass()
  const [tab, setTab] = useState<Tab>('todo')
  const [sla, setSla] = useState<SlaMinutes>(DEFAULT_SLA_MINUTES)
  const [accepting, setAccepting] = useState<string | null>(null)

  const { state: list, reload } = useLoad(() => callApi('case.inbox', { tab }), [tab], onRegisterRefresh)
  const first = list.status === 'ready' ? list.data : null
  const counts = first?.counts
  const more = useMore<CaseSummary>(first, (cursor) => callApi('case.inbox', { tab, cursor }))

  useEffect(() => {
    loadBootstrap()
      .then((meta) => {
        if (meta.sla) setSla(meta.sla)
      })
      .catch(() => undefined) // the defaults (10 min / 1 h) are the rule anyway
  }, [])


  const accept = async (item: CaseSummary) => {
    setAccepting(item.id)
    try {
      await callApi('case.accept', { caseId: item.id })
      toast('已签收', 'success')
      await reload()
    } catch (err) {
      toast(errorText(err, '签收失败，请重试'))
      await reload()
    } finally {
      setAccepting(null)
    }
  }

  return (
    <View className={`sx-page ${elder}`}>
      <View className='sx-top'>
        <View className='hb-summary'>
          {INBOX_FILTERS.map((f) => (
            <View
              key={f.key}
              className={`hb-summary__item ${tab === f.key ? 'hb-summary__item--on' : ''}`}
              ariaRole='button'
              ariaLabel={`只看${f.label}${counts ? ` ${counts[f.key]} 件` : ''}`}
              onClick={() => setTab(tab === f.key ? 'todo' : f.key)}
            >
              <Text>
                {f.label} {counts?.[f.key] ?? '-'}
              </Text>
            </View>
          ))}
        </View>
        <SubscribeButton label='接收新派单提醒' keys={SUBSCRIBE_KEYS} okText='已开启提醒，有新派单时会通知您' />
      </View>

      <TabBar tabs={INBOX_TABS.map((t) => ({ ...t, count: tabCount(counts, t.key) }))} value={tab} onChange={setTab} />

      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorState message={list.message} code={list.code} onRetry={() => void reload()} />}
      {first && more.items.length === 0 && <EmptyState title='暂无事项' desc={EMPTY_HINT[tab]} />}
      {more.items.map((item) => (
        <InboxCard key={item.id} item={item} now={now} sla={sla} accepting={accepting === item.id} onAccept={() => void accept(item)} />
      ))}
      {first ? <LoadMore more={more} /> : null}
    </View>
  )
}

function InboxCard(props: { item: CaseSummary; now?: number; sla: SlaMinutes; accepting: boolean; onAccept: () => void }) {
  const { item, now, sla, accepting, onAccept } = props
  const open = () => void Taro.navigateTo({ url: `/handler/case/index?id=${encodeURIComponent(item.id)}` })
  return (
    <View className='sx-item' ariaLabel={`${item.categoryName}，${item.stateLabel}`}>
      <View onClick={open}>
        <View className='sx-item__head'>
          <Text className='sx-item__title'>{item.categoryName}</Text>
          {badges(item).map((b) => (
            <StatusChip key={b.label} label={b.label} kind={b.kind} />
          ))}
        </View>
        <Text className='sx-item__desc'>{item.description}</Text>
        <Text className='sx-item__meta'>
          {[item.streetName, `上报 ${shortTime(item.createdAt, now)}`].filter(Boolean).join(' · ')}
        </Text>
        {item.latest ? (
          <Text className='sx-item__meta'>
            最新：{plainText(item.latest.what)}（{shortTime(item.latest.at, now)}）
          </Text>
        ) : null}
        {clockLines(item, sla).map((c) => (
          <View className='sx-clock' key={c.key}>
            <Text className='sx-clock__label'>{c.label}</Text>
            <Countdown deadline={c.deadline} start={c.start} now={now} />
          </View>
        ))}
      </View>
      {item.state === 'dispatched' ? (
        <View className='hb-card-actions'>
          <View className='btn-secondary hb-card-btn' hoverClass='btn-secondary--hover' ariaRole='button' ariaLabel='查看详情' onClick={open}>
            <Text>查看详情</Text>
          </View>
          <View
            className={`btn-primary hb-card-btn ${accepting ? 'sx-btn--busy' : ''}`}
            hoverClass='btn-primary--hover'
            ariaRole='button'
            ariaLabel={`签收：${item.categoryName}`}
            onClick={accepting ? undefined : onAccept}
          >
            <Text>{accepting ? '签收中…' : '签收'}</Text>
          </View>
        </View>
      ) : null}
    </View>
  )
}
