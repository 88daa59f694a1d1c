import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import CasesPage from '@/pages/cases/index'
import { deferred, fail, installApi, ok } from './case-fixtures'
import type { CaseSummary } from '@domain/contract'
import { expectNoInternalIds } from './no-internal-ids'

const mockHooks: { pull?: () => void; show?: () => void; bottom?: () => void } = {}
jest.mock('@tarojs/taro', () => {
  // A lazy view over the real module (spreading it would read its getters during a circular import).
  const actual = jest.requireActual('@tarojs/taro')
  const extra: Record<string, unknown> = {
    usePullDownRefresh: (cb: () => void) => (mockHooks.pull = cb),
    useDidShow: (cb: () => void) => (mockHooks.show = cb),
    useReachBottom: (cb: () => void) => (mockHooks.bottom = cb),
    stopPullDownRefresh: jest.fn(),
    showToast: jest.fn(),
  }
  return new Proxy(actual, { get: (target, key: string) => (key in extra ? extra[key] : target[key]) })
})

const T0 = Date.UTC(2026, 10, 27, 1, 0)

function summary(i: number, over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: `C${i}`,
    categoryCode: 'streetlight',
    categoryName: '路灯不亮',
    description: `第${i}件：路灯不亮`,
    stateLabel: '处置中',
    stateKind: 'open',
    state: 'handling',
    createdAt: T0 - i * 60_000,
    updatedAt: T0,
    streetName: '五凤街道',
    deadline: Date.now() + 5 * 3_600_000,
    hard: false,
    overdue: false,
    latest: { what: `分派处置人：张晓明`, at: T0 },
    ...over,
  }
}

describe('我的诉求', () => {
  test('loading, then the list with status, countdown and latest step; tap opens the case', async () => {
    const gate = deferred<void>()
    installApi({
      'case.mine': async () => {
        await gate.promise
        return ok({ items: [summary(1), summary(2, { state: 'closed', stateKind: 'closed', stateLabel: '已办结' })], nextCursor: null })
      },
    })
    const nav = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }) as never)
    render(<CasesPage />)
    expect(screen.getByText('正在加载…')).toBeTruthy()
    await act(async () => gate.resolve())
    expect(await screen.findByText('第1件：路灯不亮')).toBeTruthy()
    expect(screen.getByText('处置中')).toBeTruthy()
    expect(screen.getByText('已办结')).toBeTruthy()
    expect(screen.getAllByText(/^剩余 /)).toHaveLength(1) // only the open case has a clock
    expect(screen.getAllByText(/分派处置人：张晓明/)).toHaveLength(2)
    expect(screen.getByText('共 2 件，办理中 1 件')).toBeTruthy()
    expect(screen.getByText('没有更多了')).toBeTruthy()
    expect(screen.queryByText('待评价')).toBeNull()
    fireEvent.click(screen.getByText('第1件：路灯不亮'))
    expect(nav).toHaveBeenCalledWith({ url: '/pages/case/index?id=C1' })
    nav.mockRestore()
  })

  test('待评价 where a rating is wanted: on the card and in the summary; no internal ids', async () => {
    installApi({
      'case.mine': () =>
        ok({
          items: [
            summary(1, { state: 'closed', stateKind: 'closed', stateLabel: '已办结', awaitsRating: true, latest: { what: '疑难件研判：责任部门 dept-cgj-zfdd', at: T0 } }),
            summary(2, { state: 'closed', stateKind: 'closed', stateLabel: '已办结', awaitsRating: false }),
          ],
          nextCursor: null,
        }),
    })
    render(<CasesPage />)
    expect(await screen.findByText('待评价')).toBeTruthy()
    expect(screen.getByLabelText('路灯不亮，已办结，待评价')).toBeTruthy()
    expect(screen.getByText('共 2 件，办理中 0 件，待评价 1 件')).toBeTruthy()
    expectNoInternalIds()
  })

  test('empty: a call to action that opens 随手拍', async () => {
    installApi({ 'case.mine': () => ok({ items: [], nextCursor: null }) })
    const tab = jest.spyOn(Taro, 'switchTab').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }) as never)
    render(<CasesPage />)
    expect(await screen.findByText('还没有反映过问题')).toBeTruthy()
    fireEvent.click(screen.getByText('去随手拍'))
    expect(tab).toHaveBeenCalledWith({ url: '/pages/report/index' })
    tab.mockRestore()
  })

  test('error: the message and 重试', async () => {
    let n = 0
    installApi({ 'case.mine': () => (++n === 1 ? { networkError: true } : ok({ items: [summary(1)], nextCursor: null })) })
    render(<CasesPage />)
    expect(await screen.findByText('网络异常，请稍后重试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('第1件：路灯不亮')).toBeTruthy()
  })

  test('paging with the cursor (reaching the bottom and 加载更多), and pull to refresh starts over', async () => {
    const api = installApi({
      'case.mine': ({ cursor }) => {
        if (!cursor) return ok({ items: [summary(1), summary(2)], nextCursor: 'p2' })
        if (cursor === 'p2') return ok({ items: [summary(3)], nextCursor: 'p3' })
        return ok({ items: [summary(4)], nextCursor: null })
      },
    })
    render(<CasesPage />)
    expect(await screen.findByText('第2件：路灯不亮')).toBeTruthy()
    expect(screen.getByText('共 2+ 件，办理中 2 件')).toBeTruthy()

    await act(async () => mockHooks.bottom?.())
    expect(await screen.findByText('第3件：路灯不亮')).toBeTruthy()
    fireEvent.click(screen.getByText('加载更多'))
    expect(await screen.findByText('第4件：路灯不亮')).toBeTruthy()
    expect(screen.getByText('没有更多了')).toBeTruthy()
    expect(api.of('case.mine')).toEqual([{}, { cursor: 'p2' }, { cursor: 'p3' }])

    await act(async () => mockHooks.pull?.())
    expect(api.of('case.mine')[3]).toEqual({})
    expect(screen.queryByText('第3件：路灯不亮')).toBeNull()
    expect(jest.requireMock('@tarojs/taro').stopPullDownRefresh).toHaveBeenCalled()
  })

  test('a failed next page keeps the list and offers a retry', async () => {
    let n = 0
    installApi({
      'case.mine': ({ cursor }) => {
        if (!cursor) return ok({ items: [summary(1)], nextCursor: 'p1' })
        return ++n === 1 ? fail('SERVER', '服务暂时不可用，请稍后重试') : ok({ items: [summary(2)], nextCursor: null })
      },
    })
    render(<CasesPage />)
    await screen.findByText('第1件：路灯不亮')
    fireEvent.click(screen.getByText('加载更多'))
    expect(await screen.findByText('服务暂时不可用，请稍后重试，点击重试')).toBeTruthy()
    expect(screen.getByText('第1件：路灯不亮')).toBeTruthy()
    fireEvent.click(screen.getByText('服务暂时不可用，请稍后重试，点击重试'))
    expect(await screen.findByText('第2件：路灯不亮')).toBeTruthy()
  })
})
