/**
 * How every e2e suite touches the H5 build: by what a person sees (aria-label, text), on the page that is on screen.
 *
 * Taro's H5 components are web components (`taro-input-core`, `taro-textarea-core`, `taro-picker-core`) that carry
 * the `aria-label` on the host element and render the real `<input>` / `<textarea>` inside it once hydrated, so a
 * plain `locator.fill` on the labelled element fails ("Element is not an <input>…") whenever the browser is faster
 * than hydration, and depends on the browser version. `fill` here waits for the real editable element, types into
 * it, and checks that the value took (the component's own value, i.e. React's state, not just the DOM's).
 * `pick` drives a Taro picker as a finger would: open it, drag each column to the wanted row, 确定, and checks the
 * picker's value. Nothing here sleeps for a fixed time: every wait is for a condition.
 */
import type { Locator, Page } from 'playwright-core'

const FIELD_TIMEOUT_MS = 15_000

export interface Ui {
  page: Page
  /** The element labelled `label` that is on screen (Taro's H5 router keeps earlier pages hidden in the DOM). */
  byLabel(label: string): Locator
  /** Waits until `text` is on screen. */
  see(text: string | RegExp): Promise<void>
  /** Taps the element labelled `label` once it is on screen. */
  tap(label: string): Promise<void>
  /** Types `value` into the input/textarea labelled `label` (a Taro component or a native element). */
  fill(label: string, value: string): Promise<void>
  /** Chooses `items` (one per column, as shown in the picker) in the Taro picker opened by the element `label`. */
  pick(label: string, ...items: string[]): Promise<string>
  /** Waits until no API request is in flight and the page has painted twice (before a screenshot). */
  settle(): Promise<void>
}

export function ui(page: Page, opts: { timeoutMs?: number } = {}): Ui {
  const timeoutMs = opts.timeoutMs ?? FIELD_TIMEOUT_MS
  const byLabel = (label: string): Locator => page.locator(`[aria-label="${label}"]`).filter({ visible: true }).first()
  return {
    page,
    byLabel,
    see: (text) => page.getByText(text).filter({ visible: true }).first().waitFor(),
    async tap(label) {
      const el = byLabel(label)
      await el.waitFor()
      await el.click()
    },
    fill: (label, value) => fillField(byLabel(label), label, value, timeoutMs),
    pick: (label, ...items) => pickItems(page, byLabel(label), label, items),
    settle: () => settle(page),
  }
}

/** The real editable element of a labelled field: itself when native, else the input/textarea its component renders. */
async function editableOf(host: Locator, label: string, timeoutMs: number): Promise<Locator> {
  try {
    await host.waitFor({ timeout: timeoutMs })
  } catch {
    throw new Error(`field "${label}": no such field on screen within ${timeoutMs} ms`)
  }
  const tag = await host.evaluate((el) => el.tagName.toLowerCase())
  if (tag === 'input' || tag === 'textarea') return host
  const inner = host.locator('input:not([type="hidden"]), textarea').first()
  try {
    await inner.waitFor({ state: 'visible', timeout: timeoutMs })
  } catch {
    throw new Error(`field "${label}": <${tag}> rendered no visible <input>/<textarea> within ${timeoutMs} ms (not hydrated?)`)
  }
  return inner
}

export async function fillField(host: Locator, label: string, value: string, timeoutMs = FIELD_TIMEOUT_MS): Promise<void> {
  const target = await editableOf(host, label, timeoutMs)
  await target.fill(value)
  // The value took when the element shows it and the component's own value (set back from React state) agrees.
  const seen = async (): Promise<{ dom: string; component: string | null }> => ({
    dom: await target.inputValue(),
    component: await host.evaluate((el) => {
      const v = (el as unknown as { value?: unknown }).value
      return v === undefined || v === null ? null : String(v)
    }),
  })
  const deadline = Date.now() + timeoutMs
  let last = await seen()
  while (last.dom !== value || (last.component !== null && last.component !== value)) {
    if (Date.now() > deadline) {
      throw new Error(`field "${label}": typed ${JSON.stringify(value)}, the field shows ${JSON.stringify(last.dom)} (component value ${JSON.stringify(last.component)})`)
    }
    await nextFrame(host.page())
    last = await seen()
  }
}

