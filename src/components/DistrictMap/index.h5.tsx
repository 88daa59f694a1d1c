/**
 * Offline vector map (H5): the district's streets and communities drawn from their boundary polygons as SVG, with
 * the same pin, radius, own position and clusters as the WeChat map. Tap to place the pin, or drag it; drag the map to
 * pan, pinch (two fingers) or 放大/缩小/全区 to zoom (pointer events: mouse, pen and touch alike). Names are placed
 * without overlapping (labels.ts). Local equirectangular projection (metres at the district's latitude): exact
 * enough at city scale.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type PointerEvent } from 'react'
import { Text, View } from '@tarojs/components'
import type { LngLat } from '@domain/geo/geo-types'
import { placeLabels, type Box, type LabelWish, type Obstacle } from './labels'
import { textOn, type DistrictMapProps } from './map-types'
import './index.scss'

export type { DistrictGeo, DistrictMapProps, MapMarker } from './map-types'
export { MAP_COLORS, OVERDUE_COLORS, textOn } from './map-types'

const W = 360
const M_PER_DEG_LAT = 111_195
const SPANS = [0, 4000, 1500, 600, 250]
/** pointer travel (svg px) below which a press is a tap, not a drag */
const TAP_SLOP = 5

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

/** The view moved by a pan (svg px) and a pinch factor, about the view's centre. */
function moved(v: View2, pan: { x: number; y: number }, zoom: number, h: number): View2 {
  if (!pan.x && !pan.y && zoom === 1) return v
  const scale = v.scale * zoom
  const cx = v.minX + W / 2 / v.scale
  const cy = v.minY + h / 2 / v.scale
  return { minX: cx - W / 2 / scale - pan.x / scale, minY: cy - h / 2 / scale + pan.y / scale, scale, kx: v.kx }
}

type Gesture =
  | { kind: 'pan' | 'pin'; id: number; x0: number; y0: number; pan0: { x: number; y: number }; grab: [number, number]; moved: boolean }
  | { kind: 'pinch'; d0: number; zoom0: number }

