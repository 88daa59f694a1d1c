/**
 * Offline vector map (H5): the district's streets and communities drawn from their boundary polygons as SVG, with
 * the same pin, radius, own position and clusters as the WeChat map. Tap to place the pin; 放大/缩小/全区 change the
 * span. Local equirectangular projection (metres at the district's latitude): exact enough at city scale.
 */
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react'
import { Text, View } from '@tarojs/components'
import type { LngLat } from '@domain/geo/geo.types'
import type { DistrictMapProps } from './map.types'
import './index.scss'

export type { DistrictGeo, DistrictMapProps, MapMarker } from './map.types'
export { MAP_COLORS, OVERDUE_COLORS, textOn } from './map.types'

const W = 360
const M_PER_DEG_LAT = 111_195
const SPANS = [0, 4000, 1500, 600, 250]

interface View2 {
  minX: number
  minY: number
  scale: number // px per metre
  kx: number
}

function extentOf(props: DistrictMapProps, span: number, h: number): View2 | null {
  const geo = props.geo
  const pts: LngLat[] = []
  if (geo?.district) pts.push(...geo.district.boundary.coordinates[0])
  else geo?.streets.forEach((s) => pts.push(...s.boundary.coordinates[0]))
  if (!pts.length) (props.markers ?? []).forEach((m) => pts.push(m.point))
  const centre = props.focus ?? props.pin
  if (!pts.length && !centre) return null
  const refLat = centre ? centre[1] : pts.reduce((s, p) => s + p[1], 0) / pts.length
  const kx = M_PER_DEG_LAT * Math.cos((refLat * Math.PI) / 180)
  if (span > 0 && centre) {
    const cx = centre[0] * kx
    const cy = centre[1] * M_PER_DEG_LAT
    const scale = Math.min(W, h) / (2 * span)
    return { minX: cx - W / 2 / scale, minY: cy - h / 2 / scale, scale, kx }
  }
  const xs = pts.map((p) => p[0] * kx)
  const ys = pts.map((p) => p[1] * M_PER_DEG_LAT)
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
  const scale = Math.min((W - 16) / Math.max(x1 - x0, 500), (h - 16) / Math.max(y1 - y0, 500))
  return { minX: (x0 + x1) / 2 - W / 2 / scale, minY: (y0 + y1) / 2 - h / 2 / scale, scale, kx }
}

