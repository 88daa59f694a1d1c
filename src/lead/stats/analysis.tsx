/**
 * What the analysis pages (运行指标, 明细, 考核排名, 共性问题) share beyond the staff kit: periods, indicators,
 * drilling into the cases behind a number, CSV export, horizontal bars. Styles: the kit's an-* rules.
 */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'

export type PeriodKind = 'day' | 'week' | 'month' | 'halfYear'
export const PERIODS: Array<{ kind: PeriodKind; label: string }> = [
  { kind: 'day', label: '日' },
  { kind: 'week', label: '周' },
  { kind: 'month', label: '月' },
  { kind: 'halfYear', label: '半年' },
]

export function Tabs<K extends string>({ items, value, onChange }: { items: Array<{ kind: K; label: string }>; value: K; onChange: (k: K) => void }) {
  return (
    <View className='an-tabs'>
      {items.map((it) => (
        <View key={it.kind} className={`an-tabs__item ${it.kind === value ? 'an-tabs__item--on' : ''}`} onClick={() => onChange(it.kind)}>
          <Text>{it.label}</Text>
        </View>
      ))}
    </View>
  )
}

export interface PeriodInfo {
  kind: string
  from: string
  to: string
  label: string
  days: number
}

/** Indicator cards: label, indicator key, the counter to drill into, and how to read it. */
export const KPIS = [
  { key: 'reported', label: '来件量', metric: 'reported' },
  { key: 'onTimeHandleRate', label: '按期处置率', metric: 'handledOnTime' },
  { key: 'overdueOpenRate', label: '超期待处置率', metric: 'overdueOpen' },
  { key: 'closeRate', label: '结案率', metric: 'closed' },
  { key: 'onTimeCloseRate', label: '按期结案率', metric: 'closedOnTime' },
  { key: 'reworkRate', label: '返工率', metric: 'reopened' },
  { key: 'satisfactionRate', label: '满意率', metric: 'satisfied' },
  { key: 'extensionRate', label: '延期率', metric: 'extended' },
  { key: 'respondIn10Rate', label: '10分钟响应率', metric: 'respondMissed' },
  { key: 'assignIn60Rate', label: '1小时分派率', metric: 'assignMissed' },
  { key: 'checkinRate', label: '报到率', metric: 'callsMissed' },
  { key: 'callAccuracyRate', label: '呼叫准确率', metric: 'callsInaccurate' },
] as const

export const METRIC_LABELS: Record<string, string> = {
  reported: '来件', handledOnTime: '按期处置', overdueOpen: '超期待处置', closed: '已结案', closedOnTime: '按期结案', reopened: '返工',
  satisfied: '满意（含基本满意）', extended: '延期', respondMissed: '未在10分钟内签收', assignMissed: '未在1小时内分派',
  callsMissed: '呼叫未报到', callsInaccurate: '呼叫不准确', dueToHandle: '应处置', dueToClose: '应结案', notClosed: '应结未结', dissatisfied: '不满意',
}

export interface DrillTarget {
  metric: string
  period: string
  from: string
  to?: string
  streetId?: string
  deptId?: string
  categoryCode?: string
  communityId?: string
  cell?: string
  title?: string
}

/** Opens the cases behind a number. */
export function openDrill(t: DrillTarget) {
  const q = Object.entries(t)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')
  void Taro.navigateTo({ url: `/lead/drill/index?${q}` })
}

/** Downloads an exported CSV: the mini-program opens it (Excel-readable), the browser follows the link. */
export async function openCsv(res: { url: string; name: string }) {
  if (process.env.TARO_ENV === 'h5') {
    if (typeof window !== 'undefined' && typeof window.open === 'function') window.open(res.url, '_blank')
    return
  }
  const dl = await Taro.downloadFile({ url: res.url })
  await Taro.openDocument({ filePath: dl.tempFilePath, fileType: 'xlsx' as never, showMenu: true }).catch(() => Taro.setClipboardData({ data: res.url }))
}

export interface BarRow {
  key: string
  label: string
  value: number
  /** the value as shown (default: the number) */
  text?: string
  /** a second, lighter bar (e.g. today's reports beside the period's) */
  extra?: number
}

/**
 * Horizontal bars drawn with plain views (both builds, no canvas): every bar carries its label and its value, the
 * scale starts at 0 (a bar's length is its value over the largest), long labels wrap instead of being clipped, and a
 * tap opens the cases behind the bar. Rankings and breakdowns use these; trends use the line chart.
 */
export function HBars({ rows, legend, extraLegend, onTap, unit = '' }: { rows: BarRow[]; legend: string; extraLegend?: string; onTap?: (row: BarRow) => void; unit?: string }) {
  const max = Math.max(1, ...rows.map((r) => Math.max(r.value, r.extra ?? 0)))
  return (
    <View className='an-bars' role='list'>
      <View className='an-bars__legend'>
        <View className='an-bars__swatch' /><Text className='an-bars__legend-text'>{legend}</Text>
        {extraLegend ? <><View className='an-bars__swatch an-bars__swatch--extra' /><Text className='an-bars__legend-text'>{extraLegend}</Text></> : null}
      </View>
      {rows.map((r) => (
        <View
          key={r.key}
          className='an-bars__row'
          role='listitem'
          ariaRole='button'
          ariaLabel={`${r.label} ${r.text ?? r.value}${unit}${r.extra !== undefined && extraLegend ? `，${extraLegend} ${r.extra}` : ''}`}
          onClick={() => onTap?.(r)}
        >
          <Text className='an-bars__label'>{r.label}</Text>
          <View className='an-bars__track'>
            <View className='an-bars__bar' style={{ width: `${(Math.max(0, r.value) / max) * 100}%` }} />
            <Text className='an-bars__value an-num'>{r.text ?? r.value}{unit}</Text>
          </View>
          {r.extra !== undefined ? (
            <View className='an-bars__track an-bars__track--extra'>
              <View className='an-bars__bar an-bars__bar--extra' style={{ width: `${(Math.max(0, r.extra) / max) * 100}%` }} />
              <Text className='an-bars__value an-bars__value--extra an-num'>{r.extra}</Text>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  )
}
