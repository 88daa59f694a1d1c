import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ReportPage from '@/pages/report/index'
import { DRAFT_KEY } from '@/pages/report/draft'
import { resetBootstrap } from '@/services/meta'
import { resetDistrictMap } from '@/services/geo'
import { readLocal } from '@/services/storage'
import { uploadFile } from '@/services/cloud'
import { pickPhotos } from '@/services/media'
import { deferred, fail, installApi, ok, typeInto } from './case-fixtures'
import { COMMUNITIES, STREETS } from '@domain/org/seed'
import { communityAreas } from '@domain/routing/routing-locate'

jest.mock('@/services/media', () => ({ pickPhotos: jest.fn() }))
jest.mock('@/services/scroll', () => ({ scrollToTop: jest.fn(), scrollToAnchor: jest.fn() }))
import { scrollToAnchor, scrollToTop } from '@/services/scroll'
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), uploadFile: jest.fn() }))

const pick = pickPhotos as jest.MockedFunction<typeof pickPhotos>
const upload = uploadFile as jest.MockedFunction<typeof uploadFile>

const storedDraft = () => readLocal<any>(DRAFT_KEY)

const REPORTED = { caseId: 'C20261127001', state: 'dispatched', categoryCode: 'streetlight', suggested: false, replayed: false }

beforeEach(() => {
  localStorage.clear()
  resetBootstrap()
  resetDistrictMap()
  pick.mockReset()
  upload.mockReset()
})

/** 不便提供位置: street, community and address instead of a pin (a report must say where). */
function noLocation(container: HTMLElement, street = '五凤街道', community = '左海社区', address = '左海公园北门') {
  fireEvent.click(screen.getByText('不便提供位置？改为选择街道社区'))
  fireEvent.click(screen.getByText(street))
  fireEvent.click(screen.getByText(community))
  typeInto(container, '详细地址', address)
}

async function renderPage() {
  const view = render(<ReportPage />)
  await screen.findByText('问题描述')
  return view
}

