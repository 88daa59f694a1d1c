/**
 * The browser build end to end: open the app, go to 我的, pick a seeded staff identity in the dev
 * switcher, and see the `whoami` answer (name, unit, post) — a round trip from the H5 page through
 * local/ (HTTP) into the real `api` cloud function on the real wx-server-sdk and back.
 */
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../local'
import { type Browser, type E2E, screenshotPath, startE2E, stopE2E } from './browser'
import { ui } from './ui'

const STAFF = {
  _id: 'staff-e2e-wufeng-handler',
  name: '陈立新',
  roles: ['handler'],
  openid: 'o-e2e-wufeng-handler',
  unitName: '五凤街道',
}

type Cloud = LocalCloud

// Browser start and real function invocations: generous limits, never a performance assertion.
// (testTimeout in a project config is ignored when jest runs several projects.)
const STEP_LIMIT_MS = 120_000

let env: E2E
let cloud: Cloud
let browser: Browser

beforeAll(async () => {
  env = await startE2E('cloud')
  ;({ cloud, browser } = env)
  await cloud.store.insert('staff', { ...STAFF })
}, STEP_LIMIT_MS)

afterAll(() => stopE2E(env), STEP_LIMIT_MS)

async function openMe(page: Page): Promise<void> {
  await page.goto(cloud.url)
  // Citizen mode opens on the first tab, 随手拍 (the report form).
  const { byLabel, see, settle } = ui(page)
  await byLabel('问题描述').waitFor()
  await settle()
  await page.screenshot({ path: screenshotPath('01-report-tab') })
  await page.locator('.weui-tabbar__label', { hasText: /^我的$/ }).filter({ visible: true }).first().click()
  await see('开发环境 · 切换身份')
}

test('我的: switch to a seeded staff identity and see whoami answer with it', async () => {
  const page = await browser.context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (err) => pageErrors.push(err.message))

  await openMe(page)
  // Before switching: whoami answered for whoever the browser is (no staff record → a citizen).
  const header = page.locator('.me__name')
  await header.waitFor()
  await expectNoText(page, '加载失败')
  await page.screenshot({ path: screenshotPath('02-me-before-switch') })

  // The dev switcher lists the seeded staff member; pick them.
  const entry = page.locator('.dev__item', { hasText: STAFF.name })
  await entry.waitFor()
  expect(await entry.innerText()).toContain('五凤街道 · 街镇一线处置员')
  await entry.click()

  // whoami is called again, now as that openid: the header shows their name, unit and post.
  await page.locator('.me__name', { hasText: STAFF.name }).waitFor()
  expect(await page.locator('.me__unit').innerText()).toBe(STAFF.unitName)
  expect(await page.locator('.me__role').allInnerTexts()).toEqual(['街镇一线处置员'])
  await page.getByText('一线处置工作台').waitFor()
  expect(await page.locator('.me__openid').innerText()).toContain(STAFF.openid)
  await page.screenshot({ path: screenshotPath('03-me-after-switch'), fullPage: true })

  // The workbench entry opens the handler subpackage (its inbox tabs).
  await page.locator('.me__cell', { hasText: '一线处置工作台' }).click()
  await page.getByText('待签收').filter({ visible: true }).first().waitFor()
  await page.screenshot({ path: screenshotPath('04-handler-subpackage') })
  // Back on 我的 (a fresh load: after history.back() from a subpackage page, Taro's H5 router later hides the
  // tab page it had shown, which says nothing about our pages).
  await page.goto(`${cloud.url}/#/pages/me/index`)
  await page.reload()
  await page.locator('.me__name', { hasText: STAFF.name }).filter({ visible: true }).first().waitFor()

  // Back to a plain citizen.
  await page.locator('.dev__item', { hasText: '群众（未绑定人员）' }).filter({ visible: true }).first().click()
  await page
    .locator('.me__name', { hasText: '群众用户' })
    .filter({ visible: true })
    .first()
    .waitFor()
    .catch(async (err) => {
      const names = await page.locator('.me__name').evaluateAll((els) => els.map((e) => `${e.textContent}:${(e as HTMLElement).offsetParent ? 'shown' : 'hidden'}`))
      const cur = await page.locator('.dev__item--current').evaluateAll((els) => els.map((e) => e.textContent))
      throw new Error(`${(err as Error).message}\nnames=${JSON.stringify(names)} current=${JSON.stringify(cur)} url=${page.url()}`)
    })
  expect(await page.locator('.me__role').filter({ visible: true }).allInnerTexts()).toEqual(['群众'])
  await page.screenshot({ path: screenshotPath('05-me-back-to-citizen'), fullPage: true })

  expect(pageErrors).toEqual([])
}, STEP_LIMIT_MS)

async function expectNoText(page: Page, text: string): Promise<void> {
  expect(await page.getByText(text).count()).toBe(0)
}
