/**
 * StatusChip and Countdown as `taro build native-components --type weapp` emits them (dist/native),
 * rendered by miniprogram-simulate with the official wcc: the real mini-program template engine and
 * Taro's React runtime, as a phone would run them.
 */
import { NATIVE_DIR, requireBuild } from './builds'
import { fakePageStack, mount as mountAt, simulate, type SimComponent } from './simulate'

beforeAll(() => {
  requireBuild(NATIVE_DIR, 'components/StatusChip/index.json', 'npm run build:native')
  fakePageStack()
})

const mount = (component: string, props: Record<string, unknown>): SimComponent => mountAt(`components/${component}`, props)

/** Taro sends its render tree to the template with an async setData: wait until the text appears. */
async function textOf(comp: SimComponent, expected: RegExp, waitMs = 500): Promise<string> {
  for (let i = 0; i < waitMs / 10; i++) {
    const text = comp.dom.textContent ?? ''
    if (expected.test(text)) return text.trim()
    await simulate.sleep(10)
  }
  return (comp.dom.textContent ?? '').trim()
}

function classesIn(comp: SimComponent): string {
  return Array.from(comp.dom.querySelectorAll('[class]'))
    .map((el) => el.getAttribute('class'))
    .join(' ')
}

describe('native components in miniprogram-simulate', () => {
  test('StatusChip renders its label and kind', async () => {
    const chip = mount('StatusChip', { label: '待签收', kind: 'warn' })
    expect(await textOf(chip, /待签收/)).toBe('待签收')
    expect(classesIn(chip)).toContain('status-chip--warn')
    chip.detach()
  })

  test('Countdown renders remaining time, and 已超时 when overdue', async () => {
    const now = Date.UTC(2026, 10, 17, 2, 0, 0)
    const running = mount('Countdown', { deadline: now + 9 * 60_000 + 5_000, start: now - 60_000, now })
    expect(await textOf(running, /剩余/)).toBe('剩余 9分5秒')
    expect(classesIn(running)).toContain('countdown--normal')
    running.detach()

    const late = mount('Countdown', { deadline: now - 65_000, now })
    expect(await textOf(late, /已超时/)).toBe('已超时 1分5秒')
    expect(classesIn(late)).toContain('countdown--danger')
    late.detach()
  })

  test('Countdown ticks by itself in the mini-program runtime (React state → setData)', async () => {
    const deadline = Date.now() + 1200
    const live = mount('Countdown', { deadline })
    expect(await textOf(live, /剩余/)).toMatch(/^剩余 [01]秒$/)
    // The component re-renders every second; within a few ticks it must cross the deadline.
    expect(await textOf(live, /已超时/, 4000)).toMatch(/^已超时 \d秒$/)
    expect(classesIn(live)).toContain('countdown--danger')
    live.detach()
  })
})