describe('随手拍 form', () => {
  test('validation: Chinese messages inline, nothing sent', async () => {
    const api = installApi({})
    const { container } = await renderPage()

    fireEvent.click(screen.getByText('提交'))
    expect(screen.getByText('请填写问题描述')).toBeTruthy()

    typeInto(container, '问题描述', '路灯')
    expect(screen.queryByText('请填写问题描述')).toBeNull() // editing a field clears its message
    typeInto(container, '联系电话', '12345')
    fireEvent.click(screen.getByText('提交'))
    expect(screen.getByText('问题描述至少5个字')).toBeTruthy()
    expect(screen.getByText('请填写正确的手机号或固定电话')).toBeTruthy()
    expect(api.of('case.report')).toHaveLength(0)
  })

  test('the draft is kept on the device and restored when the page opens again; 清空 starts over', async () => {
    installApi({ 'case.suggestCategory': () => ok([]) })
    const first = await renderPage()
    typeInto(first.container, '问题描述', '左海公园北门的路灯连续三晚不亮')
    fireEvent.click(screen.getByText('不便提供位置？改为选择街道社区'))
    fireEvent.click(screen.getByText('五凤街道'))
    fireEvent.click(screen.getByText('左海社区'))
    typeInto(first.container, '联系电话', '13800138000')
    const saved = storedDraft()
    expect(saved).toMatchObject({
      description: '左海公园北门的路灯连续三晚不亮',
      phone: '13800138000',
      location: { streetId: 'street-wufeng', communityId: 'comm-zuohai', noLocation: true },
    })
    expect(saved.clientToken).toMatch(/^r\w{20,}$/)
    cleanup() // the app is closed

    const second = await renderPage()
    expect(screen.getByText('已恢复上次未提交的内容')).toBeTruthy()
    expect(second.container.querySelector('[aria-label="问题描述"]')?.getAttribute('value')).toBe('左海公园北门的路灯连续三晚不亮')
    expect(screen.getByText('左海社区').closest('.yx-chip')?.className).toContain('yx-chip--on')

    fireEvent.click(screen.getByText('清空'))
    expect(second.container.querySelector('[aria-label="问题描述"]')?.getAttribute('value')).toBe('')
    const fresh = storedDraft()
    expect(fresh === undefined || fresh.clientToken !== saved.clientToken).toBe(true)
  })

  test('a submit that fails on the network keeps the draft; the second submit sends the same clientToken', async () => {
    let attempts = 0
    const api = installApi({
      'case.suggestCategory': () => ok([]),
      'case.report': () => (++attempts === 1 ? { networkError: true } : ok(REPORTED)),
    })
    const { container } = await renderPage()
    typeInto(container, '问题描述', '左海公园北门的路灯连续三晚不亮')
    noLocation(container)
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText('网络异常，请稍后重试。内容已保存在本机，可直接重新提交。')).toBeTruthy()
    expect(storedDraft().description).toBe('左海公园北门的路灯连续三晚不亮')

    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText('提交成功')).toBeTruthy()
    expect(screen.getByText('诉求编号：C20261127001')).toBeTruthy()
    expect(screen.getByText('属地街镇将在 10 分钟内签收')).toBeTruthy()
    const [a, b] = api.of('case.report')
    expect(a.clientToken).toBeTruthy()
    expect(b.clientToken).toBe(a.clientToken)
    expect(b).toEqual({ clientToken: a.clientToken, description: '左海公园北门的路灯连续三晚不亮\n（位置：左海公园北门）', photos: [], communityId: 'comm-zuohai' })
    expect(storedDraft()).toBeUndefined() // submitted: the draft is gone

    // The next report is a new draft with a new token.
    fireEvent.click(screen.getByText('继续反映其他问题'))
    typeInto(container, '问题描述', '五四路人行道砖块松动翘起')
    noLocation(container)
    fireEvent.click(screen.getByText('提交'))
    await screen.findByText('提交成功')
    const third = api.of('case.report')[2]
    expect(third.clientToken).not.toBe(a.clientToken)
  })

  test('the suggestion appears as the user types (debounced) and a tap applies it', async () => {
    const api = installApi({
      'case.suggestCategory': ({ text }) => ok(text.includes('路灯') ? [{ code: 'streetlight', name: '路灯不亮', score: 0.87 }] : []),
      'case.report': () => ok(REPORTED),
    })
    const { container } = await renderPage()
    typeInto(container, '问题描述', '左海')
    typeInto(container, '问题描述', '左海公园')
    typeInto(container, '问题描述', '左海公园北门路灯')
    typeInto(container, '问题描述', '左海公园北门路灯不亮')
    const hint = await screen.findByText('系统判断可能是：路灯不亮 (87%)', {}, { timeout: 3000 })
    expect(api.of('case.suggestCategory')).toEqual([{ text: '左海公园北门路灯不亮' }]) // one call, for the last text

    fireEvent.click(hint)
    expect(screen.queryByText(/系统判断可能是/)).toBeNull()
    expect(screen.getByText('路灯不亮', { selector: '.report__select-value' })).toBeTruthy()
    noLocation(container)
    fireEvent.click(screen.getByText('提交'))
    await screen.findByText('提交成功')
    expect(api.of('case.report')[0].categoryCode).toBe('streetlight')
  })

  test('photos upload with visible progress; submit waits for them; a failed one can be retried', async () => {
    const gates: { progress?: (p: number) => void; gate: ReturnType<typeof deferred<string>> }[] = []
    pick.mockResolvedValue([
      { preview: 'blob:one', source: 'blob:one' },
      { preview: 'blob:two', source: 'blob:two' },
    ])
    upload.mockImplementation((_file, _path, onProgress) => {
      const gate = deferred<string>()
      gates.push({ progress: onProgress, gate })
      return gate.promise
    })
    const api = installApi({ 'case.suggestCategory': () => ok([]), 'case.report': () => ok(REPORTED) })
    const { container } = await renderPage()
    typeInto(container, '问题描述', '道路中间有一个大坑，车辆经过很危险')
    noLocation(container)

    await act(async () => {
      fireEvent.click(screen.getByText('添加照片'))
    })
    expect(pick).toHaveBeenCalledWith(9)
    expect(gates).toHaveLength(2)
    // uploaded under the user's own folder from whoami (the server accepts only those as their photos)
    expect(upload.mock.calls[0][1]).toMatch(/^uploads\/k-test\/reports\/\d{8}\/\w+\.jpg$/)
    act(() => gates[0].progress?.(35))
    expect(screen.getByText('35%')).toBeTruthy()
    expect(screen.getAllByText('0%')).toHaveLength(1)

    fireEvent.click(screen.getByText('提交'))
    expect(screen.getByText('照片正在上传，请稍候再提交')).toBeTruthy()
    expect(api.of('case.report')).toHaveLength(0)

    await act(async () => {
      gates[0].gate.resolve('cloud://env-1.bucket/uploads/k-test/reports/one.jpg')
      gates[1].gate.reject(new Error('上传失败，请重试'))
    })
    fireEvent.click(screen.getByText('提交'))
    expect(screen.getByText('有照片上传失败，请点击重试或删除后再提交')).toBeTruthy()

    fireEvent.click(screen.getByText('重试'))
    expect(gates).toHaveLength(3)
    await act(async () => gates[2].gate.resolve('cloud://env-1.bucket/uploads/k-test/reports/two.jpg'))
    fireEvent.click(screen.getByText('提交'))
    await screen.findByText('提交成功')
    expect(api.of('case.report')[0].photos).toEqual(['cloud://env-1.bucket/uploads/k-test/reports/one.jpg', 'cloud://env-1.bucket/uploads/k-test/reports/two.jpg'])
  })

  test('CONTENT_RISKY shows the message under the description; the draft stays', async () => {
    installApi({
      'case.suggestCategory': () => ok([]),
      'case.report': () => fail('CONTENT_RISKY', '描述中含有不适宜公开的内容，请修改后再提交'),
    })
    const { container } = await renderPage()
    typeInto(container, '问题描述', '这是一段需要修改的描述内容')
    noLocation(container)
    fireEvent.click(screen.getByText('提交'))
    const msg = await screen.findByText('描述中含有不适宜公开的内容，请修改后再提交')
    expect(msg.className).toContain('yx-field-error')
    expect(storedDraft()).toBeDefined()
  })

  test('a duplicate says so and links to the case already being handled', async () => {
    installApi({
      'case.suggestCategory': () => ok([]),
      'case.report': () => ok({ ...REPORTED, caseId: 'C2', duplicateOf: 'C1', state: 'duplicate' }),
    })
    const nav = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }) as never)
    const { container } = await renderPage()
    typeInto(container, '问题描述', '左海公园北门的路灯不亮')
    noLocation(container)
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText('已有相同问题在办理中')).toBeTruthy()
    fireEvent.click(screen.getByText('查看办理中的诉求'))
    expect(nav).toHaveBeenCalledWith({ url: '/pages/case/index?id=C1' })
    nav.mockRestore()
  })

  test('location: street/community and a typed address without a map point go as communityId + text', async () => {
    const api = installApi({ 'case.suggestCategory': () => ok([]), 'case.report': () => ok(REPORTED) })
    const { container } = await renderPage()
    typeInto(container, '问题描述', '井盖缺失，夜间行人容易踩空')
    fireEvent.click(screen.getByText('不便提供位置？改为选择街道社区'))
    fireEvent.click(screen.getByText('温泉街道'))
    fireEvent.click(screen.getByText('金汤社区'))
    typeInto(container, '详细地址', '秘书横巷14号')
    typeInto(container, '联系电话', '13800138000')
    fireEvent.click(screen.getByText('提交'))
    await screen.findByText('提交成功')
    expect(api.of('case.report')[0]).toMatchObject({
      communityId: 'comm-jintang',
      description: '井盖缺失，夜间行人容易踩空\n（位置：秘书横巷14号）',
      phone: '13800138000',
    })
    expect(api.of('case.report')[0].location).toBeUndefined()
  })

  test('a report must say where: nothing sent without a pin or 不便提供位置; 不便提供位置 asks for the community and address', async () => {
    const api = installApi({ 'case.suggestCategory': () => ok([]) })
    const { container } = await renderPage()
    typeInto(container, '问题描述', '井盖缺失，夜间行人容易踩空')
    fireEvent.click(screen.getByText('提交'))
    expect(screen.getByText('请在地图上选择问题位置，或选择“不便提供位置”并选择所在街道和社区')).toBeTruthy()
    fireEvent.click(screen.getByText('不便提供位置？改为选择街道社区'))
    fireEvent.click(screen.getByText('温泉街道'))
    fireEvent.click(screen.getByText('提交'))
    expect(screen.getByText('请在地图上选择问题位置，或选择“不便提供位置”并选择所在街道和社区')).toBeTruthy()
    fireEvent.click(screen.getByText('金汤社区'))
    fireEvent.click(screen.getByText('提交'))
    expect(screen.getByText('请填写详细地址')).toBeTruthy()
    expect(api.of('case.report')).toHaveLength(0)
  })

  test('the pin: street and community in words; outside the district refused; nearby cases and 我也遇到了', async () => {
    const geo = {
      streets: STREETS.map((x) => ({ _id: x._id, name: x.name, centre: x.centre, boundary: x.boundary })),
      communities: communityAreas({ streets: STREETS, communities: COMMUNITIES }).map((a) => ({ _id: a.communityId, name: a.name, streetId: a.streetId, centre: COMMUNITIES.find((c) => c._id === a.communityId)!.centre, area: a.polygon })),
    }
    let here: [number, number] = [119.5, 26.3]
    Object.defineProperty(navigator, 'geolocation', {
      value: { getCurrentPosition: (okFn: PositionCallback) => okFn({ coords: { longitude: here[0], latitude: here[1] } } as GeolocationPosition) },
      configurable: true,
    })
    const api = installApi({
      'case.suggestCategory': () => ok([]),
      'geo.districtMap': () => ok(geo),
      'case.nearby': () => ok({ radiusM: 100, items: [{ id: 'GL20261117-AAAAAAA', categoryCode: 'lamp', categoryName: '路灯不亮', state: 'dispatched', stateLabel: '待签收', point: [119.2831, 26.1041], distanceM: 10, description: '左海公园北门路灯不亮…', createdAt: 1, reporters: 1, mine: false }] }),
      'case.join': ({ caseId }) => ok({ caseId, reporters: 2, joined: true }),
    })
    const { container } = await renderPage()
    await screen.findByLabelText('问题位置地图')
    typeInto(container, '问题描述', '左海公园北门路灯不亮')
    fireEvent.click(screen.getByText('使用我的位置'))
    expect(await screen.findByText(/不在鼓楼区范围内/)).toBeTruthy()
    fireEvent.click(screen.getByText('提交'))
    expect(api.of('case.report')).toHaveLength(0)
    here = [119.283, 26.104]
    fireEvent.click(screen.getByText('使用我的位置'))
    expect(await screen.findByText(/^五凤街道 · \S+社区$/)).toBeTruthy()
    expect(storedDraft().location).toMatchObject({ point: [119.283, 26.104], streetId: 'street-wufeng', communityId: expect.stringMatching(/^comm-/) })
    expect(await screen.findByText('附近 100 米内已有 1 件同类诉求，是同一个问题的话点“我也遇到了”，不必重复上报：')).toBeTruthy()
    expect(api.of('case.nearby')[0]).toEqual({ point: [119.283, 26.104] })
    fireEvent.click(screen.getByText('我也遇到了'))
    expect(await screen.findByText('已加入该诉求')).toBeTruthy()
    expect(api.of('case.join')).toEqual([{ caseId: 'GL20261117-AAAAAAA' }])
    expect(api.of('case.report')).toHaveLength(0)
    delete (navigator as unknown as { geolocation?: unknown }).geolocation
  })

  test('reference data failing to load shows 重试', async () => {
    let n = 0
    installApi({ 'meta.bootstrap': () => (++n === 1 ? fail('SERVER', '服务暂时不可用，请稍后重试') : ok((require('./case-fixtures') as { BOOTSTRAP: unknown }).BOOTSTRAP)) })
    render(<ReportPage />)
    expect(await screen.findByText('服务暂时不可用，请稍后重试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    await waitFor(() => expect(screen.getByText('问题描述')).toBeTruthy())
  })
})

