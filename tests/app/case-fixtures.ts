/** Shared fixtures for the citizen pages' tests: a fake `api` function routed by action, bootstrap data, Taro input events. */
import { fireEvent } from '@testing-library/react'
import { answer, installFakeFetch, type FakeAnswer, type FakeCall } from './fake-fetch'

export const BOOTSTRAP = {
  categories: [
    { code: 'streetlight', name: '路灯不亮', class: '部件', deadlineMinutes: 2880, gridItem: false },
    { code: 'road', name: '道路破损', class: '部件', deadlineMinutes: 4320, gridItem: false },
    { code: 'other', name: '其他', class: '—', deadlineMinutes: 4320, gridItem: false },
  ],
  streets: [
    { _id: 'street-wufeng', name: '五凤街道', kind: 'street', centre: [119.28, 26.1] },
    { _id: 'street-wenquan', name: '温泉街道', kind: 'street', centre: [119.31, 26.09] },
  ],
  communities: [
    { _id: 'comm-zuohai', name: '左海社区', streetId: 'street-wufeng', centre: [119.28, 26.1] },
    { _id: 'comm-jintang', name: '金汤社区', streetId: 'street-wenquan', centre: [119.31, 26.09] },
  ],
  departments: [],
  cityUnits: [],
  templates: { progress: 'T-progress', resolvedRate: 'T-rate' },
  checkIn: { radiusM: 200, earlyMin: 30, lateMin: 15, absentAfterMin: 60 },
  sla: { respondMin: 10, assignMin: 60 },
}

export type ActionHandler = (payload: any, call: FakeCall) => FakeAnswer | Promise<FakeAnswer>

export const ok = (data: unknown) => answer({ code: 0, data })
export const fail = (code: string, message: string) => answer({ code, message })

/** Fake `POST /api/fn/api` routed by action; `meta.bootstrap` answered unless overridden. Returns the api calls. */
/** whoami as the photo uploader asks it (the user's upload folder) when a test does not answer it itself */
export const WHOAMI = { openid: 'o-test', roles: ['citizen'], name: null, unitName: null, uploadDir: 'uploads/k-test' }

export function installApi(actions: Record<string, ActionHandler>, extra: Record<string, (call: FakeCall) => FakeAnswer> = {}) {
  const calls = installFakeFetch({
    'POST /api/fn/api': (call) => {
      const { action, payload } = call.body as { action: string; payload: unknown }
      const handler = actions[action] ?? (action === 'meta.bootstrap' ? () => ok(BOOTSTRAP) : action === 'whoami' ? () => ok(WHOAMI) : undefined)
      if (!handler) throw new Error(`no fake for action ${action}`)
      return handler(payload, call)
    },
    'GET /api/temp-url': (call) => answer({ url: `http://127.0.0.1/storage/${encodeURIComponent(call.url)}` }),
    ...extra,
  })
  return {
    calls,
    of: (action: string) =>
      calls
        .filter((c) => c.url === '/api/fn/api' && (c.body as { action: string }).action === action)
        .map((c) => (c.body as { payload: any }).payload),
  }
}

/** Type into a Taro <Input>/<Textarea> found by its aria-label (Taro fires `input` with `detail.value`). */
export function typeInto(container: HTMLElement, label: string, value: string) {
  const el = container.querySelector(`[aria-label="${label}"]`)
  if (!el) throw new Error(`no field labelled ${label}`)
  fireEvent(el, new CustomEvent('input', { detail: { value } }))
}

export function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}
