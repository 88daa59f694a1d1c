/**
 * The leaders' dashboards on a phone (issue #12), at 390 × 844, in normal size and in 特大字 (1.5×): 运行指标 (today
 * so far, KPI tiles against targets, trend, labelled bars), 考核排名, 共性问题 with the adoption draft and its overlap
 * choice, 轮值看板, 指挥中心分拨 (long-waiting items marked), 明细, and the administrator's 长效机制 and home.
 * On every one: no number, percentage, time or date is split across lines (each number's client rects lie on one
 * line), and nothing sticks out sideways. Screenshots: artifacts/e2e/dash-<page>-<normal|elder>.png.
 */
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../local'
import { seedDocuments } from '../../scripts/seed-data'
import { storedCall, storedCase } from '../domain/stats/fixtures'
import { type Browser, type E2E, screenshotPath, startE2E, stopE2E } from './browser'
import { overflow, ui } from './ui'

const LIMIT_MS = 300_000
const DAY = 86_400_000
let env: E2E
let cloud: LocalCloud
let browser: Browser

const STREETS = ['street-wufeng', 'street-gudong', 'street-nanjie', 'street-antai', 'street-wenquan', 'street-dongjie', 'street-shuibu', 'street-huada', 'street-hongshan', 'street-guxi']
const CATS = ['lamp', 'road', 'noise', 'fumes', 'garbage']

beforeAll(async () => {
  env = await startE2E('dash', { seed: true })
  ;({ cloud, browser } = env)
  const now = Date.now()
  const streets = new Set((seedDocuments({ withDevOpenids: true }).streets as Array<{ _id: string }>).map((s) => s._id))
  const st = STREETS.filter((s) => streets.has(s))
  // 30 days of cases in every street (uneven volumes, so the bars differ), some today, a few waiting in triage
  const cases = []
  let n = 0
  for (let d = 30; d >= 0; d--) {
    for (let i = 0; i < 3 + (d % 4); i++) {
      n++
      const street = st[(n * 7 + d) % st.length]
      const createdAt = now - d * DAY - (i + 1) * 47 * 60_000
      const late = n % 5 === 0
      const done = d > 1 && n % 7 !== 0
      cases.push(storedCase({
        id: `E2E${n}`, categoryCode: CATS[n % CATS.length], streetId: street, createdAt, deadlineH: 24,
        ...(done ? { resolvedAt: createdAt + (late ? 30 : 6) * 3600_000, closedAt: createdAt + (late ? 31 : 8) * 3600_000 } : {}),
        ...(done && n % 3 === 0 ? { satisfaction: { level: n % 2 ? 'satisfied' : 'dissatisfied', at: createdAt + 10 * 3600_000 } } : {}),
        respondMin: n % 4 === 0 ? 25 : 4,
      }))
    }
  }
  for (const [i, age] of [20, 3, 0.2].entries()) {
    cases.push(storedCase({ id: `E2ET${i}`, categoryCode: 'other', createdAt: now - age * DAY, state: 'triage', description: `位置不明的反映，已等待${age}天` }))
  }
  // recurring fumes at 五凤山庄 (a pattern to adopt) and a rule already in force there (the overlap to decide)
  for (let i = 0; i < 6; i++) {
    cases.push(storedCase({ id: `E2EF${i}`, categoryCode: 'fumes', streetId: 'street-wufeng', point: [119.287 + i * 0.00005, 26.106], createdAt: now - (2 + i * 4) * DAY, deptIds: ['dept-sthjj', 'dept-cgj-zfdd'], resolvedAt: now - (2 + i * 4) * DAY + 3600_000, closedAt: now - (2 + i * 4) * DAY + 7200_000 }))
  }
  cloud.store.insert('cases', cases as never)
  cloud.store.insert('calls', cases.slice(0, 40).map((c, i) => storedCall({ id: `E2EK${i}`, caseId: c.id, deptId: 'dept-sthjj', streetId: c.streetId ?? 'street-wufeng', meetAt: c.createdAt + 3600_000, ...(i % 3 ? { checkIn: 'onTime' as const } : {}) })) as never)
  cloud.store.insert('standingRules', [{ _id: 'rule-e2e-fumes', title: '五凤街道餐饮油烟（现行）', categoryCode: 'fumes', area: { streetId: 'street-wufeng' }, assignments: [{ deptId: 'dept-sthjj', phase: 'during', duty: '环保监督' }], active: true, adoptedBy: 'staff-admin', adoptedAt: now - 40 * DAY, from: now - 40 * DAY }] as never)
  await cloud.callFunction('rollup', {})
}, LIMIT_MS)

afterAll(() => stopE2E(env), LIMIT_MS)

/**
 * Every number, percentage, time or date in a text node whose characters lie on more than one line (by the client
 * rects of a range over exactly those characters). Returns "<text> in <element>" for each.
 */
async function splitNumbers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    const re = /[+-]?\d[\d.,:\-/]*%?/g
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? ''
      const el = node.parentElement
      if (!el || !el.getClientRects().length) continue
      for (const m of text.matchAll(re)) {
        if (m[0].length < 2) continue
        const r = document.createRange()
        r.setStart(node, m.index!)
        r.setEnd(node, m.index! + m[0].length)
        const tops = new Set(Array.from(r.getClientRects()).filter((x) => x.width > 0).map((x) => Math.round(x.top + x.height / 2)))
        const lines = [...tops].sort((a, b) => a - b).filter((t, i, a) => i === 0 || t - a[i - 1] > 4)
        if (lines.length > 1) out.push(`${m[0]} in ${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}`)
      }
    }
    return out
  })
}

