/**
 * 适老化 in the browser: an administrator turns on 特大字 (1.5×) on 我的; the choice survives a reload (device
 * storage) and every page of the citizen, lead and admin modes re-flows into the phone's width — nothing sticks
 * out sideways (the rota grid scrolls inside its own box by design). Screenshots: artifacts/e2e/elder-*.png.
 */
import type { LocalCloud } from '../../local'
import { seedDocuments } from '../../scripts/seed-data'
import { type Browser, type E2E, screenshotPath, startE2E, stopE2E } from './browser'
import { overflow, ui } from './ui'

type Cloud = LocalCloud
const LIMIT_MS = 300_000
let env: E2E
let cloud: Cloud
let browser: Browser

beforeAll(async () => {
  env = await startE2E('elder', { seed: true })
  ;({ cloud, browser } = env)
}, LIMIT_MS)

afterAll(() => stopE2E(env), LIMIT_MS)

test('特大字 (1.5×): stored on the device, applied app-wide, no page sticks out sideways', async () => {
  const page = await browser.context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${cloud.url}/#/pages/me/index`)
  const admin = page.locator('.dev__item').filter({ has: page.locator('.dev__item-name', { hasText: /^[^（]+$/ }) })
  await admin.first().waitFor()
  // the administrator (seeded staff-admin)
  const staff = seedDocuments({ withDevOpenids: true }).staff as Array<{ _id: string; name: string }>
  const adminName = staff.find((s) => s._id === 'staff-admin')!.name
  await page.locator('.dev__item').filter({ has: page.locator('.dev__item-name', { hasText: new RegExp(`^${adminName}$`) }) }).first().click()
  await page.locator('.me__name', { hasText: adminName }).first().waitFor()

  // the tab bar at the standard size, measured before the mode is on
  const tabbar = async () =>
    page.evaluate(() => {
      const label = document.querySelector('.weui-tabbar__label')!.getBoundingClientRect()
      const icon = document.querySelector('.weui-tabbar__icon')!.getBoundingClientRect()
      return { text: label.height, icon: icon.width }
    })
  const normal = await tabbar()
  await page.screenshot({ path: screenshotPath('tabbar-normal') })

  const { tap, byLabel } = ui(page)
  await tap('大字模式')
  await tap('特大字')
  await byLabel('特大字（已选）').waitFor()
  expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true)

  // survives a reload: read back from device storage at launch
  await page.reload()
  await page.locator('.me__name', { hasText: adminName }).first().waitFor()
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--elder-zoom').trim())).toBe('1.5')
  expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true)
  // the tab bar's text and icons grow with the mode (the WeChat build's custom tab bar: tests/mp/custom-tab-bar)
  const large = await tabbar()
  expect(large.text).toBeGreaterThanOrEqual(normal.text * 1.4)
  expect(large.icon).toBeGreaterThanOrEqual(normal.icon * 1.4)
  await page.screenshot({ path: screenshotPath('tabbar-elder') })

  const pages: [string, string, string][] = [
    ['me', '/pages/me/index', '.me__name'],
    ['report', '/pages/report/index', '[aria-label="提交"]'],
    ['lead-board', '/lead/board/index', '.board-duty'],
    ['lead-triage', '/lead/triage/index', '.sx-tab'],
    ['admin-index', '/admin/index/index', '.lv-card'],
    ['admin-categories', '/admin/categories/index', '.lv-card'],
    ['admin-staff', '/admin/staff/index', '.lv-card'],
    ['admin-rota', '/admin/rota/index', '.rota-grid'],
    ['admin-rules', '/admin/rules/index', '.lv-actions'],
    ['admin-health', '/admin/health/index', '.yx-empty'],
  ]
  const problems: string[] = []
  for (const [name, route, ready] of pages) {
    await page.goto(`${cloud.url}/#${route}`)
    await page.reload() // one page in the DOM at a time, measured alone
    await page.locator(ready).first().waitFor()
    await ui(page).settle()
    const out = await overflow(page)
    if (out) problems.push(`${name}: ${out}`)
    await page.screenshot({ path: screenshotPath(`elder-${name}`), fullPage: true })
  }
  // the handler inbox's reminder chip keeps 接收新派单提醒 on one line (it goes below the counters instead)
  await page.goto(`${cloud.url}/#/handler/inbox/index`)
  await page.reload()
  const chip = page.locator('.sx-subscribe').filter({ visible: true }).first()
  await chip.waitFor()
  await ui(page).settle()
  // line boxes of the chip's text node
  const lines = await chip.evaluate((e) => {
    const walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT)
    let text = walk.nextNode()
    while (text && !text.textContent?.trim()) text = walk.nextNode()
    if (!text) return 0
    const r = document.createRange()
    r.selectNodeContents(text)
    return new Set(Array.from(r.getClientRects()).map((b) => Math.round(b.top))).size
  })
  await page.screenshot({ path: screenshotPath('elder-handler-inbox') })
  expect(lines).toBe(1)
  expect(problems).toEqual([])
  expect(errors).toEqual([])
}, LIMIT_MS)
