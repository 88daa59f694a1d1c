/**
 * The one load hook of the staff pages: loading → data or error, `reload()`, and pull-to-refresh.
 *
 *   const { state, reload, setData } = useLoad(() => callApi(…), [id])
 *   usePullDownReload(reload)        // on a page: 下拉刷新 reloads, then stops the animation
 *
 * A change of `deps` loads afresh (the spinner shows); `reload()` keeps the data on screen while it refreshes
 * (`refreshing`), shows the spinner again only after an error; a late answer to an older request never overwrites a
 * newer one. `reload` resolves when done and never rejects.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { codeOf } from '@/components/ErrorState/errorKind'
import { errorText } from './format'

export type Load<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string; code?: string }
  | { status: 'ready'; data: T; refreshing: boolean }

export function useLoad<T>(fetcher: () => Promise<T>, deps: unknown[] = []): { state: Load<T>; reload: () => Promise<void>; setData: (d: T) => void } {
  const [state, setState] = useState<Load<T>>({ status: 'loading' })
  const ticket = useRef(0)
  const fetchRef = useRef(fetcher)
  fetchRef.current = fetcher

  const reload = useCallback(async () => {
    const mine = ++ticket.current
    setState((s) => (s.status === 'ready' ? { ...s, refreshing: true } : { status: 'loading' }))
    try {
      const data = await fetchRef.current()
      if (mine === ticket.current) setState({ status: 'ready', data, refreshing: false })
    } catch (err) {
      if (mine === ticket.current) setState({ status: 'error', message: errorText(err, '加载失败，请稍后重试'), code: codeOf(err) })
    }
  }, [])

  useEffect(() => {
    setState({ status: 'loading' })
    void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  const setData = useCallback((data: T) => setState({ status: 'ready', data, refreshing: false }), [])
  return { state, reload, setData }
}

/** 下拉刷新 on a page runs `reload` and then stops the pull-down animation. */
export function usePullDownReload(reload: () => Promise<unknown>): void {
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })
}
