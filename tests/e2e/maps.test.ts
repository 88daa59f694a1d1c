/**
 * The five maps (#11) in the H5 build's offline vector map, at 390 × 844, normal and 特大字: the citizen's pin with
 * street and community in words, a point outside the district refused, 不便提供位置, the open cases nearby and
 * 我也遇到了 (no second case; the case counts 2 reporters; it is in the joiner's 我的诉求); the handler's meeting
 * place (tapped, then the pin dragged); the officer's site with the check-in radius; the leader's hot spots (by
 * category and by overdue, names never overlapping, the map dragged to pan, tap a cluster → its cases).
 * Screenshots: artifacts/e2e/maps-*.png.
 */
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../local'
import { generateDemo } from '../../scripts/demo'
import { seedDocuments } from '../../scripts/seed-data'
import { type Browser, type E2E, screenshotPath, startE2E, stopE2E } from './browser'
import { becomeIdentity, openRoute, ui } from './ui'

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

const open = (route: string): Promise<void> => openRoute(page, cloud.url, route)

const becomes = (openid: string | null, name: string): Promise<void> => becomeIdentity(page, cloud.url, openid, name)

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

/** Drags with the mouse from one client point to another in steps (pointer events, as a finger would). */
async function drag(from: [number, number], to: [number, number]): Promise<void> {
  await page.mouse.move(from[0], from[1])
  await page.mouse.down()
  for (let i = 1; i <= 8; i++) await page.mouse.move(from[0] + ((to[0] - from[0]) * i) / 8, from[1] + ((to[1] - from[1]) * i) / 8)
  await page.mouse.up()
}

const centreOf = async (selector: string): Promise<[number, number]> => {
  const box = await page.locator(selector).filter({ visible: true }).first().boundingBox()
  if (!box) throw new Error(`${selector} not on screen`)
  return [box.x + box.width / 2, box.y + box.height / 2]
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
    // back to the case's location, then the pin dragged away from it: a new place, named in words
    await ui(page).tap('恢复为诉求位置')
    await page.locator('[aria-label="恢复为诉求位置"]').filter({ visible: true }).waitFor({ state: 'detached' })
    const head = await centreOf('svg[data-map="call-place"] [data-testid="map-pin"]')
    await drag(head, [head[0] + 40, head[1] + 30])
    await see('恢复为诉求位置')
    await see(/地图选点：五凤街道 · /)
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
    await ui(page).settle() // the charts above have their height
    await mapOf('hotspots').scrollIntoViewIfNeeded()
    await shot('lead-hotspots', elder)
    // street names never overlap one another (the dense centre: 鼓西, 东街, 南街, 安泰)
    const boxes = await page
      .locator('svg[data-map="hotspots"] [data-testid="map-label"]')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x0: r.left, y0: r.top, x1: r.right, y1: r.bottom })))
    expect(boxes.length).toBeGreaterThanOrEqual(5)
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]]
        expect(a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5).toBe(false)
      }
    // 按超期: the same clusters, coloured by their share of overdue cases
    const fills = () => page.locator('svg[data-map="hotspots"] [data-testid="map-marker"] circle').evaluateAll((els) => els.map((e) => e.getAttribute('fill')))
    const byCategory = await fills()
    const modeTab = (name: string) => page.locator('.an-tabs__item', { hasText: name }).filter({ visible: true }).first().click()
    await modeTab('按超期')
    await see('无超期')
    await see('过半超期')
    const byOverdue = await fills()
    expect(byOverdue).toHaveLength(byCategory.length)
    expect(new Set(byOverdue).size).toBeLessThanOrEqual(3)
    expect(byOverdue.every((f) => ['#0072b2', '#e69f00', '#d55e00'].includes(String(f)))).toBe(true)
    await shot('lead-hotspots-overdue', elder)
    await modeTab('按类别')
    // drag to pan: every bubble moves with the pointer; the click that ends the drag opens nothing
    const map = await mapOf('hotspots').boundingBox()
    const before = await centreOf('svg[data-map="hotspots"] [data-testid="map-marker"] circle')
    const url = page.url()
    await drag([map!.x + map!.width * 0.08, map!.y + map!.height * 0.9], [map!.x + map!.width * 0.08 + 50, map!.y + map!.height * 0.9 - 40])
    const after = await centreOf('svg[data-map="hotspots"] [data-testid="map-marker"] circle')
    expect(Math.abs(after[0] - before[0] - 50)).toBeLessThan(3)
    expect(Math.abs(after[1] - before[1] + 40)).toBeLessThan(3)
    expect(page.url()).toBe(url)
    await shot('lead-hotspots-panned', elder)
    await ui(page).tap('查看全区')
    await page.locator('[data-testid="map-marker"]').filter({ visible: true }).first().click()
    await see(/该处 \d+ 件|件/)
    await shot('lead-hotspots-tapped', elder)
  }, LIMIT_MS)
}

test('no page errors', () => {
  expect(errors).toEqual([])
})
