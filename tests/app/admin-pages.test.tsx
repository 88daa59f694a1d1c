import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import AdminIndex from '@/admin/index/index'
import CategoriesPage from '@/admin/categories/index'
import StaffPage from '@/admin/staff/index'
import RotaPage, { toggleDuty } from '@/admin/rota/index'
import RulesPage from '@/admin/rules/index'
import { resetBootstrap } from '@/services/meta'
import { BOOT, Refuse, fakeApi, resetTaroCalls, taroCalls, typeInto } from './lead-helpers'
import { expectNoInternalIds } from './no-internal-ids'

/** the bootstrap with city-level units (they own 供水问题, 排水管道, 电线下垂) */
const CITY_BOOT = { ...BOOT, cityUnits: [{ _id: 'city-swjt', name: '福州市水务集团', counterpartDeptId: 'dept-slj' }, { _id: 'city-dtjt', name: '福州地铁集团', counterpartDeptId: 'dept-zjj' }] }

jest.mock('@tarojs/taro', () => require('./lead-helpers').taroMock())

const el = (label: string) => document.querySelector(`[aria-label="${label}"]`)!
async function type(label: string, value: string) {
  await act(async () => typeInto(el(label), value))
}

beforeEach(() => {
  resetTaroCalls()
  resetBootstrap()
})

test('admin menu opens each page', () => {
  render(<AdminIndex />)
  fireEvent.click(screen.getByText('巡查轮值排班'))
  fireEvent.click(screen.getByText('长效机制'))
  expect(taroCalls.navigateTo).toEqual(['/admin/rota/index', '/admin/rules/index'])
})

test('categories: deadline in days, grid switch, owner departments → admin.categories.save', async () => {
  const lamp = { _id: 'cat-lamp', code: 'lamp', name: '路灯不亮', class: '部件', ownerDeptIds: ['dept-cgj-szs'], gridItem: false, deadlineMinutes: 4320, sort: 1 }
  const calls = fakeApi({ 'admin.categories.list': () => [lamp], 'meta.bootstrap': () => BOOT, 'admin.categories.save': () => ({ ...lamp }) })
  render(<CategoriesPage />)
  expect(await screen.findByText('时限 3天')).toBeTruthy()
  expect(screen.getByText('区城管局市政所')).toBeTruthy()
  fireEvent.click(screen.getByText('路灯不亮'))
  expect((el('办理时限数值') as HTMLInputElement).getAttribute('value')).toBe('3')
  await type('办理时限数值', '2')
  fireEvent.click(screen.getByText('小时'))
  await act(async () => el('网格化办理事项').dispatchEvent(new CustomEvent('change', { detail: { value: true }, bubbles: true })))
  fireEvent.click(screen.getByText('区生态环境局'))
  fireEvent.click(screen.getByText('保存分类设置'))
  await screen.findByText('时限 3天') // list reloads
  expect(calls.find((c) => c.action === 'admin.categories.save')!.payload).toEqual({
    code: 'lamp', deadlineMinutes: 120, gridItem: true, pauseAtNight: false, ownerDeptIds: ['dept-cgj-szs', 'dept-sthj'], cityUnitId: null,
  })
  expectNoInternalIds()
})

test('categories: a city-level unit shows as owner and can be chosen; unknown owners never show their id', async () => {
  const water = { _id: 'cat-water-supply', code: 'water-supply', name: '供水问题', class: '事件', ownerDeptIds: [], cityUnitId: 'city-swjt', gridItem: false, deadlineMinutes: 1440, sort: 7 }
  const odd = { _id: 'cat-x', code: 'x', name: '旧类型', class: '事件', ownerDeptIds: ['dept-gone'], gridItem: false, deadlineMinutes: 1440, sort: 8 }
  const calls = fakeApi({ 'admin.categories.list': () => [water, odd], 'meta.bootstrap': () => CITY_BOOT, 'admin.categories.save': () => ({ ...water }) })
  render(<CategoriesPage />)
  expect(await screen.findByText('福州市水务集团')).toBeTruthy()
  expect(screen.getByText('某部门')).toBeTruthy()
  expectNoInternalIds()
  fireEvent.click(screen.getByText('供水问题'))
  expect(el('福州市水务集团（市直），已选中')).toBeTruthy()
  fireEvent.click(screen.getByText('福州地铁集团（市直）')) // one city unit owns a matter: replaces
  expect(el('福州市水务集团（市直）')).toBeTruthy()
  fireEvent.click(screen.getByText('保存分类设置'))
  await screen.findByText('供水问题')
  expect(calls.find((c) => c.action === 'admin.categories.save')!.payload).toMatchObject({ code: 'water-supply', ownerDeptIds: [], cityUnitId: 'city-dtjt' })
})

