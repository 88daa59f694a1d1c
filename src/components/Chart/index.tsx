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

/** uCharts options for our charts: calm colours (brand #1677ff first), no animation, legible axes. */
export function chartOptions(p: ChartProps, width: number, height: number, pix: number, context: unknown): Record<string, unknown> {
  const many = (p.categories?.length ?? 0) > 12
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
    padding: [12, 12, 4, 4],
    fontSize: 11,
    dataLabel: !many && p.type !== 'line' && p.type !== 'scatter',
    dataPointShape: !many,
    legend: { show: p.series.length > 1, position: 'top' },
    xAxis: { disableGrid: true, labelCount: many ? 6 : undefined, rotateLabel: false, boundaryGap: p.type === 'line' ? 'justify' : 'center' },
    yAxis: { gridType: 'dash', dashLength: 4, data: [{ min: 0, ...(p.percent ? { max: 1, format: (v: number) => `${Math.round(v * 100)}%` } : {}) }] },
    extra: {
      line: { type: 'curve', width: 2 },
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
    if (!c || !props.onTap) return
    const touch = e?.changedTouches?.[0] ?? e?.touches?.[0]
    if (!touch) return
    const idx = c.getCurrentDataIndex({ changedTouches: [{ x: touch.x ?? touch.clientX, y: touch.y ?? touch.clientY }] })
    const i = typeof idx === 'number' ? idx : idx?.index
    if (typeof i === 'number' && i >= 0) {
      c.showToolTip({ changedTouches: [{ x: touch.x ?? touch.clientX, y: touch.y ?? touch.clientY }] })
      props.onTap(i)
    }
  }

  return (
    <View className='chart' style={{ height: `${height}px` }}>
      <Canvas type='2d' id={props.id} canvasId={props.id} className='chart__canvas' style={{ width: '100%', height: `${height}px` }} onTouchEnd={tap} />
    </View>
  )
}
