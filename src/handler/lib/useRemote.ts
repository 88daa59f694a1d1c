import { useCallback, useEffect, useRef, useState } from 'react'
import { errorText } from './format'
import { codeOf } from '@/components/ErrorState/errorKind'

export type Remote<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string; code?: string }
  | { status: 'ready'; data: T; refreshing: boolean }

/**
 * Load once on mount and on `reload()`; a reload keeps the data on screen while it refreshes, and a
 * late answer to an older request never overwrites a newer one. `reload` resolves when done (for
 * pull-to-refresh) and never rejects.
 */
export function useRemote<T>(fetcher: () => Promise<T>, deps: unknown[]): { state: Remote<T>; reload: () => Promise<void>; setData: (d: T) => void } {
  const [state, setState] = useState<Remote<T>>({ status: 'loading' })
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
