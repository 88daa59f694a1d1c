/**
 * A case's life end to end, as each person meets it (issue #13), in Chromium at 390 × 844, normal and 特大字:
 *  - citizen: an empty 提交 says what is missing beside the button; the success page starts at the top (✓ in view);
 *    a pending case offers 补充说明 and 撤回; a withdrawn case reads 已撤回;
 *  - handler: 待签收 holds only cases waiting for 签收, the 逾期/疑难 counters filter; the reporter's number with 拨打;
 *    the call form preselects the standing rule's departments, its list flows with the page;
 *  - department, leader, administrator: no internal id anywhere on their screens; every kind of unit where one is
 *    chosen; the rota with today marked.
 * Screenshots: artifacts/e2e/life-<role>-<screen>[-elder].png.
 */
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../local'
import { INTERNAL_ID_PATTERN } from '../../src/domain/common/format'
import { type Browser, type E2E, screenshotPath, startE2E, stopE2E } from './browser'
import { ui } from './ui'

const LIMIT_MS = 300_000
let env: E2E
let cloud: LocalCloud
let browser: Browser
let page: Page
const errors: string[] = []

const dev = (staffId: string) => `dev-${staffId}`
const MAO = dev('staff-maoxiaojia')
const SZS = dev('staff-cgj-szs-officer')
const ADMIN = dev('staff-admin')
const ZUOHAI = { point: { type: 'Point', coordinates: [119.283, 26.104] }, address: '左海公园北门' }

beforeAll(async () => {
  env = await startE2E('life', { seed: true })
  ;({ cloud, browser } = env)
  page = await browser.context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
}, LIMIT_MS)

afterAll(() => stopE2E(env), LIMIT_MS)

async function api<T = any>(openid: string, action: string, payload: unknown): Promise<T> {
  const res = (await cloud.callFunction('api', { action, payload }, { openid })) as { code: number | string; data?: T; message?: string }
  if (res.code !== 0) throw new Error(`${action}: ${res.code} ${res.message}`)
  return res.data as T
}

/** Act as `openid` (null: a plain citizen) through the local server's dev switch, from the page itself. */
async function actAs(openid: string | null): Promise<void> {
  await page.goto(`${cloud.url}/#/pages/me/index`)
  await page.evaluate(async (id) => {
    const r = await fetch('/dev/identity', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: id }) })
    if (!r.ok) throw new Error(`dev identity: ${r.status}`)
  }, openid)
}

/** 标准 or 特大字, stored on the device as the app stores it (Taro storage: `{ data }`). */
async function setElder(scale: 1 | 1.5): Promise<void> {
  await page.evaluate((s) => localStorage.setItem('yx.elderScale', JSON.stringify({ data: s })), scale)
}

/** Open a route alone (one page in the DOM), wait for `ready`, settle. */
async function open(route: string, ready: string): Promise<void> {
  await page.goto(`${cloud.url}/#${route}`)
  await page.reload()
  await page.locator(ready).filter({ visible: true }).first().waitFor()
  await ui(page).settle()
}

/** Internal ids in what is on screen (text and labels). */
async function idsOnScreen(): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out = [document.body.innerText]
    for (const el of Array.from(document.querySelectorAll('[aria-label]'))) if ((el as HTMLElement).offsetParent) out.push(el.getAttribute('aria-label') ?? '')
    return out
  })
  const found = new Set<string>()
  for (const t of texts) for (const m of t.match(new RegExp(INTERNAL_ID_PATTERN.source, 'g')) ?? []) found.add(m)
  return [...found]
}

/** A screenshot in both sizes of the screen `route`, checking for internal ids in each. */
async function both(name: string, route: string, ready: string, then?: () => Promise<void>): Promise<void> {
  for (const scale of [1, 1.5] as const) {
    await setElder(scale)
    await open(route, ready)
    if (then) await then()
    await ui(page).settle()
    expect([name, scale, await idsOnScreen()]).toEqual([name, scale, []])
    await page.screenshot({ path: screenshotPath(`life-${name}${scale === 1 ? '' : '-elder'}`), fullPage: true })
  }
  await setElder(1)
}

let pendingId = ''
let calledId = ''

