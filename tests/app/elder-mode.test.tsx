import { act, fireEvent, render, screen } from '@testing-library/react'
import MePage from '@/pages/me/index'
import BoardPage from '@/lead/board/index'
import { ELDER_KEY, elderClass, getElderScale, resetElderMode } from '@/components/ElderMode'
import { fakeApi, resetTaroCalls, taroCalls } from './lead-helpers'
import { answer, installFakeFetch } from './fake-fetch'

jest.mock('@tarojs/taro', () => require('./lead-helpers').taroMock())

beforeEach(() => {
  resetTaroCalls()
  resetElderMode()
  document.documentElement.className = ''
  document.documentElement.style.removeProperty('--elder-zoom')
})

function meFetch() {
  installFakeFetch({
    'POST /api/fn/api': () => answer({ code: 0, data: { openid: 'o1', roles: ['citizen', 'admin'], name: '管理员甲', unitName: '区数据管理局' } }),
    'GET /dev/identities': () => answer([]),
  })
}

const zoom = () => document.documentElement.style.getPropertyValue('--elder-zoom')

test('我的: the 大字模式 switch stores the choice on the device and applies it to the root', async () => {
  meFetch()
  render(<MePage />)
  expect(await screen.findByText('管理员甲', { selector: '.me__name' })).toBeTruthy()
  // an administrator sees the admin and command-centre workbenches too
  expect(screen.getByText('管理后台')).toBeTruthy()
  expect(screen.getByText('指挥中心工作台')).toBeTruthy()
  expect(document.documentElement.classList.contains('elder')).toBe(false)

  const sw = document.querySelector('[aria-label="大字模式"]')!
  await act(async () => sw.dispatchEvent(new CustomEvent('change', { detail: { value: true }, bubbles: true })))
  expect(taroCalls.storage[ELDER_KEY]).toBe(1.25)
  expect(document.documentElement.classList.contains('elder')).toBe(true)
  expect(zoom()).toBe('1.25')

  fireEvent.click(screen.getByText('特大字'))
  expect(taroCalls.storage[ELDER_KEY]).toBe(1.5)
  expect(zoom()).toBe('1.5')
  expect(document.querySelector('[aria-label="特大字（已选）"]')).toBeTruthy()

  await act(async () => sw.dispatchEvent(new CustomEvent('change', { detail: { value: false }, bubbles: true })))
  expect(taroCalls.storage[ELDER_KEY]).toBe(1)
  expect(document.documentElement.classList.contains('elder')).toBe(false)
  expect(screen.queryByText('特大字')).toBeNull()
})

test('a stored choice is read back; junk in storage means standard size', () => {
  taroCalls.storage[ELDER_KEY] = 1.5
  expect(getElderScale()).toBe(1.5)
  resetElderMode()
  taroCalls.storage[ELDER_KEY] = 'huge'
  expect(getElderScale()).toBe(1)
  expect(elderClass(1)).toBe('')
  expect(elderClass(1.25)).toBe('elder elder--125')
})

test('in the mini-program each page root carries the class (H5 uses <html> instead)', async () => {
  taroCalls.storage[ELDER_KEY] = 1.25
  const prev = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
  try {
    fakeApi({ 'lead.board': () => ({ onDuty: false, leaders: [], items: [] }) })
    const { container } = render(<BoardPage />)
    expect(await screen.findByText('暂无疑难件')).toBeTruthy()
    expect(container.querySelector('.lv-page')!.className).toContain('elder elder--125')
  } finally {
    process.env.TARO_ENV = prev
  }
})
