/**
 * Department mode (subpackage dept) in jsdom: the call list, the call page's respond → check-in (distance and
 * window preview BEFORE sending) → record action → rate call flow, and the 会商 result.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { businessTime, MINUTE_MS, HOUR_MS } from '@domain/common/business-time'
import { EARTH_RADIUS_M, point } from '@domain/common/geo-distance'
import type { CallView, CaseView, CallDetail, DeptCallItem, Bootstrap, CaseSummary } from '@domain/contract'

jest.mock('@tarojs/taro', () => require('./staff-fakes').taroModule())
jest.mock('@/services/cloud', () => require('./staff-fakes').cloudModule())

// eslint-disable-next-line import/first
import { taro, routes, sent } from './staff-fakes'
import { ApiError } from '@/services/api-error'
import { expectNoInternalIds } from './no-internal-ids'
import CallsScreen from '@/dept/calls/calls-screen'
import CallScreen from '@/dept/call/call-screen'
import { resetBootstrap } from '@/services/meta'
import { previewCheckIn, ruleFrom } from '@/dept/lib/checkin'
import { parseLngLat } from '@/dept/lib/location'
import { deptTabOf } from '@/dept/lib/calls'

const NOW = businessTime(2026, 11, 27, 9, 0)
const MEET = NOW + 10 * MINUTE_MS
const CENTRE: [number, number] = [119.2965, 26.0745]
const PLACE = { point: point(...CENTRE), address: '五凤街道左海公园北门' }
const DEG_M = (Math.PI / 180) * EARTH_RADIUS_M
/** A point `m` metres due north of the meeting place. */
const north = (m: number) => point(CENTRE[0], CENTRE[1] + m / DEG_M)

const META: Bootstrap = {
  categories: [],
  streets: [],
  communities: [],
  departments: [
    { _id: 'd-szs', name: '区城管局市政所', fullName: '区城管局市政所' },
    { _id: 'd-power', name: '区发改局', fullName: '区发改局' },
  ],
  cityUnits: [],
  templates: { callCreated: 'tpl-call' },
  checkIn: { radiusM: 300, earlyMin: 30, lateMin: 15, absentAfterMin: 120 },
  sla: { respondMin: 10, assignMin: 60 },
}

function caseSummary(): CaseSummary {
  return {
    id: 'c1',
    categoryCode: 'streetlight',
    categoryName: '路灯不亮',
    description: '左海公园北门道路没有路灯',
    stateLabel: '处置中',
    stateKind: 'open',
    state: 'handling',
    createdAt: NOW - 2 * HOUR_MS,
    updatedAt: NOW - HOUR_MS,
    hard: true,
    overdue: false,
  }
}

function callView(over: Partial<CallView> = {}): CallView {
  return {
    id: 'k1',
    groupId: 'g1',
    caseId: 'c1',
    streetId: 'st-wufeng',
    caller: { staffId: 's1', name: '张晓明' },
    deptId: 'd-szs',
    what: '现场核实路灯线路并抢修',
    place: PLACE,
    meetAt: MEET,
    state: 'acknowledged',
    attempts: [],
    createdAt: NOW - 20 * MINUTE_MS,
    updatedAt: NOW - 15 * MINUTE_MS,
    version: 2,
    stateLabel: '已响应',
    stateKind: 'open',
    deptName: '区城管局市政所',
    available: ['checkIn'],
    ...over,
  }
}

function caseView(): CaseView {
  return {
    id: 'c1',
    channel: 'hotline12345',
    reporter: {},
    categoryCode: 'streetlight',
    description: '左海公园北门道路没有路灯，晚上漆黑',
    photos: [],
    location: PLACE,
    routing: [],
    streetId: 'st-wufeng',
    deptIds: ['d-szs'],
    callGroupIds: ['g1'],
    state: 'handling',
    flags: {},
    clocks: { extensions: [] },
    reworkCount: 0,
    satisfactionHistory: [],
    createdAt: NOW - 2 * HOUR_MS,
    updatedAt: NOW - HOUR_MS,
    version: 6,
    stateLabel: '处置中',
    stateKind: 'open',
    categoryName: '路灯不亮',
    streetName: '五凤街道',
    deptNames: ['区城管局市政所'],
    available: [],
  }
}

const detail = (call: CallView, group: CallView[] = [call]): CallDetail => ({ call, case: caseView(), group })

