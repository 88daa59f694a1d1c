/**
 * The phone's current position as a GeoJSON point. Mini-program: `Taro.getLocation({ type: 'gcj02' })`
 * (declared in app.json requiredPrivateInfos). Browser build: `navigator.geolocation`.
 */
import Taro from '@tarojs/taro'
import type { GeoPoint } from '@domain/common/geo-distance'
import { point } from '@domain/common/geo-distance'

export class LocationError extends Error {}

function browserPosition(): Promise<GeoPoint> {
  return new Promise((resolve, reject) => {
    const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined
    if (!geo) return reject(new LocationError('当前浏览器不支持定位，请使用“模拟定位”'))
    geo.getCurrentPosition(
      (pos) => resolve(point(pos.coords.longitude, pos.coords.latitude)),
      (err) => reject(new LocationError(err.code === 1 ? '未获得定位权限，请在浏览器中允许定位' : '定位失败，请稍后重试')),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 },
    )
  })
}

export async function currentLocation(): Promise<GeoPoint> {
  if (process.env.TARO_ENV === 'h5') return browserPosition()
  try {
    const res = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true })
    return point(res.longitude, res.latitude)
  } catch (err) {
    const msg = (err as { errMsg?: string } | null)?.errMsg ?? ''
    if (/auth|deny|denied/i.test(msg)) throw new LocationError('未获得定位权限，请在设置中允许使用位置信息')
    throw new LocationError('定位失败，请确认已打开手机定位后重试')
  }
}

/** "119.29, 26.08" or "119.29,26.08" → a point (the dev-only 模拟定位 field); null when malformed. */
export function parseLngLat(text: string): GeoPoint | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,，\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text)
  if (!m) return null
  const lng = Number(m[1])
  const lat = Number(m[2])
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) return null
  return point(lng, lat)
}
