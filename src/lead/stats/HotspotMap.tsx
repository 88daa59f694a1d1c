import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import DistrictMap, { MAP_COLORS, type MapMarker } from '@/components/DistrictMap'
import { useDistrictMap } from '@/services/geo'
import { bubbleRadius, clusterHotspots, type HotCell, type HotCluster } from '@domain/stats/stats.clusters'

export interface HotspotMapProps {
  cells: HotCell[]
  /** open the cases of one 50 m cell of one category (stats.drill) */
  onOpenCell: (cell: HotCell) => void
}

/**
 * 热点分布 on the district map: street boundaries, clusters sized by count and coloured by their main category
 * (legend below); tapping a cluster lists its places, each opening its cases — a cluster of one place opens at once.
 */
export default function HotspotMap({ cells, onOpenCell }: HotspotMapProps) {
  const { geo, error } = useDistrictMap()
  const clusters = useMemo(() => clusterHotspots(cells), [cells])
  const [picked, setPicked] = useState<HotCluster | null>(null)
  const colours = useMemo(() => {
    const codes = [...new Set(clusters.map((c) => c.categoryCode))]
    return new Map(codes.map((code, i) => [code, MAP_COLORS[i % MAP_COLORS.length]]))
  }, [clusters])
  const max = clusters.reduce((m, c) => Math.max(m, c.count), 1)
  const markers: MapMarker[] = clusters.map((c) => ({
    id: c.id,
    point: c.centre,
    size: bubbleRadius(c.count, max),
    color: colours.get(c.categoryCode),
    label: String(c.count),
  }))
  const legend = [...colours.entries()].map(([code, colour]) => ({ code, colour, name: clusters.find((c) => c.categoryCode === code)!.categoryName }))

  const tap = (id: string) => {
    const c = clusters.find((x) => x.id === id)
    if (!c) return
    if (c.cells.length === 1) onOpenCell(c.cells[0])
    else setPicked(c)
  }

  return (
    <View>
      <DistrictMap name='hotspots' geo={geo} markers={markers} onMarkerTap={tap} communities={false} height={300} ariaLabel='热点分布地图' />
      {error ? <Text className='an-card__hint'>边界加载失败，地图仅显示热点</Text> : null}
      <View className='an-legend'>
        {legend.map((l) => (
          <View key={l.code} className='an-legend__item'>
            <View className='an-legend__dot' style={{ background: l.colour }} />
            <Text className='an-legend__name'>{l.name}</Text>
          </View>
        ))}
      </View>
      {picked ? (
        <View className='an-picked'>
          <View className='an-row'>
            <Text className='an-row__name an-picked__title'>该处 {picked.count} 件 · 点击查看诉求</Text>
            <Text className='an-card__hint' onClick={() => setPicked(null)}>收起</Text>
          </View>
          {picked.cells.map((c) => (
            <View key={`${c.categoryCode}-${c.cell}`} className='an-row' onClick={() => onOpenCell(c)}>
              <Text className='an-row__name'>{c.categoryName}{c.streetName ? ` · ${c.streetName}` : ''}{c.repeat ? ' · 重复投诉' : ''}</Text>
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
