/**
 * Small JSON values kept on the device (Taro storage: wx storage on weapp, localStorage on H5).
 * Reading never throws: a missing or unreadable value is `undefined`.
 */
// Named imports: they resolve on weapp (properties of the Taro object) and on H5 (taro-h5's exports), also in jsdom.
import { getStorageSync, removeStorageSync, setStorageSync } from '@tarojs/taro'

export function readLocal<T>(key: string): T | undefined {
  try {
    const raw: unknown = getStorageSync(key)
    if (raw === '' || raw === null || raw === undefined) return undefined
    return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T
  } catch {
    return undefined
  }
}

export function writeLocal(key: string, value: unknown): void {
  try {
    setStorageSync(key, JSON.stringify(value))
  } catch {
    // Storage full or unavailable: the draft is a convenience, never a reason to fail.
  }
}

export function removeLocal(key: string): void {
  try {
    removeStorageSync(key)
  } catch {
    // ignore
  }
}

/** A random id (clientToken, cloud file names): 20+ characters from crypto when available. */
export function randomId(prefix = ''): string {
  const bytes = new Uint8Array(12)
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (c?.getRandomValues) c.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${prefix}${Date.now().toString(36)}${hex}`
}
