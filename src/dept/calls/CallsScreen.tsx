import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import Countdown from '@/components/Countdown'
import StatusChip from '@/components/StatusChip'
import { useElderClass } from '@/components/ElderMode'
import type { DeptCallItem, DeptCallPage } from '@/staff/api.types'
import { errorText, shortTime } from '@/staff/format'
import { loadBootstrap } from '@/services/meta'
import { requestSubscribe, templateIdsFor } from '@/services/subscribe'
import { EmptyState, ErrorState, Loading, toast } from '@/staff/ui'
import { DEPT_TABS, awaitsRating, splitByTab, type DeptTab } from '../lib/calls'
import './index.scss'
import { codeOf } from '@/components/ErrorState/errorKind'

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string; code?: string }
  | { status: 'ready'; open: DeptCallItem[]; done: DeptCallItem[]; doneCursor: string | null; loadingMore?: boolean }

/** Open calls are few; follow the pages up to this many so the counts are exact. */
const MAX_OPEN_PAGES = 5

async function allOpen(): Promise<DeptCallItem[]> {
  const items: DeptCallItem[] = []
  let cursor: string | null = null
  for (let i = 0; i < MAX_OPEN_PAGES; i++) {
    const page: DeptCallPage = await callApi<DeptCallPage>('call.mine', cursor === null ? { tab: 'todo' } : { tab: 'todo', cursor })
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
  const [state, setState] = useState<State>({ status: 'loading' })
  const ticket = useRef(0)
  const [templates, setTemplates] = useState<Record<string, string> | undefined>()

  useEffect(() => {
    loadBootstrap()
      .then((meta) => setTemplates(meta.templates))
      .catch(() => undefined)
  }, [])

  const load = useCallback(async (keep = false) => {
    const mine = ++ticket.current
    if (!keep) setState({ status: 'loading' })
    try {
      const [open, done] = await Promise.all([allOpen(), callApi<DeptCallPage>('call.mine', { tab: 'done' })])
      if (mine === ticket.current) setState({ status: 'ready', open, done: done.items, doneCursor: done.nextCursor })
    } catch (err) {
      if (mine === ticket.current) setState({ status: 'error', message: errorText(err, '加载失败，请稍后重试'), code: codeOf(err) })
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])
  useEffect(() => {
    onRegisterRefresh?.(() => load(true))
  }, [onRegisterRefresh, load])

  const groups = state.status === 'ready' ? splitByTab([...state.open, ...state.done]) : null

  const loadMoreDone = async () => {
    if (state.status !== 'ready' || state.doneCursor === null || state.loadingMore) return
    const cursor = state.doneCursor
    setState({ ...state, loadingMore: true })
    try {
      const page = await callApi<DeptCallPage>('call.mine', { tab: 'done', cursor })
      setState((s) => (s.status === 'ready' ? { ...s, done: [...s.done, ...page.items], doneCursor: page.nextCursor, loadingMore: false } : s))
    } catch (err) {
      toast(errorText(err))
      setState((s) => (s.status === 'ready' ? { ...s, loadingMore: false } : s))
    }
  }
  const list = groups ? groups[tab] : []

  /** From the tap itself (WeChat's rule): 一线呼叫待响应, 请按时到场报到, 请评价部门处置. */
  const subscribe = () => {
    if (process.env.TARO_ENV !== 'weapp') return toast('消息提醒仅在微信小程序中可用')
    const ids = templateIdsFor(templates, ['callCreated', 'checkinReminder', 'rateCallRequest'])
    if (!ids.length) return toast('暂未配置消息模板')
    void requestSubscribe(ids).then((accepted) =>
      toast(accepted.length ? '已开启提醒，有新呼叫时会通知您' : '您未同意接收提醒', accepted.length ? 'success' : 'none'),
    )
  }

  return (
    <View className={`sx-page ${elder}`}>
      <View className='dc-top'>
        <Text className='dc-top__title'>收到的一线呼叫</Text>
        <View className='dc-subscribe' ariaRole='button' ariaLabel='接收新呼叫提醒' onClick={subscribe}>
          <Text>接收新呼叫提醒</Text>
        </View>
      </View>
      <View className='sx-tabs' ariaRole='tablist'>
        {DEPT_TABS.map((t) => {
          const n = groups?.[t.key].length
          return (
            <View key={t.key} className={`sx-tab ${tab === t.key ? 'sx-tab--on' : ''}`} ariaRole='tab' ariaLabel={n === undefined ? t.label : `${t.label} ${n} 件`} onClick={() => setTab(t.key)}>
              <Text>{t.label}</Text>
              {n !== undefined ? <Text className='sx-tab__count'>{n}</Text> : null}
            </View>
          )
        })}
      </View>

      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.message} code={state.code} onRetry={() => void load()} />}
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
      {state.status === 'ready' && tab === 'done' && state.doneCursor !== null && (
        <View className='btn-secondary dc-more' ariaRole='button' ariaLabel='加载更多' onClick={() => void loadMoreDone()}>
          <Text>{state.loadingMore ? '正在加载…' : '加载更多'}</Text>
        </View>
      )}
    </View>
  )
}