describe('随手拍: where the person looks', () => {
  test('an empty 提交 says what is missing beside the button (the first error, top to bottom), and scrolls to it', async () => {
    installApi({})
    const { container } = await renderPage()
    fireEvent.click(screen.getByText('提交'))
    const alert = container.querySelector('.report__submit-error')!
    expect(alert.textContent).toContain('问题描述：请填写问题描述')
    expect(scrollToAnchor).toHaveBeenCalledWith('report-description')
    // the summary sits right above 提交 (where the tap happened)
    expect(alert.nextElementSibling?.textContent).toContain('提交')
    typeInto(container, '问题描述', '左海公园北门的路灯连续三晚不亮')
    expect(container.querySelector('.report__submit-error')).toBeNull() // filling the field clears it
  })

  test('the phone notice says exactly who sees the number (the domain rule)', async () => {
    const { PHONE_NOTICE } = jest.requireActual('@domain/access/projection') as typeof import('@domain/access/projection')
    installApi({})
    await renderPage()
    expect(screen.getByText(PHONE_NOTICE)).toBeTruthy()
    expect(PHONE_NOTICE).toContain('区指挥中心')
  })

  test('the success page starts at the top', async () => {
    ;(scrollToTop as jest.Mock).mockClear()
    installApi({ 'case.report': () => ok(REPORTED), 'case.suggestCategory': () => ok([]) })
    const { container } = await renderPage()
    typeInto(container, '问题描述', '左海公园北门的路灯连续三晚不亮')
    noLocation(container)
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText(/C20261127001/)).toBeTruthy()
    expect(scrollToTop).toHaveBeenCalled()
  })
})
