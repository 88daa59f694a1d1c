/**
 * Handler mode (subpackage handler) in jsdom: the inbox, the case page's action bar and forms, the call form.
 * The cloud is a fake `callApi` routed by action; Taro's device APIs are jest fakes.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { COMMUNITIES, DISTRICT, STREETS } from '@domain/org/seed'
import { communityAreas, locatePoint } from '@domain/routing/routing-locate'
import { businessTime, MINUTE_MS, HOUR_MS, DAY_MS } from '@domain/common/business-time'
import type { CaseEventType } from '@domain/case/case-events'
import type { CaseSummary, CaseView, CallView, CaseDetail, InboxPage, Bootstrap } from '@domain/contract'

jest.mock('@tarojs/taro', () => require('./staff-fakes').taroModule())
jest.mock('@/services/cloud', () => require('./staff-fakes').cloudModule())

// eslint-disable-next-line import/first
import { taro, routes, sent } from './staff-fakes'
import { ApiError } from '@/services/api-error'
import { expectNoInternalIds } from './no-internal-ids'
import InboxScreen from '@/handler/inbox/inbox-screen'
import CaseScreen from '@/handler/case/case-screen'
import CallFormScreen from '@/handler/call/call-form-screen'
import { resetBootstrap } from '@/services/meta'
import { resetDistrictMap } from '@/services/geo'
import { validateCallForm, deptOptions, searchDepts } from '@/handler/lib/call-form'
import { clockLines } from '@/handler/lib/inbox'
import { fromPickers, pickerParts, defaultMeetAt } from '@/staff/format'

const NOW = businessTime(2026, 11, 27, 9, 0)
const PLACE = { point: { type: 'Point' as const, coordinates: [119.2965, 26.0745] as [number, number] }, address: '五凤街道左海公园北门' }

function summary(over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: 'c1',
    categoryCode: 'streetlight',
    categoryName: '路灯不亮',
    description: '左海公园北门道路没有路灯，晚上漆黑',
    stateLabel: '待签收',
    stateKind: 'open',
    state: 'dispatched',
    createdAt: NOW - 5 * MINUTE_MS,
    updatedAt: NOW - 5 * MINUTE_MS,
    streetName: '五凤街道',
    respondBy: NOW + 5 * MINUTE_MS,
    assignBy: NOW + 55 * MINUTE_MS,
    deadline: NOW + 2 * DAY_MS,
    hard: false,
    overdue: false,
    ...over,
  }
}

function caseView(over: Partial<CaseView> = {}): CaseView {
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
    deptIds: [],
    callGroupIds: [],
    state: 'handling',
    flags: {},
    clocks: { extensions: [], dispatchedAt: NOW - HOUR_MS, startedAt: NOW - HOUR_MS, deadline: NOW + DAY_MS, originalDeadline: NOW + DAY_MS },
    reworkCount: 0,
    satisfactionHistory: [],
    createdAt: NOW - HOUR_MS,
    updatedAt: NOW - 10 * MINUTE_MS,
    version: 4,
    stateLabel: '处置中',
    stateKind: 'open',
    categoryName: '路灯不亮',
    streetName: '五凤街道',
    deptNames: [],
    available: [],
    ...over,
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
    meetAt: NOW - 2 * HOUR_MS,
    state: 'actionRecorded',
    attempts: [],
    createdAt: NOW - 3 * HOUR_MS,
    updatedAt: NOW - HOUR_MS,
    version: 5,
    stateLabel: '已处置待评价',
    stateKind: 'open',
    deptName: '区城管局市政所',
    available: [],
    ...over,
  }
}

const META: Bootstrap = {
  categories: [],
  streets: [{ _id: 'st-wufeng', name: '五凤街道' }],
  communities: [{ _id: 'cm-1', name: '左海社区', streetId: 'st-wufeng', centre: [119.29, 26.09] }],
  departments: [
    { _id: 'd-zhzx', name: '区城市运行指挥中心', fullName: '区城市运行指挥中心', kind: 'command' },
    { _id: 'd-cgj', name: '区城管局', fullName: '区城管局', kind: 'district' },
    { _id: 'd-szs', name: '市政所', fullName: '区城管局市政所', kind: 'sub', parentId: 'd-cgj' },
    { _id: 'd-hbj', name: '区生态环境局', fullName: '区生态环境局' },
    { _id: 'd-slj', name: '区水利局', fullName: '区水利局' },
  ],
  cityUnits: [{ _id: 'u-water', name: '福州市水务集团', counterpartDeptId: 'd-slj' }],
  templates: { caseDispatched: 'tpl-dispatched', caseAssigned: 'tpl-assigned', nearDue: 'tpl-neardue' },
  checkIn: { radiusM: 300, earlyMin: 30, lateMin: 15, absentAfterMin: 120 },
  sla: { respondMin: 10, assignMin: 60 },
}

/** Taro's Input/Textarea/Picker fire CustomEvents whose detail carries the value. */
function setValue(el: Element, value: string, type: 'input' | 'change' = 'input') {
  act(() => {
    el.dispatchEvent(new CustomEvent(type, { detail: { value }, bubbles: true }))
  })
}
const click = (el: Element) => act(() => void fireEvent.click(el))
/** Taro renders WeChat's `aria-role` attribute (not `role`), so roles are found by that attribute. */
function dialog(): HTMLElement {
  const el = document.querySelector('[aria-role="dialog"]')
  if (!el) throw new Error('no dialog open')
  return el as HTMLElement
}
const buttonLabels = (el: HTMLElement) => Array.from(el.querySelectorAll('[aria-role="button"]')).map((b) => b.getAttribute('aria-label'))

