import { act, fireEvent, render, screen, within } from '@testing-library/react'
import CasePage from '@/pages/case/index'
import { fail, installApi, ok, typeInto } from './case-fixtures'
import { expectNoInternalIds } from './no-internal-ids'
import type { CaseDetail } from '@domain/contract'
import type { LogEntry } from '@domain/common/effect-types'

const mockRoute: { params: Record<string, string> } = { params: { id: 'C1' } }
const mockHooks: { pull?: () => void } = {}
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  const extra: Record<string, unknown> = {
    useRouter: () => mockRoute,
    usePullDownRefresh: (cb: () => void) => (mockHooks.pull = cb),
    stopPullDownRefresh: jest.fn(),
    showToast: jest.fn(),
    previewImage: jest.fn(() => Promise.resolve()),
  }
  return new Proxy(actual, { get: (target, key: string) => (key in extra ? extra[key] : target[key]) })
})

const T0 = Date.UTC(2026, 10, 17, 1, 0) // 2026-11-17 09:00 Shanghai
const H = 3_600_000

const log = (over: Partial<LogEntry>): LogEntry => ({
  subject: 'case',
  caseId: 'C1',
  event: 'dispatch',
  what: '派单',
  by: { id: 'system' },
  role: 'system',
  at: T0,
  version: 1,
  ...over,
})

function detail(over: Partial<CaseDetail['case']> = {}, extraLog: LogEntry[] = []): CaseDetail {
  return {
    case: {
      id: 'C1',
      channel: 'miniapp',
      reporter: { phone: '138****8000' },
      categoryCode: 'streetlight',
      description: '左海公园北门道路没有路灯，晚上很黑',
      photos: ['cloud://env/reports/a.jpg', 'cloud://env/reports/b.jpg'],
      location: { point: { type: 'Point', coordinates: [119.28, 26.1] }, address: '左海公园北门' },
      phone: '138****8000',
      routing: [],
      streetId: 'street-wufeng',
      assignee: { staffId: 's1', name: '张晓明' },
      deptIds: ['dept-szs'],
      callGroupIds: ['g1'],
      state: 'closed',
      flags: {},
      clocks: { extensions: [], deadline: T0 + 13 * 24 * H, originalDeadline: T0 + 3 * 24 * H, startedAt: T0 },
      reworkCount: 0,
      satisfactionHistory: [],
      resolution: { result: '已安装路灯 12 盏并通电', photos: ['cloud://env/res/1.jpg'], at: T0 + 13 * 24 * H, by: 's1', source: 'handler' },
      createdAt: T0 - H,
      updatedAt: T0 + 13 * 24 * H,
      version: 9,
      stateLabel: '已办结',
      stateKind: 'closed',
      categoryName: '路灯不亮',
      streetName: '五凤街道',
      communityName: '左海社区',
      deptNames: ['区城管局市政所'],
      available: ['rate'],
      ...over,
    },
    calls: [
      {
        id: 'K1',
        groupId: 'g1',
        caseId: 'C1',
        streetId: 'street-wufeng',
        caller: { staffId: 's1', name: '张晓明' },
        deptId: 'dept-szs',
        what: '现场勘查路灯安装条件',
        place: { point: { type: 'Point', coordinates: [119.28, 26.1] }, address: '左海公园北门' },
        meetAt: T0 + 2 * H,
        state: 'rated',
        attempts: [],
        checkIn: { at: T0 + 2 * H - 5 * 60_000, location: { type: 'Point', coordinates: [119.28, 26.1] }, by: 'd1', status: 'onTime', distanceM: 20, minutesOff: -5 },
        createdAt: T0 + H,
        updatedAt: T0 + 3 * H,
        version: 5,
        stateLabel: '已评价',
        stateKind: 'closed',
        deptName: '区城管局市政所',
        available: [],
      },
    ],
    log: [
      log({ event: 'dispatch', what: '派单至五凤街道', at: T0 - H + 60_000, version: 2 }),
      log({ event: 'accept', what: '签收', by: { id: 's1', name: '张晓明' }, role: 'handler', at: T0 - H + 5 * 60_000, version: 3 }),
      log({ subject: 'call', callId: 'K1', event: 'checkIn', what: '区城管局市政所到场报到（按时报到）', by: { id: 'd1', name: '李建华' }, role: 'dept', at: T0 + 2 * H - 5 * 60_000, version: 2, where: { lng: 119.28, lat: 26.1, address: '左海公园北门' } }),
      log({ event: 'resolve', what: '办结：已安装路灯 12 盏并通电', by: { id: 's1', name: '张晓明' }, role: 'handler', at: T0 + 13 * 24 * H, version: 8 }),
      ...extraLog,
    ],
  }
}