export default function DistrictMap(props: DistrictMapProps) {
  const h = props.height ?? 260
  const initial = props.spanM ?? 0
  const [span, setSpan] = useState(initial)
  useEffect(() => setSpan(initial), [initial])
  const svgRef = useRef<SVGSVGElement | null>(null)
  const v = useMemo(() => extentOf(props, span, h), [props.geo, props.pin, props.focus, props.markers, span, h]) // eslint-disable-line react-hooks/exhaustive-deps

  if (!v) {
    return (
      <View key='empty' className='yx-map yx-map--empty' style={{ height: `${h}px` }} ariaRole='img' ariaLabel={props.ariaLabel}>
        <Text className='yx-map__empty'>地图加载中…</Text>
      </View>
    )
  }
  const xy = (p: LngLat): [number, number] => [(p[0] * v.kx - v.minX) * v.scale, h - (p[1] * M_PER_DEG_LAT - v.minY) * v.scale]
  const path = (ring: LngLat[]) => ring.map((p, i) => `${i ? 'L' : 'M'}${xy(p)[0].toFixed(1)},${xy(p)[1].toFixed(1)}`).join('') + 'Z'
  const showCommunities = props.communities ?? span > 0
  const zoomed = span > 0

  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    if (!props.onPick || !svgRef.current) return
    const r = svgRef.current.getBoundingClientRect()
    const px = ((e.clientX - r.left) / r.width) * W
    const py = ((e.clientY - r.top) / r.height) * h
    const lng = (px / v.scale + v.minX) / v.kx
    const lat = ((h - py) / v.scale + v.minY) / M_PER_DEG_LAT
    props.onPick([Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6])
  }
  const zoomTo = (next: number) => setSpan(next)
  const idx = SPANS.indexOf(span)
  const canFocus = !!(props.focus ?? props.pin)

  return (
    <View key='map' className='yx-map' style={{ height: `${h}px` }} ariaRole='img' ariaLabel={props.ariaLabel}>
      <svg
        ref={svgRef}
        className='yx-map__svg'
        viewBox={`0 0 ${W} ${h}`}
        width='100%'
        height={h}
        role='img'
        data-testid='district-map'
        data-map={props.name}
        onClick={onClick}
      >
        <rect x={0} y={0} width={W} height={h} fill='#eef3f8' />
        {props.geo?.district ? <path d={path(props.geo.district.boundary.coordinates[0])} fill='#f7f9fc' stroke='#86909c' strokeWidth={1.5} /> : null}
        {showCommunities
          ? props.geo?.communities.map((c) => <path key={c._id} d={path(c.area.coordinates[0])} fill='none' stroke='#c9cdd4' strokeWidth={0.8} strokeDasharray='3 2' />)
          : null}
        {props.geo?.streets.map((s) => (
          <path key={s._id} d={path(s.boundary.coordinates[0])} fill='none' stroke='#4e5969' strokeWidth={1.2} />
        ))}
        {props.geo?.streets.map((s) => {
          const [x, y] = xy(s.centre)
          return x > 0 && x < W && y > 0 && y < h ? (
            <text key={`t-${s._id}`} x={x} y={y} fontSize={zoomed ? 13 : 10} fill='#4e5969' textAnchor='middle' pointerEvents='none'>
              {s.name}
            </text>
          ) : null
        })}
        {showCommunities
          ? props.geo?.communities.map((c) => {
              const [x, y] = xy(c.centre)
              return x > 0 && x < W && y > 0 && y < h ? (
                <text key={`c-${c._id}`} x={x} y={y + 14} fontSize={10} fill='#86909c' textAnchor='middle' pointerEvents='none'>
                  {c.name}
                </text>
              ) : null
            })
          : null}
        {props.circle ? (
          <circle
            cx={xy(props.circle.centre)[0]}
            cy={xy(props.circle.centre)[1]}
            r={Math.max(2, props.circle.radiusM * v.scale)}
            fill='rgba(22,119,255,0.12)'
            stroke='#1677ff'
            strokeWidth={1.5}
            data-testid='map-radius'
          />
        ) : null}
        {(props.markers ?? []).map((m) => {
          const [x, y] = xy(m.point)
          const r = m.size ?? 6
          return (
            <g
              key={m.id}
              data-testid='map-marker'
              data-id={m.id}
              onClick={(e) => {
                if (props.onMarkerTap) {
                  e.stopPropagation()
                  props.onMarkerTap(m.id)
                }
              }}
              style={{ cursor: props.onMarkerTap ? 'pointer' : undefined }}
            >
              <circle cx={x} cy={y} r={r} fill={m.color ?? '#ff7d00'} fillOpacity={m.size ? 0.6 : 0.9} stroke='#fff' strokeWidth={1.5} />
              {m.label ? (
                <text x={x} y={y + 4} fontSize={11} fill={m.size && m.size >= 10 ? '#fff' : '#1d2129'} textAnchor='middle' pointerEvents='none' dx={m.size && m.size >= 10 ? 0 : r + 10}>
                  {m.label}
                </text>
              ) : null}
            </g>
          )
        })}
        {props.me ? (
          <g data-testid='map-me'>
            <circle cx={xy(props.me)[0]} cy={xy(props.me)[1]} r={9} fill='rgba(22,119,255,0.25)' />
            <circle cx={xy(props.me)[0]} cy={xy(props.me)[1]} r={5} fill='#1677ff' stroke='#fff' strokeWidth={2} />
          </g>
        ) : null}
        {props.pin ? (
          <g data-testid='map-pin' pointerEvents='none'>
            <path
              d={`M${xy(props.pin)[0]},${xy(props.pin)[1]} l-9,-15 a10,10 0 1,1 18,0 z`}
              fill='#f53f3f'
              stroke='#fff'
              strokeWidth={1.5}
            />
            <circle cx={xy(props.pin)[0]} cy={xy(props.pin)[1] - 19} r={3.5} fill='#fff' />
          </g>
        ) : null}
      </svg>
      <View className='yx-map__zoom'>
        {canFocus ? (
          <View
            className='yx-map__zoom-btn'
            ariaRole='button'
            ariaLabel='放大地图'
            onClick={() => zoomTo(SPANS[Math.min(SPANS.length - 1, Math.max(1, idx + 1))])}
          >
            <Text>＋</Text>
          </View>
        ) : null}
        {zoomed ? (
          <View className='yx-map__zoom-btn' ariaRole='button' ariaLabel='缩小地图' onClick={() => zoomTo(SPANS[Math.max(0, idx - 1)])}>
            <Text>－</Text>
          </View>
        ) : null}
        {zoomed ? (
          <View className='yx-map__zoom-btn yx-map__zoom-btn--wide' ariaRole='button' ariaLabel='查看全区' onClick={() => zoomTo(0)}>
            <Text>全区</Text>
          </View>
        ) : null}
      </View>
      <Text className='yx-map__note'>{props.onPick ? '离线示意地图 · 点击地图可选点' : '离线示意地图'}</Text>
    </View>
  )
}