beforeEach(() => {
  for (const k of Object.keys(routes)) delete routes[k]
  sent.length = 0
  Object.values(taro).forEach((f) => f.mockClear())
  resetBootstrap()
  resetDistrictMap()
  routes['meta.bootstrap'] = () => META
})

const sentOf = (action: string) => sent.filter((s) => s.action === action)

describe('inbox', () => {
  const page = (items: CaseSummary[], counts = { todo: 2, doing: 5, overdue: 1, hard: 1 }): InboxPage => ({ items, counts, nextCursor: null })

  test('tabs with counts, SLA countdowns at a fixed now, hard/overdue badges', async () => {
    routes['case.inbox'] = () =>
      page([summary(), summary({ id: 'c2', categoryName: '道路破损', description: '西洪路人行道砖块松动', hard: true, overdue: true, respondBy: NOW - 3 * MINUTE_MS, assignBy: NOW + 50 * MINUTE_MS, deadline: NOW - MINUTE_MS })])
    render(<InboxScreen now={NOW} />)
    expect(screen.getByText('正在加载…')).toBeTruthy()
    expect(await screen.findByText('左海公园北门道路没有路灯，晚上漆黑')).toBeTruthy()

    expect(screen.getByLabelText('待签收 2 件')).toBeTruthy()
    expect(screen.getByLabelText('办理中 5 件')).toBeTruthy()
    expect(screen.getByLabelText('已办结')).toBeTruthy() // no count from the server for done
    expect(screen.getByText('逾期 1')).toBeTruthy()
    expect(screen.getByText('疑难 1')).toBeTruthy()
    expect(sentOf('case.inbox')[0].payload).toEqual({ tab: 'todo' })

    const first = screen.getByLabelText('路灯不亮，待签收')
    expect(within(first).getByText('剩余 5分钟')).toBeTruthy() // 签收 (10 min)
    expect(within(first).getByText('剩余 55分钟')).toBeTruthy() // 分派 (1 h)
    expect(within(first).getByText('剩余 2天')).toBeTruthy() // 办理期限
    expect(within(first).queryByText('疑难件')).toBeNull()

    const second = screen.getByLabelText('道路破损，待签收')
    expect(within(second).getByText('已超时 3分钟')).toBeTruthy()
    expect(within(second).getByText('已超时 1分钟')).toBeTruthy()
    expect(within(second).getByText('疑难件')).toBeTruthy()
    expect(within(second).getByText('已逾期')).toBeTruthy()
    // the 签收 countdown is under 20% of its 10-minute window → danger once overdue
    expect(within(second).getByText('已超时 3分钟').closest('[class*="countdown "]')!.className).toContain('countdown--danger')
  })

  test('switching tabs asks the server for that tab; accepted cases show only the 分派 clock and no 签收 button', async () => {
    routes['case.inbox'] = (p) =>
      p.tab === 'doing'
        ? page([summary({ id: 'c3', state: 'accepted', stateLabel: '已签收', respondBy: undefined, assignBy: NOW + 20 * MINUTE_MS })])
        : page([summary()])
    render(<InboxScreen now={NOW} />)
    await screen.findByLabelText('路灯不亮，待签收')
    click(screen.getByLabelText('办理中 5 件'))
    const card = await screen.findByLabelText('路灯不亮，已签收')
    expect(sentOf('case.inbox').map((s) => s.payload.tab)).toEqual(['todo', 'doing'])
    expect(within(card).getByText('分派')).toBeTruthy()
    expect(within(card).queryByText('签收')).toBeNull()
    expect(within(card).getByText('剩余 20分钟')).toBeTruthy()
  })

  test('the counters 逾期 / 疑难 are filters: tapping one lists those cases, tapping again goes back', async () => {
    routes['case.inbox'] = (p) =>
      p.tab === 'overdue'
        ? page([summary({ id: 'c9', categoryName: '道路破损', state: 'handling', stateLabel: '处置中', overdue: true, latest: { what: '疑难件研判：责任部门 dept-cgj-zfdd', at: NOW } })])
        : page([summary()])
    render(<InboxScreen now={NOW} />)
    await screen.findByLabelText('路灯不亮，待签收')
    click(screen.getByLabelText('只看逾期 1 件'))
    expect(await screen.findByLabelText('道路破损，处置中')).toBeTruthy()
    expect(screen.queryByLabelText('路灯不亮，待签收')).toBeNull()
    expect(sentOf('case.inbox').map((s) => s.payload.tab)).toEqual(['todo', 'overdue'])
    expectNoInternalIds()
    click(screen.getByLabelText('只看逾期 1 件'))
    await screen.findByLabelText('路灯不亮，待签收')
    expect(sentOf('case.inbox').map((s) => s.payload.tab)).toEqual(['todo', 'overdue', 'todo'])
  })

  test('签收 on the card: case.accept, then the list reloads without it', async () => {
    let accepted = false
    routes['case.inbox'] = () => (accepted ? page([], { todo: 0, doing: 6, overdue: 1, hard: 1 }) : page([summary()]))
    routes['case.accept'] = () => {
      accepted = true
      return caseView({ state: 'accepted' })
    }
    render(<InboxScreen now={NOW} />)
    click(await screen.findByLabelText('签收：路灯不亮'))
    expect(await screen.findByText('暂无事项')).toBeTruthy()
    expect(sentOf('case.accept')).toEqual([{ action: 'case.accept', payload: { caseId: 'c1' } }])
    expect(screen.getByLabelText('待签收 0 件')).toBeTruthy()
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已签收', icon: 'success' })
  })

  test('a refused 签收 shows the server message and reloads', async () => {
    routes['case.inbox'] = () => page([summary()])
    routes['case.accept'] = () => {
      throw new ApiError('EVENT_NOT_ALLOWED', '当前状态“已签收”不能进行“签收”')
    }
    render(<InboxScreen now={NOW} />)
    click(await screen.findByLabelText('签收：路灯不亮'))
    await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith({ title: '当前状态“已签收”不能进行“签收”', icon: 'none' }))
    expect(sentOf('case.inbox')).toHaveLength(2)
  })

  test('tapping a card opens the case page', async () => {
    routes['case.inbox'] = () => page([summary({ id: 'c 9' })])
    render(<InboxScreen now={NOW} />)
    click(await screen.findByText('左海公园北门道路没有路灯，晚上漆黑'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/handler/case/index?id=c%209' })
  })

  test('error then 重试; empty state text per tab', async () => {
    let n = 0
    routes['case.inbox'] = () => {
      n += 1
      if (n === 1) throw new ApiError('NETWORK', '网络异常，请稍后重试')
      return page([])
    }
    render(<InboxScreen now={NOW} />)
    expect(await screen.findByText('网络异常，请稍后重试')).toBeTruthy()
    click(screen.getByLabelText('重试'))
    expect(await screen.findByText('暂无事项')).toBeTruthy()
    expect(screen.getByText(/请在 10 分钟内签收/)).toBeTruthy()
  })

  test('pull-to-refresh handler reloads the current tab keeping the list on screen', async () => {
    routes['case.inbox'] = () => page([summary()])
    let refresh: (() => Promise<void>) | undefined
    render(<InboxScreen now={NOW} onRegisterRefresh={(fn) => (refresh = fn)} />)
    await screen.findByLabelText('路灯不亮，待签收')
    await act(async () => refresh!())
    expect(sentOf('case.inbox')).toHaveLength(2)
    expect(screen.getByLabelText('路灯不亮，待签收')).toBeTruthy()
  })

  test('接收新派单提醒 asks WeChat for the dispatch templates from the tap (weapp)', async () => {
    routes['case.inbox'] = () => page([])
    taro.requestSubscribeMessage.mockResolvedValue({ 'tpl-dispatched': 'accept', 'tpl-assigned': 'reject', 'tpl-neardue': 'accept', errMsg: 'ok' })
    render(<InboxScreen now={NOW} />)
    await screen.findByText('暂无事项')
    const env = process.env.TARO_ENV
    process.env.TARO_ENV = 'weapp'
    try {
      fireEvent.click(screen.getByLabelText('接收新派单提醒'))
      // asked inside the tap itself (no await before it), as WeChat requires
      expect(taro.requestSubscribeMessage).toHaveBeenCalledTimes(1)
      await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith({ title: '已开启提醒，有新派单时会通知您', icon: 'success' }))
    } finally {
      process.env.TARO_ENV = env
    }
    expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tpl-dispatched', 'tpl-assigned', 'tpl-neardue'] })
  })

  test('on H5 the subscribe button explains it works only in WeChat', async () => {
    routes['case.inbox'] = () => page([])
    render(<InboxScreen now={NOW} />)
    await screen.findByText('暂无事项')
    click(screen.getByLabelText('接收新派单提醒'))
    await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith({ title: '消息提醒仅在微信小程序中可用', icon: 'none' }))
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled()
  })

  test('clock lines: none for closed or resolved (deadline), 分派 until assigned', () => {
    expect(clockLines(summary({ stateKind: 'closed', state: 'closed' }))).toEqual([])
    expect(clockLines(summary({ state: 'resolved' })).map((l) => l.key)).toEqual([])
    expect(clockLines(summary({ state: 'handling' })).map((l) => l.key)).toEqual(['deadline'])
    expect(clockLines(summary()).map((l) => [l.key, l.start])).toEqual([
      ['respond', NOW - 5 * MINUTE_MS],
      ['assign', NOW - 5 * MINUTE_MS],
      ['deadline', NOW - 5 * MINUTE_MS],
    ])
  })
})