export default function DistrictMap(props: DistrictMapProps) {
  const h = props.height ?? 260
  const initial = props.spanM ?? 0
  const [span, setSpan] = useState(initial)
  const [pan, setPan] = useState({ x: 0, y: 0 })
  const [zoom, setZoom] = useState(1)
  const [dragPin, setDragPin] = useState<LngLat | null>(null)
  useEffect(() => setSpan(initial), [initial])
  useEffect(() => {
    setPan({ x: 0, y: 0 })
    setZoom(1)
  }, [span, props.focus, span > 0 ? props.pin : null]) // eslint-disable-line react-hooks/exhaustive-deps
  const svgRef = useRef<SVGSVGElement | null>(null)
  // the buttons and the note drawn over the map, in svg px: names are placed clear of them
  const overlayRef = useRef<{ zoom: HTMLElement | null; note: HTMLElement | null }>({ zoom: null, note: null })
  const [reserved, setReserved] = useState<Box[]>([])
  const pointers = useRef(new Map<number, { x: number; y: number }>())
  const gesture = useRef<Gesture | null>(null)
  const justDragged = useRef(false)
  const base = useMemo(() => extentOf(props, span, h), [props.geo, props.pin, props.focus, props.markers, span, h]) // eslint-disable-line react-hooks/exhaustive-deps
  const v = base ? moved(base, pan, zoom, h) : null
  useLayoutEffect(() => {
    const svg = svgRef.current
    if (!svg || typeof svg.getBoundingClientRect !== 'function') return
    const r = svg.getBoundingClientRect()
    const k = Math.min(r.width / W, r.height / h)
    if (!k) return
    const ox = r.left + (r.width - W * k) / 2
    const oy = r.top + (r.height - h * k) / 2
    const boxes = [overlayRef.current.zoom, overlayRef.current.note]
      .map((el) => el?.getBoundingClientRect?.())
      .filter((b): b is DOMRect => !!b && b.width > 0)
      .map((b) => ({ x0: (b.left - ox) / k, y0: (b.top - oy) / k, x1: (b.right - ox) / k, y1: (b.bottom - oy) / k }))
    const key = (list: Box[]) => list.map((b) => [b.x0, b.y0, b.x1, b.y1].map(Math.round).join(',')).join(';')
    if (key(boxes) !== key(reserved)) setReserved(boxes)
  })

  if (!v) {
    return (
      <View key='empty' className='yx-map yx-map--empty' style={{ height: `${h}px` }} ariaRole='img' ariaLabel={props.ariaLabel}>
        <Text className='yx-map__empty'>地图加载中…</Text>
      </View>
    )
  }
  const xy = (p: LngLat): [number, number] => [(p[0] * v.kx - v.minX) * v.scale, h - (p[1] * M_PER_DEG_LAT - v.minY) * v.scale]
  const path = (ring: LngLat[]) => ring.map((p, i) => `${i ? 'L' : 'M'}${xy(p)[0].toFixed(1)},${xy(p)[1].toFixed(1)}`).join('') + 'Z'
  const showCommunities = props.communities ?? (span > 0 || zoom >= 2)
  const zoomed = span > 0 || zoom !== 1 || pan.x !== 0 || pan.y !== 0

  /** a client point → svg px (the viewBox is scaled uniformly and centred: preserveAspectRatio xMidYMid meet) */
  const svgPoint = (clientX: number, clientY: number): [number, number] => {
    const r = svgRef.current!.getBoundingClientRect()
    const k = Math.min(r.width / W, r.height / h)
    return [(clientX - r.left - (r.width - W * k) / 2) / k, (clientY - r.top - (r.height - h * k) / 2) / k]
  }
  const lngLatAt = (clientX: number, clientY: number, grab: [number, number] = [0, 0]): LngLat => {
    const [sx, sy] = svgPoint(clientX, clientY)
    const [px, py] = [sx + grab[0], sy + grab[1]]
    const lng = (px / v.scale + v.minX) / v.kx
    const lat = ((h - py) / v.scale + v.minY) / M_PER_DEG_LAT
    return [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6]
  }
  /** true once after a drag or pinch: the click the browser sends after it is not a tap */
  const afterDrag = () => {
    const was = justDragged.current
    justDragged.current = false
    return was
  }
  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    if (afterDrag()) return
    if (!props.onPick || !svgRef.current) return
    props.onPick(lngLatAt(e.clientX, e.clientY))
  }
  const spread = () => {
    const [a, b] = [...pointers.current.values()]
    return Math.max(1, Math.hypot(a.x - b.x, a.y - b.y))
  }
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if (!svgRef.current) return
    const [x, y] = svgPoint(e.clientX, e.clientY)
    pointers.current.set(e.pointerId, { x, y })
    if (pointers.current.size === 2) {
      gesture.current = { kind: 'pinch', d0: spread(), zoom0: zoom }
      return
    }
    const onPin = !!props.onPick && !!(e.target as Element).closest?.('[data-testid="map-pin"]')
    // a dragged pin keeps the offset between the finger and its tip
    const grab: [number, number] = onPin && props.pin ? [xy(props.pin)[0] - x, xy(props.pin)[1] - y] : [0, 0]
    gesture.current = { kind: onPin ? 'pin' : 'pan', id: e.pointerId, x0: x, y0: y, pan0: pan, grab, moved: false }
    svgRef.current.setPointerCapture?.(e.pointerId)
  }
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const g = gesture.current
    if (!g || !pointers.current.has(e.pointerId) || !svgRef.current) return
    const [x, y] = svgPoint(e.clientX, e.clientY)
    pointers.current.set(e.pointerId, { x, y })
    if (g.kind === 'pinch') {
      if (pointers.current.size === 2) setZoom(Math.min(16, Math.max(0.5, g.zoom0 * (spread() / g.d0))))
      return
    }
    if (e.pointerId !== g.id) return
    if (!g.moved && Math.hypot(x - g.x0, y - g.y0) < TAP_SLOP) return
    g.moved = true
    if (g.kind === 'pin') setDragPin(lngLatAt(e.clientX, e.clientY, g.grab))
    else setPan({ x: g.pan0.x + (x - g.x0), y: g.pan0.y + (y - g.y0) })
  }
  const onPointerUp = (e: PointerEvent<SVGSVGElement>) => {
    const g = gesture.current
    pointers.current.delete(e.pointerId)
    if (!g) return
    if (g.kind === 'pinch') {
      justDragged.current = true
      if (pointers.current.size === 0) gesture.current = null
      return
    }
    if (e.pointerId !== g.id) return
    gesture.current = null
    if (!g.moved) return
    justDragged.current = true // the click that follows a drag places nothing
    if (g.kind === 'pin' && props.onPick) {
      props.onPick(lngLatAt(e.clientX, e.clientY, g.grab))
      setDragPin(null)
    }
  }
  const zoomTo = (next: number) => {
    setSpan(next)
    setPan({ x: 0, y: 0 })
    setZoom(1)
  }
  const idx = SPANS.indexOf(span)
  const canFocus = !!(props.focus ?? props.pin)
  const pin = dragPin ?? props.pin

  // names without overlaps: streets (small ones first: they have least room), then communities when zoomed in;
  // they keep clear of the hot-spot bubbles and the pin
  const inside = ([x, y]: [number, number]) => x > 0 && x < W && y > 0 && y < h
  const obstacles: Obstacle[] = [
    ...(props.markers ?? []).map((m) => {
      const [x, y] = xy(m.point)
      return { x, y, r: (m.size ?? 6) + 2 }
    }),
    ...(pin ? [{ x: xy(pin)[0], y: xy(pin)[1] - 14, r: 14 }] : []),
  ]
  const areaOf = (ring: LngLat[]) => {
    const xs = ring.map((p) => p[0])
    const ys = ring.map((p) => p[1])
    return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys))
  }
  const wishes: LabelWish[] = [
    ...[...(props.geo?.streets ?? [])]
      .sort((a, b) => areaOf(a.boundary.coordinates[0]) - areaOf(b.boundary.coordinates[0]))
      .map((s) => ({ key: `t-${s._id}`, text: s.name, x: xy(s.centre)[0], y: xy(s.centre)[1], fontSize: zoomed ? 13 : 10 }))
      .filter((l) => inside([l.x, l.y])),
    ...(showCommunities ? props.geo?.communities ?? [] : [])
      .map((c) => ({ key: `c-${c._id}`, text: c.name, x: xy(c.centre)[0], y: xy(c.centre)[1] + 14, fontSize: 10 }))
      .filter((l) => inside([l.x, l.y])),
  ]
  const labels = placeLabels(wishes, obstacles, W, h, reserved)

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
        data-zoom={zoom.toFixed(2)}
        onClick={onClick}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        style={{ touchAction: 'none' }}
      >
        <rect x={0} y={0} width={W} height={h} fill='#eef3f8' />
        {props.geo?.district ? <path d={path(props.geo.district.boundary.coordinates[0])} fill='#f7f9fc' stroke='#86909c' strokeWidth={1.5} /> : null}
        {showCommunities
          ? props.geo?.communities.map((c) => <path key={c._id} d={path(c.area.coordinates[0])} fill='none' stroke='#c9cdd4' strokeWidth={0.8} strokeDasharray='3 2' />)
          : null}
        {props.geo?.streets.map((s) => (
          <path key={s._id} d={path(s.boundary.coordinates[0])} fill='none' stroke='#4e5969' strokeWidth={1.2} />
        ))}
        {labels.map((l) => (
          <text
            key={l.key}
            x={l.x}
            y={l.y}
            fontSize={l.fontSize}
            fill={l.key.startsWith('t-') ? '#4e5969' : '#86909c'}
            stroke='#f7f9fc'
            strokeWidth={3}
            paintOrder='stroke'
            textAnchor='middle'
            pointerEvents='none'
            data-testid='map-label'
          >
            {l.text}
          </text>
        ))}
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
                  if (!afterDrag()) props.onMarkerTap(m.id)
                }
              }}
              style={{ cursor: props.onMarkerTap ? 'pointer' : undefined }}
            >
              <circle cx={x} cy={y} r={r} fill={m.color ?? '#ff7d00'} fillOpacity={m.size ? 0.8 : 0.9} stroke='#fff' strokeWidth={1.5} />
              {m.label ? (
                // a bubble carries its count inside; a plain dot its label beside it
                <text
                  x={x}
                  y={y + (m.size ? Math.min(11, r * 1.4) * 0.36 : 4)}
                  fontSize={m.size ? Math.min(11, Math.round(r * 1.4)) : 11}
                  fill={m.size ? textOn(m.color ?? '#ff7d00') : '#1d2129'}
                  textAnchor='middle'
                  pointerEvents='none'
                  dx={m.size ? 0 : r + 10}
                >
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
        {pin ? (
          <g data-testid='map-pin' pointerEvents={props.onPick ? 'all' : 'none'} style={{ cursor: props.onPick ? 'grab' : undefined }}>
            <path d={`M${xy(pin)[0]},${xy(pin)[1]} l-9,-15 a10,10 0 1,1 18,0 z`} fill='#f53f3f' stroke='#fff' strokeWidth={1.5} />
            <circle cx={xy(pin)[0]} cy={xy(pin)[1] - 19} r={3.5} fill='#fff' />
          </g>
        ) : null}
      </svg>
      <View className='yx-map__zoom' ref={(el: unknown) => (overlayRef.current.zoom = el as HTMLElement | null)}>
        <View
          className='yx-map__zoom-btn'
          ariaRole='button'
          ariaLabel='放大地图'
          onClick={() => (canFocus && idx < SPANS.length - 1 ? zoomTo(SPANS[Math.max(1, idx + 1)]) : setZoom((z) => Math.min(16, z * 2)))}
        >
          <Text>＋</Text>
        </View>
        {zoomed ? (
          <View className='yx-map__zoom-btn' ariaRole='button' ariaLabel='缩小地图' onClick={() => (zoom > 1 ? setZoom((z) => Math.max(1, z / 2)) : zoomTo(SPANS[Math.max(0, idx - 1)]))}>
            <Text>－</Text>
          </View>
        ) : null}
        {zoomed ? (
          <View className='yx-map__zoom-btn yx-map__zoom-btn--wide' ariaRole='button' ariaLabel='查看全区' onClick={() => zoomTo(0)}>
            <Text>全区</Text>
          </View>
        ) : null}
      </View>
      <Text className='yx-map__note' ref={(el: unknown) => (overlayRef.current.note = el as HTMLElement | null)}>{props.onPick ? '离线示意地图 · 点击或拖动图钉选点，拖动地图平移' : '离线示意地图 · 拖动平移，双指缩放'}</Text>
    </View>
  )
}
