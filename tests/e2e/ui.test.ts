/**
 * The e2e input helpers (ui.ts) on every kind of field the app uses, in Chromium on the H5 build:
 * a Taro Input, a Taro Textarea (typed right after navigation, before hydration has a chance), a date picker (three
 * columns, the day column re-rendered when the month moves) and a time picker (columns that wrap around) — each checked in the component's value and on screen; and the failure report
 * (browser.ts) with its screenshot, console and failed requests.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { seedDocuments } from '../../scripts/seed-data'
import { type E2E, reportFailure, startE2E, stopE2E } from './browser'
import { ui } from './ui'

const LIMIT_MS = 240_000
let env: E2E
let page: Page

const staff = seedDocuments({ withDevOpenids: true }).staff as Array<{ _id: string; name: string; openid: string }>
const MAO = staff.find((s) => s._id === 'staff-maoxiaojia')!

async function api(openid: string, action: string, payload: unknown): Promise<any> {
  const res = (await env.cloud.callFunction('api', { action, payload }, { openid })) as { code: unknown; data?: any; message?: string }
  if (res.code !== 0) throw new Error(`${action}: ${String(res.code)} ${res.message}`)
  return res.data
}

/** Acts as `openid` in the H5 app (the dev server's identity switch, as the 我的 page does it). */
async function actAs(openid: string | null): Promise<void> {
  const res = await page.request.post(`${env.cloud.url}/dev/identity`, { data: { openid }, headers: { 'content-type': 'application/json' } })
  expect(res.ok()).toBe(true)
}

beforeAll(async () => {
  env = await startE2E('ui', { seed: true })
  page = await env.browser.context.newPage()
}, LIMIT_MS)

afterAll(() => stopE2E(env), LIMIT_MS)

test('Taro Input and Textarea: typed into the real element, the value taken by the component', async () => {
  const { fill, byLabel } = ui(page)
  await page.goto(`${env.cloud.url}/#/pages/report/index`)
  // no wait for the page: fill waits for the hydrated element itself
  await fill('问题描述', '梅峰路口的路灯不亮，晚上很黑')
  await fill('详细地址', '梅峰路12号')
  await fill('联系电话', '13900000000')
  expect(await byLabel('问题描述').evaluate((el) => (el as unknown as { value: string }).value)).toBe('梅峰路口的路灯不亮，晚上很黑')
  expect(await byLabel('联系电话').locator('input').inputValue()).toBe('13900000000')
  // typing again replaces the text (what a person correcting a field expects)
  await fill('详细地址', '梅峰路14号')
  expect(await byLabel('详细地址').locator('input').inputValue()).toBe('梅峰路14号')
}, LIMIT_MS)

test('a missing field fails with its name, not a timeout deep inside Playwright', async () => {
  await expect(ui(page, { timeoutMs: 1000 }).fill('没有这个字段', 'x')).rejects.toThrow('field "没有这个字段": no such field on screen within 1000 ms')
}, LIMIT_MS)

test('Taro pickers: date and time columns dragged to the wanted rows', async () => {
  const reported = await api('o-ui-citizen', 'case.report', {
    clientToken: 'ui-picker',
    categoryCode: 'lamp',
    description: '梅峰路口的路灯不亮，晚上很黑',
    photos: [],
    location: { point: { type: 'Point', coordinates: [119.283, 26.104] }, address: '五凤街道梅峰路' },
  })
  const caseId = reported.caseId as string
  await api(MAO.openid, 'case.accept', { caseId })
  await api(MAO.openid, 'case.assign', { caseId, staffId: MAO._id })
  await actAs(MAO.openid)
  await page.goto(`${env.cloud.url}/#/handler/call/index?id=${encodeURIComponent(caseId)}`)
  const { pick, byLabel, see } = ui(page)
  await see('到场时间')

  const tomorrow = new Date(Date.now() + 86_400_000 + 8 * 3_600_000) // Shanghai date of tomorrow
  const [y, m, d] = [tomorrow.getUTCFullYear(), tomorrow.getUTCMonth() + 1, tomorrow.getUTCDate()]
  const date = await pick('到场日期', `${y}年`, `${String(m).padStart(2, '0')}月`, `${String(d).padStart(2, '0')}日`)
  expect(date).toBe(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
  expect(await byLabel('到场日期').innerText()).toBe(date)

  const time = await pick('到场时间', '15', '30')
  expect(time).toBe('15:30')
  expect(await byLabel('到场时间').innerText()).toBe('15:30')
}, LIMIT_MS)

test('a failure report keeps the screen, the console and the failed requests', async () => {
  await page.goto(`${env.cloud.url}/#/pages/me/index`)
  await ui(page).see('开发环境 · 切换身份')
  await page.evaluate(() => console.warn('ui-test: a console line'))
  const refused = page.waitForResponse((r) => r.url().endsWith('/dev/no-such-path'))
  await page.evaluate((url) => fetch(`${url}/dev/no-such-path`).catch(() => undefined), env.cloud.url)
  await refused
  ;(globalThis as unknown as { __E2E_FAILURE__?: unknown }).__E2E_FAILURE__ = { test: 'a deliberate failure', error: 'Error: for the report test' }
  const dir = await reportFailure(env)
  delete (globalThis as unknown as { __E2E_FAILURE__?: unknown }).__E2E_FAILURE__
  expect(dir).toBeDefined()
  try {
    expect(fs.readFileSync(path.join(dir!, 'failure.txt'), 'utf8')).toContain('for the report test')
    expect(fs.statSync(path.join(dir!, 'page-1.png')).size).toBeGreaterThan(1000)
    expect(fs.readFileSync(path.join(dir!, 'console.log'), 'utf8')).toContain('ui-test: a console line')
    expect(fs.readFileSync(path.join(dir!, 'requests.log'), 'utf8')).toMatch(/404 GET .*\/dev\/no-such-path/)
  } finally {
    fs.rmSync(dir!, { recursive: true, force: true }) // not a real failure: leave nothing for CI to list
  }
}, LIMIT_MS)
