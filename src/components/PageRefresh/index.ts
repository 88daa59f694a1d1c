/**
 * The wrapper shape of pages whose screen loads its own data (handler inbox / case, dept calls / call):
 *
 *   const register = usePageRefresh({ reloadOnShow: true })
 *   return <Screen onRegisterRefresh={register} />
 *
 * The screen registers its reload; 下拉刷新 runs it and then stops the pull-down animation. With
 * `reloadOnShow`, coming back to the page (from a case, from 一线呼叫…) runs it as well — the first show is the
 * initial load, which the screen does itself.
 */
import { useCallback, useRef } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'

export type RegisterRefresh = (fn: () => Promise<void>) => void

export function usePageRefresh({ reloadOnShow }: { reloadOnShow: boolean }): RegisterRefresh {
  const refresh = useRef<(() => Promise<void>) | null>(null)
  const shown = useRef(false)
  const register = useCallback<RegisterRefresh>((fn) => {
    refresh.current = fn
  }, [])
  usePullDownRefresh(() => {
    void (refresh.current?.() ?? Promise.resolve()).finally(() => Taro.stopPullDownRefresh())
  })
  useDidShow(() => {
    if (reloadOnShow && shown.current) void refresh.current?.()
    shown.current = true
  })
  return register
}
