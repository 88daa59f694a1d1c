/**
 * The five maps (#11) in the H5 build's offline vector map, at 390 × 844, normal and 特大字: the citizen's pin with
 * street and community in words, a point outside the district refused, 不便提供位置, the open cases nearby and
 * 我也遇到了 (no second case; the case counts 2 reporters; it is in the joiner's 我的诉求); the handler's meeting
 * place; the officer's site with the check-in radius; the leader's hot spots (tap a cluster → its cases).
 * Screenshots: artifacts/e2e/maps-*.png.
 */
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../local'
import { generateDemo } from '../../scripts/demo'
import { seedDocuments } from '../../scripts/seed-data'
import { type Browser, type E2E, screenshotPath, startE2E, stopE2E } from './browser'
import { ui } from './ui'

const LIMIT_MS = 600_000
let env: E2E
let cloud: LocalCloud
let browser: Browser
let page: Page
const errors: string[] = []
const staff = seedDocuments({ withDevOpenids: true }).staff as Array<{ _id: string; name: string; openid: string }>
const person = (id: string) => staff.find((s) => s._id === id)!

beforeAll(async () => {
  env = await startE2E('maps', { seed: true })
  ;({ cloud, browser } = env)
  await generateDemo(cloud, { cases: 40, days: 10 })
  for (let i = 0; i < 10; i++) {
    const r = (await cloud.callFunction('rollup', {})) as { data?: { remaining: number } }
    if (!r.data || r.data.remaining === 0) break
  }
  await browser.context.grantPermissions(['geolocation'], { origin: cloud.url })
  page = await browser.context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
}, LIMIT_MS)

afterAll(() => stopE2E(env), LIMIT_MS)

async function open(route: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(`${cloud.url}/#${route}`)
}

async function becomes(openid: string | null, name: string): Promise<void> {
  await open('/pages/me/index')
  const item = openid
    ? page.locator('.dev__item').filter({ visible: true, has: page.locator('.dev__item-name', { hasText: new RegExp(`^${name}(（当前）)?$`) }) })
    : page.locator('.dev__item', { hasText: '群众（未绑定人员）' }).filter({ visible: true })
  await item.first().waitFor()
  await item.first().click()
  await page.locator('.me__name', { hasText: openid ? name : '群众用户' }).filter({ visible: true }).first().waitFor()
}

async function shot(name: string, elder: boolean): Promise<void> {
  await ui(page).settle()
  await page.screenshot({ path: screenshotPath(`maps-${name}${elder ? '-elder' : ''}`), fullPage: true })
}

/** The offline map `name` on screen (`data-map`). */
const mapOf = (name: string) => page.locator(`svg[data-map="${name}"]`).filter({ visible: true }).first()

async function tapMap(fx: number, fy: number): Promise<void> {
  const map = page.locator('[data-testid="district-map"]').filter({ visible: true }).first()
  await map.scrollIntoViewIfNeeded()
  const box = await map.boundingBox()
  if (!box) throw new Error('no map on screen')
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy)
}

async function setElder(on: boolean): Promise<void> {
  await open('/pages/me/index')
  const { tap, byLabel } = ui(page)
  await byLabel('大字模式').waitFor()
  const isOn = await page.evaluate(() => document.documentElement.classList.contains('elder'))
  if (on && !isOn) {
    await tap('大字模式')
    await tap('特大字')
    await byLabel('特大字（已选）').waitFor()
  } else if (!on && isOn) {
    await tap('大字模式')
  }
}

type Doc = Record<string, any>
const cases = (): Doc[] => cloud.store.find('cases', {}, {}) as Doc[]
const OPEN = ['dispatched', 'accepted', 'handling']

