/**
 * The district map, one contract for both builds: the WeChat build draws it with the native `map` component
 * (`index.weapp.tsx`), the H5 build (no tile server: local demo, e2e) as an offline vector map of the district's
 * street and community boundaries (`index.h5.tsx`). Pins, the check-in radius, the officer's position and sized,
 * coloured clusters are drawn on both. Coordinates are [lng, lat] (GeoJSON order).
 */
import type { LngLat, Polygon } from '@domain/geo/geo-types'

/** `geo.districtMap`: the boundaries the map draws and the pin is located with. */
export interface DistrictGeo {
  district?: { name: string; boundary: Polygon }
  streets: Array<{ _id: string; name: string; centre: LngLat; boundary: Polygon }>
  communities: Array<{ _id: string; name: string; streetId: string; centre: LngLat; area: Polygon }>
}

export interface MapMarker {
  id: string
  point: LngLat
  /** short text next to the marker (a count, a state) */
  label?: string
  color?: string
  /** radius in px of a cluster bubble; absent: a small dot */
  size?: number
}

export interface DistrictMapProps {
  geo: DistrictGeo | null
  /** the main pin (the problem's place, the meeting place, the site) */
  pin?: LngLat
  /** tap on the map (H5) / on the map or after chooseLocation (weapp) moves the pin; absent: the pin is fixed */
  onPick?: (p: LngLat) => void
  markers?: MapMarker[]
  onMarkerTap?: (id: string) => void
  /** a radius drawn around a point (the check-in radius, the nearby radius) */
  circle?: { centre: LngLat; radiusM: number }
  /** the viewer's own position (a blue dot) */
  me?: LngLat
  /** what the view shows: metres around `focus` (else the pin); absent: the whole district */
  spanM?: number
  focus?: LngLat
  /** draw community areas too (default: when zoomed in) */
  communities?: boolean
  height?: number
  ariaLabel: string
  /** an ASCII name for tests (`data-map` on the H5 map; Taro's H5 runtime drops the Chinese aria-label of this view) */
  name?: string
}

/**
 * One colour per category on the hot-spot map (24: more than the district's 23 categories, so none share one). The
 * first eight are Okabe–Ito's colour-blind-safe set (its yellow and black left out) and go to the categories with most
 * reports; the rest come from Paul Tol's muted and light schemes.
 */
export const MAP_COLORS = [
  '#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#332288', '#117733',
  '#882255', '#44aa99', '#999933', '#aa4499', '#ddcc77', '#88ccee', '#cc6677', '#6699cc',
  '#997700', '#994455', '#004488', '#ee99aa', '#228833', '#66ccee', '#555555', '#bbbbbb',
]

/** Hot spots by overdue: none of the cluster's cases overdue, some, at least half (blue / orange / vermilion). */
export const OVERDUE_COLORS = { none: '#0072b2', some: '#e69f00', most: '#d55e00' } as const

/** Black or white text, whichever reads better on the colour (relative luminance). */
export function textOn(hex: string): string {
  const n = parseInt(hex.replace('#', '').slice(0, 6), 16)
  const lin = (v: number) => {
    const c = v / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255)
  return l > 0.35 ? '#1d2129' : '#ffffff'
}
