/**
 * Fakes shared by the staff-mode screen tests (handler, dept): Taro's device APIs as jest fakes and a fake
 * `callApi` routed by action. Use from a test file:
 *
 *   jest.mock('@tarojs/taro', () => require('./staff-fakes').taroModule())
 *   jest.mock('@/services/cloud', () => require('./staff-fakes').cloudModule())
 *   import { taro, routes, sent } from './staff-fakes'
 */
export const taro = {
  showToast: jest.fn(() => Promise.resolve()),
  navigateTo: jest.fn(() => Promise.resolve()),
  navigateBack: jest.fn(() => Promise.resolve()),
  chooseMedia: jest.fn(),
  compressImage: jest.fn(),
  previewImage: jest.fn(() => Promise.resolve()),
  requestSubscribeMessage: jest.fn(),
  stopPullDownRefresh: jest.fn(),
  chooseLocation: jest.fn(),
  getLocation: jest.fn(),
  makePhoneCall: jest.fn(() => Promise.resolve()),
}

export type Route = (payload: any) => unknown
/** action → fake answer (return a value, or throw an ApiError) */
export const routes: Record<string, Route> = {}
/** every callApi in order */
export const sent: { action: string; payload: any }[] = []

/** `@tarojs/taro` with the fakes above. Lazy: Taro's H5 module and its components import each other. */
export function taroModule(): unknown {
  let actual: any
  const real = () => (actual ??= jest.requireActual('@tarojs/taro'))
  const def = new Proxy({}, { get: (_t, k: string) => (k in taro ? (taro as Record<string, unknown>)[k] : real().default?.[k]) })
  return new Proxy({}, {
    get: (_t, k: string) => (k === '__esModule' ? true : k === 'default' ? def : k in taro ? (taro as Record<string, unknown>)[k] : real()[k]),
  })
}

/** whoami for the photo uploader (the staff member's upload folder) when a test sets no route for it */
export const STAFF_WHOAMI = { openid: 'o-staff', roles: ['citizen', 'handler'], uploadDir: 'uploads/k-staff' }

/** `@/services/cloud` answering from `routes` (NOT_FOUND for an action without a fake; whoami: STAFF_WHOAMI). */
export function cloudModule(): unknown {
  const { ApiError } = jest.requireActual('@/services/api-error')
  return {
    ApiError,
    callApi: jest.fn(async (action: string, payload: unknown) => {
      sent.push({ action, payload })
      const route = routes[action] ?? (action === 'whoami' ? () => STAFF_WHOAMI : undefined)
      if (!route) throw new ApiError('NOT_FOUND', `no fake for ${action}`)
      return route(payload)
    }),
    uploadFile: jest.fn(async (_file: unknown, cloudPath: string) => `cloud://env-1.bucket/${cloudPath}`),
    tempFileUrl: jest.fn(async (id: string) => `https://local.test/${encodeURIComponent(id)}`),
  }
}