describe('case page', () => {
  const detail = (over: Partial<CaseView> = {}, calls: CallView[] = []): CaseDetail => ({
    case: caseView(over),
    calls,
    log: [
      { subject: 'case', caseId: 'c1', event: 'dispatch', what: '派单至五凤街道', by: { id: 'sys', name: '系统' }, role: 'system', at: NOW - HOUR_MS, version: 2 },
      { subject: 'case', caseId: 'c1', event: 'accept', what: '签收', by: { id: 's1', name: '张晓明' }, role: 'handler', at: NOW - 50 * MINUTE_MS, version: 3 },
    ],
  })
  const bar = () => screen.getByLabelText('办理操作')

  test('the reporter\'s number: in full with 拨打 when the server sends it whole (the street handling it); masked without', async () => {
    routes['case.get'] = () => detail({ phone: '13800005678', reporter: { phone: '13800005678' } as never })
    const { unmount } = render(<CaseScreen caseId='c1' now={NOW} />)
    click(await screen.findByLabelText('拨打 13800005678'))
    expect(taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800005678' })
    expectNoInternalIds()
    unmount()
    routes['case.get'] = () => detail({ phone: '138****5678' })
    render(<CaseScreen caseId='c1' now={NOW} />)
    expect(await screen.findByText('138****5678')).toBeTruthy()
    expect(screen.queryByText('拨打')).toBeNull()
  })

  test('the action bar shows only the events in `available` (in order), nothing else', async () => {
    routes['case.get'] = () => detail({ available: ['return', 'note', 'accept', 'flagHard', 'verify', 'rate'] as CaseEventType[] })
    render(<CaseScreen caseId='c1' now={NOW} />)
    await screen.findByLabelText('办理操作')
    const labels = buttonLabels(bar())
    expect(labels).toEqual(['签收', '处置记录', '标记疑难', '退单'])
    for (const absent of ['指派', '一线呼叫', '延期', '办结', '核查', '回访评价']) expect(within(bar()).queryByLabelText(absent)).toBeNull()
  })

  test.each([
    [['assign', 'note', 'call', 'extend', 'flagHard', 'return', 'resolve'], ['指派', '处置记录', '一线呼叫', '延期', '标记疑难', '退单', '办结']],
    [['resolve'], ['办结']],
  ] as [CaseEventType[], string[]][])('available %j → buttons %j', async (available, expected) => {
    routes['case.get'] = () => detail({ available })
    render(<CaseScreen caseId='c1' now={NOW} />)
    await screen.findByLabelText('办理操作')
    expect(buttonLabels(bar())).toEqual(expected)
  })

  test('no available events → no action bar; the case, place, timeline (newest first) and clocks show', async () => {
    routes['case.get'] = () => detail({ available: [], flags: { hard: { by: 's1', role: 'handler', at: NOW, reason: '涉及6个单位' } } })
    render(<CaseScreen caseId='c1' now={NOW} />)
    expect(await screen.findByText('五凤街道左海公园北门')).toBeTruthy()
    expect(screen.queryByLabelText('办理操作')).toBeNull()
    expect(screen.getByText('疑难件')).toBeTruthy()
    expect(screen.getByText('涉及6个单位')).toBeTruthy()
    expect(screen.getByText('剩余 1天')).toBeTruthy()
    const whats = Array.from(document.querySelectorAll('.yx-timeline__title')).map((e) => e.textContent)
    expect(whats).toEqual(['签收', '派单至五凤街道'])
  })

  test('签收 from the case page sends the version seen and reloads', async () => {
    let state: 'dispatched' | 'accepted' = 'dispatched'
    routes['case.get'] = () =>
      state === 'dispatched'
        ? detail({ state: 'dispatched', stateLabel: '待签收', version: 2, available: ['accept', 'return'] })
        : detail({ state: 'accepted', stateLabel: '已签收', version: 3, available: ['assign', 'return'] })
    routes['case.accept'] = () => {
      state = 'accepted'
      return caseView()
    }
    render(<CaseScreen caseId='c1' now={NOW} />)
    await screen.findByLabelText('办理操作')
    click(within(bar()).getByLabelText('签收'))
    await waitFor(() => expect(within(bar()).queryByLabelText('签收')).toBeNull())
    expect(within(bar()).getByLabelText('指派')).toBeTruthy()
    expect(sentOf('case.accept')[0].payload).toEqual({ caseId: 'c1', expectedVersion: 2 })
  })

  test('一线呼叫 opens the call form for this case', async () => {
    routes['case.get'] = () => detail({ available: ['call'] })
    render(<CaseScreen caseId='c1' now={NOW} />)
    click(await screen.findByLabelText('一线呼叫'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/handler/call/index?id=c1' })
  })

  test('办结 needs a result and at least one evidence photo', async () => {
    routes['case.get'] = () => detail({ available: ['resolve'] })
    routes['case.resolve'] = () => caseView({ state: 'resolved' })
    taro.chooseMedia.mockResolvedValue({ tempFiles: [{ tempFilePath: 'blob:http://x/1.jpg' }] })
    render(<CaseScreen caseId='c1' now={NOW} />)
    click(await screen.findByLabelText('办结'))
    const dlg = dialog()
    click(within(dlg).getByLabelText('确认办结'))
    expect(within(dlg).getByText('请填写办理结果')).toBeTruthy()
    setValue(within(dlg).getByLabelText('办理结果'), '已安装6盏路灯，夜间照明恢复')
    click(within(dlg).getByLabelText('确认办结'))
    expect(within(dlg).getByText('请至少上传1张照片')).toBeTruthy()
    expect(sentOf('case.resolve')).toHaveLength(0)

    click(within(dlg).getByLabelText('添加照片'))
    await waitFor(() => expect(within(dlg).getByLabelText('删除照片1')).toBeTruthy())
    click(within(dlg).getByLabelText('确认办结'))
    await waitFor(() => expect(document.querySelector('[aria-role="dialog"]')).toBeNull())
    const [{ payload }] = sentOf('case.resolve')
    expect(payload).toMatchObject({ caseId: 'c1', expectedVersion: 4, result: '已安装6盏路灯，夜间照明恢复' })
    expect(payload.photos).toHaveLength(1)
    expect(payload.photos[0]).toMatch(/^cloud:\/\/env-1\.bucket\/uploads\/k-staff\/cases\/c1\/resolve\/\d{8}\/.+\.jpg$/)
  })

  test('指派: pick a named person of my street (staff.list)', async () => {
    routes['case.get'] = () => detail({ state: 'accepted', available: ['assign'] })
    routes['staff.list'] = () => [
      { _id: 's1', name: '张晓明', roles: ['handler'], title: '网格员' },
      { _id: 's2', name: '林丽', roles: ['community'], post: '五凤社区' },
      { _id: 's3', name: '翁思远', roles: ['leader'], post: '五凤街道主任' },
    ]
    routes['case.assign'] = () => caseView()
    render(<CaseScreen caseId='c1' now={NOW} />)
    click(await screen.findByLabelText('指派'))
    const dlg = dialog()
    click(within(dlg).getByLabelText('确认指派'))
    expect(within(dlg).getByText('请选择处置人')).toBeTruthy()
    click(await within(dlg).findByLabelText('林丽'))
    expect(within(dlg).queryByLabelText('翁思远')).toBeNull() // leaders decide, they are not assigned here
    click(within(dlg).getByLabelText('确认指派'))
    await waitFor(() => expect(sentOf('case.assign')).toHaveLength(1))
    expect(sentOf('staff.list')[0].payload).toEqual({ streetId: 'st-wufeng' })
    expect(sentOf('case.assign')[0].payload).toEqual({ caseId: 'c1', expectedVersion: 4, staffId: 's2' })
  })

  test('延期: reason + a new deadline later than the current one', async () => {
    routes['case.get'] = () => detail({ available: ['extend'] })
    routes['case.extend'] = () => caseView()
    render(<CaseScreen caseId='c1' now={NOW} />)
    click(await screen.findByLabelText('延期'))
    const dlg = dialog()
    // defaults to one day after the current deadline
    expect(within(dlg).getByText(pickerParts(NOW + 2 * DAY_MS).date)).toBeTruthy()
    setValue(within(dlg).getByLabelText('延期原因'), '需协调供电公司接电')
    setValue(within(dlg).getByLabelText('新的期限日期').parentElement!, pickerParts(NOW).date, 'change')
    click(within(dlg).getByLabelText('确认延期'))
    expect(within(dlg).getByText('新的办理期限须晚于当前期限')).toBeTruthy()
    setValue(within(dlg).getByLabelText('新的期限日期').parentElement!, '2026-11-30', 'change')
    setValue(within(dlg).getByLabelText('新的期限时间').parentElement!, '18:00', 'change')
    click(within(dlg).getByLabelText('确认延期'))
    await waitFor(() => expect(sentOf('case.extend')).toHaveLength(1))
    expect(sentOf('case.extend')[0].payload).toEqual({
      caseId: 'c1',
      expectedVersion: 4,
      reason: '需协调供电公司接电',
      newDeadline: businessTime(2026, 11, 30, 18, 0),
    })
  })

  test('退单 and 标记疑难 need a reason; a server refusal stays in the sheet', async () => {
    routes['case.get'] = () => detail({ available: ['flagHard', 'return'] })
    routes['case.return'] = () => {
      throw new ApiError('ROLE_FORBIDDEN', '您的角色无权进行“退单”')
    }
    routes['case.flagHard'] = () => caseView()
    render(<CaseScreen caseId='c1' now={NOW} />)
    click(await screen.findByLabelText('退单'))
    let dlg = dialog()
    click(within(dlg).getByLabelText('确认退单'))
    expect(within(dlg).getByText('请填写退单原因')).toBeTruthy()
    setValue(within(dlg).getByLabelText('退单原因'), '位置在鼓西街道辖区')
    click(within(dlg).getByLabelText('确认退单'))
    expect(await within(dlg).findByText('您的角色无权进行“退单”')).toBeTruthy()
    click(within(dlg).getByLabelText('取消'))

    click(screen.getByLabelText('标记疑难'))
    dlg = dialog()
    setValue(within(dlg).getByLabelText('疑难原因'), '涉及6个单位，权属不清')
    click(within(dlg).getByLabelText('确认标记疑难'))
    await waitFor(() => expect(sentOf('case.flagHard')).toHaveLength(1))
    expect(sentOf('case.flagHard')[0].payload).toEqual({ caseId: 'c1', expectedVersion: 4, reason: '涉及6个单位，权属不清' })
  })

  test('处置记录 accepts text alone', async () => {
    routes['case.get'] = () => detail({ available: ['note'] })
    routes['case.note'] = () => caseView()
    render(<CaseScreen caseId='c1' now={NOW} />)
    click(await screen.findByLabelText('处置记录'))
    const dlg = dialog()
    click(within(dlg).getByLabelText('确认处置记录'))
    expect(within(dlg).getByText('请填写内容或上传照片')).toBeTruthy()
    setValue(within(dlg).getByLabelText('记录内容'), '已联系市政所现场勘查')
    click(within(dlg).getByLabelText('确认处置记录'))
    await waitFor(() => expect(sentOf('case.note')).toHaveLength(1))
    expect(sentOf('case.note')[0].payload).toEqual({ caseId: 'c1', expectedVersion: 4, text: '已联系市政所现场勘查', photos: [] })
  })

  test('VERSION_CONFLICT closes the sheet and reloads the case', async () => {
    routes['case.get'] = () => detail({ available: ['flagHard'] })
    routes['case.flagHard'] = () => {
      throw new ApiError('VERSION_CONFLICT', '事项已被更新')
    }
    render(<CaseScreen caseId='c1' now={NOW} />)
    click(await screen.findByLabelText('标记疑难'))
    setValue(within(dialog()).getByLabelText('疑难原因'), '多次改派')
    click(within(dialog()).getByLabelText('确认标记疑难'))
    await waitFor(() => expect(document.querySelector('[aria-role="dialog"]')).toBeNull())
    expect(sentOf('case.get')).toHaveLength(2)
    expect(taro.showToast).toHaveBeenCalledWith({ title: '事项已被他人更新，已为您刷新', icon: 'none' })
  })

  test('calls show state and check-in verdicts; rating the department (差评 needs a negative reason, e.g. 只报到不干事)', async () => {
    const call = callView({
      available: ['rateByStreet'],
      checkIn: { at: NOW - 2 * HOUR_MS + 20 * MINUTE_MS, location: PLACE.point, by: 'p1', status: 'late', distanceM: 42.3, minutesOff: 20 },
      attempts: [
        { at: NOW - 2 * HOUR_MS - 5 * MINUTE_MS, location: PLACE.point, by: 'p1', status: 'far', distanceM: 1530, minutesOff: -5 },
        { at: NOW - 2 * HOUR_MS + 20 * MINUTE_MS, location: PLACE.point, by: 'p1', status: 'late', distanceM: 42.3, minutesOff: 20 },
      ],
      action: { text: '到场查看', photos: [], at: NOW - HOUR_MS, by: 'p1' },
    })
    routes['case.get'] = () => detail({ available: [] }, [call])
    routes['call.rateDept'] = () => call
    render(<CaseScreen caseId='c1' now={NOW} />)
    expect(await screen.findByText('一线呼叫（1）')).toBeTruthy()
    expect(screen.getByText('区城管局市政所')).toBeTruthy()
    expect(screen.getByText('已处置待评价')).toBeTruthy()
    expect(screen.getByText(/^报到：迟到 · 距现场约 42 米/)).toBeTruthy()
    expect(screen.getByText(/^未通过的报到：不在现场 · 距现场约 1.5 公里/)).toBeTruthy()
    expect(screen.getByText('处置情况：到场查看')).toBeTruthy()

    click(screen.getByLabelText('评价部门：区城管局市政所'))
    const dlg = dialog()
    click(within(dlg).getByLabelText('提交评价'))
    expect(within(dlg).getByText('请选择好评、中评或差评')).toBeTruthy()
    click(within(dlg).getByLabelText('差评'))
    // 差评 offers the negative reasons only
    expect(within(dlg).queryByLabelText('处置及时')).toBeNull()
    click(within(dlg).getByLabelText('提交评价'))
    expect(within(dlg).getByText('差评请至少选择一个负面原因')).toBeTruthy()
    click(within(dlg).getByLabelText('只报到不干事'))
    click(within(dlg).getByLabelText('提交评价'))
    await waitFor(() => expect(sentOf('call.rateDept')).toHaveLength(1))
    expect(sentOf('call.rateDept')[0].payload).toEqual({ callId: 'k1', expectedVersion: 5, level: 'poor', reasons: ['checkinOnly'] })
  })

  test('好评 with no reason is fine; 其他 needs a note', async () => {
    const call = callView({ available: ['rateByStreet'] })
    routes['case.get'] = () => detail({}, [call])
    routes['call.rateDept'] = () => call
    render(<CaseScreen caseId='c1' now={NOW} />)
    click(await screen.findByLabelText('评价部门：区城管局市政所'))
    const dlg = dialog()
    click(within(dlg).getByLabelText('好评'))
    expect(within(dlg).queryByLabelText('只报到不干事')).toBeNull()
    click(within(dlg).getByLabelText('其他'))
    click(within(dlg).getByLabelText('提交评价'))
    expect(within(dlg).getByText('选择“其他”时请填写说明')).toBeTruthy()
    click(within(dlg).getByLabelText('其他，已选中'))
    click(within(dlg).getByLabelText('处置及时'))
    click(within(dlg).getByLabelText('提交评价'))
    await waitFor(() => expect(sentOf('call.rateDept')).toHaveLength(1))
    expect(sentOf('call.rateDept')[0].payload).toEqual({ callId: 'k1', expectedVersion: 5, level: 'good', reasons: ['timely'] })
  })

  test('a call without rateByStreet in available has no rating button', async () => {
    routes['case.get'] = () => detail({}, [callView({ state: 'acknowledged', stateLabel: '已响应', available: ['cancel'] })])
    render(<CaseScreen caseId='c1' now={NOW} />)
    await screen.findByText('已响应')
    expect(screen.queryByLabelText('评价部门：区城管局市政所')).toBeNull()
    expect(screen.getByLabelText('取消呼叫：区城管局市政所')).toBeTruthy()
  })

  test('a load failure offers 重试', async () => {
    let n = 0
    routes['case.get'] = () => {
      n += 1
      if (n === 1) throw new ApiError('NETWORK', '网络异常，请稍后重试')
      return detail()
    }
    render(<CaseScreen caseId='c1' now={NOW} />)
    expect(await screen.findByText('网络异常，请稍后重试')).toBeTruthy()
    click(screen.getByLabelText('重试'))
    expect(await screen.findByText('五凤街道左海公园北门')).toBeTruthy()
  })
})

describe('call form', () => {
  const detail = (): CaseDetail => ({ case: caseView({ available: ['call'] }), calls: [], log: [] })

  test('validation: departments, what; place defaults to the case, meet time to now + 30 min', async () => {
    routes['case.get'] = detail
    render(<CallFormScreen caseId='c1' now={NOW} />)
    click(await screen.findByLabelText('发起呼叫'))
    expect(screen.getByText('请至少选择1个被呼叫部门')).toBeTruthy()
    expect(screen.getByText('请填写呼叫事项')).toBeTruthy()
    expect(screen.queryByText('请选择地点')).toBeNull()
    expect(screen.getByText('09:30')).toBeTruthy()
    expect(screen.getByText('2026-11-27')).toBeTruthy()
    expect((screen.getByLabelText('到场地址') as HTMLElement).getAttribute('value')).toBe('五凤街道左海公园北门')
    expect(sentOf('case.call')).toHaveLength(0)
  })

  test('search, multi-select district departments and city units, send case.call', async () => {
    routes['case.get'] = detail
    routes['case.call'] = () => ({ case: caseView(), calls: [] })
    const done = jest.fn()
    render(<CallFormScreen caseId='c1' now={NOW} onDone={done} />)
    await screen.findByLabelText('发起呼叫')
    setValue(screen.getByLabelText('搜索部门'), '市政')
    expect(screen.getByLabelText('区城管局市政所')).toBeTruthy()
    expect(screen.queryByLabelText('区生态环境局')).toBeNull()
    click(screen.getByLabelText('区城管局市政所'))
    setValue(screen.getByLabelText('搜索部门'), '水务')
    click(screen.getByLabelText('福州市水务集团'))
    expect(screen.getByText('呼叫 2 个部门')).toBeTruthy()
    setValue(screen.getByLabelText('需要部门做什么'), '现场核实路灯线路并抢修')
    click(screen.getByLabelText('发起呼叫'))
    await waitFor(() => expect(done).toHaveBeenCalled())
    expect(sentOf('case.call')[0].payload).toEqual({
      caseId: 'c1',
      expectedVersion: 4,
      deptIds: ['d-szs', 'u-water'],
      what: '现场核实路灯线路并抢修',
      place: PLACE,
      meetAt: NOW + 30 * MINUTE_MS,
    })
  })

  test('a meeting time in the past is refused; a selected department can be removed', async () => {
    routes['case.get'] = detail
    render(<CallFormScreen caseId='c1' now={NOW} />)
    await screen.findByLabelText('发起呼叫')
    click(screen.getByLabelText('区生态环境局'))
    click(screen.getByLabelText('移除区生态环境局'))
    expect(screen.getByText('尚未选择部门')).toBeTruthy()
    click(screen.getByLabelText('区生态环境局'))
    setValue(screen.getByLabelText('需要部门做什么'), '油烟检测')
    setValue(screen.getByLabelText('到场时间').parentElement!, '08:00', 'change')
    click(screen.getByLabelText('发起呼叫'))
    expect(screen.getByText('到场时间不能早于现在')).toBeTruthy()
    expect(sentOf('case.call')).toHaveLength(0)
  })

  test('H5: the meeting place is tapped on the map (street and community as its address); without one the form refuses', async () => {
    routes['case.get'] = () => ({ case: caseView({ location: undefined }), calls: [], log: [] })
    routes['case.call'] = () => ({ case: caseView(), calls: [] })
    routes['geo.districtMap'] = () => ({
      district: { name: DISTRICT.name, boundary: DISTRICT.boundary },
      streets: STREETS.map((x) => ({ _id: x._id, name: x.name, centre: x.centre, boundary: x.boundary })),
      communities: communityAreas({ streets: STREETS, communities: COMMUNITIES }).map((a) => ({ _id: a.communityId, name: a.name, streetId: a.streetId, centre: COMMUNITIES.find((c) => c._id === a.communityId)!.centre, area: a.polygon })),
    })
    render(<CallFormScreen caseId='c1' now={NOW} />)
    await screen.findByLabelText('发起呼叫')
    click(screen.getByLabelText('区城管局'))
    setValue(screen.getByLabelText('需要部门做什么'), '清理占道')
    click(screen.getByLabelText('发起呼叫'))
    expect(screen.getByText('请选择地点')).toBeTruthy()
    const svg = (await screen.findByLabelText('到场地点地图')).querySelector('svg')!
    jest.spyOn(svg, 'getBoundingClientRect').mockReturnValue({ left: 0, top: 0, width: 360, height: 260, right: 360, bottom: 260, x: 0, y: 0, toJSON: () => ({}) })
    fireEvent.click(svg, { clientX: 180, clientY: 130 })
    expect(await screen.findByText(/^地图选点：\S+(街道|镇) · \S+社区$/)).toBeTruthy()
    click(screen.getByLabelText('发起呼叫'))
    await waitFor(() => expect(sentOf('case.call')).toHaveLength(1))
    const place = sentOf('case.call')[0].payload.place
    const where = locatePoint(place.point.coordinates, { streets: STREETS, communities: COMMUNITIES })
    expect(where.inside).toBe(true)
    expect(place.address).toBe(where.inside ? `${where.streetName}${where.communityName}` : '')
  })

  test('server refusal is shown', async () => {
    routes['case.get'] = detail
    routes['case.call'] = () => {
      throw new ApiError('EVENT_NOT_ALLOWED', '当前状态“待核查”不能进行“一线呼叫”')
    }
    render(<CallFormScreen caseId='c1' now={NOW} />)
    await screen.findByLabelText('发起呼叫')
    click(screen.getByLabelText('区城管局'))
    setValue(screen.getByLabelText('需要部门做什么'), '清理占道')
    click(screen.getByLabelText('发起呼叫'))
    expect(await screen.findByText('当前状态“待核查”不能进行“一线呼叫”')).toBeTruthy()
  })

  test('the departments the standing rule in force names come preselected; red messages go once the field is filled', async () => {
    const rule = { decision: { target: 'street', basis: 'rule', ruleId: 'rule-fumes', reason: '按长效机制', assignments: [{ deptId: 'd-hbj', phase: 'during', duty: '监督' }, { deptId: 'd-gone', phase: 'after', duty: '处罚' }] }, at: NOW, by: 'system', role: 'system', kind: 'route' }
    routes['case.get'] = () => ({ case: caseView({ available: ['call'], routing: [rule] as never }), calls: [], log: [] })
    render(<CallFormScreen caseId='c1' now={NOW} />)
    await screen.findByLabelText('发起呼叫')
    expect(screen.getByLabelText('移除区生态环境局')).toBeTruthy() // preselected (an unknown id is not)
    expect(screen.getByText(/已按长效机制预选区生态环境局/)).toBeTruthy()
    click(screen.getByLabelText('发起呼叫'))
    expect(screen.getByText('请填写呼叫事项')).toBeTruthy()
    setValue(screen.getByLabelText('需要部门做什么'), '现场检测油烟')
    expect(screen.queryByText('请填写呼叫事项')).toBeNull()
    click(screen.getByLabelText('移除区生态环境局'))
    click(screen.getByLabelText('发起呼叫'))
    expect(screen.getByText('请至少选择1个被呼叫部门')).toBeTruthy()
    click(screen.getByLabelText('区城管局'))
    expect(screen.queryByText('请至少选择1个被呼叫部门')).toBeNull()
    expectNoInternalIds()
  })

  test('pure helpers: options, search, validation, pickers', () => {
    const options = deptOptions(META)
    expect(options.map((o) => o.id)).toEqual(['d-cgj', 'd-szs', 'd-hbj', 'd-slj', 'u-water']) // no command centre
    expect(options.find((o) => o.id === 'd-szs')).toEqual({ id: 'd-szs', name: '区城管局市政所', group: 'dept', hint: '区城管局下属' })
    expect(options.find((o) => o.id === 'u-water')!.hint).toBe('对接：区水利局')
    expect(searchDepts(options, '水利').map((o) => o.id)).toEqual(['d-slj', 'u-water'])
    expect(searchDepts(options, '  ')).toHaveLength(5)
    expect(fromPickers('2026-11-27', '09:30')).toBe(NOW + 30 * MINUTE_MS)
    expect(fromPickers('2026-11-27', '9:30')).toBeNaN()
    expect(defaultMeetAt(NOW + 60_000)).toBe(NOW + 35 * MINUTE_MS)
    const ok = validateCallForm({ caseId: 'c1', deptIds: ['d-szs', 'd-szs'], what: '抢修', place: PLACE, date: '2026-11-27', time: '10:00' }, NOW)
    expect(ok).toMatchObject({ ok: false, fields: { deptIds: '被呼叫部门不能重复' } })
  })
})

describe('action bar emphasis', () => {
  test('指派 is the primary action only while nobody has the case; then 办结', async () => {
    const { primaryAction } = await import('@/handler/lib/case-actions')
    expect(primaryAction(['accept', 'return'])).toBe('accept')
    expect(primaryAction(['assign', 'note', 'resolve'])).toBe('assign')
    expect(primaryAction(['assign', 'note', 'resolve'], true)).toBe('resolve')
    expect(primaryAction(['note', 'return'], true)).toBeUndefined()
  })
})
