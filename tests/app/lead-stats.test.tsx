import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import StatsPage from '@/lead/stats/index'
import PatternsPage from '@/lead/patterns/index'
import RankPage from '@/lead/rank/index'
import DrillPage from '@/lead/drill/index'
import { chartOptions, countAxis } from '@/components/Chart'
import { DEFAULT_KPI_TARGETS } from '@domain/stats/stats-targets'
import { answer, installFakeFetch, type FakeCall } from './fake-fetch'

const PERIOD = { kind: 'month', from: '2026-11-01', to: '2026-11-17', label: '2026年11月', days: 17 }
const ok = (data: unknown) => answer({ code: 0, data })

function api(handlers: Record<string, (payload: any) => unknown>) {
  return installFakeFetch({
    'POST /api/fn/api': (call: FakeCall) => {
      const { action, payload } = call.body as { action: string; payload: unknown }
      const h = handlers[action]
      return h ? (h(payload) as any) : answer({ code: 'UNKNOWN_ACTION', message: `不支持的操作：${action}` })
    },
  })
}

describe('lead analysis pages', () => {
  let nav: jest.SpyInstance
  beforeEach(() => {
    nav = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve() as never)
  })
  afterEach(() => nav.mockRestore())

  test('运行指标: loading, then the figures; a number opens the cases behind it', async () => {
    const calls = api({
      'stats.indicators': () => ok({
        period: PERIOD, asOfDay: '2026-11-17', reported: 6, reporters: 8, indicators: { onTimeHandleRate: 0.5, overdueOpenRate: 1 / 3, closeRate: 2 / 3, satisfactionRate: null },
        previous: { period: { ...PERIOD, from: '2026-10-01', to: '2026-10-31' }, days: 31, reported: 4, indicators: { onTimeHandleRate: 0.6, overdueOpenRate: 0, closeRate: 0.5 } },
        today: { day: '2026-11-18', at: Date.parse('2026-11-18T10:05:00+08:00'), truncated: false, reported: 9, counters: { dueToHandle: 2, overdueOpen: 1, closed: 1 }, indicators: {} },
        targets: DEFAULT_KPI_TARGETS,
      }),
      'stats.trend': () => ok({ series: [{ day: '2026-11-01', reported: 2, closed: 1 }], today: { day: '2026-11-18', reported: 9, closed: 1, at: Date.parse('2026-11-18T10:05:00+08:00') } }),
      'stats.breakdown': () => ok({ today: { at: Date.parse('2026-11-18T10:05:00+08:00') }, rows: [{ key: 'street-wufeng', name: '五凤街道', reported: 3, todayReported: 4, indicators: { onTimeHandleRate: 0.25, satisfactionRate: 1 } }] }),
      'stats.hotspots': () =>
        ok({
          cells: [
            { cell: '50:1:2', categoryCode: 'fumes', categoryName: '餐饮油烟', streetName: '五凤街道', count: 7, centre: [119.287, 26.106], repeat: true, overdue: 4 },
            { cell: '50:9:9', categoryCode: 'build', categoryName: '违章搭建', streetName: '鼓东街道', count: 2, centre: [119.31, 26.08], repeat: false, overdue: 0 },
          ],
        }),
    })
    render(<StatsPage />)
    expect(screen.getAllByText('正在加载…').length).toBeGreaterThan(0)
    expect(await screen.findByText('已结算至 2026-11-17')).toBeTruthy()
    expect(screen.getByText('2026年11月')).toBeTruthy()
    // today so far, marked with the time
    expect(screen.getByText('今日实时')).toBeTruthy()
    expect(screen.getByText('截至 10:05')).toBeTruthy()
    expect(screen.getByLabelText('今日来件 9')).toBeTruthy()
    // tiles: coloured by the target, with the change against the previous period
    expect(screen.getByText('50.0%')).toBeTruthy() // 按期处置率
    expect(screen.getByText('33.3%')).toBeTruthy() // 超期待处置率
    expect(screen.getByText('50.0%').parentElement!.className).toContain('an-kpi--bad') // < 80 %
    expect(screen.getByText('33.3%').parentElement!.className).toContain('an-kpi--bad') // > 10 %
    expect(screen.getByText('66.7%').parentElement!.className).toContain('an-kpi--bad') // 结案率 < 70 %
    expect(screen.getByText('较上期 -10.0')).toBeTruthy()
    expect(screen.getByText('较上期 +2')).toBeTruthy() // 来件量 6 vs 4
    expect(screen.getAllByText('目标≥95%').length).toBeGreaterThan(0)
    // bars: a label and a value on every bar, today beside the period
    expect(screen.getByLabelText('五凤街道 3，今日截至 10:05 4')).toBeTruthy()
    expect(screen.getAllByText('—').length).toBeGreaterThan(0) // 满意率 with nothing rated
    expect((await screen.findAllByText('五凤街道')).length).toBeGreaterThanOrEqual(1)
    // the hot spot on the district map: a bubble with its count; a cluster of one place opens its cases
    const bubble = await waitFor(() => {
      const el = document.querySelector('[data-testid="map-marker"]')
      if (!el) throw new Error('no hot spot on the map')
      return el
    })
    expect(bubble.textContent).toBe('7')
    // a joined case counts once; the people behind the cases beside it
    expect(screen.getByText(/^诉求 6 件 · 报告人次 8/)).toBeTruthy()
    expect(screen.getAllByText('餐饮油烟').length).toBeGreaterThanOrEqual(1) // legend
    // 按类别: every category its own colour; 按超期: the share of overdue cases (4 of 7: at least half; 0 of 2: none)
    const fills = () => Array.from(document.querySelectorAll('[data-testid="map-marker"] circle')).map((c) => c.getAttribute('fill'))
    expect(new Set(fills()).size).toBe(2)
    fireEvent.click(screen.getByText('按超期'))
    await waitFor(() => expect(fills()).toEqual(['#d55e00', '#0072b2']))
    expect(screen.getByText('过半超期')).toBeTruthy()
    expect(screen.getByText('无超期')).toBeTruthy()

    fireEvent.click(screen.getByText('超期待处置率'))
    expect(nav).toHaveBeenLastCalledWith({ url: '/lead/drill/index?metric=overdueOpen&period=custom&from=2026-11-01&to=2026-11-17' })
    fireEvent.click(screen.getByText('25.0%'))
    expect(nav).toHaveBeenLastCalledWith({ url: '/lead/drill/index?metric=handledOnTime&period=custom&from=2026-11-01&to=2026-11-17&streetId=street-wufeng' })
    fireEvent.click(bubble)
    expect(nav.mock.calls.at(-1)[0].url).toContain('cell=50%3A1%3A2&categoryCode=fumes')
    const actions = calls.map((c) => (c.body as { action: string }).action).sort()
    expect(actions).toEqual(['geo.districtMap', 'stats.breakdown', 'stats.hotspots', 'stats.indicators', 'stats.trend'])

    // another period asks again
    fireEvent.click(screen.getByLabelText('五凤街道 3，今日截至 10:05 4'))
    expect(nav).toHaveBeenLastCalledWith({ url: '/lead/drill/index?metric=reported&period=custom&from=2026-11-01&to=2026-11-17&streetId=street-wufeng' })
    fireEvent.click(screen.getByLabelText('今日超期待处置 1'))
    expect(nav).toHaveBeenLastCalledWith({ url: '/lead/drill/index?metric=overdueOpen&period=custom&from=2026-11-18&to=2026-11-18' })

    fireEvent.click(screen.getByText('半年'))
    await screen.findByText('已结算至 2026-11-17')
    expect(calls.filter((c) => (c.body as { action: string }).action === 'stats.indicators').map((c) => (c.body as any).payload.period)).toEqual(['month', 'halfYear'])
  })

  test('运行指标: an error shows 加载失败 and 重试 asks again', async () => {
    let n = 0
    api({
      'stats.indicators': () => (++n === 1 ? answer({ code: 'INTERNAL', message: '系统繁忙，请稍后重试' }) : ok({ period: PERIOD, asOfDay: null, reported: 0, indicators: {} })),
      'stats.trend': () => ok({ series: [] }),
      'stats.breakdown': () => ok({ rows: [] }),
      'stats.hotspots': () => ok({ cells: [] }),
    })
    render(<StatsPage />)
    expect(await screen.findByText('系统繁忙，请稍后重试')).toBeTruthy()
    expect(screen.getAllByText('本期暂无数据').length).toBe(2)
    expect(screen.getByText('本期暂无带位置的来件')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('已结算至 —')).toBeTruthy()
  })

  test('共性问题: a proposal is edited and adopted', async () => {
    const calls = api({
      'stats.patterns': () => ok({
        period: { kind: 'halfYear', from: '2026-07-01', to: '2026-11-17', label: '2026年下半年' },
        patterns: [{
          id: 'pat:fumes:50:1:2', categoryCode: 'fumes', categoryName: '餐饮油烟', cell: '50:1:2', streetName: '五凤街道', reports: 7, days: 7, weeks: 6, firstDay: '2026-10-09', lastDay: '2026-11-14',
          depts: [{ deptId: 'dept-sthjj', name: '区生态环境局', reports: 7 }, { deptId: 'dept-cgj-zfdd', name: '区城管局执法大队', reports: 6 }], needsRule: true,
          proposal: { patternId: 'pat:fumes:50:1:2', title: '五凤街道餐饮油烟长效机制', categoryCode: 'fumes', area: { streetId: 'street-wufeng' }, assignments: [
            { deptId: 'dept-sthjj', deptName: '区生态环境局', phase: 'during', duty: '日常监管' },
            { deptId: 'dept-cgj-zfdd', deptName: '区城管局执法大队', phase: 'after', duty: '执法处置' },
          ] },
        }],
      }),
      'stats.adoptRule': () => ok({ _id: 'rule-pat-x', active: true, replaced: ['rule-old'] }),
      'admin.rules.overlaps': () => ok({ overlaps: [{ _id: 'rule-old', title: '五凤街道餐饮油烟（旧）', areaName: '五凤街道', assignments: [{ phase: 'during', deptName: '区生态环境局', duty: '环保监督' }] }] }),
      'meta.bootstrap': () => ok({ categories: [{ code: 'fumes', name: '餐饮油烟' }], streets: [{ _id: 'street-wufeng', name: '五凤街道' }], communities: [], departments: [{ _id: 'dept-sthjj', name: '生态环境局', fullName: '区生态环境局' }, { _id: 'dept-cgj-zfdd', name: '执法大队', fullName: '区城管局执法大队' }], cityUnits: [], templates: {} }),
    })
    const { container } = render(<PatternsPage />)
    expect(await screen.findByText('1. 五凤街道餐饮油烟')).toBeTruthy()
    expect(screen.getByText(/7天出现，跨6周/)).toBeTruthy()
    // one tap opens an editable draft, never adopts
    await act(async () => {
      fireEvent.click(screen.getByText('采纳为长效机制…'))
    })
    expect(calls.some((c) => (c.body as { action: string }).action === 'stats.adoptRule')).toBe(false)
    expect(screen.getByText('长效机制草案（可修改后采纳）')).toBeTruthy()
    // Taro's Input fires CustomEvents whose detail carries the value: [0] the title, [1] the 事中 duty, [2] 事后
    const inputs = container.querySelectorAll('taro-input-core')
    expect(inputs).toHaveLength(3)
    act(() => void inputs[1].dispatchEvent(new CustomEvent('input', { detail: { value: '环保监督' }, bubbles: true })))
    // the check shows the rule in force it overlaps and asks: replace, narrow, cancel
    await act(async () => {
      fireEvent.click(screen.getByText('检查并采纳'))
    })
    expect(await screen.findByText('与以下生效中的规则重叠，请选择：')).toBeTruthy()
    expect(screen.getByText('「五凤街道餐饮油烟（旧）」· 五凤街道')).toBeTruthy()
    expect(screen.getByText('缩小适用区域')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('替换原规则（原规则终止）'))
    })
    expect(await screen.findByText(/已建立长效机制/)).toBeTruthy()
    const adopt = calls.find((c) => (c.body as { action: string }).action === 'stats.adoptRule')!.body as any
    expect(adopt.payload.patternId).toBe('pat:fumes:50:1:2')
    expect(adopt.payload.onOverlap).toBe('replace')
    expect(adopt.payload.rule.from).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(adopt.payload.rule.assignments).toEqual([
      { deptId: 'dept-sthjj', phase: 'during', duty: '环保监督' },
      { deptId: 'dept-cgj-zfdd', phase: 'after', duty: '执法处置' },
    ])
  })

  test('考核排名: ranking rows with score; empty month says so', async () => {
    api({
      'stats.scores': (p) => ok(p.kind === 'dept'
        ? { formula: { text: '得分 = 100 + Σ' }, rows: [{ rank: 1, subjectKey: 'unit:a', name: '区城管局执法大队', score: 103, points: 3, records: 1, calls: 1, accuracyRate: null, items: [{ code: 'rating.good', label: '好评', n: 1, points: 2 }] }] }
        : { formula: { text: '' }, rows: [] }),
    })
    render(<RankPage />)
    expect(await screen.findByText('区城管局执法大队')).toBeTruthy()
    expect(screen.getAllByText('103').length).toBe(2) // on the bar and in the row
    expect(screen.getByLabelText('1. 区城管局执法大队 103')).toBeTruthy()
    fireEvent.click(screen.getByText('区城管局执法大队'))
    expect(screen.getByText(/好评 ×1：\+2/)).toBeTruthy()
    fireEvent.click(screen.getByText('个人'))
    expect(await screen.findByText('本期暂无考核记录')).toBeTruthy()
  })

  test('明细: reads the query and lists the cases', async () => {
    const inst = jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { metric: 'overdueOpen', period: 'custom', from: '2026-11-01', to: '2026-11-17', streetId: 'street-wufeng' } } } as never)
    const calls = api({
      'stats.drill': () => ok({ total: 1, truncated: false, scopeName: '五凤街道', period: { from: '2026-11-01', to: '2026-11-17' }, nextCursor: null, items: [{ id: 'n1', categoryName: '路灯不亮', description: '巷子里路灯不亮', stateLabel: '处置中', streetName: '五凤街道', createdAt: Date.parse('2026-11-02T09:00:00+08:00'), overdue: true }] }),
    })
    render(<DrillPage />)
    expect(await screen.findByText('路灯不亮 · 巷子里路灯不亮')).toBeTruthy()
    expect(screen.getByText('超期待处置')).toBeTruthy()
    expect(screen.getByText('已逾期')).toBeTruthy()
    expect((calls[0].body as any).payload).toEqual({ period: 'custom', from: '2026-11-01', to: '2026-11-17', metric: 'overdueOpen', scope: { streetId: 'street-wufeng' } })
    fireEvent.click(screen.getByText('路灯不亮 · 巷子里路灯不亮'))
    expect(nav).toHaveBeenLastCalledWith({ url: '/pages/case/index?id=n1' })
    inst.mockRestore()
  })

  test('chart options: brand colour first, percent axis, canvas 2d at device pixels', () => {
    const o = chartOptions({ id: 'x', type: 'column', categories: ['a'], series: [{ name: 's', data: [1] }], percent: true }, 300, 200, 2, {})
    expect(o).toMatchObject({ type: 'column', canvas2d: true, width: 600, height: 400, animation: false, dataLabel: true })
    expect((o.color as string[])[0]).toBe('#1677ff')
    expect(((o.yAxis as any).data[0].format as (v: number) => string)(0.5)).toBe('50%')
  })

  test('count axes start at 0 with whole-number ticks', () => {
    expect(countAxis([3.4, 7.2, 17])).toEqual({ max: 20, splitNumber: 4 })
    expect(countAxis([1, 2, 3])).toEqual({ max: 3, splitNumber: 3 })
    expect(countAxis([0, 0])).toEqual({ max: 4, splitNumber: 4 })
    expect(countAxis([130])).toEqual({ max: 150, splitNumber: 3 })
    const o = chartOptions({ id: 'x', type: 'line', categories: Array.from({ length: 30 }, (_x, i) => `12-${i + 1}`), series: [{ name: '来件', data: [1, 5, 9] }] }, 350, 220, 2, {})
    const y = (o.yAxis as any).data[0]
    expect(y.min).toBe(0)
    expect(y.format(2.0000001)).toBe('2')
    expect((o.xAxis as any).labelCount).toBeLessThanOrEqual(6)
    expect((o.legend as any).show).toBe(true)
  })
})