test('categories: add one (name, code, deadline, owners, night pause); disable one', async () => {
  const lamp = { _id: 'cat-lamp', code: 'lamp', name: '路灯不亮', class: '部件', ownerDeptIds: ['dept-cgj-szs'], gridItem: false, deadlineMinutes: 4320, sort: 1 }
  const calls = fakeApi({ 'admin.categories.list': () => [lamp], 'meta.bootstrap': () => CITY_BOOT, 'admin.categories.save': (p) => ({ ...lamp, ...p }) })
  render(<CategoriesPage />)
  fireEvent.click(await screen.findByText('新增问题类型'))
  fireEvent.click(screen.getAllByText('新增问题类型').at(-1)!)
  expect(await screen.findByText('请填写类型名称（2–20个字）')).toBeTruthy()
  await type('类型名称', '电梯故障')
  await type('类型编码（英文，用于统计）', 'Elevator!')
  fireEvent.click(screen.getAllByText('新增问题类型').at(-1)!)
  expect(await screen.findByText(/类型编码须为/)).toBeTruthy()
  await type('类型编码（英文，用于统计）', 'elevator')
  await type('办理时限数值', '4')
  fireEvent.click(screen.getByText('小时'))
  fireEvent.click(screen.getAllByText('新增问题类型').at(-1)!)
  expect(await screen.findByText(/请至少选择一个责任单位/)).toBeTruthy()
  fireEvent.click(screen.getByText('区生态环境局'))
  await act(async () => el('夜间暂停计时').dispatchEvent(new CustomEvent('change', { detail: { value: true }, bubbles: true })))
  fireEvent.click(screen.getAllByText('新增问题类型').at(-1)!)
  await screen.findByText('路灯不亮')
  expect(calls.find((c) => c.action === 'admin.categories.save')!.payload).toEqual({
    code: 'elevator', name: '电梯故障', class: '事件', deadlineMinutes: 240, gridItem: false, pauseAtNight: true, ownerDeptIds: ['dept-sthj'],
  })
  fireEvent.click(screen.getByText('路灯不亮'))
  fireEvent.click(screen.getByText('停用该类型'))
  await act(async () => undefined)
  expect(calls.filter((c) => c.action === 'admin.categories.save').at(-1)!.payload).toEqual({ code: 'lamp', disabled: true })
})

test('staff: create an officer in a post, see and copy the invite code; re-issue for another', async () => {
  const existing = { _id: 's1', name: '毛晓佳', roles: ['handler'], streetId: 'street-wufeng', phone: '13800000001', openid: 'dev-s1' }
  const calls = fakeApi({
    'admin.staff.list': () => ({ items: [existing], nextCursor: null, total: 1 }),
    'meta.bootstrap': () => BOOT,
    'admin.staff.save': (p) => ({ staff: { _id: 's2', ...p }, inviteCode: 'K7QX2M' }),
    'admin.staff.invite': () => ({ inviteCode: 'P9ZT4A' }),
  })
  render(<StaffPage />)
  expect(await screen.findByText('已绑定微信')).toBeTruthy()
  expect(screen.getByText(/五凤街道 · 138\*\*\*\*0001/)).toBeTruthy() // phone masked
  fireEvent.click(screen.getByText('新增人员'))
  await type('姓名', '王建国')
  await type('联系电话', '139')
  fireEvent.click(screen.getByText('部门经办人'))
  fireEvent.click(screen.getByText('保存并生成邀请码'))
  expect(await screen.findByText('请填写正确的手机号或固定电话')).toBeTruthy()
  await type('联系电话', '13900000002')
  fireEvent.click(screen.getByText('保存并生成邀请码'))
  expect(await screen.findByText('部门人员请选择所属部门')).toBeTruthy()
  fireEvent.click(screen.getByText('区城管局市政所'))
  fireEvent.click(screen.getByText('经办人'))
  fireEvent.click(screen.getByText('保存并生成邀请码'))
  expect(await screen.findByText('K7QX2M')).toBeTruthy()
  expect(calls.find((c) => c.action === 'admin.staff.save')!.payload).toEqual({
    name: '王建国', phone: '13900000002', roles: ['dept'], deptId: 'dept-cgj-szs', post: 'officer',
  })
  fireEvent.click(screen.getByText('复制邀请码'))
  expect(taroCalls.clipboard).toEqual(['K7QX2M'])

  // a community worker needs street then community
  fireEvent.click(screen.getByText('关闭'))
  fireEvent.click(screen.getByText('新增人员'))
  await type('姓名', '林小燕')
  await type('联系电话', '13900000003')
  fireEvent.click(screen.getByText('社区工作人员'))
  fireEvent.click(screen.getByText('五凤街道'))
  expect(screen.queryByText('金汤社区')).toBeNull()
  fireEvent.click(screen.getByText('保存并生成邀请码'))
  expect(await screen.findByText('社区工作人员请选择所属社区')).toBeTruthy()
  fireEvent.click(screen.getByText('左海社区'))
  fireEvent.click(screen.getByText('保存并生成邀请码'))
  expect(await screen.findByText('K7QX2M')).toBeTruthy()
  expect(calls.filter((c) => c.action === 'admin.staff.save')[1].payload).toEqual({
    name: '林小燕', phone: '13900000003', roles: ['community'], streetId: 'street-wufeng', communityId: 'comm-zuohai',
  })

  fireEvent.click(await screen.findByText('重新生成邀请码'))
  expect(await screen.findByText('P9ZT4A')).toBeTruthy()
  expect(calls.find((c) => c.action === 'admin.staff.invite')!.payload).toEqual({ staffId: 's1' })
})

