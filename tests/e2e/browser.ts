import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
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
  close(): Promise<void>
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
  return {
    context,
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
export async function startE2E(tag: string, opts: { seed?: boolean } = {}): Promise<E2E> {
  requirePrerequisites()
  const env: Partial<E2E> = { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${tag}-`)) }
  try {
    env.cloud = await startLocalCloud({ dataDir: env.dataDir!, port: 0, staticRoot: H5_DIR, devRoleSwitcher: true })
    if (opts.seed) {
      for (const [coll, docs] of Object.entries(seedDocuments({ withDevOpenids: true }))) if (docs.length) env.cloud.store.insert(coll, docs as never)
    }
    env.browser = await launchBrowser()
    return env as E2E
  } catch (err) {
    await stopE2E(env)
    throw err
  }
}

export async function stopE2E(env: Partial<E2E> | undefined): Promise<void> {
  await env?.browser?.close()
  await env?.cloud?.stop()
  if (env?.dataDir) fs.rmSync(env.dataDir, { recursive: true, force: true })
}
