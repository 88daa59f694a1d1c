import { useCallback, useRef } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import CallsScreen from './CallsScreen'

/** 部门呼叫工作台 (dept/calls). */
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
    if (shown.current) void refresh.current?.()
    shown.current = true
  })
  return <CallsScreen onRegisterRefresh={register} />
}