test('rota: the week grid shows who is on duty; tapping a cell and a leader changes only that weekday', async () => {
  const entries = [
    { _id: 'r1', level: 'district', staffId: 'L1', weekdays: [1, 3] },
    { _id: 'r2', level: 'street', streetId: 'street-wufeng', staffId: 'L2', weekdays: [1] },
    { _id: 'r3', level: 'district', staffId: 'L1', from: '2026-10-01', to: '2026-10-07' },
  ]
  const staff = [
    { _id: 'L1', name: '林志强', roles: ['leader'], phone: '1' },
    { _id: 'L3', name: '郑海', roles: ['leader'], phone: '1' },
    { _id: 'L2', name: '陈美华', roles: ['leader'], streetId: 'street-wufeng', phone: '1' },
  ]
  const calls = fakeApi({ 'admin.rota.list': () => ({ entries }), 'admin.staff.list': () => ({ items: staff, nextCursor: null, total: staff.length }), 'meta.bootstrap': () => BOOT, 'admin.rota.save': () => ({ ok: true }) })
  render(<RotaPage />)
  expect(await screen.findByText('特殊日期排班')).toBeTruthy()
  expect(el('区级周一：林志强')).toBeTruthy()
  expect(el('五凤街道周一：陈美华')).toBeTruthy()
  expect(el('区级周二：未排班')).toBeTruthy()
  fireEvent.click(el('区级周二：未排班'))
  expect(screen.queryByText('陈美华', { selector: '.sx-chip *' })).toBeNull() // street leader not offered for district level
  fireEvent.click(screen.getByText('郑海'))
  expect(el('区级周二：郑海')).toBeTruthy()
  fireEvent.click(screen.getByText('保存排班'))
  await screen.findByText('特殊日期排班')
  const saved = calls.find((c) => c.action === 'admin.rota.save')!.payload.entries
  expect(saved).toHaveLength(4)
  expect(saved).toContainEqual({ _id: 'rota-district-district-L3', level: 'district', staffId: 'L3', weekdays: [2] })
  expect(saved).toContainEqual(entries[2])
})

test('staff: a city-level unit\'s officer shows the unit name (never its id); city units can be chosen', async () => {
  const metro = { _id: 's9', name: '何工', roles: ['dept'], deptId: 'city-dtjt', post: 'officer', phone: '13800000009' }
  const gone = { _id: 's8', name: '钱工', roles: ['dept'], deptId: 'dept-gone', post: 'officer', phone: '13800000008' }
  fakeApi({ 'admin.staff.list': () => [metro, gone], 'meta.bootstrap': () => CITY_BOOT })
  render(<StaffPage />)
  expect(await screen.findByText(/福州地铁集团 · 经办人/)).toBeTruthy()
  expect(screen.getByText(/某部门 · 经办人/)).toBeTruthy()
  expectNoInternalIds()
  fireEvent.click(screen.getByText('新增人员'))
  fireEvent.click(screen.getByText('部门经办人', { selector: '.sx-chip *' }))
  expect(screen.getByText('福州市水务集团（市直）')).toBeTruthy()
  expectNoInternalIds()
})

