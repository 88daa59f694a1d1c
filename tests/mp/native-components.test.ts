/**
 * StatusChip and Countdown as `taro build native-components --type weapp` emits them (dist/native),
 * rendered by miniprogram-simulate with the official wcc: the real mini-program template engine and
 * Taro's React runtime, as a phone would run them.
 */
import path from 'node:path'
import { NATIVE_DIR, requireBuild } from './builds'

// miniprogram-simulate registers global Component/Behavior/wx on load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as {
  load(componentPath: string, tagName: string, options?: { rootPath?: string; compiler?: string }): string
  render(id: string, properties?: Record<string, unknown>): SimComponent
  sleep(ms: number): Promise<void>
}

interface SimComponent {
  dom: HTMLElement
  attach(parent: HTMLElement): void
  detach(): void
  setData(data: Record<string, unknown>): void
}

const g = globalThis as unknown as Record<string, unknown>

beforeAll(() => {
  requireBuild(NATIVE_DIR, 'components/StatusChip/index.json', 'npm run build:native')
  // Taro's native-component runtime asks for the page stack and the app; the simulator has neither.
  g.getCurrentPages = () => [{ route: 'pages/sim/index', options: {} }]
  g.getApp = () => ({})
})

// Load each component definition once: jest caches the built module, so a second load would not
// run its Component() call again.
const loaded = new Map<string, string>()
function definitionId(component: string): string {
  let id = loaded.get(component)
  if (!id) {
    id = simulate.load(path.join(NATIVE_DIR, 'components', component, 'index'), component.toLowerCase(), {
      rootPath: NATIVE_DIR,
    })
    loaded.set(component, id)
  }
  return id
}

function mount(component: string, props: Record<string, unknown>): SimComponent {
  const id = definitionId(component)
  const comp = simulate.render(id, { props })
  const parent = document.createElement('div')
  document.body.appendChild(parent)
  comp.attach(parent)
  return comp
}

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

