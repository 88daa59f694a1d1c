/** Shared by the lead / admin / privacy / elder page tests: a Taro mock with page hooks, and a fake `api` function. */
import { answer, installFakeFetch } from './fake-fetch'

export const taroCalls: { navigateTo: string[]; toasts: string[]; clipboard: string[]; storage: Record<string, unknown> } = {
  navigateTo: [],
  toasts: [],
  clipboard: [],
  storage: {},
}
/** The listener the app registered with `onNeedPrivacyAuthorization` (weapp path under test). */
export const privacy: { listener: null | ((resolve: (r: unknown) => void, info: { referrer?: string }) => void) } = { listener: null }
export const router: { params: Record<string, string> } = { params: {} }

/** `jest.mock('@tarojs/taro', () => require('./lead-helpers').taroMock())` */
export function taroMock() {
  // Resolved lazily: taro-h5's own dependencies import '@tarojs/taro' while it loads (a cycle through this mock).
  let loaded: any
  const actual = () => (loaded ??= jest.requireActual('@tarojs/taro'))
  const extra = {
    usePullDownRefresh: jest.fn(),
    useDidShow: jest.fn(),
    useRouter: () => ({ params: router.params }),
    stopPullDownRefresh: jest.fn(),
    showToast: jest.fn((o: { title: string }) => {
      taroCalls.toasts.push(o.title)
      return Promise.resolve()
    }),
    showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false })),
    navigateTo: jest.fn((o: { url: string }) => {
      taroCalls.navigateTo.push(o.url)
      return Promise.resolve()
    }),
    navigateBack: jest.fn(() => Promise.resolve()),
    setClipboardData: jest.fn((o: { data: string }) => {
      taroCalls.clipboard.push(o.data)
      return Promise.resolve()
    }),
    onNeedPrivacyAuthorization: (cb: (resolve: (r: unknown) => void, info: { referrer?: string }) => void) => {
      privacy.listener = cb
    },
    openPrivacyContract: jest.fn(() => Promise.resolve()),
    getStorageSync: (k: string) => taroCalls.storage[k] ?? '',
    setStorageSync: (k: string, v: unknown) => {
      taroCalls.storage[k] = v
    },
  }
  // Spreading the module would run lazy getters that need a page runtime: override through proxies instead.
  const over = (target: () => any) =>
    new Proxy(
      {},
      {
        get: (_t, key) => (key in extra ? (extra as Record<string | symbol, unknown>)[key] : target()?.[key]),
        has: (_t, key) => key in extra || key in (target() ?? {}),
      },
    )
  const def = over(() => actual().default ?? actual())
  const named = over(actual)
  return new Proxy(
    {},
    {
      get: (_t, key) => (key === 'default' ? def : key === '__esModule' ? true : (named as any)[key]),
    },
  )
}

export function resetTaroCalls() {
  taroCalls.navigateTo.length = 0
  taroCalls.toasts.length = 0
  taroCalls.clipboard.length = 0
  for (const k of Object.keys(taroCalls.storage)) delete taroCalls.storage[k]
  router.params = {}
}

export type Handler = (payload: any) => unknown
export class Refuse {
  constructor(
    public code: string,
    public message: string,
    public details?: unknown,
  ) {}
}

/** Routes `callApi(action, payload)` by action; a handler may return a Refuse for a business error. */
export function fakeApi(handlers: Record<string, Handler>) {
  const calls: { action: string; payload: any }[] = []
  installFakeFetch({
    'POST /api/fn/api': async (call) => {
      const { action, payload } = call.body as { action: string; payload: unknown }
      calls.push({ action, payload })
      const h = handlers[action]
      if (!h) return answer({ code: 'UNKNOWN_ACTION', message: `未知操作 ${action}` })
      const data = await h(payload)
      if (data instanceof Refuse) return answer({ code: data.code, message: data.message, ...(data.details === undefined ? {} : { details: data.details }) })
      return answer({ code: 0, data })
    },
  })
  return calls
}

/** Types into a Taro <Input>/<Textarea> in jsdom (the web component fires `input` with detail.value). */
export function typeInto(el: Element, value: string) {
  el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
}

export const BOOT = {
  categories: [
    { code: 'lamp', name: '路灯不亮', class: '部件', deadlineMinutes: 4320, gridItem: false },
    { code: 'stairs', name: '楼道堆物', class: '事件', deadlineMinutes: 1440, gridItem: true },
  ],
  streets: [
    { _id: 'street-wufeng', name: '五凤街道', kind: 'street', centre: [119.28, 26.1] },
    { _id: 'street-wenquan', name: '温泉街道', kind: 'street', centre: [119.3, 26.09] },
  ],
  communities: [
    { _id: 'comm-zuohai', name: '左海社区', streetId: 'street-wufeng', centre: [119.28, 26.1] },
    { _id: 'comm-jintang', name: '金汤社区', streetId: 'street-wenquan', centre: [119.3, 26.09] },
  ],
  departments: [
    { _id: 'dept-cgj', name: '城管局', fullName: '区城管局', kind: 'district' },
    { _id: 'dept-cgj-szs', name: '市政所', fullName: '区城管局市政所', kind: 'sub', parentId: 'dept-cgj' },
    { _id: 'dept-sthj', name: '生态环境局', fullName: '区生态环境局', kind: 'district' },
    { _id: 'dept-command', name: '指挥中心', fullName: '区城市运行指挥中心', kind: 'command' },
  ],
  cityUnits: [],
  templates: {},
  checkIn: { radiusM: 200, earlyMin: 30, lateMin: 15, absentAfterMin: 60 },
  sla: { respondMin: 10, assignMin: 60 },
}