for (const elder of [false, true]) {
  const tag = elder ? '特大字' : '标准'
  test(`citizen (${tag}): pin → street and community; outside refused; 不便提供位置; nearby and 我也遇到了`, async () => {
    const { tap, see } = ui(page)
    await becomes(null, '群众用户')
    await setElder(elder)
    // a demo case that is open, located, and not the browser citizen's: stand where it is
    const target = cases().find((c) => OPEN.includes(c.state) && c.location && !(c.coReporters ?? []).length && c.reporter?.openid?.startsWith('demo-'))!
    const [lng, lat] = target.location.point.coordinates
    await browser.context.setGeolocation({ longitude: lng, latitude: lat, accuracy: 10 })
    await open('/pages/report/index')
    await mapOf('report').waitFor()
    await see('点击地图放置图钉，或使用我的位置')
    await shot('citizen-empty', elder)
    // a tap in the map's corner is outside the district
    await tapMap(0.03, 0.05)
    await see(/不在鼓楼区范围内/)
    await shot('citizen-outside', elder)
    await tap('使用我的位置')
    await see(new RegExp(`${cloud.store.find('streets', { _id: target.streetId }, {}).map((s: any) => s.name)[0]} · `))
    await see(/附近 100 米内已有 \d+ 件同类诉求/)
    expect(await page.locator('[data-testid="map-marker"]').filter({ visible: true }).count()).toBeGreaterThan(0)
    await shot('citizen-nearby', elder)
    const before = cases().length
    await tap(`我也遇到了 ${target.id}`)
    await see('已加入该诉求')
    await shot('citizen-joined', elder)
    expect(cases().length).toBe(before)
    const joined = cases().find((c) => c.id === target.id)!
    expect(joined.reporters).toBe(2)
    await open('/pages/cases/index')
    await see(target.description.slice(0, 8))
    // 不便提供位置: street, community and address instead
    await open('/pages/report/index')
    await tap('不便提供位置')
    await see('不便提供位置：请选择所在街道和社区，并填写详细地址')
    await tap('五凤街道')
    await shot('citizen-nolocation', elder)
    await tap('改为在地图上选点')
    await mapOf('report').waitFor()
  }, LIMIT_MS)

  test(`handler (${tag}): the meeting place on the map, the case's location by default`, async () => {
    const mao = person('staff-maoxiaojia')
    await becomes(mao.openid, mao.name)
    await setElder(elder)
    const c = cases().find((x) => x.streetId === 'street-wufeng' && x.location && ['accepted', 'handling'].includes(x.state))!
    await open(`/handler/call/index?id=${c.id}`)
    const { see } = ui(page)
    await see('（默认为诉求位置）')
    await tapMap(0.6, 0.5)
    await see(/地图选点：五凤街道 · /)
    await see('恢复为诉求位置')
    await shot('handler-call-place', elder)
  }, LIMIT_MS)

  test(`department (${tag}): the site, the check-in radius, my position, 导航`, async () => {
    const call = (cloud.store.find('calls', {}, {}) as Doc[]).find((x) => ['created', 'acknowledged'].includes(x.state))
      ?? (cloud.store.find('calls', {}, {}) as Doc[])[0]
    const officer = staff.find((s) => (s as any).deptId === call.deptId && (s as any).post === 'officer')!
    await becomes(officer.openid, officer.name)
    await setElder(elder)
    const [lng, lat] = call.place.point.coordinates
    await browser.context.setGeolocation({ longitude: lng + 0.002, latitude: lat + 0.001, accuracy: 10 })
    await open(`/dept/call/index?id=${call.id}`)
    const { see, byLabel } = ui(page)
    await mapOf('site').waitFor()
    expect(await page.locator('[data-testid="map-radius"]').filter({ visible: true }).count()).toBe(1)
    await byLabel('导航到现场').waitFor()
    if (await byLabel('获取当前位置').count()) {
      await ui(page).tap('获取当前位置')
      await see(/您距约定地点约 \d+ 米/)
    }
    await shot('dept-site', elder)
  }, LIMIT_MS)

  test(`leader (${tag}): hot spots on the district map; a cluster opens its cases`, async () => {
    const lead = person('staff-zhzx-director')
    await becomes(lead.openid, lead.name)
    await setElder(elder)
    await open('/lead/stats/index')
    const { see } = ui(page)
    await mapOf('hotspots').waitFor()
    await page.locator('[data-testid="map-marker"]').filter({ visible: true }).first().waitFor()
    await mapOf('hotspots').scrollIntoViewIfNeeded()
    await shot('lead-hotspots', elder)
    await page.locator('[data-testid="map-marker"]').filter({ visible: true }).first().click()
    await see(/该处 \d+ 件|件/)
    await shot('lead-hotspots-tapped', elder)
  }, LIMIT_MS)
}

test('no page errors', () => {
  expect(errors).toEqual([])
})
