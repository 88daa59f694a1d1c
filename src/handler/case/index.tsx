import { useCallback, useRef } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import CaseScreen from './CaseScreen'

/** 事项办理 (handler/case?id=). */
export default function Page() {
  const { params } = useRouter()
  const refresh = useRef<(() => Promise<void>) | null>(null)
  const shown = useRef(false)
  const register = useCallback((fn: () => Promise<void>) => {
    refresh.current = fn
  }, [])
  usePullDownRefresh(() => {
    void (refresh.current?.() ?? Promise.resolve()).finally(() => Taro.stopPullDownRefresh())
  })
  useDidShow(() => {
    // Back from 一线呼叫: the new calls are on the case now.
    if (shown.current) void refresh.current?.()
    shown.current = true
  })
  return <CaseScreen caseId={decodeURIComponent(params.id ?? '')} onRegisterRefresh={register} />
}
