/**
 * The district map, one contract for both builds: the WeChat build draws it with the native `map` component
 * (`index.weapp.tsx`), the H5 build (no tile server: local demo, e2e) as an offline vector map of the district's
 * street and community boundaries (`index.h5.tsx`). Pins, the check-in radius, the officer's position and sized,
 * coloured clusters are drawn on both. Coordinates are [lng, lat] (GeoJSON order).
 */
import type { LngLat, Polygon } from '@domain/geo/geo.types'

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

export const MAP_COLORS = ['#1677ff', '#f53f3f', '#ff7d00', '#00b42a', '#722ed1', '#eb0aa4', '#0fc6c2', '#86909c']