const LINE_HEIGHT = 34 // Taro H5 picker row height (px), fixed by @tarojs/components

interface ColumnState {
  items: string[]
  index: number
  box: { x: number; y: number; width: number; height: number }
}

/** Each column of an open picker: its rows' text, the row under the indicator, and where it is on screen. */
async function columns(sheet: Locator): Promise<ColumnState[]> {
  const groups = sheet.locator('.weui-picker__bd taro-picker-group')
  const n = await groups.count()
  const out: ColumnState[] = []
  for (let i = 0; i < n; i++) {
    const g = groups.nth(i)
    const state = await g.evaluate((el) => {
      const items = Array.from(el.querySelectorAll('.weui-picker__item')).map((x) => (x.textContent || '').trim())
      const height = Number((el as unknown as { height: number }).height)
      return { items, height }
    })
    const box = await g.boundingBox()
    if (!box) throw new Error('picker column is not on screen')
    out.push({ items: state.items, index: Math.round((102 - state.height) / LINE_HEIGHT), box })
  }
  return out
}

export async function pickItems(page: Page, trigger: Locator, label: string, items: string[]): Promise<string> {
  await trigger.waitFor({ timeout: FIELD_TIMEOUT_MS })
  const host = trigger.locator('xpath=ancestor::taro-picker-core[1]')
  if (!(await host.count())) throw new Error(`picker "${label}": the element is not inside a Taro picker`)
  await trigger.click()
  // the picker moves its sheet to <body> when it loads: the open one is the visible one
  const sheet = page.locator('.weui-picker').filter({ visible: true }).first()
  await sheet.waitFor({ timeout: FIELD_TIMEOUT_MS })
  await stopsMoving(sheet) // it slides up: a drag started mid-slide lands on the wrong rows
  let cols = await columns(sheet)
  if (items.length > cols.length) throw new Error(`picker "${label}": ${items.length} items for ${cols.length} columns`)
  for (let c = 0; c < items.length; c++) {
    const col = cols[c]
    // the row nearest to the current one (time pickers repeat rows at both ends)
    const candidates = col.items.map((t, i) => (t === items[c] ? i : -1)).filter((i) => i >= 0)
    if (!candidates.length) throw new Error(`picker "${label}": column ${c + 1} has no row "${items[c]}" (rows: ${col.items.slice(0, 12).join(' ')}…)`)
    const want = candidates.reduce((a, b) => (Math.abs(b - col.index) < Math.abs(a - col.index) ? b : a))
    // Drag in strokes of at most three rows, each centred on the column: the column ends a drag when the pointer
    // leaves it (mouseleave), and it is only seven rows tall. Each move is half a row, waited for: the column adds
    // a move to the position it has drawn, so a move made before the last one is drawn is partly lost.
    const group = sheet.locator('.weui-picker__bd taro-picker-group').nth(c)
    const height = (): Promise<number> => group.evaluate((el) => Number((el as unknown as { height: number }).height))
    let rowsLeft = col.index - want
    while (rowsLeft !== 0) {
      const rows = Math.sign(rowsLeft) * Math.min(3, Math.abs(rowsLeft))
      const dy = rows * LINE_HEIGHT
      const x = col.box.x + col.box.width / 2
      const y = col.box.y + col.box.height / 2 - dy / 2
      const h0 = await height()
      await page.mouse.move(x, y)
      await page.mouse.down()
      for (let i = 1; i <= Math.abs(rows) * 2; i++) {
        const moved = Math.sign(dy) * i * (LINE_HEIGHT / 2)
        await page.mouse.move(x, y + moved)
        for (let f = 0; f < 30 && (await height()) !== h0 + moved; f++) await nextFrame(page)
      }
      await page.mouse.up()
      rowsLeft -= rows
    }
    // a date picker re-renders its day column when the month changes: read the columns again
    const deadline = Date.now() + FIELD_TIMEOUT_MS
    for (;;) {
      cols = await columns(sheet)
      if (cols[c].items[cols[c].index] === items[c]) break
      if (Date.now() > deadline) throw new Error(`picker "${label}": column ${c + 1} stopped at "${cols[c].items[cols[c].index]}" (row ${cols[c].index} of ${cols[c].items.length}), wanted "${items[c]}" (row ${want})`)
      await nextFrame(page)
    }
  }
  await sheet.locator('.weui-picker__action', { hasText: '确定' }).first().click()
  await sheet.waitFor({ state: 'hidden', timeout: FIELD_TIMEOUT_MS })
  const value = await host.evaluate((el) => {
    const input = el.querySelector('input[type="hidden"]') as HTMLInputElement | null
    return input ? input.value : ''
  })
  return value
}

