/**
 * WeChat build: the native `map` component (Tencent map tiles) with the district's street boundaries as polygons,
 * the pin and markers as markers, the radius as a circle, the viewer's position as the map's own location dot.
 * Tap on the map moves the pin (when `onPick` is given); a tapped marker calls `onMarkerTap`.
 */
import { useMemo } from 'react'
import { Map, Text, View } from '@tarojs/components'
import type { LngLat } from '@domain/geo/geo-types'
import type { DistrictMapProps } from './map-types'
import './index.scss'

export type { DistrictGeo, DistrictMapProps, MapMarker } from './map-types'
export { MAP_COLORS, OVERDUE_COLORS, textOn } from './map-types'

const ll = (p: LngLat) => ({ longitude: p[0], latitude: p[1] })

/** map scale (3–20) that shows about `spanM` metres around the centre on a phone */
function scaleFor(spanM: number | undefined): number {
  if (!spanM) return 12
  if (spanM <= 300) return 17
  if (spanM <= 700) return 16
  if (spanM <= 1600) return 15
  return 14
}

export default function DistrictMap(props: DistrictMapProps) {
  const h = props.height ?? 260
  const centre = props.focus ?? props.pin ?? props.geo?.streets[0]?.centre ?? ([119.2965, 26.0745] as LngLat)
  const ids = useMemo(() => (props.markers ?? []).map((m) => m.id), [props.markers])
  const markers = useMemo(
    () => [
      ...(props.pin ? [{ id: 0, ...ll(props.pin), width: 30, height: 36, callout: undefined }] : []),
      ...(props.markers ?? []).map((m, i) => ({
        id: i + 1,
        ...ll(m.point),
        width: m.size ? m.size * 2 : 20,
        height: m.size ? m.size * 2 : 24,
        alpha: 0.9,
        ...(m.label ? { label: { content: m.label, color: '#1d2129', fontSize: 12, anchorX: 8, anchorY: -20, bgColor: '#ffffff', padding: 2, borderRadius: 4 } } : {}),
      })),
    ],
    [props.pin, props.markers],
  )
  const circles = useMemo(
    () => [
      ...(props.circle ? [{ ...ll(props.circle.centre), radius: props.circle.radiusM, color: '#1677ffcc', fillColor: '#1677ff22', strokeWidth: 2 }] : []),
      ...(props.markers ?? [])
        .filter((m) => m.size)
        .map((m) => ({ ...ll(m.point), radius: (m.size as number) * 12, color: `${m.color ?? '#ff7d00'}cc`, fillColor: `${m.color ?? '#ff7d00'}66`, strokeWidth: 1 })),
    ],
    [props.circle, props.markers],
  )
  const polygons = useMemo(
    () =>
      (props.geo?.streets ?? []).map((s) => ({
        points: s.boundary.coordinates[0].map(ll),
        strokeWidth: 2,
        strokeColor: '#4e5969cc',
        fillColor: '#00000000',
        zIndex: 1,
      })),
    [props.geo],
  )

  return (
    <View className='yx-map' style={{ height: `${h}px` }} ariaRole='img' ariaLabel={props.ariaLabel}>
      <Map
        className='yx-map__native'
        style={{ height: `${h}px` }}
        longitude={centre[0]}
        latitude={centre[1]}
        scale={scaleFor(props.spanM)}
        markers={markers as never}
        circles={circles as never}
        polygons={polygons as never}
        showLocation={!!props.me}
        onTap={(e) => {
          const d = (e as unknown as { detail?: { latitude?: number; longitude?: number } }).detail
          if (props.onPick && d && typeof d.latitude === 'number' && typeof d.longitude === 'number') props.onPick([d.longitude, d.latitude])
        }}
        onMarkerTap={(e) => {
          const id = Number((e as unknown as { detail?: { markerId?: number } }).detail?.markerId)
          if (id > 0 && props.onMarkerTap && ids[id - 1]) props.onMarkerTap(ids[id - 1])
        }}
        onError={() => {
          // the map failing to draw leaves the words (street, community, address) beside it
        }}
      />
      {!props.geo ? <Text className='yx-map__note'>边界加载中…</Text> : null}
    </View>
  )
}
