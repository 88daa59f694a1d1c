/**
 * Lists at the article's scale in the browser (large seed: 4 048 cadres): the hard-case board pages by cursor
 * (加载更多 until 没有更多了, with the exact total), and the administrator's staff directory is paged and searched on
 * the server. Normal and 特大字; screenshots artifacts/e2e/scale-*.png.
 */
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../local'
import { type Browser, type E2E, screenshotPath, startE2E, stopE2E } from './browser'
import { ui } from './ui'

const LIMIT_MS = 300_000
let env: E2E
let cloud: LocalCloud
let browser: Browser
const HARD = 27

beforeAll(async () => {
  env = await startE2E('scale', { seed: true, scale: 'large' })
  ;({ cloud, browser } = env)
  const api = async (openid: string, action: string, payload: unknown) => {
    const r = (await cloud.callFunction('api', { action, payload }, { openid })) as { code: number | string; data: any; message?: string }
    if (r.code !== 0) throw new Error(`${action}: ${r.code} ${r.message}`)
    return r.data
  }
  const r = await api('oE2eScale', 'case.report', { clientToken: 'e2e-scale', categoryCode: 'lamp', description: '五凤街道梅峰路路灯不亮，晚上很黑', photos: [], communityId: 'comm-wufeng' })
  await api('dev-staff-maoxiaojia', 'case.accept', { caseId: r.caseId })
  await api('dev-staff-maoxiaojia', 'case.flagHard', { caseId: r.caseId, reason: '多部门权责不清' })
  const doc = cloud.store.find('cases', { _id: r.caseId })[0] as Record<string, any>
  cloud.store.insert(
    'cases',
    Array.from({ length: HARD - 1 }, (_, i) => {
      const id = `GL20261117-E${String(i).padStart(6, '0')}`
      return { ...doc, _id: id, id, createdAt: doc.createdAt - (i + 1) * 60_000, description: `第${i + 2}件疑难：五凤街道路段积水`, intakeKey: undefined }
    }).map((d) => {
      delete d.intakeKey
      return d
    }) as never,
  )
}, LIMIT_MS)

afterAll(() => stopE2E(env), LIMIT_MS)

async function as(page: Page, openid: string): Promise<void> {
  await page.goto(`${cloud.url}/`)
  const status = await page.evaluate(async (o) => (await fetch('/dev/identity', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ openid: o }) })).status, openid)
  expect(status).toBe(200)
}

async function lists(page: Page, tag: string): Promise<void> {
  const { tap, settle, fill } = ui(page)
  await as(page, 'dev-staff-district-leader-1')
  await page.goto(`${cloud.url}/#/lead/board/index`)
  await page.reload()
  await page.locator('.board-item').first().waitFor()
  await page.getByText(`待研判疑难件（${HARD}）`).waitFor()
  await settle()
  expect(await page.locator('.board-item').count()).toBe(20)
  await page.screenshot({ path: screenshotPath(`scale-lead-board${tag}`), fullPage: true })
  await tap('加载更多疑难件')
  await page.getByText('没有更多了').waitFor()
  expect(await page.locator('.board-item').count()).toBe(HARD)
  await page.getByText('没有更多了').scrollIntoViewIfNeeded()
  await settle()
  await page.screenshot({ path: screenshotPath(`scale-lead-board-more${tag}`), fullPage: false })

  await as(page, 'dev-staff-admin')
  await page.goto(`${cloud.url}/#/admin/staff/index`)
  await page.reload()
  await page.getByText('共 4048 人').waitFor()
  await settle()
  await page.screenshot({ path: screenshotPath(`scale-admin-staff${tag}`), fullPage: false })
  await fill('搜索人员或单位', '祥坂社区')
  await tap('搜索')
  await page.getByText('“祥坂社区” 共 62 人').waitFor()
  await settle()
  await page.screenshot({ path: screenshotPath(`scale-admin-staff-search${tag}`), fullPage: false })
}

test('board and staff directory page by cursor at 4 048 cadres, normal and 特大字', async () => {
  const page = await browser.context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await lists(page, '')
  // 特大字 on 我的, then the same screens again
  await page.goto(`${cloud.url}/#/pages/me/index`)
  await page.reload()
  const { tap, byLabel } = ui(page)
  await tap('大字模式')
  await tap('特大字')
  await byLabel('特大字（已选）').waitFor()
  await lists(page, '-elder')
  expect(errors).toEqual([])
}, LIMIT_MS)