beforeEach(() => {
  mockRoute.params = { id: 'C1' }
})

describe('诉求详情', () => {
  test('status, photos, responsibility, calls and the full timeline (newest first, Chinese labels, who and role)', async () => {
    const api = installApi({ 'case.get': () => ok(detail({ available: [], satisfaction: { level: 'satisfied', at: T0 + 14 * 24 * H, by: 'o1', round: 0 } })) })
    const { container } = render(<CasePage />)
    expect(await screen.findByText('左海公园北门道路没有路灯，晚上很黑')).toBeTruthy()
    expect(api.of('case.get')).toEqual([{ caseId: 'C1' }])
    expect(screen.getByText('已办结')).toBeTruthy()
    expect(screen.getByText('编号 C1 · 随手拍 · 2026-11-17 08:00')).toBeTruthy()
    expect(screen.getByText('五凤街道 · 左海社区')).toBeTruthy()
    expect(screen.getByText('区城管局市政所', { selector: '.case__row-value' })).toBeTruthy()
    expect(screen.getByText('张晓明', { selector: '.case__row-value' })).toBeTruthy()
    expect(screen.getByText('2026-11-20 09:00')).toBeTruthy() // the original deadline is kept after the extension
    expect(screen.getByText('138****8000')).toBeTruthy()
    expect(screen.getByText('满意')).toBeTruthy()
    expect(screen.getByText('已安装路灯 12 盏并通电')).toBeTruthy()
    expect(screen.getByText('一线呼叫（1）')).toBeTruthy()
    expect(screen.getByText('报到：按时报到 · 2026-11-17 10:55')).toBeTruthy()
    expect(container.querySelectorAll('[aria-label^="现场照片"]')).toHaveLength(2)
    expect(screen.queryByText('请对办理结果进行评价')).toBeNull() // already rated: no form

    const steps = Array.from(container.querySelectorAll('.yx-timeline__title')).map((n) => n.textContent)
    expect(steps).toEqual(['办结：已安装路灯 12 盏并通电', '区城管局市政所到场报到（按时报到）', '签收', '派单至五凤街道'])
    const metas = Array.from(container.querySelectorAll('.yx-timeline__meta')).map((n) => n.textContent)
    expect(metas[1]).toBe('2026-11-17 10:55 · 李建华（部门经办人）')
    expect(metas[3]).toBe('2026-11-17 08:01 · 系统')
    expect(screen.getByText('左海公园北门', { selector: '.yx-timeline__detail' })).toBeTruthy()
  })

  test('tapping a photo previews all of them (cloud fileIDs resolved to URLs on H5)', async () => {
    installApi({ 'case.get': () => ok(detail({ available: [] })) })
    const { container } = render(<CasePage />)
    await screen.findByText('已办结')
    await act(async () => {
      fireEvent.click(container.querySelectorAll('[aria-label^="现场照片"]')[1])
    })
    const { previewImage } = jest.requireMock('@tarojs/taro') as { previewImage: jest.Mock }
    const arg = previewImage.mock.calls[previewImage.mock.calls.length - 1][0]
    expect(arg.urls).toHaveLength(2)
    expect(arg.urls[0]).toContain('127.0.0.1/storage/')
    expect(arg.current).toBe(arg.urls[1])
  })

  test('rating: a level is required, 不满意 needs a reason, then case.rate with the version seen', async () => {
    let rated = false
    const api = installApi({
      'case.get': () =>
        ok(
          rated
            ? detail({ available: [], state: 'handling', stateKind: 'open', stateLabel: '处置中', satisfaction: { level: 'dissatisfied', reason: '只装了一半', at: T0, by: 'o1', round: 0 } }, [
                log({ event: 'rate', what: '回访评价：不满意（只装了一半），重新办理', by: { id: 'o1' }, role: 'citizen', at: T0 + 15 * 24 * H, version: 10 }),
              ])
            : detail(),
        ),
      'case.rate': (payload) => {
        rated = true
        return ok({ ...detail().case, available: [], version: 10, satisfaction: { level: payload.level, reason: payload.reason, at: T0, by: 'o1', round: 0 } })
      },
    })
    const { container } = render(<CasePage />)
    expect(await screen.findByText('请对办理结果进行评价')).toBeTruthy()

    fireEvent.click(screen.getByText('提交评价'))
    expect(screen.getByText('请选择满意、基本满意或不满意')).toBeTruthy()

    const form = container.querySelector('.case__rating') as HTMLElement
    fireEvent.click(within(form).getByText('不满意'))
    fireEvent.click(screen.getByText('提交评价'))
    expect(screen.getByText('选择不满意时请说明原因')).toBeTruthy()
    expect(api.of('case.rate')).toHaveLength(0)

    typeInto(container, '评价说明', '只装了一半')
    fireEvent.click(screen.getByText('提交评价'))
    expect(await screen.findByText('感谢您的评价！')).toBeTruthy()
    expect(api.of('case.rate')).toEqual([{ caseId: 'C1', expectedVersion: 9, level: 'dissatisfied', reason: '只装了一半' }])
    expect(await screen.findByText('回访评价：不满意（只装了一半），重新办理')).toBeTruthy()
    expect(screen.queryByText('请对办理结果进行评价')).toBeNull()
    expect(screen.getByText('不满意：只装了一半')).toBeTruthy()
  })

  test('满意 needs no reason; a version conflict reloads the case', async () => {
    let version = 9
    const api = installApi({
      'case.get': () => ok(detail({ version })),
      'case.rate': () => {
        version = 10
        return fail('VERSION_CONFLICT', '事项已被他人更新')
      },
    })
    const { container } = render(<CasePage />)
    await screen.findByText('请对办理结果进行评价')
    fireEvent.click(within(container.querySelector('.case__rating') as HTMLElement).getByText('满意'))
    fireEvent.click(screen.getByText('提交评价'))
    expect(await screen.findByText('诉求状态已更新，已为您刷新，请重新评价')).toBeTruthy()
    expect(api.of('case.rate')[0]).toEqual({ caseId: 'C1', expectedVersion: 9, level: 'satisfied' })
    await act(async () => {})
    expect(api.of('case.get').length).toBe(2)
  })

  test('after rating 满意 the form goes away (the server no longer offers rate for this round)', async () => {
    let rated = false
    const satisfied = { level: 'satisfied' as const, at: T0 + 15 * 24 * H, by: 'o1', round: 0 }
    const api = installApi({
      // The real case.get / case.rate: once this round is rated, `available` no longer lists 'rate'.
      'case.get': () =>
        ok(
          rated
            ? detail({ available: [], version: 10, satisfaction: satisfied }, [
                log({ event: 'rate', what: '满意', by: { id: 'o1' }, role: 'citizen', at: T0 + 15 * 24 * H, version: 10 }),
              ])
            : detail(),
        ),
      'case.rate': () => {
        rated = true
        return ok({ ...detail().case, available: [], version: 10, satisfaction: satisfied })
      },
    })
    const { container } = render(<CasePage />)
    await screen.findByText('请对办理结果进行评价')
    fireEvent.click(within(container.querySelector('.case__rating') as HTMLElement).getByText('满意'))
    fireEvent.click(screen.getByText('提交评价'))
    expect(await screen.findByText('感谢您的评价！')).toBeTruthy()
    expect(screen.queryByText('请对办理结果进行评价')).toBeNull()
    expect(container.querySelector('.case__rating')).toBeNull()
    // after the quiet reload (the timeline gains the rating step) the form stays away
    await act(async () => {})
    expect(api.of('case.get')).toHaveLength(2)
    expect(screen.getByText('感谢您的评价！')).toBeTruthy()
    expect(container.querySelector('.case__rating')).toBeNull()
    expect(api.of('case.rate')).toHaveLength(1)
  })

  test('a reworked case (a new round) is open for rating again', async () => {
    installApi({
      'case.get': () => ok(detail({ available: ['rate'], reworkCount: 1, satisfaction: { level: 'dissatisfied', reason: '只装了一半', at: T0, by: 'o1', round: 0 } })),
    })
    render(<CasePage />)
    expect(await screen.findByText('请对办理结果进行评价')).toBeTruthy()
  })

  test('forbidden: says so, no 重试 (it cannot help), a way home', async () => {
    installApi({ 'case.get': () => fail('FORBIDDEN', '您无权查看该事项') })
    render(<CasePage />)
    expect(await screen.findByText('您无权查看该事项')).toBeTruthy()
    expect(screen.getByText('无权查看')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
    expect(screen.getByLabelText('回到“我的”')).toBeTruthy()
  })

  test('error with 重试; no id says so', async () => {
    let n = 0
    installApi({ 'case.get': () => (++n === 1 ? fail('INTERNAL', '系统繁忙，请稍后重试') : ok(detail({ available: [] }))) })
    render(<CasePage />)
    expect(await screen.findByText('系统繁忙，请稍后重试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('已办结')).toBeTruthy()
  })

  test('without an id', async () => {
    mockRoute.params = {}
    installApi({})
    render(<CasePage />)
    expect(await screen.findByText('缺少诉求编号')).toBeTruthy()
  })

  test('pull to refresh reloads quietly', async () => {
    const api = installApi({ 'case.get': () => ok(detail({ available: [] })) })
    render(<CasePage />)
    await screen.findByText('已办结')
    await act(async () => mockHooks.pull?.())
    expect(api.of('case.get')).toHaveLength(2)
    expect(screen.getByText('已办结')).toBeTruthy()
  })
})

describe('诉求详情: a pending case (before 签收)', () => {
  const pending = (over: Partial<CaseDetail['case']> = {}) =>
    detail({ state: 'dispatched', stateLabel: '待签收', stateKind: 'open', available: ['supplement', 'withdraw'], assignee: undefined, resolution: undefined, ...over })

  test('补充说明: text (validated with the domain schema) → case.supplement; the page reloads', async () => {
    let n = 0
    const api = installApi({
      'case.get': () => ok({ ...pending(), calls: [], log: [] }),
      'case.supplement': () => (++n, ok(pending({ version: 10 }).case)),
    })
    const { container } = render(<CasePage />)
    fireEvent.click(await screen.findByLabelText('补充说明'))
    fireEvent.click(screen.getByLabelText('提交补充'))
    expect(await screen.findByText('请填写补充说明或上传照片')).toBeTruthy()
    expect(api.of('case.supplement')).toHaveLength(0)
    typeInto(container, '补充说明', '旁边的井盖也松动了')
    fireEvent.click(screen.getByLabelText('提交补充'))
    await act(async () => undefined)
    expect(api.of('case.supplement')).toEqual([{ caseId: 'C1', expectedVersion: 9, text: '旁边的井盖也松动了', photos: [] }])
    expectNoInternalIds()
  })

  test('撤回 with an optional reason → case.withdraw; a case already accepted says so and reloads', async () => {
    let accepted = false
    const api = installApi({
      'case.get': () => ok(accepted ? { ...detail({ state: 'accepted', stateLabel: '已签收', stateKind: 'open', available: [] }), calls: [], log: [] } : { ...pending(), calls: [], log: [] }),
      'case.withdraw': () => {
        accepted = true
        return fail('EVENT_NOT_ALLOWED', '当前状态“已签收”不能进行“撤回”')
      },
    })
    const { container } = render(<CasePage />)
    fireEvent.click(await screen.findByLabelText('撤回诉求'))
    typeInto(container, '撤回原因', '已自行解决')
    fireEvent.click(screen.getByLabelText('确认撤回'))
    await act(async () => undefined)
    expect(api.of('case.withdraw')).toEqual([{ caseId: 'C1', expectedVersion: 9, reason: '已自行解决' }])
    expect(await screen.findByText('已签收')).toBeTruthy()
    expect(screen.queryByLabelText('撤回诉求')).toBeNull()
  })

  test('no pending actions once the server stops offering them', async () => {
    installApi({ 'case.get': () => ok(detail({ available: [] })) })
    render(<CasePage />)
    expect(await screen.findByText('左海公园北门道路没有路灯，晚上很黑')).toBeTruthy()
    expect(screen.queryByText('诉求尚未被签收')).toBeNull()
  })

  test('the page never shows an internal id, even from an old log line the server did not name', async () => {
    installApi({ 'case.get': () => ok(detail({ available: [] }, [log({ event: 'decideHard', what: '疑难件研判：责任部门 dept-cgj-zfdd，责任人 staff-x', role: 'leader', by: { id: 'staff-l', name: '林志强' }, at: T0 + 5 * H, version: 6 })])) })
    render(<CasePage />)
    expect(await screen.findByText(/责任部门 某部门，责任人 某工作人员/)).toBeTruthy()
    expectNoInternalIds()
  })
})