test('citizen: empty 提交 explained beside the button; success at the top; 补充说明 and 撤回 before 签收', async () => {
  await actAs(null)
  await setElder(1)
  await open('/pages/report/index', '[aria-label="提交"]')
  const { tap, fill, see, settle } = ui(page)
  await tap('提交')
  await see('问题描述：请填写问题描述')
  await settle()
  await page.screenshot({ path: screenshotPath('life-citizen-report-empty-submit') }) // the viewport: what the person sees
  await fill('问题描述', '左海公园北门的路灯连续三晚不亮，晚上很黑')
  // 不便提供位置: the street and community chips, and the address (a report must say where)
  await tap('不便提供位置')
  await tap('五凤街道')
  await tap('左海社区')
  await fill('详细地址', '左海公园北门')
  await fill('联系电话', '13800005678')
  await see('区指挥中心完整显示')
  await tap('提交')
  const tick = page.locator('.report__done-icon').filter({ visible: true }).first()
  await tick.waitFor()
  await settle()
  // the success page starts at the top: the ✓ is inside the viewport
  const box = await tick.boundingBox()
  expect(box && box.y >= 0 && box.y + box.height <= 844).toBe(true)
  await page.screenshot({ path: screenshotPath('life-citizen-report-success') })
  const idText = await page.locator('.report__done-id').filter({ visible: true }).first().innerText()
  pendingId = /GL\d{8}-[0-9A-Z]{7}/.exec(idText)![0]

  await both('citizen-case-pending', `/pages/case/index?id=${pendingId}`, '[aria-label="补充说明"]')
  await open(`/pages/case/index?id=${pendingId}`, '[aria-label="补充说明"]')
  await tap('补充说明')
  await fill('补充说明', '旁边的井盖也松动了')
  await tap('提交补充')
  await see('补充说明：旁边的井盖也松动了')
  await tap('撤回诉求')
  await fill('撤回原因', '已自行解决')
  await tap('确认撤回')
  await see('已撤回')
  await both('citizen-case-withdrawn', `/pages/case/index?id=${pendingId}`, '.case__category')
  await both('citizen-cases', '/pages/cases/index', '.cases__summary')
}, LIMIT_MS)