const nextFrame = (page: Page): Promise<unknown> => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))))

/** Waits until the element's box is the same on two consecutive animation frames. */
async function stopsMoving(el: Locator): Promise<void> {
  const deadline = Date.now() + FIELD_TIMEOUT_MS
  let last = JSON.stringify(await el.boundingBox())
  for (;;) {
    await nextFrame(el.page())
    const now = JSON.stringify(await el.boundingBox())
    if (now === last) return
    if (Date.now() > deadline) throw new Error('the picker sheet never stopped moving')
    last = now
  }
}

/** No API request in flight (see browser.ts's journal), then two animation frames. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => ((window as unknown as { __e2eInflight?: number }).__e2eInflight ?? 0) === 0, null, { timeout: FIELD_TIMEOUT_MS })
  await page.evaluate(() => document.fonts.ready)
  await nextFrame(page)
}

/** Widest element sticking out of the viewport, outside horizontal scrollers (null when none). */
export async function overflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const vw = window.innerWidth
    const inScroller = (el: Element | null): boolean => {
      for (let e = el?.parentElement; e; e = e.parentElement) {
        const ox = getComputedStyle(e).overflowX
        if (ox === 'auto' || ox === 'scroll' || e.tagName.toLowerCase() === 'taro-scroll-view-core') return true
      }
      return false
    }
    let worst: string | null = null
    let worstRight = vw + 1
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      if (getComputedStyle(el).position === 'fixed') continue
      if (r.right > worstRight && !inScroller(el)) {
        worstRight = r.right
        worst = `${el.tagName.toLowerCase()}.${(el.className || '').toString().split(' ')[0]} right=${Math.round(r.right)} > ${vw}: ${(el.textContent || '').slice(0, 30)}`
      }
    }
    return worst
  })
}

/** A full page load of an app route (a same-document hash change can leave Taro's H5 router stack confused). */
export async function openRoute(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(`${baseUrl}/#${route}`)
}

/** 我的 → the local cloud's dev switcher → the person (`openid` null: the plain citizen of this browser). */
export async function becomeIdentity(page: Page, baseUrl: string, openid: string | null, name: string): Promise<void> {
  await openRoute(page, baseUrl, '/pages/me/index')
  await ui(page).see('开发环境 · 切换身份')
  const item = openid
    ? page.locator('.dev__item').filter({ visible: true, has: page.locator('.dev__item-name', { hasText: new RegExp(`^${name}(（当前）)?$`) }) })
    : page.locator('.dev__item', { hasText: '群众（未绑定人员）' }).filter({ visible: true })
  await item.first().waitFor()
  await item.first().click()
  await page.locator('.me__name', { hasText: openid ? name : '群众用户' }).filter({ visible: true }).first().waitFor()
}