test('rota: today is marked, the week scrolls with a hint, names never show ids', async () => {
  const { rotaWeekday } = require('@/admin/rota/index') as typeof import('@/admin/rota/index')
  expect(rotaWeekday(Date.parse('2026-12-06T10:00:00+08:00'))).toBe(7) // a Sunday
  expect(rotaWeekday(Date.parse('2026-12-07T00:30:00+08:00'))).toBe(1) // Monday in Shanghai, still Sunday in UTC
  const entries = [{ _id: 'r1', level: 'district', staffId: 'staff-gone', weekdays: [1, 2, 3, 4, 5, 6, 7] }]
  fakeApi({ 'admin.rota.list': () => ({ entries }), 'admin.staff.list': () => ({ items: [], nextCursor: null, total: 0 }), 'meta.bootstrap': () => BOOT })
  render(<RotaPage />)
  expect(await screen.findByText(/左右滑动查看周一至周日/)).toBeTruthy()
  const today = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'][rotaWeekday(Date.now()) - 1]
  expect(screen.getByText(`${today}·今天`)).toBeTruthy()
  expect(document.querySelectorAll('.rota-cell--today').length).toBe(3) // 区级 + 2 streets
  expect(el(`区级${today}：某工作人员`)).toBeTruthy()
  expectNoInternalIds()
})

test('toggleDuty removes a weekday and drops an entry left with none', () => {
  const row = { level: 'district' as const, label: '区级' }
  const e = [{ _id: 'r1', level: 'district' as const, staffId: 'L1', weekdays: [1, 3] }]
  expect(toggleDuty(e, row, 3, 'L1')).toEqual([{ ...e[0], weekdays: [1] }])
  expect(toggleDuty(toggleDuty(e, row, 3, 'L1'), row, 1, 'L1')).toEqual([])
})

test('rules: category + area + 事前/事中/事后 departments and duties → admin.rules.save; a refusal is shown', async () => {
  const calls = fakeApi({
    'admin.rules.list': () => [],
    'meta.bootstrap': () => ({ ...BOOT, categories: [...BOOT.categories, { code: 'fumes', name: '餐饮油烟', class: '事件', deadlineMinutes: 2880, gridItem: false }] }),
    'admin.rules.save': (p: any) => {
      saves += 1
      if (saves === 1) return new Refuse('FORBIDDEN', '仅管理员可以修改长效机制')
      if (p.onOverlap !== 'replace')
        return new Refuse('RULE_OVERLAP', '与生效中的长效机制适用范围重叠：请选择替换原规则、缩小适用区域，或取消', {
          conflicts: [{ _id: 'rule-old', title: '五凤油烟（旧）', categoryCode: 'fumes', area: { streetId: 'street-wufeng' }, from: '2026-01-05' }],
        })
      return { _id: 'rule-new', active: true, replaced: ['rule-old'] }
    },
  })
  let saves = 0
  render(<RulesPage />)
  fireEvent.click(await screen.findByText('新增长效机制'))
  fireEvent.click(screen.getByText('餐饮油烟'))
  fireEvent.click(screen.getByText('五凤街道'))
  fireEvent.click(el('事中责任部门：未选择'))
  fireEvent.click(screen.getByText('区生态环境局'))
  fireEvent.click(screen.getByText('保存'))
  expect(await screen.findByText('请填写事中的职责')).toBeTruthy()
  await type('事中职责', '环保监督')
  fireEvent.click(el('事后责任部门：未选择'))
  fireEvent.click(screen.getByText('区城管局'))
  await type('事后职责', '城管处置处罚')
  fireEvent.click(screen.getByText('保存'))
  expect(await screen.findByText('仅管理员可以修改长效机制')).toBeTruthy()
  expect(calls.find((c) => c.action === 'admin.rules.save')!.payload).toEqual({
    categoryCode: 'fumes',
    area: { streetId: 'street-wufeng' },
    assignments: [
      { phase: 'during', deptId: 'dept-sthj', duty: '环保监督' },
      { phase: 'after', deptId: 'dept-cgj', duty: '城管处置处罚' },
    ],
    active: true,
    from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  })
  // overlapping a rule in force: the choice is asked, never made silently
  fireEvent.click(screen.getByText('保存'))
  expect(await screen.findByText(/适用范围重叠/)).toBeTruthy()
  // the rules in force it overlaps come with the refusal (its details), not from a second request
  expect(screen.getByText('「五凤油烟（旧）」· 五凤街道 · 2026-01-05 起')).toBeTruthy()
  expect(calls.filter((c) => c.action === 'admin.rules.overlaps')).toHaveLength(0)
  expect(screen.getByText('缩小适用区域')).toBeTruthy()
  fireEvent.click(screen.getByText('替换原规则（原规则终止）'))
  await waitFor(() => expect(calls.filter((c) => c.action === 'admin.rules.save')).toHaveLength(3))
  expect(calls.filter((c) => c.action === 'admin.rules.save')[2].payload.onOverlap).toBe('replace')
})
