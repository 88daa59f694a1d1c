/**
 * 导入组织架构 in the browser: the administrator pastes a district's files, a malformed staff file gets its
 * line-by-line report, the corrected files a preview per collection, and the import hands out invite codes.
 * Screenshots (390 × 844, normal and 特大字): artifacts/e2e/admin-import-*.png.
 */
import { seedDocuments } from '../../scripts/seed-data'
import { type E2E, screenshotPath, startE2E, stopE2E } from './browser'
import { ui } from './ui'
import * as X from '../fixtures/org-import/make-district'

const LIMIT_MS = 300_000
let env: E2E
beforeAll(async () => {
  env = await startE2E('import', { seed: true })
}, LIMIT_MS)
afterAll(() => stopE2E(env), LIMIT_MS)

test('paste, errors by line, preview, import with invite codes; 特大字 too', async () => {
  const { cloud, browser } = env
  const page = await browser.context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${cloud.url}/#/pages/me/index`)
  const staff = seedDocuments({ withDevOpenids: true }).staff as Array<{ _id: string; name: string }>
  const adminName = staff.find((s) => s._id === 'staff-admin')!.name
  await page.locator('.dev__item').filter({ has: page.locator('.dev__item-name', { hasText: new RegExp(`^${adminName}$`) }) }).first().click()
  await page.locator('.me__name', { hasText: adminName }).first().waitFor()
  await page.goto(`${cloud.url}/#/admin/index/index`)
  const u = ui(page)
  await u.tap('导入组织架构')
  await u.see('粘贴文件内容或选择文件')
  await u.settle()
  await page.screenshot({ path: screenshotPath('admin-import-empty'), fullPage: true })

  const bad = X.staff(12).split('\n')
  bad[2] = bad[2].replace(/139\d{8}/, '139')
  await u.fill('区域边界', X.boundaries())
  await u.fill('部门', X.departments())
  await u.fill('人员', bad.join('\n'))
  await u.tap('预览变更')
  await u.see('文件有误，未导入任何数据（1 处）')
  await u.see('staff.csv 第3行「手机」：手机号须为 11 位手机号或带区号的固话')
  await u.settle()
  await page.screenshot({ path: screenshotPath('admin-import-errors'), fullPage: true })

  await u.fill('人员', X.staff(12))
  await u.tap('预览变更')
  await u.see('预览（尚未写入）')
  await u.settle()
  await page.screenshot({ path: screenshotPath('admin-import-preview'), fullPage: true })
  expect(cloud.store.count('streets', {})).toBe(10)

  await page.locator('[aria-label^="确认导入"]').filter({ visible: true }).first().click()
  await page.getByText('确定').filter({ visible: true }).last().click()
  await u.see(/^已导入：\d+ 项变更/)
  await u.settle()
  await page.screenshot({ path: screenshotPath('admin-import-done'), fullPage: true })
  await u.see(/新人员邀请码/)
  expect(cloud.store.count('streets', {})).toBe(3)

  // 特大字
  await page.goto(`${cloud.url}/#/pages/me/index`)
  await u.tap('大字模式')
  await u.tap('特大字')
  await page.goto(`${cloud.url}/#/admin/import/index`)
  await page.reload()
  await u.see('粘贴文件内容或选择文件')
  await u.fill('人员', bad.join('\n'))
  await u.tap('预览变更')
  await u.see('文件有误，未导入任何数据（1 处）')
  await u.settle()
  await page.screenshot({ path: screenshotPath('admin-import-elder-errors'), fullPage: true })
  expect(errors).toEqual([])
}, LIMIT_MS)
