/**
 * The WeChat build's custom tab bar (#12): the three citizen tabs, the current one marked, a tap switches tab; in
 * 大字 / 特大字 its text and icons grow (the native tab bar cannot). app.config.ts builds tabBar.list from the same tabs.
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import CustomTabBar from '@/custom-tab-bar/index'
import { TABS, tabIndexOf } from '@/custom-tab-bar/tabs'
import { resetElderMode, setElderScale } from '@/components/ElderMode'
import { resetTaroCalls } from './lead-helpers'

const mockSwitchTab = jest.fn((_o: { url: string }) => Promise.resolve())
const mockRoute = { current: 'pages/cases/index' }
jest.mock('@tarojs/taro', () => {
  const base = require('./lead-helpers').taroMock()
  const extra: Record<string, unknown> = { switchTab: (o: { url: string }) => mockSwitchTab(o), getCurrentPages: () => [{ route: mockRoute.current }] }
  const wrap = (inner: any) => new Proxy({}, { get: (_t, k) => (typeof k === 'string' && k in extra ? extra[k] : inner[k]) })
  return new Proxy({}, { get: (_t, k) => (k === 'default' ? wrap(base.default) : k === '__esModule' ? true : (wrap(base) as any)[k]) })
})

beforeEach(() => {
  resetTaroCalls()
  resetElderMode()
  mockSwitchTab.mockClear()
})

const icon = (label: string) => screen.getByLabelText(label).querySelector('img, taro-image-core, [src]')

test('the current page is the selected tab; a tap on another switches to it', () => {
  mockRoute.current = 'pages/cases/index'
  render(<CustomTabBar />)
  expect(screen.getByLabelText('我的诉求（当前）')).toBeTruthy()
  expect(screen.getByText('我的诉求').getAttribute('style')).toMatch(/color: (#1677ff|rgb\(22, 119, 255\))/)
  fireEvent.click(screen.getByLabelText('我的诉求（当前）'))
  expect(mockSwitchTab).not.toHaveBeenCalled()
  fireEvent.click(screen.getByLabelText('我的'))
  expect(mockSwitchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
  expect(String(icon('我的（当前）')?.getAttribute('src'))).toContain('assets/tabbar/me-active.png')
  expect(tabIndexOf('/pages/report/index?x=1')).toBe(0)
  expect(tabIndexOf('lead/board/index')).toBe(-1)
  expect(TABS.map((t) => t.text)).toEqual(['随手拍', '我的诉求', '我的'])
})

test('特大字: the bar carries the size class that grows its text and icons; back to 标准 without it', async () => {
  mockRoute.current = 'pages/me/index'
  const { container } = render(<CustomTabBar />)
  const bar = () => container.querySelector('.yx-tabbar')!
  expect(bar().className).not.toMatch(/yx-tabbar--/)
  await act(async () => setElderScale(1.5))
  expect(bar().className).toMatch(/yx-tabbar--150/)
  await act(async () => setElderScale(1.25))
  expect(bar().className).toMatch(/yx-tabbar--125/)
  await act(async () => setElderScale(1))
  expect(bar().className).not.toMatch(/yx-tabbar--/)
})
