/**
 * The one load hook of the staff pages: loading → data or error, `reload()`, and pull-to-refresh.
 *
 *   const { state, reload, setData } = useLoad(() => callApi(…), [id], onRegisterRefresh)
 *   usePullDownReload(reload)        // on a page: 下拉刷新 reloads, then stops the animation
 *
 * A screen rendered by its page (handler, department) passes the page's `onRegisterRefresh`
 * (src/components/PageRefresh): 下拉刷新 and coming back to the page then run `reload`.
 *
 * A change of `deps` loads afresh (the spinner shows); `reload()` keeps the data on screen while it refreshes
 * (`refreshing`), shows the spinner again only after an error; a late answer to an older request never overwrites a
 * newer one. `reload` resolves when done and never rejects.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { codeOf } from '@/components/ErrorState/error-kind'
import type { RegisterRefresh } from '@/components/PageRefresh'
import { errorText } from './format'

export type Load<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string; code?: string }
  | { status: 'ready'; data: T; refreshing: boolean }

export function useLoad<T>(
  fetcher: () => Promise<T>,
  deps: unknown[] = [],
  register?: RegisterRefresh,
): { state: Load<T>; reload: () => Promise<void>; setData: (d: T) => void } {
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

  useEffect(() => {
    register?.(reload)
  }, [register, reload])

  const setData = useCallback((data: T) => setState({ status: 'ready', data, refreshing: false }), [])
  return { state, reload, setData }
}

/** 下拉刷新 on a page runs `reload` and then stops the pull-down animation. */
export function usePullDownReload(reload: () => Promise<unknown>): void {
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })
}

/** One page of a list read by cursor (`nextCursor: null` on the last page). */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface More<T> {
  /** the first page's items and every page loaded after it */
  items: T[]
  /** the cursor of the next page, null when there is none */
  cursor: string | null
  busy: boolean
  /** why the last 加载更多 failed ('' when it did not) */
  error: string
  loadMore: () => Promise<void>
}

/**
 * 加载更多: the pages after a first one (from `useLoad`), by cursor. Starts afresh whenever `first` changes (a reload,
 * another tab); a failed page keeps what is shown and says why, and the next tap tries again.
 */
export function useMore<T>(first: Page<T> | null, next: (cursor: string) => Promise<Page<T>>): More<T> {
  const fresh = { items: [] as T[], cursor: undefined as string | null | undefined, busy: false, error: '' }
  const [more, setMore] = useState(fresh)
  const nextRef = useRef(next)
  nextRef.current = next
  const generation = useRef(0)
  useEffect(() => {
    generation.current++
    setMore(fresh)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first])
  const cursor = more.cursor === undefined ? (first?.nextCursor ?? null) : more.cursor
  const loadMore = async () => {
    if (cursor === null || more.busy) return
    const mine = generation.current
    setMore((m) => ({ ...m, busy: true, error: '' }))
    try {
      const page = await nextRef.current(cursor)
      if (mine === generation.current) setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor, busy: false, error: '' }))
    } catch (err) {
      if (mine === generation.current) setMore((m) => ({ ...m, busy: false, error: errorText(err, '加载失败，请重试') }))
    }
  }
  return { items: first ? [...first.items, ...more.items] : [], cursor, busy: more.busy, error: more.error, loadMore }
}
