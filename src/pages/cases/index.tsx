import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { showToast, stopPullDownRefresh, useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import CaseCard from '@/components/CaseCard'
import EmptyState from '@/components/EmptyState'
import ErrorState from '@/components/ErrorState'
import Loading from '@/components/Loading'
import { useElderClass } from '@/components/ElderMode'
import { callApi } from '@/services/cloud'
import { errorText } from '@/services/format'
import type { CaseSummary } from '@domain/contract'
import './index.scss'
import { codeOf } from '@/components/ErrorState/error-kind'

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string; code?: string }
  | { status: 'ready'; items: CaseSummary[]; nextCursor: string | null }

/** 我的诉求: my reports, newest first, 20 a page; pull to refresh, more at the bottom. */
export default function CasesPage() {
  const elder = useElderClass()
  const [state, setState] = useState<State>({ status: 'loading' })
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
  const ticket = useRef(0)
  const firstShow = useRef(true)

  const reload = useCallback(async (quiet = false) => {
    const mine = ++ticket.current
    if (!quiet) setState({ status: 'loading' })
    try {
      const page = await callApi('case.mine', {})
      if (mine === ticket.current) {
        setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor })
        setMore({ busy: false, error: null })
      }
    } catch (err) {
      if (mine !== ticket.current) return
      if (quiet) void showToast({ title: errorText(err, '刷新失败'), icon: 'none' })
      else setState({ status: 'error', message: errorText(err, '加载失败，请稍后重试'), code: codeOf(err) })
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [reload])

  // Coming back to the tab (after reporting, after rating): refresh quietly.
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false
      return
    }
    void reload(true)
  })

  usePullDownRefresh(() => {
    void reload(true).finally(() => void stopPullDownRefresh())
  })

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || state.nextCursor === null || more.busy) return
    const mine = ticket.current
    setMore({ busy: true, error: null })
    try {
      const page = await callApi('case.mine', { cursor: state.nextCursor })
      if (mine !== ticket.current) return
      setState((s) =>
        s.status === 'ready'
          ? {
              status: 'ready',
              // a case may move between pages while paging: keep the first copy
              items: [...s.items, ...page.items.filter((it) => !s.items.some((x) => x.id === it.id))],
              nextCursor: page.nextCursor,
            }
          : s,
      )
      setMore({ busy: false, error: null })
    } catch (err) {
      setMore({ busy: false, error: errorText(err, '加载失败') })
    }
  }, [state, more.busy])

  useReachBottom(() => {
    void loadMore()
  })

  const open = (item: CaseSummary) => void Taro.navigateTo({ url: `/pages/case/index?id=${encodeURIComponent(item.id)}` })

  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} code={state.code} onRetry={() => void reload()} />
  if (state.items.length === 0) {
    return (
      <View className={`yx-page cases ${elder}`}>
        <EmptyState
          title='还没有反映过问题'
          desc='发现路灯不亮、道路破损、垃圾堆放等问题，拍一拍就能反映，属地街镇和责任部门会及时处理。'
          actionText='去随手拍'
          onAction={() => void Taro.switchTab({ url: '/pages/report/index' })}
        />
      </View>
    )
  }

  const open_ = state.items.filter((i) => i.stateKind === 'open').length
  const toRate = state.items.filter((i) => i.awaitsRating).length
  return (
    <View className={`yx-page cases ${elder}`}>
      <Text className='cases__summary'>
        共 {state.items.length}
        {state.nextCursor !== null ? '+' : ''} 件，办理中 {open_} 件{toRate ? `，待评价 ${toRate} 件` : ''}
      </Text>
      {state.items.map((item) => (
        <CaseCard key={item.id} item={item} onClick={open} />
      ))}
      <View className='cases__footer'>
        {more.busy ? <Loading inline text='正在加载更多…' /> : null}
        {!more.busy && more.error ? (
          <View className='cases__more' ariaRole='button' ariaLabel='重试加载更多' onClick={() => void loadMore()}>
            <Text>{more.error}，点击重试</Text>
          </View>
        ) : null}
        {!more.busy && !more.error && state.nextCursor !== null ? (
          <View className='cases__more' ariaRole='button' ariaLabel='加载更多' onClick={() => void loadMore()}>
            <Text>加载更多</Text>
          </View>
        ) : null}
        {state.nextCursor === null ? <Text className='cases__end'>没有更多了</Text> : null}
      </View>
    </View>
  )
}
