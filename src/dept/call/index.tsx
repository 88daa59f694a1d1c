import { useCallback, useRef } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import CallScreen from './CallScreen'

/** 呼叫详情 (dept/call?id=<callId>). On the H5 dev build a 模拟定位 field stands in for GPS. */
export default function Page() {
  const { params } = useRouter()
  const refresh = useRef<(() => Promise<void>) | null>(null)
  const register = useCallback((fn: () => Promise<void>) => {
    refresh.current = fn
  }, [])
  usePullDownRefresh(() => {
    void (refresh.current?.() ?? Promise.resolve()).finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <CallScreen
      callId={decodeURIComponent(params.id ?? '')}
      devLocation={process.env.TARO_ENV === 'h5'}
      onRegisterRefresh={register}
    />
  )
}
