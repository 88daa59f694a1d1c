/**
 * Small pieces shared by the lead pages (board, decide, triage) — kept inside the lead subpackage so
 * nothing here weighs on the main package: load state, loading/empty/error views, times, bootstrap data.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import dayjs from 'dayjs'
import PhotoStrip from '@/components/PhotoStrip'
import { callApi } from '@/services/cloud'
import { plainText } from '@/services/format'
import type { Bootstrap } from '@domain/contract'
import type { LogEntry } from '@domain/shared/effect.types'
import './common.scss'
import ErrorState from '@/components/ErrorState'
import { codeOf } from '@/components/ErrorState/errorKind'

export type Load<T> = { status: 'loading' } | { status: 'error'; message: string; code?: string } | { status: 'ready'; data: T }

export function errorMessage(err: unknown, fallback = '加载失败，请稍后重试'): string {
  return err instanceof Error && err.message ? err.message : fallback
}

/** Runs `fn` now and on `reload()`; only the latest answer wins. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[] = []) {
  const [state, setState] = useState<Load<T>>({ status: 'loading' })
  const ticket = useRef(0)
  const reload = useCallback(
    async (quiet = false) => {
      const mine = ++ticket.current
      if (!quiet) setState({ status: 'loading' })
      try {
        const data = await fn()
        if (mine === ticket.current) setState({ status: 'ready', data })
      } catch (err) {
        if (mine === ticket.current) setState({ status: 'error', message: errorMessage(err), code: codeOf(err) })
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps,
  )
  useEffect(() => {
    void reload()
  }, [reload])
  return { state, reload, setState }
}

export function LoadingView({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='lv-state' aria-busy='true'>
      <View className='lv-spinner' />
      <Text className='lv-state__text'>{text}</Text>
    </View>
  )
}

/** The shared error view (what happened, and the next step). */
export function ErrorView({ message, code, onRetry }: { message: string; code?: string; onRetry: () => unknown }) {
  return <ErrorState message={message} code={code} onRetry={() => void onRetry()} />
}

export function EmptyView({ title, text }: { title: string; text?: string }) {
  return (
    <View className='lv-state'>
      <Text className='lv-state__title'>{title}</Text>
      {text ? <Text className='lv-state__text'>{text}</Text> : null}
    </View>
  )
}

/** 11月17日 09:05 (Asia/Shanghai is the device's zone in practice; the H5 e2e pins it). */
export function fmtTime(ms: number | undefined): string {
  return ms ? dayjs(ms).format('M月D日 HH:mm') : '—'
}

/** 3天2小时 / 5小时 / 12分钟 since `from`. */
export function fmtAge(from: number, now = Date.now()): string {
  const min = Math.max(0, Math.floor((now - from) / 60000))
  if (min < 60) return `${min}分钟`
  const h = Math.floor(min / 60)
  if (h < 24) return `${h}小时`
  const d = Math.floor(h / 24)
  return h % 24 ? `${d}天${h % 24}小时` : `${d}天`
}

let bootstrapCache: Promise<Bootstrap> | null = null
export function loadBootstrap(): Promise<Bootstrap> {
  if (!bootstrapCache) {
    bootstrapCache = callApi('meta.bootstrap', {}).catch((err) => {
      bootstrapCache = null
      throw err
    })
  }
  return bootstrapCache
}
/** Tests: forget the cached bootstrap. */
export function resetBootstrapCache(): void {
  bootstrapCache = null
}

export function Timeline({ log }: { log: LogEntry[] }) {
  if (!log.length) return <Text className='lv-muted'>暂无办理记录</Text>
  const sorted = [...log].sort((a, b) => b.at - a.at)
  return (
    <View className='lv-timeline'>
      {sorted.map((e, i) => (
        <View className='lv-timeline__item' key={`${e.at}-${i}`}>
          <View className={`lv-timeline__dot ${i === 0 ? 'lv-timeline__dot--first' : ''}`} />
          <View className='lv-timeline__body'>
            <Text className='lv-timeline__what'>{plainText(e.what)}</Text>
            <Text className='lv-timeline__meta'>
              {[fmtTime(e.at), e.by?.name].filter(Boolean).join(' · ')}
            </Text>
          </View>
        </View>
      ))}
    </View>
  )
}

/** Evidence photos (cloud fileIDs): thumbnails, tap for the full-screen preview. */
export function Photos({ photos, label }: { photos: string[]; label: string }) {
  return <PhotoStrip photos={photos} label={label} className='lv-photos' photoClassName='lv-photo' />
}
