import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import BindPage, { normaliseInviteCode } from '@/pages/bind/index'
import MePage from '@/pages/me/index'
import { answer } from './fake-fetch'
import { fail, installApi, ok, typeInto } from './case-fixtures'

describe('绑定工作人员身份', () => {
  test('normalises what people type', () => {
    expect(normaliseInviteCode(' ab12-cd34 ')).toBe('AB12CD34')
  })

  test('validates the code before asking the server', async () => {
    const api = installApi({})
    const { container } = render(<BindPage />)
    fireEvent.click(screen.getByText('绑定'))
    expect(screen.getByText('请填写邀请码')).toBeTruthy()
    typeInto(container, '邀请码', 'ab1')
    fireEvent.click(screen.getByText('绑定'))
    expect(screen.getByText('邀请码格式不正确（8位大写字母或数字）')).toBeTruthy()
    expect(api.of('account.bindInvite')).toHaveLength(0)
  })

  test('server refusals show its message; success shows who, then back to 我的 (reLaunch reloads whoami)', async () => {
    let n = 0
    const api = installApi({
      'account.bindInvite': () =>
        ++n === 1 ? fail('INVITE_USED', '该邀请码已被使用') : ok({ staffId: 's1', name: '张晓明', roles: ['citizen', 'handler'] }),
    })
    const relaunch = jest.spyOn(Taro, 'reLaunch').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }) as never)
    const { container } = render(<BindPage />)
    typeInto(container, '邀请码', 'wf-7k2q9x')
    fireEvent.click(screen.getByText('绑定'))
    expect(await screen.findByText('该邀请码已被使用')).toBeTruthy()

    fireEvent.click(screen.getByText('绑定'))
    expect(await screen.findByText('绑定成功')).toBeTruthy()
    expect(screen.getByText('张晓明 · 街镇一线处置员')).toBeTruthy()
    expect(api.of('account.bindInvite')).toEqual([{ inviteCode: 'WF7K2Q9X' }, { inviteCode: 'WF7K2Q9X' }])
    fireEvent.click(screen.getByText('返回我的'))
    expect(relaunch).toHaveBeenCalledWith({ url: '/pages/me/index' })
    relaunch.mockRestore()
  })

  test('我的 offers the binding entry to a plain citizen only', async () => {
    installApi(
      { whoami: () => ok({ openid: 'o-c', roles: ['citizen'], name: null, unitName: null }) },
      { 'GET /dev/identities': () => answer([]) },
    )
    const nav = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }) as never)
    const view = render(<MePage />)
    fireEvent.click(await screen.findByText('绑定工作人员身份'))
    expect(nav).toHaveBeenCalledWith({ url: '/pages/bind/index' })
    view.unmount()

    installApi(
      { whoami: () => ok({ openid: 'o-h', roles: ['citizen', 'handler'], name: '张晓明', unitName: '五凤街道' }) },
      { 'GET /dev/identities': () => answer([]) },
    )
    render(<MePage />)
    await screen.findByText('一线处置工作台')
    expect(screen.queryByText('绑定工作人员身份')).toBeNull()
    nav.mockRestore()
  })
})
