/**
 * 适老化 large-font mode: one setting stored on the device (`yx.elderScale`), applied app-wide.
 *
 *   getElderScale() / setElderScale(scale)   read / store (1 = off, 1.25 = 大字, 1.5 = 特大字)
 *   applyElderMode(scale)                    H5: root class `elder` + CSS variable `--elder-zoom` on <html>
 *   useElderMode()                           { scale, setScale } and re-render on change
 *   useElderClass()                          the class a page root adds (`elder elder--125`), needed in the
 *                                            mini-program where pages have no shared DOM root
 *
 * How it scales: CSS `zoom` on the page root, so fixed px/rpx sizes grow while the layout re-flows into the
 * same screen width (nothing is clipped sideways); see app.scss.
 */
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'

export const ELDER_KEY = 'yx.elderScale'
export const ELDER_SCALES = [1, 1.25, 1.5] as const
export type ElderScale = (typeof ELDER_SCALES)[number]
export const ELDER_SCALE_LABELS: Record<ElderScale, string> = { 1: '标准', 1.25: '大字', 1.5: '特大字' }

type Listener = (scale: ElderScale) => void
const listeners = new Set<Listener>()
let current: ElderScale | null = null

function normalise(v: unknown): ElderScale {
  const n = typeof v === 'string' ? Number(v) : v
  return (ELDER_SCALES as readonly unknown[]).includes(n) ? (n as ElderScale) : 1
}

function readStorage(): unknown {
  try {
    return Taro.getStorageSync(ELDER_KEY)
  } catch {
    return undefined
  }
}

export function getElderScale(): ElderScale {
  if (current === null) current = normalise(readStorage())
  return current
}

export function setElderScale(scale: ElderScale): void {
  current = normalise(scale)
  try {
    Taro.setStorageSync(ELDER_KEY, current)
  } catch {
    // Storage full or unavailable: the mode still applies for this session.
  }
  applyElderMode(current)
  listeners.forEach((l) => l(current as ElderScale))
}

/** Tests: forget the in-memory value (storage is read again). */
export function resetElderMode(): void {
  current = null
}

export function elderClass(scale: ElderScale): string {
  return scale === 1 ? '' : `elder elder--${Math.round(scale * 100)}`
}

export function applyElderMode(scale: ElderScale): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  const root = document.documentElement
  root.classList.toggle('elder', scale !== 1)
  root.style.setProperty('--elder-zoom', String(scale))
}

export function useElderMode(): { scale: ElderScale; setScale: (s: ElderScale) => void } {
  const [scale, setLocal] = useState<ElderScale>(getElderScale)
  useEffect(() => {
    const l: Listener = (s) => setLocal(s)
    listeners.add(l)
    return () => {
      listeners.delete(l)
    }
  }, [])
  return { scale, setScale: setElderScale }
}

/**
 * The class for a page's root view. On H5 the <html> element already carries the mode, so this is
 * empty there (zooming twice would scale 1.56×); in the mini-program each page root carries it.
 */
export function useElderClass(): string {
  const { scale } = useElderMode()
  return process.env.TARO_ENV === 'h5' ? '' : elderClass(scale)
}
