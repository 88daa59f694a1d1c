/**
 * docs/REQUIREMENTS.md story 4 in the browser: the 左海公园北门 lamp, across every role, on the H5 build against local/
 * with the Gulou seed — switching people with the dev role switcher on 我的, as a tester would.
 *
 *  1 citizen reports with a photo (a PNG made here) and the browser's location → routed to 五凤街道
 *  2 五凤 handler 毛晓嘉 accepts, assigns himself, calls 区城管局市政所 to the site
 *  3 市政所 officer acknowledges, checks in on site (browser geolocation) near the meeting time, records the action
 *  4 毛晓嘉 flags the case hard
 *  5 the district leader on today's rota decides 市政所 + officer + deadline on the 研判 page
 *  6 毛晓嘉 resolves with a photo and rates 市政所 好评;  7 the officer rates the call 呼叫准确
 *  8 the command centre verifies it on the 待核查 tab;  9 the citizen rates 满意 → 已办结
 * Each step saves artifacts/e2e/story-NN-*.png. Before the check-in the clocks of the cloud and of the browser are
 * moved ahead together to five minutes before the meeting (the call's default is ~30 minutes out) — the only
 * shortcut taken.
 */
import zlib from 'node:zlib'
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../local'
import { seedDocuments } from '../../scripts/seed-data'
import { ROTA } from '../../src/domain/org/seed/rota'
import { onDutyLeaders } from '../../src/domain/org/rota'
import { type Browser, type E2E, screenshotPath, startE2E, stopE2E } from './browser'
import { type Ui, becomeIdentity, openRoute, ui } from './ui'

type Cloud = LocalCloud
const STEP_LIMIT_MS = 600_000
const SITE = { lng: 119.283, lat: 26.104 } // 左海公园北门 (inside 五凤街道)

let env: E2E
let cloud: Cloud
let browser: Browser
let page: Page
const pageErrors: string[] = []
const staffDocs = seedDocuments({ withDevOpenids: true }).staff as Array<{ _id: string; name: string; openid?: string }>
const person = (id: string) => {
  const s = staffDocs.find((x) => x._id === id)
  if (!s) throw new Error(`seed has no ${id}`)
  return s as { _id: string; name: string; openid: string }
}

// ── a real PNG, made here (48×48, a lamp-post-ish stripe) ──
function crc32(buf: Buffer): number {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
  }
  return ~c >>> 0
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}
function makePng(w: number, h: number, rgb: [number, number, number]): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  const raw = Buffer.alloc((w * 3 + 1) * h)
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3
      const stripe = Math.abs(x - w / 2) < 3
      raw[o] = stripe ? 40 : rgb[0]
      raw[o + 1] = stripe ? 40 : rgb[1]
      raw[o + 2] = stripe ? 40 : rgb[2]
    }
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

beforeAll(async () => {
  env = await startE2E('story', { seed: true })
  ;({ cloud, browser } = env)
  await browser.context.grantPermissions(['geolocation'], { origin: cloud.url })
  await browser.context.setGeolocation({ longitude: SITE.lng, latitude: SITE.lat, accuracy: 10 })
  page = await browser.context.newPage()
  page.on('pageerror', (err) => pageErrors.push(err.message))
  ;({ byLabel, see, fill, tap } = ui(page))
}, STEP_LIMIT_MS)

afterAll(() => stopE2E(env), STEP_LIMIT_MS)

// ── helpers ──
// Taro's H5 router keeps earlier pages in the DOM (hidden): ui() always looks at what is on screen.
let byLabel: Ui['byLabel']
let see: Ui['see']
let fill: Ui['fill']
let tap: Ui['tap']

/** Waits until the store shows what the UI did (the server's truth), or fails naming the last value seen. */
async function until<T>(read: () => T, want: T, what: string, limitMs = 30_000): Promise<void> {
  const start = Date.now()
  let last: T = read()
  while (last !== want) {
    if (Date.now() - start > limitMs) throw new Error(`${what}: expected ${String(want)}, still ${String(last)}`)
    await page.waitForTimeout(200)
    last = read()
  }
}

const open = (route: string): Promise<void> => openRoute(page, cloud.url, route)

async function shot(name: string): Promise<void> {
  await ui(page).settle()
  await page.screenshot({ path: screenshotPath(`story-${name}`), fullPage: true })
}

const becomes = (openid: string | null, name: string): Promise<void> => becomeIdentity(page, cloud.url, openid, name)

/** Tap the visible offline map `dx`, `dy` px from its centre (the pin sits there after 使用我的位置). */
async function tapMap(dx: number, dy: number): Promise<void> {
  const map = page.locator('[data-testid="district-map"]').filter({ visible: true }).first()
  await map.scrollIntoViewIfNeeded()
  const box = await map.boundingBox()
  if (!box) throw new Error('no map on screen')
  await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy)
}

async function pickFile(trigger: string, name: string, rgb: [number, number, number]): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await tap(trigger)
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer: makePng(48, 48, rgb) })
}