test('handler: 待签收 only what waits for 签收; counters filter; 拨打 the reporter; the call form', async () => {
  // cases in the street: one waiting, one accepted and hard, one under a standing rule (五凤山庄 fumes)
  const report = async (token: string, categoryCode: string, description: string, coordinates: [number, number]) =>
    (await api<{ caseId: string }>(`o-e2e-${token}`, 'case.report', { clientToken: token, categoryCode, description, photos: [], phone: '13800005678', location: { point: { type: 'Point', coordinates }, address: description.slice(0, 8) } })).caseId
  await report('h1', 'lamp', '左海公园北门路灯不亮第一处', [119.283, 26.104])
  const hard = await report('h2', 'road', '左海公园北门道路破损坑洼', [119.2845, 26.1048])
  await api(MAO, 'case.accept', { caseId: hard })
  await api(MAO, 'case.flagHard', { caseId: hard, reason: '涉及多个单位，权责不清' })
  calledId = hard
  await actAs(MAO)
  await both('handler-inbox', '/handler/inbox/index', '.sx-tab')
  const { tap, see } = ui(page)
  await open('/handler/inbox/index', '.sx-tab')
  expect(await page.locator('[aria-label="道路破损，已签收"]').filter({ visible: true }).count()).toBe(0) // not in 待签收
  await tap('只看疑难 1 件')
  await page.locator('[aria-label="道路破损，已签收"]').filter({ visible: true }).first().waitFor()
  await ui(page).settle()
  await page.screenshot({ path: screenshotPath('life-handler-inbox-hard-filter'), fullPage: true })
  await both('handler-case', `/handler/case/index?id=${hard}`, '[aria-label="拨打 13800005678"]')
  await api(MAO, 'case.assign', { caseId: hard, staffId: 'staff-maoxiaojia' })
  await both('handler-call-form', `/handler/call/index?id=${hard}`, '[aria-label="发起呼叫"]')
  await open(`/handler/call/index?id=${hard}`, '[aria-label="发起呼叫"]')
  await tap('发起呼叫')
  await see('请填写呼叫事项')
  await ui(page).fill('需要部门做什么', '现场核实道路破损范围')
  expect(await page.getByText('请填写呼叫事项').filter({ visible: true }).count()).toBe(0) // gone once filled
  // the department list flows with the page: no scroll box inside it
  const inner = await page.locator('.hl-depts').first().evaluate((el) => getComputedStyle(el).overflowY)
  expect(inner).toBe('visible')
  await api(MAO, 'case.call', { caseId: hard, deptIds: ['dept-cgj-szs', 'dept-ylzx'], what: '现场核实道路破损范围', place: ZUOHAI, meetAt: Date.now() + 3_600_000 })
  await both('handler-case-called', `/handler/case/index?id=${hard}`, '.sx-item__title')
  const timeline = await page.locator('.yx-timeline__title', { hasText: '现场核实道路破损范围' }).filter({ visible: true }).count()
  expect(timeline).toBe(1) // one call to two departments: one entry

  // a standing rule in force (五凤 fumes: 事中 环保, 事后 城管执法): its departments come preselected in the call form
  await api(ADMIN, 'admin.rules.save', {
    categoryCode: 'fumes', area: { streetId: 'street-wufeng' }, title: '五凤街道餐饮油烟',
    assignments: [{ deptId: 'dept-sthjj', phase: 'during', duty: '环保监督' }, { deptId: 'dept-cgj-zfdd', phase: 'after', duty: '城管处置处罚' }],
  })
  const fumes = await report('h3', 'fumes', '五凤山庄烧烤店油烟扰民', [119.2855, 26.1052])
  await api(MAO, 'case.accept', { caseId: fumes })
  await api(MAO, 'case.assign', { caseId: fumes, staffId: 'staff-maoxiaojia' })
  await both('handler-call-form-rule', `/handler/call/index?id=${fumes}`, '[aria-label="发起呼叫"]', async () => {
    await page.getByText(/已按长效机制预选/).filter({ visible: true }).first().waitFor()
  })
}, LIMIT_MS)

test('department, leader, administrator: names, never ids', async () => {
  await actAs(SZS)
  await both('dept-calls', '/dept/calls/index', '.sx-tab')
  const calls = await api<{ items: Array<{ id: string }> }>(SZS, 'call.mine', {})
  await both('dept-call', `/dept/call/index?id=${calls.items[0].id}`, '.sx-item__desc')

  await actAs(dev('staff-district-leader-2'))
  await both('lead-board', '/lead/board/index', '.board-duty')

  await actAs(ADMIN)
  await both('admin-categories', '/admin/categories/index', '.lv-card', async () => {
    await page.getByText('福州市水务集团').filter({ visible: true }).first().waitFor() // 供水问题's owner, a city-level unit
  })
  await both('admin-staff', '/admin/staff/index', '.lv-card')
  await both('admin-rota', '/admin/rota/index', '.rota-grid', async () => {
    await page.getByText(/·今天/).filter({ visible: true }).first().waitFor()
    // today's column is on screen (not scrolled off to the right), right of the sticky names
    await page.waitForFunction(() => {
      const r = document.querySelector('.rota-head--today')?.getBoundingClientRect()
      return !!r && r.left >= 60 && r.right <= window.innerWidth
    })
    // the names stay while the week scrolls: the first column of every row is on screen
    const names = await page.locator('.rota-head--name').filter({ visible: true }).evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)))
    expect(names.length).toBeGreaterThan(5)
    expect(names.every((x) => x >= 0 && x < 60)).toBe(true)
  })
  expect(errors).toEqual([])
}, LIMIT_MS)

test('an error screen says what happened and offers the next step', async () => {
  await actAs(null)
  await both('citizen-case-not-found', '/pages/case/index?id=GL20261205-0000000', '.yx-error', async () => {
    await page.getByText('没有找到').filter({ visible: true }).first().waitFor()
    expect(await page.locator('[aria-label="重试"]').filter({ visible: true }).count()).toBe(0)
    await page.locator('[aria-label="回到“我的”"]').filter({ visible: true }).first().waitFor()
  })
  void calledId
}, LIMIT_MS)
