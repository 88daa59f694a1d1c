/**
 * 数据健康 in the browser: a standing rule stored with a degenerate polygon (old data, written before the schemas) and a
 * street outside the district no longer break anything; the administrator sees both on 数据健康, ends the rule and
 * deletes the street from the app; a case whose stored point the SDK cannot decode is listed too and repaired (its point
 * cleared, the case kept), never deleted. Screenshots at 390 × 844, normal and 特大字: artifacts/e2e/admin-health-*.png.
 */
import type { Page } from 'playwright-core'
import { seedDocuments } from '../../scripts/seed-data'
import { type E2E, screenshotPath, startE2E, stopE2E } from './browser'
import { ui } from './ui'

const LIMIT_MS = 300_000
let env: E2E
let page: Page
const BAD_RULE = 'rule-e2e-degenerate'
const FAR_STREET = 'street-e2e-far'
const BAD_CASE = 'GL20261101-E2EBAD1'
const BAD_CASE_TEXT = '旧数据：坐标损坏的诉求'
const staff = seedDocuments({ withDevOpenids: true }).staff as Array<{ _id: string; name: string }>
const ADMIN = staff.find((s) => s._id === 'staff-admin')!

beforeAll(async () => {
  env = await startE2E('health', { seed: true })
  env.cloud.store.insert('standingRules', [
    {
      _id: BAD_RULE,
      title: '旧数据：面为空的规则',
      categoryCode: 'fumes',
      area: { polygon: { type: 'Polygon', coordinates: [[]] } },
      assignments: [{ deptId: 'dept-sthjj', phase: 'during', duty: '监督' }],
      active: true,
      adoptedBy: 'staff-admin',
      adoptedAt: Date.now() - 86_400_000,
    },
  ] as never)
  env.cloud.store.insert('streets', [
    { _id: FAR_STREET, name: '区外街道', districtId: 'district-gulou', boundary: { type: 'Polygon', coordinates: [[[0, 0], [0, 1], [1, 1], [0, 0]]] }, centre: [0.5, 0.5] },
  ] as never)
  // an old case whose point the SDK's Geo decoder refuses, as a read that met it noted it for 数据健康
  env.cloud.store.insert('cases', [
    { _id: BAD_CASE, id: BAD_CASE, state: 'dispatched', categoryCode: 'lamp', streetId: 'street-wufeng', description: BAD_CASE_TEXT, location: { point: { type: 'Point', coordinates: [200, 26.1] }, address: '五凤街道' }, version: 3, createdAt: Date.now() - 86_400_000 },
  ] as never)
  env.cloud.store.insert('settings', [
    { _id: `health:cases:${BAD_CASE}`, kind: 'health', coll: 'cases', id: BAD_CASE, reason: '地理数据无法解析（如区域边界为空或点数不足）', doc: { name: BAD_CASE_TEXT }, at: Date.now() },
  ] as never)
  page = await env.browser.context.newPage()
}, LIMIT_MS)

afterAll(() => stopE2E(env), LIMIT_MS)

async function asAdmin(): Promise<void> {
  await page.goto(`${env.cloud.url}/#/pages/me/index`)
  await page.locator('.dev__item').filter({ has: page.locator('.dev__item-name', { hasText: new RegExp(`^${ADMIN.name}$`) }) }).first().click()
  await page.locator('.me__name', { hasText: ADMIN.name }).first().waitFor()
}

async function openHealth(): Promise<void> {
  await page.goto(`${env.cloud.url}/#/admin/health/index`)
  await page.reload()
  await ui(page).see('旧数据：面为空的规则')
  await ui(page).settle()
}

test('the administrator sees the malformed records, ends the rule and deletes the street; normal and 特大字', async () => {
  const { see, tap, byLabel, settle } = ui(page)
  await asAdmin()
  await openHealth()
  await see('区外街道')
  await see(BAD_CASE_TEXT)
  // a case is repaired, never deleted from here
  expect(await page.locator(`[aria-label="删除${BAD_CASE_TEXT}"]`).count()).toBe(0)
  await byLabel(`清除位置数据${BAD_CASE_TEXT}`).waitFor()
  await page.screenshot({ path: screenshotPath('admin-health-listed'), fullPage: true })

  // 特大字: the same page re-flows
  await page.goto(`${env.cloud.url}/#/pages/me/index`)
  await tap('大字模式')
  await tap('特大字')
  await byLabel('特大字（已选）').waitFor()
  await openHealth()
  await page.screenshot({ path: screenshotPath('admin-health-listed-elder'), fullPage: true })

  await tap(`停用${'旧数据：面为空的规则'}`)
  await page.getByText('确定', { exact: true }).filter({ visible: true }).first().click()
  await see('已停用')
  await settle()
  expect((env.cloud.store.find('standingRules', { _id: BAD_RULE }, {})[0] as { active: boolean }).active).toBe(false)

  await tap('删除区外街道')
  await page.getByText('确定', { exact: true }).filter({ visible: true }).first().click()
  await page.locator('.lv-title', { hasText: '区外街道' }).filter({ visible: true }).waitFor({ state: 'detached' }).catch(() => undefined)
  await settle()
  expect(env.cloud.store.find('streets', { _id: FAR_STREET }, {})).toHaveLength(0)

  await tap(`清除位置数据${BAD_CASE_TEXT}`)
  await page.getByText('确定', { exact: true }).filter({ visible: true }).first().click()
  await page.locator('.lv-title', { hasText: BAD_CASE_TEXT }).filter({ visible: true }).waitFor({ state: 'detached' }).catch(() => undefined)
  await settle()
  const repaired = env.cloud.store.find('cases', { _id: BAD_CASE }, {})[0] as { location: { point?: unknown; address: string }; version: number }
  expect(repaired).toMatchObject({ location: { address: '五凤街道' }, version: 4 })
  expect(repaired.location.point).toBeUndefined()
  await page.screenshot({ path: screenshotPath('admin-health-after-elder'), fullPage: true })
}, LIMIT_MS)
