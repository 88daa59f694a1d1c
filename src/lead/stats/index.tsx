import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import Chart from '@/components/Chart'
import HotspotMap from './hotspot-map'
import { useElderClass } from '@/components/ElderMode'
import { changePoints, kpiLevel, type KpiTarget } from '@domain/stats/stats-targets'
import { hhmm, pct } from '@/staff/format'
import { EmptyState, LoadGate } from '@/staff/ui'
import { useLoad } from '@/staff/use-load'
import { HBars, KPIS, PERIODS, Tabs, openCsv, openDrill, type PeriodInfo, type PeriodKind } from './analysis'

interface Figures {
  period: PeriodInfo
  asOfDay: string | null
  reported: number
  /** 报告人次: the reports plus the citizens who joined them (我也遇到了) */
  reporters?: number
  indicators: Record<string, number | null>
  previous?: { period: PeriodInfo; days: number; reported: number; indicators: Record<string, number | null> }
  today?: { day: string; at: number; truncated: boolean; reported: number; counters: Record<string, number>; indicators: Record<string, number | null> }
  targets?: Record<string, KpiTarget>
}
interface TrendPoint { day: string; reported: number; closed: number }
interface Trend { series: TrendPoint[]; today?: TrendPoint & { at: number } }

/** "≥95%" / "≤2%": the green bound of a target. */
function targetText(t: KpiTarget | undefined): string {
  if (!t) return ''
  return `目标${t.better === 'higher' ? '≥' : '≤'}${Math.round(t.good * 1000) / 10}%`
}

/** The change against the previous period: "较上期 +2.3" (percentage points) or the volume's difference. */
function deltaText(key: string, f: Figures): string {
  if (!f.previous) return ''
  if (key === 'reported') {
    if (!f.previous.days) return '上期无数据'
    const d = f.reported - f.previous.reported
    return `较上期 ${d > 0 ? '+' : ''}${d}`
  }
  const d = changePoints(f.indicators[key] ?? null, f.previous.indicators[key] ?? null)
  return d === null ? '上期无数据' : `较上期 ${d > 0 ? '+' : ''}${d.toFixed(1)}`
}

type By = 'street' | 'dept' | 'category'
const BYS: Array<{ kind: By; label: string }> = [
  { kind: 'street', label: '街镇' },
  { kind: 'dept', label: '部门' },
  { kind: 'category', label: '类别' },
]
const SCOPE_FIELD: Record<By, 'streetId' | 'deptId' | 'categoryCode'> = { street: 'streetId', dept: 'deptId', category: 'categoryCode' }