const PAGES: Array<[string, string, string, ((page: Page) => Promise<void>)?]> = [
  ['stats', '/lead/stats/index', '.an-kpi'],
  ['stats-dept', '/lead/stats/index', '.an-bars__row', async (page) => {
    await page.locator('.an-tabs__item', { hasText: '部门' }).first().click()
    await page.locator('.an-bars__row').first().waitFor()
  }],
  ['rank', '/lead/rank/index', '.an-card'],
  ['patterns', '/lead/patterns/index', '.an-card'],
  ['patterns-draft', '/lead/patterns/index', '.an-card', async (page) => {
    await page.getByText('采纳为长效机制…').first().click()
    await page.getByText('检查并采纳').first().click()
    await page.getByText('与以下生效中的规则重叠，请选择：').first().waitFor()
  }],
  ['board', '/lead/board/index', '.board-duty'],
  ['triage', '/lead/triage/index', '.triage-item', async (page) => {
    // long-waiting items are marked: red after three days, nothing for a fresh one
    await page.locator('.triage-item--bad', { hasText: '已等待 20天' }).first().waitFor()
    expect(await page.locator('.triage-item--bad').count()).toBe(2)
    expect(await page.locator('.triage-item--ok').count()).toBe(1)
  }],
  ['drill', '/lead/drill/index?metric=reported&period=month', '.an-page'],
  ['admin-rules', '/admin/rules/index', '.lv-card'],
  ['admin-rules-history', '/admin/rules/index', '.lv-card', async (page) => {
    await page.getByText('修改记录 ›').first().click()
    await page.waitForTimeout(500)
  }],
  ['admin-index', '/admin/index/index', '.lv-card'],
]

const PARTS: Record<string, Array<[string, string]>> = {
  stats: [['.an-card:has(.chart)', 'trend'], ['.an-card:has(.an-bars)', 'bars']],
  'stats-dept': [['.an-card:has(.an-bars)', 'bars']],
  'patterns-draft': [['.an-confirm', 'overlap']],
  triage: [['.triage-item', 'first']],
  'admin-rules-history': [['.rule-history', 'log']],
}

async function asAdmin(page: Page): Promise<void> {
  await page.goto(`${cloud.url}/#/pages/me/index`)
  const staff = seedDocuments({ withDevOpenids: true }).staff as Array<{ _id: string; name: string }>
  const name = staff.find((s) => s._id === 'staff-admin')!.name
  const item = page.locator('.dev__item').filter({ has: page.locator('.dev__item-name', { hasText: new RegExp(`^${name}(（当前）)?$`) }) })
  await item.first().waitFor()
  await item.first().click()
  await page.locator('.me__name', { hasText: name }).first().waitFor()
}

async function tour(page: Page, mode: 'normal' | 'elder'): Promise<string[]> {
  const problems: string[] = []
  for (const [name, route, ready, act] of PAGES) {
    await page.goto('about:blank')
    await page.goto(`${cloud.url}/#${route}`)
    await page.locator(ready).first().waitFor({ timeout: 30_000 })
    if (act) await act(page)
    await ui(page).settle()
    await page.waitForTimeout(300) // charts draw after layout
    for (const s of await splitNumbers(page)) problems.push(`${mode} ${name}: split ${s}`)
    const out = await overflow(page)
    if (out) problems.push(`${mode} ${name}: sticks out ${out}`)
    await page.screenshot({ path: screenshotPath(`dash-${name}-${mode}`), fullPage: true })
    // pages scroll inside their own container: the parts below the first screen, one element at a time
    for (const [selector, part] of PARTS[name] ?? []) {
      const el = page.locator(selector).first()
      if (await el.count()) await el.screenshot({ path: screenshotPath(`dash-${name}-${part}-${mode}`) })
    }
  }
  return problems
}

test('every dashboard at 390 × 844, normal and 特大字: numbers never split across lines, nothing sticks out', async () => {
  const page = await browser.context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await asAdmin(page)
  const tabLabel = () => page.evaluate(() => {
    const el = document.querySelector('.weui-tabbar__label, .taro-tabbar__title') as HTMLElement | null
    return el ? el.getBoundingClientRect().height : null
  })
  const tabNormal = await tabLabel()
  const problems = await tour(page, 'normal')

  await page.goto(`${cloud.url}/#/pages/me/index`)
  const { tap, byLabel } = ui(page)
  await tap('大字模式')
  await tap('特大字')
  await byLabel('特大字（已选）').waitFor()
  // the tab bar grows with the rest (its labels, at 1.5×)
  await page.screenshot({ path: screenshotPath('dash-me-tabbar-elder'), fullPage: false })
  const tabElder = await tabLabel()
  problems.push(...(await tour(page, 'elder')))
  expect(problems).toEqual([])
  expect(errors).toEqual([])
  expect(tabNormal).not.toBeNull()
  expect(tabElder! / tabNormal!).toBeGreaterThanOrEqual(1.4)
}, LIMIT_MS)

test('the check itself finds a split number (it can fail)', async () => {
  const page = await browser.context.newPage()
  await page.setContent('<div style="width:40px;font-size:20px;overflow-wrap:anywhere">13.5%</div><div>2026-12-04</div>')
  expect(await splitNumbers(page)).toEqual(['13.5% in div.'])
})