/** The picked photo is on screen and its upload finished (no progress mask, no failure). */
async function photoUploaded(): Promise<void> {
  await page.locator('.yx-photos__img, .sx-photo').first().waitFor({ state: 'attached' })
  await page.locator('[aria-label^="照片1上传中"]').waitFor({ state: 'detached' })
  expect(await page.locator('[aria-label^="照片1上传失败"]').count()).toBe(0)
}

function callDoc(id: string): Record<string, any> {
  return (cloud.store.find('calls', { id }, {}) as Record<string, any>[])[0] ?? {}
}

function theCase(): Record<string, any> {
  const all = cloud.store.find('cases', {}, {}) as Record<string, any>[]
  expect(all).toHaveLength(1)
  return all[0]
}

const MAO = person('staff-maoxiaojia')
const OFFICER = person('staff-cgj-szs-officer')
const OPERATOR = person('staff-zhzx-operator-1')

// On failure, tests/e2e/setup.ts keeps the screen, the console and the failed requests (artifacts/e2e/failures/).
test('左海公园北门: citizen → handler → department → rota leader → handler → command centre → citizen', async () => {
  // 1 ── the citizen reports with a photo and the browser's location
  await becomes(null, '群众用户')
  await page.locator('.weui-tabbar__label', { hasText: /^随手拍$/ }).filter({ visible: true }).first().click()
  await pickFile('添加照片', 'dark-road.png', [20, 24, 60])
  await photoUploaded()
  await fill('问题描述', '左海公园北门到左海家具城路段没有路灯，晚上老人和小孩容易跌倒')
  await tap('选择问题类别')
  await tap('路灯不亮')
  // the place on the map: my position moves the pin there (and zooms in), a tap on the map places it exactly
  await tap('使用我的位置')
  await see(/五凤街道 · /)
  await tapMap(0, 0)
  await see(/五凤街道 · \S+社区/)
  await shot('01a-citizen-map')
  await fill('详细地址', '左海公园北门至左海家具城路段')
  await fill('联系电话', '13900000000')
  await tap('提交')
  await see(/诉求编号/)
  await shot('01-citizen-reported')
  const reported = theCase()
  expect(reported).toMatchObject({ state: 'dispatched', streetId: 'street-wufeng', categoryCode: 'lamp' })
  expect(reported.communityId).toMatch(/^comm-/)
  expect(reported.photos).toHaveLength(1)
  const caseId = reported.id as string

  // 2 ── 毛晓嘉 (五凤街道) accepts, assigns himself, calls 区城管局市政所
  await becomes(MAO.openid, MAO.name)
  await page.locator('.me__cell', { hasText: '一线处置工作台' }).filter({ visible: true }).first().click()
  await tap('签收：路灯不亮')
  await open(`/handler/case/index?id=${caseId}`)
  await tap('指派')
  await byLabel(MAO.name).click()
  await tap('确认指派')
  await byLabel('一线呼叫').waitFor()
  await tap('一线呼叫')
  await fill('搜索部门', '市政所')
  await page.locator('.hl-dept', { hasText: '市政所' }).filter({ visible: true }).first().click()
  await byLabel('区城管局市政所，已选中').waitFor({ state: 'attached' }).catch(() => undefined)
  await fill('需要部门做什么', '路段无路灯，请到场会商增设路灯')
  // the meeting place: the case's location by default, moved on the map a few metres to the gate
  await see('（默认为诉求位置）')
  await tapMap(12, 0)
  await see(/地图选点：五凤街道 · /)
  await shot('02-handler-call-form')
  await tap('发起呼叫')
  await see('已发起呼叫').catch(() => undefined)
  await until(() => (cloud.store.find('calls', { caseId }, {}) as unknown[]).length, 1, 'calls of the case')
  await open(`/handler/case/index?id=${caseId}`)
  await see('区城管局市政所')
  await shot('03-handler-called')
  const callId = (cloud.store.find('calls', { caseId }, {}) as Record<string, any>[])[0].id as string

  // 3 ── the 市政所 officer acknowledges, checks in on site near the meeting time, records what was done
  await becomes(OFFICER.openid, OFFICER.name)
  await page.locator('.me__cell', { hasText: '部门呼叫工作台' }).filter({ visible: true }).first().click()
  await byLabel('路灯不亮，待响应').click()
  await tap('响应呼叫')
  await byLabel('获取当前位置').waitFor()
  const meetAt = callDoc(callId).meetAt as number
  const shift = meetAt - Date.now() - 5 * 60_000 // the cloud lives five minutes before the meeting
  cloud.setNow(() => Date.now() + shift)
  // the browser's clock moves with it (the check-in preview refuses early arrivals on the device too)
  await browser.context.clock.install({ time: Date.now() + shift })
  await browser.context.clock.resume()
  await page.reload()
  await tap('获取当前位置')
  await page.locator('[data-testid="map-me"]').filter({ visible: true }).first().waitFor()
  await see(/您距约定地点约 \d+ 米/)
  await shot('04a-officer-site-map')
  await tap('确认报到')
  await until(() => callDoc(callId).state, 'checkedIn', 'call state')
  await shot('04-officer-checked-in')
  await tap('填报处置情况')
  await fill('现场做了什么', '现场勘查：该路段未纳入市政路灯管养，需研判明确责任')
  await tap('提交')
  await until(() => callDoc(callId).state, 'actionRecorded', 'call state')

  // 4 ── 毛晓嘉 flags it hard
  await becomes(MAO.openid, MAO.name)
  await open(`/handler/case/index?id=${caseId}`)
  await tap('标记疑难')
  await fill('疑难原因', '12345转办：涉及6个单位，权属不清')
  await tap('确认标记疑难')
  await until(() => !!theCase().flags?.hard, true, 'hard flag')
  await shot('05-handler-flagged-hard')

  // 5 ── today's district leader on the rota decides on the 研判 page
  const duty = onDutyLeaders(ROTA, 'street-wufeng', Date.now() + shift)
  const leader = person(duty.district[0].staffId)
  await becomes(leader.openid, leader.name)
  await page.locator('.me__cell', { hasText: '疑难件与指挥看板' }).filter({ visible: true }).first().click()
  await see('您今天在岗轮值，可以研判并指定责任。')
  await page.locator('.board-item', { hasText: '左海公园北门' }).filter({ visible: true }).first().waitFor()
  await shot('06-leader-board')
  await page.locator('.board-item', { hasText: '左海公园北门' }).filter({ visible: true }).first().click()
  await see('责任部门：区城管局市政所')
  await tap(`选择责任人 ${OFFICER.name}`)
  await fill('研判意见', '会商决定由区城管局市政所负责增设路灯')
  await tap('确认研判')
  await see('已研判')
  await shot('07-leader-decided')
  expect(theCase().flags.hard).toMatchObject({ decidedBy: leader._id, decision: { deptId: 'dept-cgj-szs', personId: OFFICER._id } })

  // 6 ── 毛晓嘉 resolves with evidence and rates 市政所
  await becomes(MAO.openid, MAO.name)
  await open(`/handler/case/index?id=${caseId}`)
  await tap('办结')
  await fill('办理结果', '路灯安装完毕，已亮灯')
  await pickFile('添加照片', 'lamps-on.png', [250, 220, 90])
  await photoUploaded()
  await tap('确认办结')
  await until(() => theCase().state, 'resolved', 'case state')
  await tap('评价部门：区城管局市政所')
  await tap('好评')
  const reason = page.locator('.sx-sheet [aria-role="checkbox"], .sx-sheet .sx-chip').filter({ hasText: /及时|有效/ })
  if (await reason.count()) await reason.first().click()
  await tap('提交评价')
  await until(() => callDoc(callId).streetRating?.level, 'good', 'streetRating')
  await shot('08-handler-resolved-rated')

  // 7 ── the officer rates the call 呼叫准确
  await becomes(OFFICER.openid, OFFICER.name)
  await open(`/dept/call/index?id=${callId}`)
  await tap('评价呼叫')
  await tap('呼叫准确')
  await tap('提交评价')
  await until(() => callDoc(callId).deptRating?.level, 'accurate', 'deptRating')
  await shot('09-officer-rated-call')

  // 8 ── the command centre verifies on the 待核查 tab
  await becomes(OPERATOR.openid, OPERATOR.name)
  await page.locator('.me__cell', { hasText: '指挥中心工作台' }).filter({ visible: true }).first().click()
  await page.locator('.sx-tab', { hasText: '待核查' }).filter({ visible: true }).first().click()
  await page.locator('.triage-item', { hasText: '左海公园北门' }).filter({ visible: true }).first().locator('[aria-label^="路灯不亮"]').click()
  await see('路灯安装完毕，已亮灯')
  await tap('核查')
  await tap('核查通过')
  await fill('核查意见（选填）', '夜间核查路灯正常亮灯')
  await tap('确认核查')
  await until(() => theCase().state, 'closed', 'case state')
  await shot('10-command-verified')

  // 9 ── the citizen sees it solved and rates 满意
  await becomes(null, '群众用户')
  await page.locator('.weui-tabbar__label', { hasText: /^我的诉求$/ }).filter({ visible: true }).first().click()
  await page.getByText('左海公园北门到左海家具城路段没有路灯').filter({ visible: true }).first().click()
  await tap('满意')
  await tap('提交评价')
  await until(() => theCase().satisfaction?.level, 'satisfied', 'citizen satisfaction')
  await see('已办结')
  await shot('11-citizen-rated')

  const final = theCase()
  expect(final).toMatchObject({ state: 'closed', streetId: 'street-wufeng', reworkCount: 0 })
  expect(final.resolution.photos).toHaveLength(1)
  expect(pageErrors).toEqual([])
}, STEP_LIMIT_MS)
