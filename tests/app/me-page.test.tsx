import { act, fireEvent, render, screen } from '@testing-library/react'
import MePage from '@/pages/me/index'
import { answer, installFakeFetch, type FakeCall } from './fake-fetch'

const ZHANG = { openid: 'o-handler-1', roles: ['citizen', 'handler'], name: '张晓明', unitName: '五凤街道' }
const LI = { openid: 'o-dept-1', roles: ['dept', 'deptLeader'], name: '李建华', unitName: '区城管局市政所' }

const identities = answer([
  { openid: ZHANG.openid, name: ZHANG.name, roles: ZHANG.roles, unitName: ZHANG.unitName },
  { openid: LI.openid, name: LI.name, roles: LI.roles, unitName: LI.unitName },
])

/** The profile header's name (the dev switcher lists the same names, so scope to the header). */
const HEADER = { selector: '.me__name' }

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('我的 page', () => {
  test('shows loading, then who you are from whoami, with the workbench your role opens', async () => {
    const gate = deferred<void>()
    const calls = installFakeFetch({
      'POST /api/fn/api': async () => {
        await gate.promise
        return answer({ code: 0, data: ZHANG })
      },
      'GET /dev/identities': () => identities,
    })

    render(<MePage />)
    expect(screen.getByText('正在加载…')).toBeTruthy()
    expect(screen.queryByText('张晓明', HEADER)).toBeNull()

    await act(async () => gate.resolve())
    expect(await screen.findByText('张晓明', HEADER)).toBeTruthy()
    expect(screen.getByText('五凤街道')).toBeTruthy()
    expect(screen.getByText('街镇一线处置员')).toBeTruthy()
    expect(screen.queryByText('群众')).toBeNull() // staff see their posts, not the citizen role
    expect(screen.getByText('一线处置工作台')).toBeTruthy()
    expect(screen.queryByText('部门呼叫工作台')).toBeNull()
    expect(screen.queryByText('正在加载…')).toBeNull()

    const api = calls.filter((c) => c.url === '/api/fn/api')
    expect(api).toHaveLength(1)
    expect(api[0]).toMatchObject({ method: 'POST', credentials: 'include', body: { action: 'whoami' } })
  })

  test('a plain citizen sees the citizen role and no workbench', async () => {
    installFakeFetch({
      'POST /api/fn/api': () =>
        answer({ code: 0, data: { openid: 'o-citizen', roles: ['citizen'], name: null, unitName: null } }),
      'GET /dev/identities': () => answer([]),
    })
    render(<MePage />)
    expect(await screen.findByText('群众')).toBeTruthy()
    expect(screen.getByText('群众用户', HEADER)).toBeTruthy()
    expect(screen.queryByText('我的工作台')).toBeNull()
    expect(screen.getByText(/通过“随手拍”反映/)).toBeTruthy()
  })

  test('a network failure shows the error, and 重试 loads again', async () => {
    let attempts = 0
    installFakeFetch({
      'POST /api/fn/api': () => {
        attempts += 1
        return attempts === 1 ? { networkError: true } : answer({ code: 0, data: LI })
      },
      'GET /dev/identities': () => identities,
    })

    render(<MePage />)
    expect(await screen.findByText('加载失败')).toBeTruthy()
    expect(screen.getByText('网络异常，请稍后重试')).toBeTruthy()

    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('李建华', HEADER)).toBeTruthy()
    expect(screen.getByText('部门经办人')).toBeTruthy()
    expect(screen.getByText('部门领导')).toBeTruthy()
    expect(screen.getByText('部门呼叫工作台')).toBeTruthy()
    expect(screen.queryByText('加载失败')).toBeNull()
    expect(attempts).toBe(2)
  })

  test("a business error shows the function's Chinese message", async () => {
    installFakeFetch({
      'POST /api/fn/api': () => answer({ code: 'ACCOUNT_DISABLED', message: '账号已停用，请联系管理员' }),
      'GET /dev/identities': () => identities,
    })
    render(<MePage />)
    expect(await screen.findByText('账号已停用，请联系管理员')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })

  test('H5 dev switcher lists identities, switches, then reloads whoami', async () => {
    let current: typeof ZHANG | typeof LI = ZHANG
    const calls = installFakeFetch({
      'POST /api/fn/api': () => answer({ code: 0, data: current }),
      'GET /dev/identities': () => identities,
      'POST /dev/identity': (call: FakeCall) => {
        current = (call.body as { openid: string }).openid === LI.openid ? LI : ZHANG
        return answer({ ok: true })
      },
    })

    render(<MePage />)
    expect(screen.getByText('开发环境 · 切换身份')).toBeTruthy()
    expect(await screen.findByText('张晓明', HEADER)).toBeTruthy()
    expect(await screen.findByText('区城管局市政所 · 部门经办人、部门领导')).toBeTruthy()

    fireEvent.click(screen.getByText('李建华', { selector: '.dev__item-name' }))
    expect(await screen.findByText('李建华', HEADER)).toBeTruthy()
    expect(screen.getByText('部门呼叫工作台')).toBeTruthy()
    expect(screen.getByText('李建华（当前）', { selector: '.dev__item-name' })).toBeTruthy()
    expect(screen.queryByText('一线处置工作台')).toBeNull()

    const switchCall = calls.find((c) => c.url === '/dev/identity')
    expect(switchCall).toMatchObject({ method: 'POST', credentials: 'include', body: { openid: LI.openid } })
    expect(calls.filter((c) => c.url === '/api/fn/api')).toHaveLength(2)
  })
})
