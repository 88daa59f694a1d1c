import { act, fireEvent, render, screen } from '@testing-library/react'
import PrivacyPrompt, { installPrivacyHandler } from '@/components/PrivacyPrompt'
import { privacy } from './lead-helpers'

jest.mock('@tarojs/taro', () => require('./lead-helpers').taroMock())

test('H5: nothing is registered and nothing renders', () => {
  expect(installPrivacyHandler()).toBe(false)
  const { container } = render(<PrivacyPrompt />)
  expect(container.innerHTML).toBe('')
  expect(privacy.listener).toBeNull()
})

describe('mini-program', () => {
  const prev = process.env.TARO_ENV
  beforeAll(() => {
    process.env.TARO_ENV = 'weapp'
  })
  afterAll(() => {
    process.env.TARO_ENV = prev
  })

  test('without a prompt on the page, WeChat is answered "disagree" at once (no hang)', () => {
    expect(installPrivacyHandler()).toBe(true)
    expect(installPrivacyHandler()).toBe(false) // once only
    const resolve = jest.fn()
    privacy.listener!(resolve, { referrer: 'getLocation' })
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' })
  })

  test('with the prompt mounted: shows why, 拒绝 answers disagree; 同意 is the agreePrivacyAuthorization button', async () => {
    render(<PrivacyPrompt />)
    const resolve = jest.fn()
    await act(async () => privacy.listener!(resolve, { referrer: 'chooseLocation' }))
    expect(screen.getByText('用户隐私保护提示')).toBeTruthy()
    expect(screen.getByText(/为选择问题发生的位置/)).toBeTruthy()
    const agree = document.querySelector('[aria-label="同意并继续"]')!
    expect(agree.getAttribute('open-type') ?? agree.getAttribute('openType') ?? (agree as unknown as { openType?: string }).openType).toBe(
      'agreePrivacyAuthorization',
    )
    fireEvent.click(screen.getByText('拒绝'))
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' })
    expect(screen.queryByText('用户隐私保护提示')).toBeNull()
  })
})
