import { act, fireEvent, render, screen } from '@testing-library/react'
import TriagePage from '@/lead/triage/index'
import { resetBootstrap as resetBootstrapCache } from '@/services/meta'
import { BOOT, Refuse, fakeApi, resetTaroCalls, typeInto } from './lead-helpers'

jest.mock('@tarojs/taro', () => require('./lead-helpers').taroMock())

const NOW = Date.now()
function summary(id: string, over: Record<string, unknown> = {}) {
  return { id, categoryCode: 'other', categoryName: '其他', description: `描述${id}`, stateLabel: '待人工分派', stateKind: 'open', state: 'triage', createdAt: NOW - 3600_000, updatedAt: NOW, hard: false, overdue: false, ...over }
}
function view(id: string, over: Record<string, unknown> = {}) {
  return {
    case: {
      id, channel: 'miniapp', reporter: {}, categoryCode: 'other', description: `描述${id}`, photos: [], routing: [], deptIds: [], callGroupIds: [],
      state: 'triage', flags: {}, clocks: { extensions: [] }, reworkCount: 0, satisfactionHistory: [], createdAt: NOW, updatedAt: NOW, version: 3,
      stateLabel: '待人工分派', stateKind: 'open', categoryName: '其他', deptNames: [], available: ['dispatch', 'markDuplicate', 'closeInvalid'], ...over,
    },
    calls: [],
    log: [],
  }
}

beforeEach(() => {
  resetTaroCalls()
  resetBootstrapCache()
})

test('待分派: expand, pick street then community, give a reason → case.dispatch; the list reloads', async () => {
  let dispatched = false
  const calls = fakeApi({
    'case.triage': (p) => ({ items: p.tab === 'triage' && !dispatched ? [summary('c1')] : [], counts: { triage: dispatched ? 0 : 1, returned: 0, verify: 0, review: 0 } }),
    'case.get': () => view('c1'),
    'meta.bootstrap': () => BOOT,
    'case.dispatch': () => {
      dispatched = true
      return view('c1').case
    },
  })
  render(<TriagePage />)
  fireEvent.click(await screen.findByText('描述c1'))
  expect(await screen.findByText('无可用定位')).toBeTruthy()
  expect(screen.queryByText('核查')).toBeNull() // only what the server says is available
  fireEvent.click(screen.getByText('分派街镇'))
  fireEvent.click(screen.getByText('确认分派街镇'))
  expect(await screen.findByText('缺少街镇')).toBeTruthy()
  fireEvent.click(screen.getByText('五凤街道'))
  expect(screen.queryByText('金汤社区')).toBeNull()
  fireEvent.click(screen.getByText('左海社区'))
  await act(async () => typeInto(document.querySelector('[aria-label="分派说明"]')!, '位置在左海公园'))
  fireEvent.click(screen.getByText('确认分派街镇'))
  expect(await screen.findByText('没有待人工分派的事项')).toBeTruthy()
  expect(calls.find((c) => c.action === 'case.dispatch')!.payload).toEqual({
    caseId: 'c1', expectedVersion: 3, streetId: 'street-wufeng', communityId: 'comm-zuohai', reason: '位置在左海公园',
  })
})

test('已退单 shows the return reason and every hop; 待核查 refuses a fail without a note, then sends it', async () => {
  const calls = fakeApi({
    'case.triage': (p) => ({
      items: p.tab === 'returned' ? [summary('r1', { stateLabel: '已退单' })] : p.tab === 'verify' ? [summary('v1', { stateLabel: '待核查' })] : [],
      counts: { triage: 0, returned: 1, verify: 1, review: 0 },
    }),
    'case.get': (p) =>
      p.caseId === 'r1'
        ? view('r1', {
            state: 'returned',
            available: ['reroute'],
            returnInfo: { reason: '不在本街道辖区', at: NOW, by: 's1' },
            routing: [
              { decision: { target: 'street', basis: 'polygon', streetId: 'street-wenquan', reason: '按属地派至温泉街道' }, at: NOW - 7200_000, by: 'system', role: 'system', kind: 'route' },
            ],
          })
        : view('v1', { state: 'resolved', available: ['verify'], resolution: { result: '路灯已修复', photos: ['cloud://a.jpg'], at: NOW, by: 's1', source: 'handler' } }),
    'meta.bootstrap': () => BOOT,
    'case.verify': () => new Refuse('VERSION_CONFLICT', '事项已被他人更新，请刷新后重试'),
  })
  render(<TriagePage />)
  fireEvent.click(await screen.findByText('已退单'))
  fireEvent.click(await screen.findByText('描述r1'))
  expect(await screen.findByText(/退单原因：不在本街道辖区/)).toBeTruthy()
  expect(screen.getByText('流转记录（1次）')).toBeTruthy()
  expect(screen.getByText(/温泉街道：按属地派至温泉街道/)).toBeTruthy()
  expect(screen.getByText('改派')).toBeTruthy()

  fireEvent.click(screen.getByText('待核查'))
  fireEvent.click(await screen.findByText('描述v1'))
  expect(await screen.findByText('路灯已修复')).toBeTruthy()
  expect(document.querySelector('[aria-label="办结照片1"]')).toBeTruthy() // the evidence is shown for 核查
  fireEvent.click(screen.getByText('核查'))
  fireEvent.click(screen.getByText('核查不通过（返工）'))
  fireEvent.click(screen.getByText('确认核查'))
  expect(await screen.findByText('核查不通过须说明原因')).toBeTruthy()
  await act(async () => typeInto(document.querySelector('[aria-label="核查意见（必填）"]')!, '现场仍有一盏不亮'))
  fireEvent.click(screen.getByText('确认核查'))
  expect(await screen.findByText('事项已被他人更新，请刷新后重试')).toBeTruthy()
  expect(calls.find((c) => c.action === 'case.verify')!.payload).toEqual({ caseId: 'v1', expectedVersion: 3, pass: false, note: '现场仍有一盏不亮' })
})
