import { useCallback, useRef } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import InboxScreen from './InboxScreen'
import './index.scss'

/** 一线处置工作台 (handler inbox). */
export default function Page() {
  const refresh = useRef<(() => Promise<void>) | null>(null)
  const shown = useRef(false)
  const register = useCallback((fn: () => Promise<void>) => {
    refresh.current = fn
  }, [])

  usePullDownRefresh(() => {
    void (refresh.current?.() ?? Promise.resolve()).finally(() => Taro.stopPullDownRefresh())
  })
  useDidShow(() => {
    // Back from a case: counts and states moved on. The first show is the initial load.
    if (shown.current) void refresh.current?.()
    shown.current = true
  })

  return <InboxScreen onRegisterRefresh={register} />
}
