import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import DistrictMap, { MAP_COLORS, OVERDUE_COLORS, type MapMarker } from '@/components/DistrictMap'
import { useDistrictMap } from '@/services/geo'
import { bubbleRadius, clusterHotspots, overdueLevel, type HotCell, type HotCluster, type OverdueLevel } from '@domain/stats/stats-clusters'
import { Tabs } from './analysis'

export interface HotspotMapProps {
  cells: HotCell[]
  /** open the cases of one 50 m cell of one category (stats.drill) */
  onOpenCell: (cell: HotCell) => void
}

type ColourBy = 'category' | 'overdue'
const MODES: Array<{ kind: ColourBy; label: string }> = [
  { kind: 'category', label: '按类别' },
  { kind: 'overdue', label: '按超期' },
]
const OVERDUE_NAMES: Record<OverdueLevel, string> = { none: '无超期', some: '部分超期', most: '过半超期' }

/**
 * 热点分布 on the district map: street boundaries, clusters sized by count and coloured by their main category or by
 * their share of overdue cases (按类别 / 按超期, legend below); tapping a cluster lists its places, each opening its
 * cases — a cluster of one place opens at once. Every category present has its own colour (the busiest get the
 * colour-blind-safe ones).
 */
export default function HotspotMap({ cells, onOpenCell }: HotspotMapProps) {
  const { geo, error } = useDistrictMap()
  const clusters = useMemo(() => clusterHotspots(cells), [cells])
  const [picked, setPicked] = useState<HotCluster | null>(null)
  const [by, setBy] = useState<ColourBy>('category')
  const colours = useMemo(() => {
    const totals = new Map<string, { name: string; count: number }>()
    for (const c of cells) {
      const t = totals.get(c.categoryCode) ?? { name: c.categoryName, count: 0 }
      t.count += c.count
      totals.set(c.categoryCode, t)
    }
    const ranked = [...totals.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    return new Map(ranked.map(([code, t], i) => [code, { name: t.name, colour: MAP_COLORS[i % MAP_COLORS.length] }]))
  }, [cells])
  const max = clusters.reduce((m, c) => Math.max(m, c.count), 1)
  const colourOf = (c: HotCluster) => (by === 'overdue' ? OVERDUE_COLORS[overdueLevel(c)] : colours.get(c.categoryCode)?.colour)
  const markers: MapMarker[] = clusters.map((c) => ({
    id: c.id,
    point: c.centre,
    size: bubbleRadius(c.count, max),
    color: colourOf(c),
    label: String(c.count),
  }))
  const shown = new Set(clusters.map((c) => c.categoryCode))
  const legend =
    by === 'overdue'
      ? (Object.keys(OVERDUE_COLORS) as OverdueLevel[]).map((k) => ({ key: k, colour: OVERDUE_COLORS[k], name: OVERDUE_NAMES[k] }))
      : [...colours.entries()].filter(([code]) => shown.has(code)).map(([code, l]) => ({ key: code, colour: l.colour, name: l.name }))

  const tap = (id: string) => {
    const c = clusters.find((x) => x.id === id)
    if (!c) return
    if (c.cells.length === 1) onOpenCell(c.cells[0])
    else setPicked(c)
  }

  return (
    <View>
      <Tabs items={MODES} value={by} onChange={setBy} />
      <DistrictMap name='hotspots' geo={geo} markers={markers} onMarkerTap={tap} communities={false} height={300} ariaLabel='热点分布地图' />
      {error ? <Text className='an-card__hint'>边界加载失败，地图仅显示热点</Text> : null}
      <View className='an-legend' data-legend={by}>
        {legend.map((l) => (
          <View key={l.key} className='an-legend__item'>
            <View className='an-legend__dot' style={{ background: l.colour }} />
            <Text className='an-legend__name'>{l.name}</Text>
          </View>
        ))}
      </View>
      {by === 'overdue' ? <Text className='an-card__hint'>圆圈大小为诉求件数，颜色为其中超期未办结的占比</Text> : null}
      {picked ? (
        <View className='an-picked'>
          <View className='an-row'>
            <Text className='an-row__name an-picked__title'>{`该处 ${picked.count} 件${picked.overdue ? `（超期 ${picked.overdue} 件）` : ''} · 点击查看诉求`}</Text>
            <Text className='an-card__hint' onClick={() => setPicked(null)}>收起</Text>
          </View>
          {picked.cells.map((c) => (
            <View key={`${c.categoryCode}-${c.cell}`} className='an-row' onClick={() => onOpenCell(c)}>
              <Text className='an-row__name'>{c.categoryName}{c.streetName ? ` · ${c.streetName}` : ''}{c.repeat ? ' · 重复投诉' : ''}{c.overdue ? ` · 超期${c.overdue}` : ''}</Text>
              <Text className='an-row__num an-row__num--strong'>{c.count}件</Text>
            </View>
          ))}
        </View>
      ) : (
        <Text className='an-card__hint an-picked__tip'>点击圆圈查看该处的诉求</Text>
      )}
    </View>
  )
}
