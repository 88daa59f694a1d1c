import { useEffect, useRef } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, View } from '@tarojs/components'
import uCharts from '@qiun/ucharts'
import './index.scss'

export type ChartType = 'line' | 'column' | 'bar' | 'scatter'

export interface ChartSeries {
  name: string
  data: Array<number | null | [number, number]>
  color?: string
}

export interface ChartProps {
  /** unique on the page: the canvas id */
  id: string
  type: ChartType
  categories?: string[]
  series: ChartSeries[]
  /** CSS pixels */
  height?: number
  /** a bar / point / day was tapped: its index (drill-down) */
  onTap?: (index: number) => void
  /** y-axis as percentages */
  percent?: boolean
}

/**
 * A value axis for counts: from 0, whole-number ticks (1, 2, 5 × 10ⁿ steps), about four of them.
 * Returns the axis maximum and the number of splits.
 */
export function countAxis(values: Array<number | null | undefined>, splits = 4): { max: number; splitNumber: number } {
  const top = Math.max(0, ...values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)))
  if (top <= 0) return { max: splits, splitNumber: splits }
  const raw = top / splits
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag)
  const n = Math.max(1, Math.ceil(top / step))
  return { max: n * step, splitNumber: n }
}

/** uCharts options for our charts: calm colours (brand #1677ff first), no animation, legible axes. */
export function chartOptions(p: ChartProps, width: number, height: number, pix: number, context: unknown): Record<string, unknown> {
  const n = p.categories?.length ?? 0
  const many = n > 12
  const values = p.series.flatMap((s) => s.data.map((d) => (Array.isArray(d) ? d[1] : d)))
  const axis = p.percent ? { max: 1, splitNumber: 4 } : countAxis(values)
  // at most ~6 date labels on a phone; the last one is kept whole by the right padding
  const labelCount = n > 7 ? Math.min(6, Math.max(2, Math.floor(width / 60))) : undefined
  return {
    type: p.type,
    context,
    canvas2d: true,
    width: width * pix,
    height: height * pix,
    pixelRatio: pix,
    categories: p.categories ?? [],
    series: p.series,
    animation: false,
    background: '#FFFFFF',
    color: ['#1677ff', '#36cfc9', '#faad14', '#f5222d', '#722ed1', '#52c41a'],
    padding: [12, 24, 4, 8],
    fontSize: 11,
    dataLabel: !many && p.type !== 'line' && p.type !== 'scatter',
    dataPointShape: !many,
    legend: { show: p.series.length > 1 || p.type === 'line', position: 'top', fontSize: 12 },
    xAxis: { disableGrid: true, labelCount, rotateLabel: false, boundaryGap: p.type === 'line' ? 'justify' : 'center', fontSize: 11 },
    yAxis: p.type === 'scatter' ? { gridType: 'dash', dashLength: 4, data: [{ min: 0 }] } : {
      gridType: 'dash',
      dashLength: 4,
      splitNumber: axis.splitNumber,
      data: [{ min: 0, max: axis.max, format: p.percent ? (v: number) => `${Math.round(v * 100)}%` : (v: number) => String(Math.round(v)) }],
    },
    extra: {
      line: { type: 'straight', width: 2 },
      column: { width: 18, barBorderRadius: [4, 4, 0, 0] },
      bar: { width: 14, barBorderRadius: [0, 4, 4, 0] },
      tooltip: { showBox: true },
    },
  }
}

/**
 * A uCharts chart on a 2d canvas (mini-program and H5). The canvas is found with a selector query after mount;
 * where no 2d context is available (tests, very old clients) nothing is drawn — every chart on our pages is
 * accompanied by the same numbers as a list, which is also where drill-down taps land for screen readers.
 */
export default function Chart(props: ChartProps) {
  const chart = useRef<any>(null)
  const height = props.height ?? 220

  useEffect(() => {
    let cancelled = false
    const draw = (node: any, width: number) => {
      const ctx = node?.getContext?.('2d')
      if (!ctx) return
      const pix = Taro.getSystemInfoSync?.().pixelRatio || 2
      node.width = width * pix
      node.height = height * pix
      try {
        chart.current = new uCharts(chartOptions(props, width, height, pix, ctx))
      } catch {
        chart.current = null
      }
    }
    try {
      Taro.createSelectorQuery()
        .select(`#${props.id}`)
        .fields({ node: true, size: true })
        .exec((res: any[]) => {
          if (cancelled || !res?.[0]) return
          draw(res[0].node, res[0].width || 320)
        })
    } catch {
      // no canvas support here: the list beside the chart carries the numbers
    }
    return () => {
      cancelled = true
    }
  }, [props.id, props.type, JSON.stringify(props.categories), JSON.stringify(props.series), height])

  const tap = (e: any) => {
    const c = chart.current
    if (!c) return
    const touch = e?.changedTouches?.[0] ?? e?.touches?.[0] ?? e
    if (!touch) return
    // canvas-relative CSS pixels: the mini-program gives x/y, the browser page coordinates
    let x = touch.x
    let y = touch.y
    if (typeof x !== 'number') {
      const el = e?.currentTarget ?? e?.target
      const r = el?.getBoundingClientRect?.() ?? { left: 0, top: 0 }
      const zoom = Number(typeof document !== 'undefined' ? getComputedStyle(document.body).zoom : 1) || 1
      x = (touch.clientX ?? 0) / zoom - r.left
      y = (touch.clientY ?? 0) / zoom - r.top
    }
    const at = { changedTouches: [{ x, y }] }
    const idx = c.getCurrentDataIndex(at)
    const i = typeof idx === 'number' ? idx : idx?.index
    if (typeof i === 'number' && i >= 0) {
      // the exact values of the tapped day, then (when asked) what the page does with it
      c.showToolTip(at)
      props.onTap?.(i)
    }
  }

  return (
    <View className='chart' style={{ height: `${height}px` }}>
      <Canvas type='2d' id={props.id} canvasId={props.id} className='chart__canvas' style={{ width: '100%', height: `${height}px` }} onTouchEnd={tap} onClick={process.env.TARO_ENV === 'h5' ? tap : undefined} />
    </View>
  )
}
