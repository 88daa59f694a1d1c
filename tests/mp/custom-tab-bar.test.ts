/**
 * The custom tab bar (#12) on the WeChat build: app.json asks for it (`tabBar.custom`), the production build ships it
 * as a component, and mounted in miniprogram-simulate (official wcc, Taro's runtime) it draws the three tabs with the
 * current page's tab selected; its styles make text and icons grow in 大字 / 特大字.
 */
import fs from 'node:fs'
import path from 'node:path'
import { NATIVE_DIR, WEAPP_DIR, requireBuild } from './builds'
import { fakePageStack, mount, nodes, simulate } from './simulate'

beforeAll(() => {
  requireBuild(WEAPP_DIR, 'app.json', 'npm run build:weapp')
  requireBuild(NATIVE_DIR, 'custom-tab-bar/index.json', 'npm run build:native')
})

test('app.json asks for the custom tab bar, which the build ships as a component', () => {
  const app = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as { tabBar: { custom?: boolean; list: unknown[] } }
  expect(app.tabBar.custom).toBe(true)
  expect(app.tabBar.list).toHaveLength(3)
  const json = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'custom-tab-bar', 'index.json'), 'utf8')) as { component?: boolean }
  expect(json.component).toBe(true)
  for (const ext of ['js', 'wxml', 'wxss']) expect(fs.existsSync(path.join(WEAPP_DIR, 'custom-tab-bar', `index.${ext}`))).toBe(true)
})

test('its styles: text and icons larger in 大字 and larger still in 特大字', () => {
  const css = fs.readFileSync(path.join(WEAPP_DIR, 'custom-tab-bar', 'index.wxss'), 'utf8')
  const size = (selector: string, prop: string) => {
    const m = new RegExp(`${selector.replace(/[.-]/g, (c) => `\\${c}`)}\\s*\\{[^}]*${prop}:\\s*([\\d.]+)rpx`).exec(css)
    if (!m) throw new Error(`no ${prop} for ${selector}`)
    return Number(m[1])
  }
  const text = [size('.yx-tabbar__text', 'font-size'), size('.yx-tabbar--125 .yx-tabbar__text', 'font-size'), size('.yx-tabbar--150 .yx-tabbar__text', 'font-size')]
  const icon = [size('.yx-tabbar__icon', 'width'), size('.yx-tabbar--125 .yx-tabbar__icon', 'width'), size('.yx-tabbar--150 .yx-tabbar__icon', 'width')]
  expect(text[1]).toBeGreaterThan(text[0])
  expect(text[2]).toBeGreaterThanOrEqual(text[0] * 1.5)
  expect(icon[1]).toBeGreaterThan(icon[0])
  expect(icon[2]).toBeGreaterThanOrEqual(icon[0] * 1.5)
})

test('mounted on 我的诉求: three tabs, the current one selected', async () => {
  fakePageStack('pages/cases/index')
  const bar = mount('custom-tab-bar', {})
  for (let i = 0; i < 50 && !/我的诉求/.test(bar.dom.textContent ?? ''); i++) await simulate.sleep(10)
  expect((bar.dom.textContent ?? '').replace(/\s+/g, '')).toBe('随手拍我的诉求我的')
  const items = nodes(bar.instance.data.root).filter((n) => typeof n.cl === 'string' && n.cl.includes('yx-tabbar__item'))
  expect(items.map((n) => (n.cl as string).includes('yx-tabbar__item--on'))).toEqual([false, true, false])
  bar.detach()
})
