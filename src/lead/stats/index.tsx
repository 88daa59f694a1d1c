import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import Chart from '@/components/Chart'
import { useElderClass } from '@/components/ElderMode'
import { Empty, ErrorBox, KPIS, Loading, PERIODS, Tabs, openCsv, openDrill, pct, useLoad, type PeriodInfo, type PeriodKind } from './ui'
import './ui.scss'

interface Figures {
  period: PeriodInfo
  asOfDay: string | null
  reported: number
  indicators: Record<string, number | null>
}
interface Trend { series: Array<{ day: string; reported: number; closed: number }> }
interface Breakdown { rows: Array<{ key: string; name: string; reported: number; indicators: Record<string, number | null> }> }
interface Hotspots { cells: Array<{ cell: string; categoryCode: string; categoryName: string; streetName?: string; count: number; centre: [number, number]; repeat: boolean }> }

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
  const figures = useLoad(() => callApi<Figures>('stats.indicators', { period }), [period])
  const trend = useLoad(() => callApi<Trend>('stats.trend', { period }), [period])
  const breakdown = useLoad(() => callApi<Breakdown>('stats.breakdown', { period, by }), [period, by])
  const hotspots = useLoad(() => callApi<Hotspots>('stats.hotspots', { period, limit: 30 }), [period])

  const p = figures.state.status === 'ready' ? figures.state.data.period : undefined
  const drill = (metric: string, extra: Record<string, string> = {}) => p && openDrill({ metric, period: 'custom', from: p.from, to: p.to, ...extra })

  const exportCsv = async () => {
    setExporting(true)
    try {
      const res = await callApi<{ url: string; name: string }>('stats.exportCsv', { what: 'breakdown', period, by })
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

      <View className='an-card'>
        <View className='an-card__title'>
          <Text>{p ? p.label : '运行指标'}</Text>
          {figures.state.status === 'ready' && <Text className='an-card__hint'>数据截至 {figures.state.data.asOfDay ?? '—'}</Text>}
        </View>
        {figures.state.status === 'loading' && <Loading />}
        {figures.state.status === 'error' && <ErrorBox message={figures.state.message} code={figures.state.code} onRetry={figures.reload} />}
        {figures.state.status === 'ready' && (
          <View className='an-kpis'>
            {KPIS.map((k) => (
              <View key={k.key} className='an-kpi' onClick={() => drill(k.metric)}>
                <Text className='an-kpi__value'>{k.key === 'reported' ? String(figures.state.status === 'ready' ? figures.state.data.reported : 0) : pct((figures.state as { data: Figures }).data.indicators[k.key])}</Text>
                <Text className='an-kpi__label'>{k.label}</Text>
              </View>
            ))}
          </View>
        )}
      </View>

      <View className='an-card'>
        <View className='an-card__title'><Text>每日来件与结案</Text></View>
        {trend.state.status === 'loading' && <Loading />}
        {trend.state.status === 'error' && <ErrorBox message={trend.state.message} code={trend.state.code} onRetry={trend.reload} />}
        {trend.state.status === 'ready' && (trend.state.data.series.length === 0 ? <Empty text='本期暂无数据' /> : (
          <Chart
            id='an-trend'
            type='line'
            categories={trend.state.data.series.map((d) => d.day.slice(5))}
            series={[{ name: '来件', data: trend.state.data.series.map((d) => d.reported) }, { name: '结案', data: trend.state.data.series.map((d) => d.closed) }]}
            onTap={(i) => {
              const d = (trend.state as { data: Trend }).data.series[i]
              if (d) openDrill({ metric: 'reported', period: 'day', from: d.day })
            }}
          />
        ))}
      </View>

      <View className='an-card'>
        <View className='an-card__title'>
          <Text>分项</Text>
          <Text className='an-card__hint' onClick={exporting ? undefined : exportCsv}>{exporting ? '正在导出…' : '导出表格'}</Text>
        </View>
        <Tabs items={BYS} value={by} onChange={setBy} />
        {breakdown.state.status === 'loading' && <Loading />}
        {breakdown.state.status === 'error' && <ErrorBox message={breakdown.state.message} code={breakdown.state.code} onRetry={breakdown.reload} />}
        {breakdown.state.status === 'ready' && (breakdown.state.data.rows.length === 0 ? <Empty text='本期暂无数据' /> : (
          <View>
            <Chart
              id='an-bars'
              type='bar'
              height={Math.max(160, Math.min(10, breakdown.state.data.rows.length) * 32)}
              categories={breakdown.state.data.rows.slice(0, 10).map((r) => r.name)}
              series={[{ name: '来件量', data: breakdown.state.data.rows.slice(0, 10).map((r) => r.reported) }]}
              onTap={(i) => {
                const r = (breakdown.state as { data: Breakdown }).data.rows[i]
                if (r) drill('reported', { [SCOPE_FIELD[by]]: r.key })
              }}
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
                <Text className='an-row__num an-row__num--strong' onClick={() => drill('reported', { [SCOPE_FIELD[by]]: r.key })}>{r.reported}</Text>
                <Text className='an-row__num' onClick={() => drill('handledOnTime', { [SCOPE_FIELD[by]]: r.key })}>{pct(r.indicators.onTimeHandleRate)}</Text>
                <Text className='an-row__num' onClick={() => drill('satisfied', { [SCOPE_FIELD[by]]: r.key })}>{pct(r.indicators.satisfactionRate)}</Text>
              </View>
            ))}
          </View>
        ))}
      </View>

      <View className='an-card'>
        <View className='an-card__title'><Text>热点分布</Text><Text className='an-card__hint'>同类问题 50 米网格</Text></View>
        {hotspots.state.status === 'loading' && <Loading />}
        {hotspots.state.status === 'error' && <ErrorBox message={hotspots.state.message} code={hotspots.state.code} onRetry={hotspots.reload} />}
        {hotspots.state.status === 'ready' && (hotspots.state.data.cells.length === 0 ? <Empty text='本期暂无带位置的来件' /> : (
          <View>
            <Chart
              id='an-map'
              type='scatter'
              height={240}
              series={[{ name: '热点', data: hotspots.state.data.cells.map((c) => c.centre) }]}
              onTap={(i) => {
                const c = (hotspots.state as { data: Hotspots }).data.cells[i]
                if (c) drill('reported', { cell: c.cell, categoryCode: c.categoryCode })
              }}
            />
            {hotspots.state.data.cells.slice(0, 8).map((c) => (
              <View key={`${c.categoryCode}-${c.cell}`} className='an-row' onClick={() => drill('reported', { cell: c.cell, categoryCode: c.categoryCode })}>
                <Text className='an-row__name'>{c.categoryName}{c.streetName ? ` · ${c.streetName}` : ''}{c.repeat ? ' · 重复投诉' : ''}</Text>
                <Text className='an-row__num an-row__num--strong'>{c.count}件</Text>
              </View>
            ))}
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
