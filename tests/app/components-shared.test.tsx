import { act, fireEvent, render, renderHook, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Loading from '@/components/Loading'
import EmptyState from '@/components/EmptyState'
import ErrorState from '@/components/ErrorState'
import Timeline, { logToTimeline, whoOf } from '@/components/Timeline'
import CaseCard from '@/components/CaseCard'
import LocationPicker, { placeOf, type LocationValue } from '@/components/LocationPicker'
import PhotoPicker, { usePhotoUploads } from '@/components/PhotoPicker'
import type { LogEntry } from '@domain/common/effect-types'
import type { CaseSummary } from '@domain/contract'

const T0 = Date.UTC(2026, 10, 27, 1, 0) // 2026-11-27 09:00 Shanghai

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('state widgets', () => {
  test('Loading, EmptyState with its action, ErrorState with 重试', () => {
    const onAction = jest.fn()
    const onRetry = jest.fn()
    render(
      <>
        <Loading />
        <EmptyState title='还没有诉求' desc='发现问题随手拍' actionText='去随手拍' onAction={onAction} />
        <ErrorState message='网络异常，请稍后重试' onRetry={onRetry} />
      </>,
    )
    expect(screen.getByText('正在加载…')).toBeTruthy()
    fireEvent.click(screen.getByText('去随手拍'))
    expect(onAction).toHaveBeenCalledTimes(1)
    expect(screen.getByText('加载失败')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  test.each([
    ['NETWORK', '网络或服务暂时不可用', true],
    ['INTERNAL', '网络或服务暂时不可用', true],
    ['NOT_FOUND', '没有找到', false],
    ['CASE_NOT_FOUND', '没有找到', false],
    ['FORBIDDEN', '无权查看', false],
    ['RELATION_FORBIDDEN', '无权查看', false],
    ['MISSING_ID', '没有找到', false],
  ])('ErrorState for %s: title %s, 重试 offered only where it helps, always a way home', (code, title, retry) => {
    const onRetry = jest.fn()
    const switchTab = jest.spyOn(Taro, 'switchTab').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }) as never)
    render(<ErrorState message='说明' code={code} onRetry={onRetry} />)
    expect(screen.getByText(title)).toBeTruthy()
    expect(!!screen.queryByText('重试')).toBe(retry)
    fireEvent.click(screen.getByLabelText('回到“我的”'))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
    switchTab.mockRestore()
  })
})

describe('Timeline', () => {
  const entry = (over: Partial<LogEntry>): LogEntry => ({
    subject: 'case',
    caseId: 'C1',
    event: 'accept',
    what: '签收',
    by: { id: 's1', name: '张晓明' },
    role: 'handler',
    at: T0,
    version: 2,
    ...over,
  })

  test('newest first, with who (name and role), time in Shanghai, tone by event', () => {
    const items = logToTimeline([
      entry({ event: 'report', what: '群众随手拍反映', by: { id: 'o-1' }, role: 'citizen', at: T0 - 60_000, version: 1 }),
      entry({}),
      entry({ event: 'markOverdue', what: '已逾期', by: { id: 'system' }, role: 'system', at: T0 + 3_600_000, version: 3 }),
    ])
    expect(items.map((i) => i.title)).toEqual(['已逾期', '签收', '群众随手拍反映'])
    expect(items.map((i) => i.who)).toEqual(['系统', '张晓明（一线处置员）', '群众'])
    expect(items[0].tone).toBe('danger')
    render(<Timeline items={items} />)
    expect(screen.getByText('2026-11-27 09:00 · 张晓明（一线处置员）')).toBeTruthy()
  })

  test('a citizen is never shown by openid; empty text', () => {
    expect(whoOf({ by: { id: 'o-secret' }, role: 'citizen' })).toBe('群众')
    // the reporting citizen's own steps (the server marks them; the id is a pseudonym)
    expect(whoOf({ by: { id: 'c-0123456789abcdef', self: true }, role: 'citizen' })).toBe('我')
    render(<Timeline items={[]} />)
    expect(screen.getByText('暂无办理记录')).toBeTruthy()
  })
})

describe('CaseCard', () => {
  const item: CaseSummary = {
    id: 'C1',
    categoryCode: 'streetlight',
    categoryName: '路灯不亮',
    description: '左海公园北门路灯不亮',
    stateLabel: '处置中',
    stateKind: 'open',
    state: 'handling',
    createdAt: T0,
    updatedAt: T0,
    streetName: '五凤街道',
    deadline: T0 + 2 * 3_600_000,
    hard: true,
    overdue: false,
    latest: { what: '分派处置人：张晓明', at: T0 + 60_000 },
  }

  test('category, chips, latest step, countdown while open; tap gives the item', () => {
    const onClick = jest.fn()
    render(<CaseCard item={item} now={T0 + 3_600_000} onClick={onClick} />)
    expect(screen.getByText('路灯不亮')).toBeTruthy()
    expect(screen.getByText('疑难件')).toBeTruthy()
    expect(screen.getByText('处置中')).toBeTruthy()
    expect(screen.getByText('分派处置人：张晓明 · 11-27 09:01')).toBeTruthy()
    expect(screen.getByText('剩余 1小时')).toBeTruthy()
    fireEvent.click(screen.getByText('左海公园北门路灯不亮'))
    expect(onClick).toHaveBeenCalledWith(item)
  })

  test('closed: no countdown, closed chip', () => {
    render(<CaseCard item={{ ...item, state: 'closed', stateKind: 'closed', stateLabel: '已办结', hard: false }} now={T0} />)
    expect(screen.getByText('已办结')).toBeTruthy()
    expect(screen.queryByText(/剩余/)).toBeNull()
  })
})

describe('LocationPicker', () => {
  const streets = [
    { _id: 'street-wufeng', name: '五凤街道' },
    { _id: 'street-wenquan', name: '温泉街道' },
  ]
  const communities = [
    { _id: 'comm-jintang', name: '金汤社区', streetId: 'street-wenquan' },
    { _id: 'comm-zuohai', name: '左海社区', streetId: 'street-wufeng' },
  ]

  test('不便提供位置: street → community chips, address text; switching street clears the community', () => {
    let value: LocationValue = { noLocation: true }
    const onChange = jest.fn((v: LocationValue) => (value = v))
    const { rerender } = render(<LocationPicker value={value} onChange={onChange} streets={streets} communities={communities} />)
    expect(screen.queryByText('金汤社区')).toBeNull()
    fireEvent.click(screen.getByText('温泉街道'))
    rerender(<LocationPicker value={value} onChange={onChange} streets={streets} communities={communities} />)
    expect(screen.queryByText('左海社区')).toBeNull()
    fireEvent.click(screen.getByText('金汤社区'))
    expect(value).toEqual({ noLocation: true, streetId: 'street-wenquan', communityId: 'comm-jintang' })
    rerender(<LocationPicker value={value} onChange={onChange} streets={streets} communities={communities} />)
    fireEvent.click(screen.getByText('五凤街道'))
    expect(value).toEqual({ noLocation: true, streetId: 'street-wufeng', communityId: undefined })
  })

  test('use my position (navigator.geolocation) sets the point; placeOf only with a real point', () => {
    const getCurrentPosition = jest.fn((ok: PositionCallback) =>
      ok({ coords: { longitude: 119.28, latitude: 26.1 } } as GeolocationPosition),
    )
    Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true })
    let value: LocationValue = { address: '左海公园北门' }
    render(<LocationPicker value={value} onChange={(v) => (value = v)} streets={streets} communities={communities} />)
    fireEvent.click(screen.getByText('使用我的位置'))
    expect(value.point).toEqual([119.28, 26.1])
    expect(placeOf(value)).toEqual({ point: { type: 'Point', coordinates: [119.28, 26.1] }, address: '左海公园北门' })
    expect(placeOf({ streetId: 'x', address: 'y' })).toBeUndefined()
    delete (navigator as unknown as { geolocation?: unknown }).geolocation
  })
})

