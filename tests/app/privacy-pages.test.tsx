/**
 * The pages that use location or photos mount <PrivacyPrompt /> once (report, handler case, handler call,
 * dept call): on H5 it renders nothing and the page works as before; in the mini-program a WeChat request
 * shows the agreement sheet on that page.
 */
import type { ComponentType } from 'react'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { __askForTest } from '@/components/PrivacyPrompt'
import { fail, installApi } from './case-fixtures'

const mockRoute: { params: Record<string, string> } = { params: { id: 'X1' } }
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  const extra: Record<string, unknown> = {
    useRouter: () => mockRoute,
    usePullDownRefresh: () => undefined,
    useDidShow: () => undefined,
    stopPullDownRefresh: jest.fn(),
    showToast: jest.fn(),
  }
  return new Proxy(actual, { get: (target, key: string) => (key in extra ? extra[key] : target[key]) })
})

/* eslint-disable import/first */
import ReportPage from '@/pages/report/index'
import HandlerCasePage from '@/handler/case/index'
import HandlerCallPage from '@/handler/call/index'
import DeptCallPage from '@/dept/call/index'

const PAGES: [string, ComponentType, string][] = [
  ['pages/report', ReportPage, '提交'],
  ['handler/case', HandlerCasePage, '无此事项'],
  ['handler/call', HandlerCallPage, '无此事项'],
  ['dept/call', DeptCallPage, '无此呼叫'],
]

beforeEach(() => {
  localStorage.clear()
  installApi({
    'case.get': () => fail('NOT_FOUND', '无此事项'),
    'call.get': () => fail('NOT_FOUND', '无此呼叫'),
  })
})

describe.each(PAGES)('%s', (_name, Page, shows) => {
  test('H5: the page renders as before and the prompt renders nothing', async () => {
    const { container } = render(<Page />)
    expect(await screen.findByText(shows)).toBeTruthy()
    expect(container.querySelector('.privacy')).toBeNull()
    expect(screen.queryByText('用户隐私保护提示')).toBeNull()
  })

  test('mini-program: the page carries the prompt, which shows when WeChat asks', async () => {
    const prev = process.env.TARO_ENV
    process.env.TARO_ENV = 'weapp'
    try {
      const { container } = render(<Page />)
      expect(await screen.findByText(shows)).toBeTruthy()
      expect(container.querySelector('.privacy')).toBeNull()
      const resolve = jest.fn()
      act(() => __askForTest(resolve, '拍摄或选择问题现场照片'))
      expect(container.querySelectorAll('.privacy')).toHaveLength(1)
      expect(screen.getByText('用户隐私保护提示')).toBeTruthy()
      fireEvent.click(screen.getByText('拒绝'))
      expect(resolve).toHaveBeenCalledWith({ event: 'disagree' })
      expect(container.querySelector('.privacy')).toBeNull()
    } finally {
      process.env.TARO_ENV = prev
    }
  })
})
