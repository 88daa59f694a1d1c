import { act, render, screen } from '@testing-library/react'
import StatusChip from '@/components/StatusChip'
import Countdown from '@/components/Countdown'
import { countdownState, formatSpan } from '@/components/Countdown/countdown'

const MIN = 60_000
const HOUR = 60 * MIN

function classOf(text: string): string {
  const el = screen.getByText(text)
  // The text node's wrapper is the Taro <Text>; the chip/countdown class sits on its parent <View>.
  return (el.closest('[class*="status-chip "], [class*="countdown "]') as HTMLElement | null)?.className ?? ''
}

describe('StatusChip', () => {
  test.each([
    ['待签收', 'open'],
    ['已办结', 'closed'],
    ['临期', 'warn'],
    ['已逾期', 'danger'],
  ] as const)('%s renders with kind %s', (label, kind) => {
    render(<StatusChip label={label} kind={kind} />)
    expect(classOf(label)).toContain(`status-chip--${kind}`)
  })
})

describe('Countdown arithmetic', () => {
  test.each([
    [0, '0秒'],
    [5 * 1000, '5秒'],
    [9 * MIN + 59_000, '9分59秒'],
    [HOUR - 1, '59分59秒'],
    [HOUR, '1小时'],
    [23 * HOUR + 59 * MIN, '23小时59分'],
    [2 * 24 * HOUR + 3 * HOUR + 10 * MIN, '2天3小时'],
  ])('formatSpan(%d) = %s', (ms, text) => {
    expect(formatSpan(ms)).toBe(text)
  })

  test('warn under 20% of the window, danger when overdue', () => {
    const start = 0
    const deadline = 10 * MIN
    expect(countdownState(deadline, 7 * MIN, start)).toEqual({ text: '剩余 3分钟', tone: 'normal', overdue: false })
    expect(countdownState(deadline, 8 * MIN, start).tone).toBe('normal') // exactly 20% left: not yet
    expect(countdownState(deadline, 8 * MIN + 1000, start)).toEqual({ text: '剩余 1分59秒', tone: 'warn', overdue: false })
    expect(countdownState(deadline, deadline, start)).toEqual({ text: '已超时 0秒', tone: 'danger', overdue: true })
    expect(countdownState(deadline, deadline + 65_000, start).text).toBe('已超时 1分5秒')
    expect(countdownState(deadline, deadline + 3 * HOUR, start).text).toBe('已超时 3小时')
  })

  test('without a start, warn within the last 30 minutes', () => {
    expect(countdownState(HOUR, 0).tone).toBe('normal')
    expect(countdownState(HOUR, 31 * MIN).tone).toBe('warn')
  })
})

describe('Countdown', () => {
  afterEach(() => jest.useRealTimers())

  test('with a fixed now it shows the remaining time and tone', () => {
    render(<Countdown deadline={10 * MIN} start={0} now={9 * MIN} />)
    expect(classOf('剩余 1分钟')).toContain('countdown--warn')
  })

  test('overdue shows 已超时 in danger', () => {
    render(<Countdown deadline={10 * MIN} now={12 * MIN + 30_000} />)
    expect(classOf('已超时 2分30秒')).toContain('countdown--danger')
  })

  test('ticks with the clock and turns to 已超时 at the deadline', () => {
    jest.useFakeTimers({ now: 1_000_000 })
    const deadline = 1_000_000 + 3000
    render(<Countdown deadline={deadline} start={1_000_000 - 60_000} />)
    expect(classOf('剩余 3秒')).toContain('countdown--warn')

    act(() => {
      jest.advanceTimersByTime(1000)
    })
    expect(screen.getByText('剩余 2秒')).toBeTruthy()

    // One tick per second: each render schedules the next tick.
    for (let i = 0; i < 3; i++) {
      act(() => {
        jest.advanceTimersByTime(1000)
      })
    }
    expect(classOf('已超时 1秒')).toContain('countdown--danger')
  })
})