function setValue(el: Element, value: string) {
  act(() => {
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}
const click = (el: Element) => act(() => void fireEvent.click(el))
function dialog(): HTMLElement {
  const el = document.querySelector('[aria-role="dialog"]')
  if (!el) throw new Error('no dialog open')
  return el as HTMLElement
}
const verdict = () => document.querySelector('[aria-role="status"]')?.textContent ?? ''
const sentOf = (action: string) => sent.filter((s) => s.action === action)

beforeEach(() => {
  for (const k of Object.keys(routes)) delete routes[k]
  sent.length = 0
  Object.values(taro).forEach((f) => f.mockReset())
  taro.showToast.mockResolvedValue(undefined)
  resetBootstrap()
  routes['meta.bootstrap'] = () => META
})

describe('check-in preview (pure)', () => {
  const target = { place: PLACE, meetAt: MEET }
  test.each([
    ['inside the radius, on time', north(120), MEET, '距离约 120 米 · 在规定时间内 · 可以报到', true],
    ['exactly at the radius', north(299.9), MEET + 15 * MINUTE_MS, '距离约 300 米 · 在规定时间内 · 可以报到', true],
    ['outside the radius', north(1200), MEET, '距离约 1.2 公里，超出 300 米范围，请到达现场后报到', false],
    ['too early', north(50), MEET - 45 * MINUTE_MS, '距离约 50 米 · 距约定时间还有 45 分钟，11-27 08:40 起可以报到', false],
    ['late but accepted', north(80), MEET + 20 * MINUTE_MS, '距离约 80 米 · 已晚于约定时间 20 分钟 · 可以报到（记为迟到）', true],
    ['absent after 2 hours', north(10), MEET + 121 * MINUTE_MS, '已超过约定时间 2 小时 1 分钟，按规定记为未到场', false],
  ])('%s', (_name, location, at, text, canSend) => {
    const p = previewCheckIn(target, location, at)
    expect(p.text).toBe(text)
    expect(p.canSend).toBe(canSend)
  })

  test('the rule from meta.bootstrap wins over the default', () => {
    const wide = ruleFrom({ radiusM: 1500 })
    expect(wide).toMatchObject({ radiusM: 1500, earlyMin: 30, lateMin: 15, absentAfterMin: 120 })
    expect(previewCheckIn(target, north(1200), MEET, wide).canSend).toBe(true)
    expect(ruleFrom(undefined).radiusM).toBe(300)
  })

  test('模拟定位 parsing', () => {
    expect(parseLngLat('119.2965, 26.0745')).toEqual(point(119.2965, 26.0745))
    expect(parseLngLat('119.2965，26.0745')).toEqual(point(119.2965, 26.0745))
    expect(parseLngLat('26.07')).toBeNull()
    expect(parseLngLat('200, 26')).toBeNull()
  })
})

describe('dept call list', () => {
  const item = (over: Partial<CallView>): DeptCallItem => ({ ...callView(over), caseSummary: caseSummary() })

  test('待响应 / 待报到 / 已完成 with exact counts, meet time, place and a countdown to the meeting', async () => {
    routes['call.mine'] = (p) =>
      p.tab === 'todo'
        ? {
            items: [
              item({ id: 'k1', state: 'created', stateLabel: '待响应', what: '抢修路灯' }),
              item({ id: 'k2', state: 'acknowledged', stateLabel: '已响应', what: '核查线路', meetAt: NOW + 45 * MINUTE_MS }),
              item({ id: 'k3', state: 'checkedIn', stateLabel: '已报到', what: '现场处置', meetAt: NOW - 30 * MINUTE_MS }),
            ],
            counts: {},
            nextCursor: null,
          }
        : {
            items: [
              item({ id: 'k4', state: 'rated', stateLabel: '已评价', what: '清理积水' }),
              item({ id: 'k5', state: 'actionRecorded', stateLabel: '已处置待评价', what: '疏通管道', available: ['rateByDept'] }),
            ],
            counts: {},
            nextCursor: null,
          }
    render(<CallsScreen now={NOW} />)
    expect(await screen.findByText('抢修路灯')).toBeTruthy()
    expect(sentOf('call.mine').map((s) => s.payload)).toEqual([{ tab: 'todo' }, { tab: 'done' }])
    expect(screen.getByLabelText('待响应 1 件')).toBeTruthy()
    expect(screen.getByLabelText('待报到 2 件')).toBeTruthy()
    expect(screen.getByLabelText('已完成 2 件')).toBeTruthy()
    expect(screen.getByText('约定到场：11-27 09:10 · 呼叫人 张晓明')).toBeTruthy()
    expect(screen.getByText('地点：五凤街道左海公园北门')).toBeTruthy()
    expect(screen.getByText('剩余 10分钟')).toBeTruthy()
    expect(screen.queryByText('核查线路')).toBeNull()

    click(screen.getByLabelText('待报到 2 件'))
    expect(screen.getByText('核查线路')).toBeTruthy()
    expect(screen.getByText('剩余 45分钟')).toBeTruthy()
    // checked in but nothing recorded yet: still to do, flagged
    expect(within(screen.getByLabelText('路灯不亮，已报到')).getByText('待填报处置情况')).toBeTruthy()
    click(screen.getByLabelText('已完成 2 件'))
    expect(screen.getByText('疏通管道')).toBeTruthy()
    expect(screen.getByText('清理积水')).toBeTruthy()
    expect(within(screen.getByLabelText('路灯不亮，已处置待评价')).getByText('待评价呼叫')).toBeTruthy()
    expect(within(screen.getByLabelText('路灯不亮，已评价')).queryByText('待评价呼叫')).toBeNull()
    expect(screen.queryByText(/^剩余/)).toBeNull()

    click(screen.getByText('清理积水'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/dept/call/index?id=k4' })
  })

  test('open calls are followed across pages; older finished calls load on demand', async () => {
    routes['call.mine'] = (p) => {
      if (p.tab === 'todo') {
        return p.cursor === undefined
          ? { items: [item({ id: 'k1', state: 'created', stateLabel: '待响应', what: '第一页' })], counts: {}, nextCursor: '111.k1' }
          : { items: [item({ id: 'k2', state: 'created', stateLabel: '待响应', what: '第二页' })], counts: {}, nextCursor: null }
      }
      return p.cursor === undefined
        ? { items: [item({ id: 'k3', state: 'rated', stateLabel: '已评价', what: '较新的' })], counts: {}, nextCursor: '222.k3' }
        : { items: [item({ id: 'k4', state: 'rated', stateLabel: '已评价', what: '较早的' })], counts: {}, nextCursor: null }
    }
    render(<CallsScreen now={NOW} />)
    expect(await screen.findByLabelText('待响应 2 件')).toBeTruthy()
    expect(screen.getByText('第二页')).toBeTruthy()
    click(screen.getByLabelText('已完成 1 件'))
    click(screen.getByLabelText('加载更多'))
    expect(await screen.findByText('较早的')).toBeTruthy()
    expect(screen.getByLabelText('已完成 2 件')).toBeTruthy()
    expect(screen.queryByLabelText('加载更多')).toBeNull()
    expect(sentOf('call.mine').map((s) => s.payload)).toEqual([{ tab: 'todo' }, { tab: 'done' }, { tab: 'todo', cursor: '111.k1' }, { tab: 'done', cursor: '222.k3' }])
  })

  test('empty and error states', async () => {
    let n = 0
    routes['call.mine'] = () => {
      n += 1
      if (n <= 2) throw new ApiError('NETWORK', '网络异常，请稍后重试')
      return { items: [], counts: {}, nextCursor: null }
    }
    render(<CallsScreen now={NOW} />)
    expect(await screen.findByText('网络异常，请稍后重试')).toBeTruthy()
    click(screen.getByLabelText('重试'))
    expect(await screen.findByText('暂无呼叫')).toBeTruthy()
  })

  test('接收新呼叫提醒 asks for the call templates inside the tap (weapp)', async () => {
    routes['meta.bootstrap'] = () => ({ ...META, templates: { callCreated: 'tpl-call', checkinReminder: 'tpl-remind', caseDispatched: 'tpl-other' } })
    routes['call.mine'] = () => ({ items: [], counts: {}, nextCursor: null })
    taro.requestSubscribeMessage.mockResolvedValue({ 'tpl-call': 'accept', 'tpl-remind': 'reject' })
    render(<CallsScreen now={NOW} />)
    await screen.findByText('暂无呼叫')
    await act(async () => {})
    const env = process.env.TARO_ENV
    process.env.TARO_ENV = 'weapp'
    try {
      fireEvent.click(screen.getByLabelText('接收新呼叫提醒'))
      expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tpl-call', 'tpl-remind'] })
      await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith({ title: '已开启提醒，有新呼叫时会通知您', icon: 'success' }))
    } finally {
      process.env.TARO_ENV = env
    }
  })

  test('tab of each state', () => {
    expect(['created', 'acknowledged', 'checkedIn', 'absent', 'actionRecorded', 'rated', 'cancelled'].map((s) => deptTabOf({ state: s as CallView['state'] }))).toEqual([
      'respond',
      'checkin',
      'checkin',
      'done',
      'done',
      'done',
      'done',
    ])
  })
})

describe('dept call page', () => {
  test('响应呼叫 sends call.acknowledge with the version and reloads', async () => {
    let acked = false
    routes['call.get'] = () =>
      detail(acked ? callView() : callView({ state: 'created', stateLabel: '待响应', available: ['acknowledge', 'rateByDept'], version: 1 }))
    routes['call.acknowledge'] = () => {
      acked = true
      return callView()
    }
    render(<CallScreen callId='k1' now={NOW} />)
    click(await screen.findByLabelText('响应呼叫'))
    expect(await screen.findByLabelText('获取当前位置')).toBeTruthy()
    expect(screen.queryByLabelText('响应呼叫')).toBeNull()
    expect(sentOf('call.acknowledge')[0].payload).toEqual({ callId: 'k1', expectedVersion: 1 })
    expect(screen.getByText('剩余 10分钟')).toBeTruthy()
  })

  test('check-in: the phone location (gcj02), a preview inside the radius and window, then call.checkIn', async () => {
    routes['call.get'] = () => detail(callView())
    routes['call.checkIn'] = () => callView({ state: 'checkedIn' })
    taro.getLocation.mockResolvedValue({ longitude: north(120).coordinates[0], latitude: north(120).coordinates[1] })
    render(<CallScreen callId='k1' now={NOW} />)
    await screen.findByLabelText('获取当前位置')
    expect(screen.queryByLabelText('确认报到')).toBeNull() // nothing to send before a location
    const env = process.env.TARO_ENV
    process.env.TARO_ENV = 'weapp'
    try {
      click(screen.getByLabelText('获取当前位置'))
      await waitFor(() => expect(verdict()).toBe('距离约 120 米 · 在规定时间内 · 可以报到'))
    } finally {
      process.env.TARO_ENV = env
    }
    expect(taro.getLocation).toHaveBeenCalledWith({ type: 'gcj02', isHighAccuracy: true })
    click(screen.getByLabelText('确认报到'))
    await waitFor(() => expect(sentOf('call.checkIn')).toHaveLength(1))
    expect(sentOf('call.checkIn')[0].payload).toEqual({ callId: 'k1', expectedVersion: 2, location: north(120) })
  })

  test('far away: the preview says so and 确认报到 sends nothing', async () => {
    routes['call.get'] = () => detail(callView())
    render(<CallScreen callId='k1' now={NOW} devLocation />)
    await screen.findByLabelText('模拟定位')
    const far = north(1200).coordinates
    setValue(screen.getByLabelText('模拟定位'), `${far[0]}, ${far[1]}`)
    click(screen.getByLabelText('使用模拟定位'))
    expect(verdict()).toBe('距离约 1.2 公里，超出 300 米范围，请到达现场后报到')
    click(screen.getByLabelText('确认报到'))
    await act(async () => {})
    expect(sentOf('call.checkIn')).toHaveLength(0)
  })

  test('early and late by the fixed now; the rule comes from meta.bootstrap', async () => {
    routes['meta.bootstrap'] = () => ({ ...META, checkIn: { radiusM: 300, earlyMin: 10, lateMin: 5, absentAfterMin: 120 } })
    routes['call.get'] = () => detail(callView({ meetAt: NOW + 40 * MINUTE_MS }))
    const { unmount } = render(<CallScreen callId='k1' now={NOW} devLocation />)
    await screen.findByText(/约定时间前 10 分钟至后 5 分钟内报到/)
    const near = north(30).coordinates
    setValue(screen.getByLabelText('模拟定位'), `${near[0]},${near[1]}`)
    click(screen.getByLabelText('使用模拟定位'))
    expect(verdict()).toBe('距离约 30 米 · 距约定时间还有 40 分钟，11-27 09:30 起可以报到')
    unmount()

    routes['call.get'] = () => detail(callView({ meetAt: NOW - 8 * MINUTE_MS }))
    render(<CallScreen callId='k1' now={NOW} devLocation />)
    await screen.findByText(/约定时间前 10 分钟至后 5 分钟内报到/)
    setValue(screen.getByLabelText('模拟定位'), `${near[0]},${near[1]}`)
    click(screen.getByLabelText('使用模拟定位'))
    expect(verdict()).toBe('距离约 30 米 · 已晚于约定时间 8 分钟 · 可以报到（记为迟到）')
  })

  test('browser geolocation on H5; a refused check-in shows the server message', async () => {
    routes['call.get'] = () => detail(callView())
    routes['call.checkIn'] = () => {
      throw new ApiError('CHECKIN_FAR', '报到位置距约定地点超过 300 米，已记录为不在现场')
    }
    const p = north(60).coordinates
    const geo = { getCurrentPosition: jest.fn((ok: PositionCallback) => ok({ coords: { longitude: p[0], latitude: p[1] } } as GeolocationPosition)) }
    Object.defineProperty(navigator, 'geolocation', { value: geo, configurable: true })
    try {
      render(<CallScreen callId='k1' now={NOW} />)
      click(await screen.findByLabelText('获取当前位置'))
      await waitFor(() => expect(verdict()).toBe('距离约 60 米 · 在规定时间内 · 可以报到'))
      click(screen.getByLabelText('确认报到'))
      expect(await screen.findByText('报到位置距约定地点超过 300 米，已记录为不在现场')).toBeTruthy()
    } finally {
      delete (navigator as unknown as { geolocation?: unknown }).geolocation
    }
  })

  test('a denied location permission is explained', async () => {
    routes['call.get'] = () => detail(callView())
    const geo = { getCurrentPosition: jest.fn((_ok: PositionCallback, fail: PositionErrorCallback) => fail({ code: 1 } as GeolocationPositionError)) }
    Object.defineProperty(navigator, 'geolocation', { value: geo, configurable: true })
    try {
      render(<CallScreen callId='k1' now={NOW} />)
      click(await screen.findByLabelText('获取当前位置'))
      expect(await screen.findByText('未获得定位权限，请在浏览器中允许定位')).toBeTruthy()
    } finally {
      delete (navigator as unknown as { geolocation?: unknown }).geolocation
    }
  })

  test('填报处置情况 (text + photos) → call.recordAction', async () => {
    routes['call.get'] = () =>
      detail(
        callView({
          state: 'checkedIn',
          stateLabel: '已报到',
          available: ['recordAction'],
          checkIn: { at: MEET, location: north(40), by: 'p1', status: 'onTime', distanceM: 40, minutesOff: 0 },
          attempts: [{ at: MEET, location: north(40), by: 'p1', status: 'onTime', distanceM: 40, minutesOff: 0 }],
        }),
      )
    routes['call.recordAction'] = () => callView()
    taro.chooseMedia.mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://tmp/a.png' }] })
    render(<CallScreen callId='k1' now={NOW} />)
    expect(await screen.findByText('按时报到 · 距现场约 40 米 · 11-27 09:10')).toBeTruthy()
    click(screen.getByLabelText('填报处置情况'))
    const dlg = dialog()
    click(within(dlg).getByLabelText('提交'))
    expect(within(dlg).getByText('请填写处置情况')).toBeTruthy()
    setValue(within(dlg).getByLabelText('现场做了什么'), '已更换损坏灯具，线路恢复供电')
    expect(within(dlg).queryByText('请填写处置情况')).toBeNull() // the red message goes once the field is filled
    click(within(dlg).getByLabelText('添加照片'))
    await waitFor(() => expect(within(dlg).getByLabelText('删除照片1')).toBeTruthy())
    click(within(dlg).getByLabelText('提交'))
    await waitFor(() => expect(sentOf('call.recordAction')).toHaveLength(1))
    const { payload } = sentOf('call.recordAction')[0]
    expect(payload).toMatchObject({ callId: 'k1', expectedVersion: 2, text: '已更换损坏灯具，线路恢复供电' })
    expect(payload.photos[0]).toMatch(/^cloud:\/\/env-1\.bucket\/uploads\/k-staff\/calls\/k1\/action\/\d{8}\/.+\.png$/)
    expectNoInternalIds()
  })

  test('rating the call: 呼叫不准确 needs a reason (没事乱呼叫); 呼叫准确 sends none', async () => {
    routes['call.get'] = () => detail(callView({ state: 'actionRecorded', stateLabel: '已处置待评价', available: ['rateByDept'] }))
    routes['call.rateCall'] = () => callView()
    render(<CallScreen callId='k1' now={NOW} />)
    click(await screen.findByLabelText('评价呼叫'))
    let dlg = dialog()
    click(within(dlg).getByLabelText('提交评价'))
    expect(within(dlg).getByText('请选择呼叫准确或呼叫不准确')).toBeTruthy()
    click(within(dlg).getByLabelText('呼叫不准确'))
    click(within(dlg).getByLabelText('提交评价'))
    expect(within(dlg).getByText('呼叫不准确请选择原因')).toBeTruthy()
    click(within(dlg).getByLabelText('没事乱呼叫'))
    click(within(dlg).getByLabelText('提交评价'))
    await waitFor(() => expect(sentOf('call.rateCall')).toHaveLength(1))
    expect(sentOf('call.rateCall')[0].payload).toEqual({ callId: 'k1', expectedVersion: 2, level: 'inaccurate', reasons: ['needless'] })

    click(await screen.findByLabelText('评价呼叫'))
    dlg = dialog()
    click(within(dlg).getByLabelText('呼叫不准确'))
    click(within(dlg).getByLabelText('非本部门职责'))
    click(within(dlg).getByLabelText('呼叫准确'))
    click(within(dlg).getByLabelText('提交评价'))
    await waitFor(() => expect(sentOf('call.rateCall')).toHaveLength(2))
    expect(sentOf('call.rateCall')[1].payload).toEqual({ callId: 'k1', expectedVersion: 2, level: 'accurate', reasons: [] })
  })

  test('会商: the group, the recorded result, and deciding the responsible department', async () => {
    const mine = callView({ state: 'checkedIn', stateLabel: '已报到', available: ['consult'] })
    const other = callView({ id: 'k2', deptId: 'd-power', deptName: '国网福州供电公司', state: 'checkedIn', stateLabel: '已报到' })
    let decided = false
    routes['call.get'] = () =>
      decided
        ? detail({ ...mine, available: [], consultation: { responsibleDeptId: 'd-szs', note: '供电公司配合接电', at: NOW, by: 'p1' } }, [mine, other])
        : detail(mine, [mine, other])
    routes['call.consult'] = () => {
      decided = true
      return [mine, other]
    }
    render(<CallScreen callId='k1' now={NOW} />)
    expect(await screen.findByText('会商（共呼叫 2 个部门）')).toBeTruthy()
    expect(screen.getByText('尚未确定责任部门')).toBeTruthy()
    click(screen.getByLabelText('会商确定责任部门'))
    const dlg = dialog()
    click(within(dlg).getByLabelText('确认'))
    expect(within(dlg).getByText('请选择责任部门')).toBeTruthy()
    click(within(dlg).getByLabelText('区城管局市政所'))
    setValue(within(dlg).getByLabelText('会商意见（选填）'), '供电公司配合接电')
    click(within(dlg).getByLabelText('确认'))
    expect(await screen.findByText('会商结果：由区城管局市政所负责（供电公司配合接电）')).toBeTruthy()
    expect(sentOf('call.consult')[0].payload).toEqual({ groupId: 'g1', responsibleDeptId: 'd-szs', note: '供电公司配合接电' })
  })

  test('a single-department call has no 会商 section; actions not in available are hidden', async () => {
    routes['call.get'] = () => detail(callView({ state: 'rated', stateLabel: '已评价', available: [], deptRating: { level: 'accurate', reasons: [], at: NOW, by: 'p1' } }))
    render(<CallScreen callId='k1' now={NOW} />)
    expect(await screen.findByText('呼叫准确')).toBeTruthy()
    expect(screen.queryByText(/会商/)).toBeNull()
    for (const label of ['响应呼叫', '获取当前位置', '填报处置情况', '评价呼叫']) expect(screen.queryByLabelText(label)).toBeNull()
  })
})