describe('PhotoPicker', () => {
  test('each photo uploads with its own progress; a failure offers 重试 that uploads again', async () => {
    const uploads: { path: string; progress?: (p: number) => void; gate: ReturnType<typeof deferred<string>> }[] = []
    const upload = jest.fn((file: string | Blob, cloudPath: string, onProgress?: (p: number) => void) => {
      const gate = deferred<string>()
      uploads.push({ path: cloudPath, progress: onProgress, gate })
      void file
      return gate.promise
    })
    const pick = jest.fn(async (count: number) => {
      expect(count).toBe(9)
      return [
        { preview: 'blob:a', source: 'blob:a' },
        { preview: 'blob:b', source: 'blob:b' },
      ]
    })
    const { result } = renderHook(() => usePhotoUploads({ max: 9, dir: 'reports', pick, upload, uploadDir: async () => 'uploads/k-me' }))
    const view = render(<PhotoPicker photos={result.current} />)
    await act(async () => {
      await result.current.add()
    })
    view.rerender(<PhotoPicker photos={result.current} />)
    expect(uploads).toHaveLength(2)
    // under the user's own folder (whoami.uploadDir): the server accepts only those files as their photos
    expect(uploads[0].path).toMatch(/^uploads\/k-me\/reports\/\d{8}\/\w+\.jpg$/)
    act(() => uploads[0].progress?.(40))
    view.rerender(<PhotoPicker photos={result.current} />)
    expect(screen.getByText('40%')).toBeTruthy()
    expect(result.current.busy).toBe(true)

    await act(async () => {
      uploads[0].gate.resolve('cloud://env/reports/a.jpg')
      uploads[1].gate.reject(new Error('网络异常，请稍后重试'))
    })
    view.rerender(<PhotoPicker photos={result.current} />)
    expect(result.current.fileIDs).toEqual(['cloud://env/reports/a.jpg'])
    expect(result.current.failed).toBe(1)
    expect(screen.getByText('上传失败')).toBeTruthy()

    fireEvent.click(screen.getByText('重试'))
    expect(uploads).toHaveLength(3)
    await act(async () => uploads[2].gate.resolve('cloud://env/reports/b.jpg'))
    expect(result.current.fileIDs).toEqual(['cloud://env/reports/a.jpg', 'cloud://env/reports/b.jpg'])
    expect(result.current.busy).toBe(false)

    act(() => result.current.remove(result.current.items[0].key))
    expect(result.current.fileIDs).toEqual(['cloud://env/reports/b.jpg'])
  })

  test('never more than max photos; the add tile disappears when full', async () => {
    const pick = jest.fn(async (count: number) => Array.from({ length: count + 2 }, (_, i) => ({ preview: `p${i}`, source: `p${i}` })))
    const upload = jest.fn(async () => 'cloud://x')
    const { result } = renderHook(() => usePhotoUploads({ max: 3, pick, upload }))
    await act(async () => {
      await result.current.add()
    })
    expect(result.current.items).toHaveLength(3)
    render(<PhotoPicker photos={result.current} />)
    expect(screen.queryByText('添加照片')).toBeNull()
  })
})
