import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { startLocalCloud, type LocalCloud } from '../../local'
import { seedDocuments } from '../../scripts/seed-data'

export const ROOT = path.resolve(__dirname, '..', '..')
/** The H5 build under test: dist/h5, or E2E_H5_DIR (a build made elsewhere while others use dist/). */
export const H5_DIR = process.env.E2E_H5_DIR ? path.resolve(ROOT, process.env.E2E_H5_DIR) : path.join(ROOT, 'dist', 'h5')
export const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e')

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Fails with the command to run when the H5 build or the browser is missing. */
export function requirePrerequisites(): void {
  if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(`Missing build output ${H5_DIR}/index.html: run \`npm run build:h5\` first.`)
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run \`apt-get update && apt-get install -y chromium\` or set CHROMIUM_PATH.`,
    )
  }
}

export interface Browser {
  context: BrowserContext
  /** what the pages said and what failed, since launch (see `journal`) */
  journal: Journal
  close(): Promise<void>
}

/** Everything a failure report needs from the browser: console lines, page errors, failed or refused requests. */
export interface Journal {
  console: string[]
  requests: string[]
}

const KEEP = 2000
const push = (list: string[], line: string): void => {
  list.push(`${new Date().toISOString()} ${line}`)
  if (list.length > KEEP) list.splice(0, list.length - KEEP)
}

/** Counts API requests in flight (window.__e2eInflight) so `settle` can wait for the page to be quiet. */
const INFLIGHT_SCRIPT = `(() => {
  let n = 0
  Object.defineProperty(window, '__e2eInflight', { get: () => n, configurable: true })
  const f = window.fetch
  if (f) window.fetch = function (...args) { n++; return f.apply(this, args).finally(() => { n-- }) }
  const send = XMLHttpRequest.prototype.send
  XMLHttpRequest.prototype.send = function (...args) {
    n++
    this.addEventListener('loadend', () => { n-- }, { once: true })
    return send.apply(this, args)
  }
})()`

function watch(context: BrowserContext, journal: Journal): void {
  const onPage = (page: Page): void => {
    const tag = (): string => page.url().replace(/^https?:\/\/[^/]+/, '')
    page.on('console', (m) => push(journal.console, `[${m.type()}] ${tag()} ${m.text()}`))
    page.on('pageerror', (e) => push(journal.console, `[pageerror] ${tag()} ${e.message}`))
    page.on('requestfailed', (r) => push(journal.requests, `FAILED ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`))
    page.on('response', (r) => {
      if (r.status() >= 400) push(journal.requests, `${r.status()} ${r.request().method()} ${r.url()}`)
    })
  }
  context.pages().forEach(onPage)
  context.on('page', onPage)
}

/** A fresh Chromium profile each time (its own user-data-dir), phone-sized viewport. */
export async function launchBrowser(): Promise<Browser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const journal: Journal = { console: [], requests: [] }
  await context.addInitScript({ content: INFLIGHT_SCRIPT })
  watch(context, journal)
  return {
    context,
    journal,
    async close() {
      await context.close()
      fs.rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  return path.join(ARTIFACTS, `${name}.png`)
}

/** What an end-to-end suite runs against: a local cloud serving the H5 build, and Chromium. */
export interface E2E {
  cloud: LocalCloud
  browser: Browser
  dataDir: string
}

/**
 * A fresh local cloud on its own data dir serving the H5 build (dev role switcher on), optionally seeded with the
 * Gulou organisation and its dev identities, and a fresh Chromium. Stop it with `stopE2E`.
 */
export async function startE2E(tag: string, opts: { seed?: boolean; scale?: 'gulou' | 'large' } = {}): Promise<E2E> {
  requirePrerequisites()
  const env: Partial<E2E> = { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${tag}-`)) }
  active = env
  try {
    env.cloud = await startLocalCloud({ dataDir: env.dataDir!, port: 0, staticRoot: H5_DIR, devRoleSwitcher: true })
    if (opts.seed) {
      for (const [coll, docs] of Object.entries(seedDocuments({ withDevOpenids: true, scale: opts.scale }))) if (docs.length) env.cloud.store.insert(coll, docs as never)
    }
    env.browser = await launchBrowser()
    return env as E2E
  } catch (err) {
    await stopE2E(env)
    throw err
  }
}

export async function stopE2E(env: Partial<E2E> | undefined): Promise<void> {
  await reportFailure(env) // a failed beforeAll/afterAll hook: nothing else has reported it
  if (active === env) active = undefined
  await env?.browser?.close()
  await env?.cloud?.stop()
  if (env?.dataDir) fs.rmSync(env.dataDir, { recursive: true, force: true })
}

// ── failure reports ──
// tests/e2e/environment.js marks the failure of a test or hook (global __E2E_FAILURE__); tests/e2e/setup.ts reports it
// after the test, and stopE2E after a failed hook: the screenshot of every open page, the console and the failed
// requests, under artifacts/e2e/failures/<suite>--<test>/. The path is printed, and .ci/run lists it at the end.
export const FAILURES = path.join(ARTIFACTS, 'failures')
let active: Partial<E2E> | undefined

interface FailureMark {
  test: string
  error: string
  reported?: boolean
}

const slug = (s: string): string => s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 80) || 'unnamed'

/** Writes the report of the failure marked by the environment, once; returns its folder (undefined: nothing failed). */
export async function reportFailure(env: Partial<E2E> | undefined = active): Promise<string | undefined> {
  const g = globalThis as unknown as { __E2E_FAILURE__?: FailureMark }
  const mark = g.__E2E_FAILURE__
  if (!mark || mark.reported || !env?.browser) return undefined
  mark.reported = true
  const suite = path.basename(expect.getState().testPath ?? 'suite', '.test.ts')
  const dir = path.join(FAILURES, `${slug(suite)}--${slug(mark.test)}`)
  fs.mkdirSync(dir, { recursive: true })
  const pages = env.browser.context.pages()
  const lines = [`test: ${mark.test}`, `error: ${mark.error}`, '', 'open pages:']
  for (const [i, page] of pages.entries()) {
    lines.push(`  page-${i + 1}: ${page.url()}`)
    await page.screenshot({ path: path.join(dir, `page-${i + 1}.png`), fullPage: true, timeout: 10_000 }).catch((e) => lines.push(`    (no screenshot: ${(e as Error).message.split('\n')[0]})`))
  }
  fs.writeFileSync(path.join(dir, 'failure.txt'), `${lines.join('\n')}\n`)
  fs.writeFileSync(path.join(dir, 'console.log'), `${env.browser.journal.console.join('\n')}\n`)
  fs.writeFileSync(path.join(dir, 'requests.log'), `${env.browser.journal.requests.join('\n')}\n`)
  process.stderr.write(`\ne2e failure report: ${path.relative(ROOT, dir)}/ (screenshots, console.log, requests.log)\n`)
  return dir
}