/** 运行指标: the district's figures for a period, trends, bars by street/department/category, hot spots; every number drills down. */
export default function StatsPage() {
  const [period, setPeriod] = useState<PeriodKind>('month')
  const [by, setBy] = useState<By>('street')
  const [exporting, setExporting] = useState(false)
  const [picked, setPicked] = useState<number | null>(null)
  const figures = useLoad(() => callApi('stats.indicators', { period }), [period])
  const trend = useLoad(() => callApi('stats.trend', { period }), [period])
  const breakdown = useLoad(() => callApi('stats.breakdown', { period, by }), [period, by])
  const hotspots = useLoad(() => callApi('stats.hotspots', { period, limit: 30 }), [period])

  const p = figures.state.status === 'ready' ? figures.state.data.period : undefined
  const drill = (metric: string, extra: Record<string, string> = {}) => p && openDrill({ metric, period: 'custom', from: p.from, to: p.to, ...extra })

  const exportCsv = async () => {
    setExporting(true)
    try {
      const res = await callApi('stats.exportCsv', { what: 'breakdown', period, by })
      await openCsv(res)
    } catch (err) {
      void Taro.showToast({ title: (err as Error).message || '导出失败', icon: 'none' })
    } finally {
      setExporting(false)
    }
  }

  return (
    <View className={`an-page ${useElderClass()}`}>
      <Tabs items={PERIODS} value={period} onChange={setPeriod} />

      {figures.state.status === 'ready' && figures.state.data.today && (() => {
        const t = (figures.state as { data: Figures }).data.today!
        const todayDrill = (metric: string) => openDrill({ metric, period: 'custom', from: t.day, to: t.day })
        const items: Array<[string, string, string]> = [
          ['来件', String(t.reported), 'reported'],
          ['应处置', String(t.counters.dueToHandle ?? 0), 'dueToHandle'],
          ['超期待处置', String(t.counters.overdueOpen ?? 0), 'overdueOpen'],
          ['已结案', String(t.counters.closed ?? 0), 'closed'],
        ]
        return (
          <View className='an-card an-card--today'>
            <View className='an-card__title'>
              <Text>今日实时</Text>
              <Text className='an-card__hint an-num'>截至 {hhmm(t.at)}{t.truncated ? '（部分）' : ''}</Text>
            </View>
            <View className='an-today'>
              {items.map(([label, value, metric]) => (
                <View key={metric} className='an-today__item' ariaRole='button' ariaLabel={`今日${label} ${value}`} onClick={() => todayDrill(metric)}>
                  <Text className='an-today__value an-num'>{value}</Text>
                  <Text className='an-today__label'>{label}</Text>
                </View>
              ))}
            </View>
          </View>
        )
      })()}

      <View className='an-card'>
        <View className='an-card__title'>
          <Text>{p ? p.label : '运行指标'}</Text>
          {figures.state.status === 'ready' && <Text className='an-card__hint an-num'>已结算至 {figures.state.data.asOfDay ?? '—'}</Text>}
        </View>
        <LoadGate state={figures.state} onRetry={figures.reload} inline />
        {figures.state.status === 'ready' && (() => {
          const f = (figures.state as { data: Figures }).data
          return (
            <View className='an-kpis'>
              {KPIS.map((k) => {
                const value = k.key === 'reported' ? null : f.indicators[k.key]
                const target = f.targets?.[k.key]
                const level = k.key === 'reported' ? 'none' : kpiLevel(value, target)
                const shown = k.key === 'reported' ? String(f.reported) : pct(value)
                const LEVEL_CN = { good: '达标', warn: '接近警戒', bad: '未达标', none: '' }
                return (
                  <View key={k.key} className={`an-kpi an-kpi--${level}`} ariaRole='button' ariaLabel={`${k.label} ${shown}${LEVEL_CN[level] ? `，${LEVEL_CN[level]}` : ''}，${deltaText(k.key, f)}`} onClick={() => drill(k.metric)}>
                    <Text className='an-kpi__value an-num'>{shown}</Text>
                    <Text className='an-kpi__label'>{k.label}</Text>
                    <Text className='an-kpi__delta an-num'>{deltaText(k.key, f)}</Text>
                    {target ? <Text className='an-kpi__target an-num'>{targetText(target)}</Text> : null}
                  </View>
                )
              })}
              {f.reporters !== undefined && f.reporters > f.reported ? (
                <Text className='an-note an-kpis__people'>{`诉求 ${f.reported} 件 · 报告人次 ${f.reporters}（“我也遇到了”并入原诉求，各项比率按诉求计一次）`}</Text>
              ) : null}
            </View>
          )
        })()}
      </View>

      <View className='an-card'>
        <View className='an-card__title'><Text>每日来件与结案</Text><Text className='an-card__hint'>点按查看当日数值</Text></View>
        <LoadGate state={trend.state} onRetry={trend.reload} inline />
        {trend.state.status === 'ready' && (trend.state.data.series.length === 0 ? <EmptyState inline title='本期暂无数据' /> : (() => {
          const tr = (trend.state as { data: Trend }).data
          const d = picked !== null ? tr.series[picked] : undefined
          return (
            <View>
              <Chart
                id='an-trend'
                type='line'
                categories={tr.series.map((x) => x.day.slice(5))}
                series={[{ name: '来件', data: tr.series.map((x) => x.reported) }, { name: '结案', data: tr.series.map((x) => x.closed) }]}
                onTap={setPicked}
              />
              {d ? (
                <View className='an-row' onClick={() => openDrill({ metric: 'reported', period: 'day', from: d.day })}>
                  <Text className='an-row__name an-num'>{d.day}</Text>
                  <Text className='an-row__num an-num'>来件 {d.reported}</Text>
                  <Text className='an-row__num an-num'>结案 {d.closed}</Text>
                  <Text className='an-row__num an-row__num--strong'>明细 ›</Text>
                </View>
              ) : null}
              {tr.today ? <Text className='an-note an-num'>今日截至 {hhmm(tr.today.at)}：来件 {tr.today.reported}，结案 {tr.today.closed}</Text> : null}
            </View>
          )
        })())}
      </View>

      <View className='an-card'>
        <View className='an-card__title'>
          <Text>分项</Text>
          <Text className='an-card__hint' onClick={exporting ? undefined : exportCsv}>{exporting ? '正在导出…' : '导出表格'}</Text>
        </View>
        <Tabs items={BYS} value={by} onChange={setBy} />
        <LoadGate state={breakdown.state} onRetry={breakdown.reload} inline />
        {breakdown.state.status === 'ready' && (breakdown.state.data.rows.length === 0 ? <EmptyState inline title='本期暂无数据' /> : (
          <View>
            <HBars
              legend={`来件量（${p ? p.label : '本期'}）`}
              extraLegend={breakdown.state.data.today ? `今日截至 ${hhmm(breakdown.state.data.today.at)}` : undefined}
              rows={breakdown.state.data.rows.slice(0, 10).map((r) => ({ key: r.key, label: r.name, value: r.reported, ...(breakdown.state.status === 'ready' && breakdown.state.data.today ? { extra: r.todayReported ?? 0 } : {}) }))}
              onTap={(r) => drill('reported', { [SCOPE_FIELD[by]]: r.key })}
            />
            <View className='an-row'>
              <Text className='an-row__name'>名称</Text>
              <Text className='an-row__num'>来件量</Text>
              <Text className='an-row__num'>按期处置率</Text>
              <Text className='an-row__num'>满意率</Text>
            </View>
            {breakdown.state.data.rows.map((r) => (
              <View key={r.key} className='an-row'>
                <Text className='an-row__name'>{r.name}</Text>
                <Text className='an-row__num an-row__num--strong an-num' onClick={() => drill('reported', { [SCOPE_FIELD[by]]: r.key })}>{r.reported}</Text>
                <Text className='an-row__num an-num' onClick={() => drill('handledOnTime', { [SCOPE_FIELD[by]]: r.key })}>{pct(r.indicators.onTimeHandleRate)}</Text>
                <Text className='an-row__num an-num' onClick={() => drill('satisfied', { [SCOPE_FIELD[by]]: r.key })}>{pct(r.indicators.satisfactionRate)}</Text>
              </View>
            ))}
          </View>
        ))}
      </View>

      <View className='an-card'>
        <View className='an-card__title'><Text>热点分布</Text><Text className='an-card__hint'>同类问题 50 米网格</Text></View>
        <LoadGate state={hotspots.state} onRetry={hotspots.reload} inline />
        {hotspots.state.status === 'ready' && (hotspots.state.data.cells.length === 0 ? <EmptyState inline title='本期暂无带位置的来件' /> : (
          <View>
            <HotspotMap cells={hotspots.state.data.cells} onOpenCell={(c) => drill('reported', { cell: c.cell, categoryCode: c.categoryCode })} />
          </View>
        ))}
      </View>

      <View className='an-links'>
        <View className='an-btn an-btn--ghost' onClick={() => Taro.navigateTo({ url: '/lead/patterns/index' })}><Text>共性问题</Text></View>
        <View className='an-btn an-btn--ghost' onClick={() => Taro.navigateTo({ url: '/lead/rank/index' })}><Text>考核排名</Text></View>
        <View className='an-btn an-btn--ghost' onClick={() => Taro.navigateTo({ url: '/lead/board/index' })}><Text>轮值看板</Text></View>
      </View>
    </View>
  )
}
