import { act, fireEvent, render, screen } from '@testing-library/react'
import AdminIndex from '@/admin/index/index'
import HealthPage from '@/admin/health/index'
import type { HealthItem } from '@domain/contract'
import { Refuse, fakeApi, resetTaroCalls, taroCalls } from './lead-helpers'

jest.mock('@tarojs/taro', () => require('./lead-helpers').taroMock())

beforeEach(() => resetTaroCalls())

const badRule: HealthItem = { coll: 'standingRules', collLabel: '长效机制', id: 'rule-old-bad', name: '旧数据：空边界', reason: '地理数据无法解析（如区域边界为空或点数不足）', active: true }
const badStreet: HealthItem = { coll: 'streets', collLabel: '街镇', id: 'street-far', name: '远方街道', reason: '位置不在鼓楼区范围内（boundary.coordinates.0.0）' }

test('the admin menu links to 数据健康', () => {
  render(<AdminIndex />)
  fireEvent.click(screen.getByText('数据健康'))
  expect(taroCalls.navigateTo).toEqual(['/admin/health/index'])
})

test('lists the skipped records with their reason; deactivate then delete the rule, delete the street', async () => {
  let items = [badRule, badStreet]
  const calls = fakeApi({
    'admin.health': () => ({ checkedAt: 1, items }),
    'admin.rules.deactivate': () => {
      items = [{ ...badRule, active: false }, badStreet]
      return { _id: badRule.id, active: false }
    },
    'admin.health.remove': (p: { id: string }) => {
      items = items.filter((i) => i.id !== p.id)
      return { removed: true }
    },
  })
  render(<HealthPage />)
  expect(await screen.findByText('旧数据：空边界')).toBeTruthy()
  expect(screen.getByText(/以下2条记录格式不合规/)).toBeTruthy()
  expect(screen.getByText('问题：地理数据无法解析（如区域边界为空或点数不足）')).toBeTruthy()
  expect(screen.getByText('问题：位置不在鼓楼区范围内（boundary.coordinates.0.0）')).toBeTruthy()
  // only an active rule can be deactivated
  expect(document.querySelector('[aria-label="停用远方街道"]')).toBeNull()

  await act(async () => fireEvent.click(document.querySelector('[aria-label="停用旧数据：空边界"]')!))
  await screen.findByText('旧数据：空边界')
  expect(document.querySelector('[aria-label="停用旧数据：空边界"]')).toBeNull()
  await act(async () => fireEvent.click(document.querySelector('[aria-label="删除旧数据：空边界"]')!))
  await act(async () => fireEvent.click(document.querySelector('[aria-label="删除远方街道"]')!))
  expect(await screen.findByText('数据全部正常')).toBeTruthy()
  expect(calls.filter((c) => c.action !== 'admin.health')).toEqual([
    { action: 'admin.rules.deactivate', payload: { ruleId: 'rule-old-bad' } },
    { action: 'admin.health.remove', payload: { coll: 'standingRules', id: 'rule-old-bad' } },
    { action: 'admin.health.remove', payload: { coll: 'streets', id: 'street-far' } },
  ])
})

test('a refusal is shown on the card; a load error offers retry', async () => {
  fakeApi({ 'admin.health': () => ({ checkedAt: 1, items: [badStreet] }), 'admin.health.remove': () => new Refuse('FORBIDDEN', '您没有权限进行此操作') })
  render(<HealthPage />)
  await screen.findByText('远方街道')
  await act(async () => fireEvent.click(document.querySelector('[aria-label="删除远方街道"]')!))
  expect(await screen.findByText('您没有权限进行此操作')).toBeTruthy()

  fakeApi({ 'admin.health': () => new Refuse('INTERNAL', '系统繁忙，请稍后重试') })
  render(<HealthPage />)
  expect(await screen.findByText('系统繁忙，请稍后重试')).toBeTruthy()
})

test('an undecodable case offers only 清除位置数据 (never 删除); the repair empties the list', async () => {
  const badCase: HealthItem = { coll: 'cases', collLabel: '事项', id: 'GL20261116-0000001', name: '旧数据：坐标损坏的诉求', reason: '地理数据无法解析（如区域边界为空或点数不足）' }
  let items: HealthItem[] = [badCase]
  const calls = fakeApi({
    'admin.health': () => ({ checkedAt: 1, items }),
    'admin.health.repair': () => {
      items = []
      return { coll: 'cases', id: badCase.id, cleared: ['location.point'], stillBad: false }
    },
  })
  render(<HealthPage />)
  await screen.findByText('旧数据：坐标损坏的诉求')
  expect(document.querySelector(`[aria-label="删除${badCase.name}"]`)).toBeNull()
  await act(async () => fireEvent.click(document.querySelector(`[aria-label="清除位置数据${badCase.name}"]`)!))
  expect(await screen.findByText('数据全部正常')).toBeTruthy()
  expect(calls.filter((c) => c.action !== 'admin.health')).toEqual([{ action: 'admin.health.repair', payload: { coll: 'cases', id: badCase.id } }])
})
