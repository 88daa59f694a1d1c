import { act, fireEvent, render, screen } from '@testing-library/react'
import BoardPage from '@/lead/board/index'
import DecidePage from '@/lead/decide/index'
import { resetBootstrap as resetBootstrapCache } from '@/services/meta'
import { BOOT, Refuse, fakeApi, resetTaroCalls, router, taroCalls } from './lead-helpers'
import { expectNoInternalIds } from './no-internal-ids'

jest.mock('@tarojs/taro', () => require('./lead-helpers').taroMock())

const HOUR = 3600_000
const NOW = Date.now()
const HARD_ITEM = {
  id: 'case-zuohai',
  categoryCode: 'lamp',
  categoryName: '路灯不亮',
  description: '左海公园北门道路没有路灯，晚上很黑',
  stateLabel: '处置中',
  stateKind: 'open',
  state: 'handling',
  createdAt: NOW - 50 * HOUR,
  updatedAt: NOW - HOUR,
  streetName: '五凤街道',
  deadline: NOW + 20 * HOUR,
  hard: true,
  overdue: true,
  hardReason: '涉及6个单位，权责不清',
  deptNames: ['区城管局市政所'],
}
const LEADERS = [
  { staffId: 's-d', name: '林志强', level: 'district' },
  { staffId: 's-s', name: '陈美华', level: 'street', streetName: '五凤街道' },
]

function caseView(over: Record<string, unknown> = {}) {
  return {
    case: {
      id: 'case-zuohai',
      channel: 'hotline12345',
      reporter: {},
      categoryCode: 'lamp',
      description: HARD_ITEM.description,
      photos: [],
      routing: [],
      streetId: 'street-wufeng',
      deptIds: ['dept-cgj-szs'],
      callGroupIds: [],
      state: 'handling',
      flags: { hard: { by: 's-h', role: 'handler', at: NOW - 2 * HOUR, reason: '涉及6个单位，权责不清' } },
      clocks: { extensions: [], deadline: NOW - HOUR },
      reworkCount: 0,
      satisfactionHistory: [],
      createdAt: NOW - 50 * HOUR,
      updatedAt: NOW - HOUR,
      version: 7,
      stateLabel: '处置中',
      stateKind: 'open',
      categoryName: '路灯不亮',
      streetName: '五凤街道',
      deptNames: ['区城管局市政所'],
      available: ['decideHard', 'note'],
      ...over,
    },
    calls: [],
    log: [
      { subject: 'case', caseId: 'case-zuohai', event: 'flagHard', what: '标记疑难件：涉及6个单位', by: { id: 's-h', name: '毛晓佳' }, role: 'handler', at: NOW - 2 * HOUR, version: 6 },
    ],
  }
}

beforeEach(() => {
  resetTaroCalls()
  resetBootstrapCache()
})

