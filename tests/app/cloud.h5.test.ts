import { ApiError, callApi, devIdentities, devSetIdentity, uploadFile } from '@/services/cloud'
import { answer, installFakeFetch } from './fake-fetch'

describe('cloud service (H5)', () => {
  test('resolves to the platform file: cloud.h5.ts', async () => {
    // cloud.ts (the typed fallback) would reject with UNSUPPORTED_PLATFORM without calling fetch.
    const calls = installFakeFetch({ 'POST /api/fn/api': () => answer({ code: 0, data: 1 }) })
    await expect(callApi('whoami')).resolves.toBe(1)
    expect(calls).toHaveLength(1)
  })

  test('callApi sends { action, payload } and returns data', async () => {
    const calls = installFakeFetch({
      'POST /api/fn/api': () => answer({ code: 0, data: { caseId: 'C1' } }),
    })
    await expect(callApi('case.suggestCategory', { text: '路灯不亮' })).resolves.toEqual({ caseId: 'C1' })
    expect(calls[0]).toMatchObject({
      method: 'POST',
      credentials: 'include',
      body: { action: 'case.suggestCategory', payload: { text: '路灯不亮' } },
    })
  })

  test('a non-zero code becomes ApiError { code, message }', async () => {
    installFakeFetch({
      'POST /api/fn/api': () => answer({ code: 'FORBIDDEN', message: '无权办理该事项' }),
    })
    const err = await callApi('whoami').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'FORBIDDEN', message: '无权办理该事项' })
  })

  test('a dropped connection or a non-JSON error page is NETWORK', async () => {
    installFakeFetch({ 'POST /api/fn/api': () => ({ networkError: true }) })
    await expect(callApi('whoami')).rejects.toMatchObject({ code: 'NETWORK', message: '网络异常，请稍后重试' })

    installFakeFetch({ 'POST /api/fn/api': () => ({ status: 502 }) })
    await expect(callApi('whoami')).rejects.toMatchObject({ code: 'NETWORK', message: '网络异常，请稍后重试' })
  })

  test("the platform's own error (function crashed: 502 { errCode, errMsg }) is SERVER", async () => {
    installFakeFetch({ 'POST /api/fn/api': () => answer({ errCode: -504002, errMsg: 'functions execute fail' }, 502) })
    await expect(callApi('whoami')).rejects.toMatchObject({ code: 'SERVER', message: '服务暂时不可用，请稍后重试' })
  })

  test('an answer that is not an envelope is BAD_RESPONSE', async () => {
    installFakeFetch({ 'POST /api/fn/api': () => answer({ hello: 'world' }) })
    await expect(callApi('whoami')).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
  })

  test('uploadFile posts the raw body to /api/upload?cloudPath=… and returns the fileID', async () => {
    const calls = installFakeFetch({
      'POST /api/upload': () => answer({ fileID: 'cloud://env/reports/a.jpg' }),
    })
    const progress: number[] = []
    const file = new Blob(['jpeg-bytes'], { type: 'image/jpeg' })
    await expect(uploadFile(file, 'reports/a 1.jpg', (p) => progress.push(p))).resolves.toBe('cloud://env/reports/a.jpg')
    expect(calls[0].url).toBe('/api/upload?cloudPath=reports%2Fa%201.jpg')
    expect(calls[0].body).toBe(file)
    expect(progress).toEqual([0, 100])
  })

  test('uploadFile failure carries the server message', async () => {
    installFakeFetch({
      'POST /api/upload': () => answer({ code: 'TOO_LARGE', message: '图片过大' }, 413),
    })
    await expect(uploadFile(new Blob(['x']), 'a.jpg')).rejects.toMatchObject({ code: 'TOO_LARGE', message: '图片过大' })
  })

  test('dev identities and switching', async () => {
    const calls = installFakeFetch({
      'GET /dev/identities': () => answer([{ openid: 'o1', name: '王芳', roles: ['command'] }]),
      'POST /dev/identity': () => answer({ ok: true }),
    })
    await expect(devIdentities()).resolves.toEqual([{ openid: 'o1', name: '王芳', roles: ['command'], unitName: undefined }])
    await devSetIdentity(null)
    expect(calls[1]).toMatchObject({ method: 'POST', credentials: 'include', body: { openid: null } })
  })

  test("local/'s { current, identities } answer; the no-identity entry is left to the switcher", async () => {
    installFakeFetch({
      'GET /dev/identities': () =>
        answer({
          current: null,
          identities: [
            { _id: null, openid: null, name: '匿名群众', roles: ['citizen'], unitName: '' },
            { _id: 's1', openid: 'o-s1', name: '陈立新', roles: ['handler'], unitName: '五凤街道' },
          ],
        }),
    })
    await expect(devIdentities()).resolves.toEqual([
      { openid: 'o-s1', name: '陈立新', roles: ['handler'], unitName: '五凤街道' },
    ])
  })

  test('dev switcher unavailable (server without devRoleSwitcher) is a clear error', async () => {
    installFakeFetch({ 'GET /dev/identities': () => ({ status: 404 }) })
    await expect(devIdentities()).rejects.toMatchObject({ code: 'DEV_UNAVAILABLE' })
  })
})