describe('疑难件看板', () => {
  test('shows who is on duty and the hard cases with reason, age, street and departments; tap opens 研判', async () => {
    const calls = fakeApi({ 'lead.board': () => ({ onDuty: true, leaders: LEADERS, items: [HARD_ITEM] }) })
    render(<BoardPage />)
    expect(screen.getByText('正在加载…')).toBeTruthy()
    expect(await screen.findByText('林志强')).toBeTruthy()
    expect(screen.getByText('五凤街道 陈美华')).toBeTruthy()
    expect(screen.getByText('区级：')).toBeTruthy()
    expect(screen.getByText('涉及6个单位，权责不清')).toBeTruthy()
    expect(screen.getByText('已逾期')).toBeTruthy()
    expect(screen.getByText('区城管局市政所')).toBeTruthy()
    expect(screen.getByText(/已历时 2天2小时/)).toBeTruthy()
    expect(screen.getByText('您今天在岗轮值，可以研判并指定责任。')).toBeTruthy()
    expect(calls[0]).toEqual({ action: 'lead.board', payload: { scope: 'mine' } })
    expectNoInternalIds()

    fireEvent.click(screen.getByText(HARD_ITEM.description))
    expect(taroCalls.navigateTo).toEqual(['/lead/decide/index?id=case-zuohai'])
  })

  test('switching to 全区 asks for scope all; an empty board says so', async () => {
    const calls = fakeApi({ 'lead.board': (p) => ({ onDuty: false, leaders: [], items: p.scope === 'all' ? [] : [HARD_ITEM] }) })
    render(<BoardPage />)
    await screen.findByText(HARD_ITEM.description)
    fireEvent.click(screen.getByText('全区疑难件'))
    expect(await screen.findByText('暂无疑难件')).toBeTruthy()
    expect(calls.map((c) => c.payload.scope)).toEqual(['mine', 'all'])
    expect(screen.getByText(/今天没有排定轮值领导/)).toBeTruthy()
    expect(screen.getByText(/您今天不在轮值班次/)).toBeTruthy()
  })

  test('an error shows the message and 重试 loads again', async () => {
    let n = 0
    fakeApi({ 'lead.board': () => (++n === 1 ? new Refuse('INTERNAL', '系统繁忙，请稍后重试') : { onDuty: true, leaders: LEADERS, items: [] }) })
    render(<BoardPage />)
    expect(await screen.findByText('系统繁忙，请稍后重试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('暂无疑难件')).toBeTruthy()
  })
})

describe('疑难件研判', () => {
  test('on duty: pick department (searchable), person, keep the default deadline, add a note → case.decideHard', async () => {
    router.params = { id: 'case-zuohai' }
    let decided = false
    const calls = fakeApi({
      'case.get': () =>
        decided
          ? caseView({ available: [], flags: { hard: { reason: '涉及6个单位', at: 1, by: 'x', role: 'handler', decision: { deptId: 'dept-cgj-szs', personId: 's-szs-1', personName: '王建国', deadline: NOW + 72 * HOUR, note: '市政所牵头', at: NOW } } } })
          : caseView(),
      'lead.board': () => ({ onDuty: true, leaders: LEADERS, items: [HARD_ITEM] }),
      'meta.bootstrap': () => BOOT,
      'staff.list': (p) =>
        p.deptId === 'dept-cgj-szs'
          ? [{ _id: 's-szs-1', name: '王建国', title: '市政所所长', roles: ['deptLeader'] }]
          : [{ _id: 's-hj-1', name: '黄丽', roles: ['dept'] }],
      'case.decideHard': () => {
        decided = true
        return caseView().case
      },
    })
    render(<DecidePage />)
    expect(await screen.findByText('疑难原因：涉及6个单位，权责不清')).toBeTruthy()
    expect(screen.getByText('标记疑难件：涉及6个单位')).toBeTruthy() // timeline
    // the called department is preselected; its staff load
    expect(screen.getByText('责任部门：区城管局市政所')).toBeTruthy()
    expect(await screen.findByText('王建国（市政所所长）')).toBeTruthy()

    // 更换 opens the searchable list; search narrows it; the command centre is not a candidate
    expect(document.querySelector('[aria-label="搜索责任部门"]')).toBeNull()
    fireEvent.click(screen.getByText('更换'))
    const search = document.querySelector('[aria-label="搜索责任部门"]')!
    await act(async () => search.dispatchEvent(new CustomEvent('input', { detail: { value: '环境' }, bubbles: true })))
    expect(screen.getByText('区生态环境局')).toBeTruthy()
    expect(screen.queryByText('区城管局')).toBeNull()
    await act(async () => search.dispatchEvent(new CustomEvent('input', { detail: { value: '' }, bubbles: true })))
    expect(screen.queryByText('区城市运行指挥中心')).toBeNull()
    fireEvent.click(screen.getByText('区城管局市政所', { selector: '.lv-list-item *' }))
    expect(document.querySelector('[aria-label="搜索责任部门"]')).toBeNull()

    // without a person the schema refuses, in Chinese, before any call
    fireEvent.click(screen.getByText('确认研判'))
    expect(await screen.findByText('缺少责任人')).toBeTruthy()
    expect(calls.some((c) => c.action === 'case.decideHard')).toBe(false)

    fireEvent.click(screen.getByText('王建国（市政所所长）'))
    const note = document.querySelector('[aria-label="研判意见"]')!
    await act(async () => note.dispatchEvent(new CustomEvent('input', { detail: { value: '市政所牵头' }, bubbles: true })))
    fireEvent.click(screen.getByText('确认研判'))
    expect(await screen.findByText('已研判')).toBeTruthy()
    const sent = calls.find((c) => c.action === 'case.decideHard')!.payload
    expect(sent).toMatchObject({ caseId: 'case-zuohai', deptId: 'dept-cgj-szs', personId: 's-szs-1', note: '市政所牵头', expectedVersion: 7 })
    // the case's deadline had passed: default is three days ahead at 18:00
    const d = new Date(sent.deadline)
    expect(sent.deadline).toBeGreaterThan(NOW + 2 * 24 * HOUR)
    expect(d.getMinutes()).toBe(0)
    expect(screen.getByText('责任人：王建国')).toBeTruthy()
    expect(taroCalls.toasts).toContain('已指定责任')
    // the form folds away after the decision; 调整研判 opens it again
    expect(screen.queryByText('确认研判')).toBeNull()
    expectNoInternalIds()
  })

  test('not on duty: the button is disabled and says why', async () => {
    router.params = { id: 'case-zuohai' }
    const calls = fakeApi({
      'case.get': () => caseView({ available: ['note'] }),
      'lead.board': () => ({ onDuty: false, leaders: LEADERS, items: [] }),
      'meta.bootstrap': () => BOOT,
      'staff.list': () => [{ _id: 's-szs-1', name: '王建国', roles: ['dept'] }],
    })
    render(<DecidePage />)
    expect(await screen.findByText('您今天不在巡查轮值班次，只有当日轮值领导可以研判疑难件。')).toBeTruthy()
    fireEvent.click(await screen.findByText('王建国'))
    fireEvent.click(screen.getByText('确认研判'))
    expect(calls.some((c) => c.action === 'case.decideHard')).toBe(false)
    expect(document.querySelector('[aria-label^="确认研判（不可用"]')).toBeTruthy()
  })

  test('a refused decision (version conflict) shows the server message', async () => {
    router.params = { id: 'case-zuohai' }
    fakeApi({
      'case.get': () => caseView(),
      'lead.board': () => ({ onDuty: true, leaders: LEADERS, items: [] }),
      'meta.bootstrap': () => BOOT,
      'staff.list': () => [{ _id: 's-szs-1', name: '王建国', roles: ['dept'] }],
      'case.decideHard': () => new Refuse('VERSION_CONFLICT', '事项已被他人更新，请刷新后重试'),
    })
    render(<DecidePage />)
    fireEvent.click(await screen.findByText('王建国'))
    fireEvent.click(screen.getByText('确认研判'))
    expect(await screen.findByText('事项已被他人更新，请刷新后重试')).toBeTruthy()
  })
})
