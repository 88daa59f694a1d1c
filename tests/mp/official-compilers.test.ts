/**
 * The official WeChat compilers (npm miniprogram-compiler: Linux wcc for WXML, wcsc for WXSS) compile
 * every template and style of the production weapp build (dist/weapp), as DevTools would on upload.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { WEAPP_DIR, listFiles, requireBuild } from './builds'

/* eslint-disable @typescript-eslint/no-require-imports */
const { wxmlToJs } = require('miniprogram-compiler') as { wxmlToJs(root: string, opts?: { maxBuffer?: number }): string }
const wcsc = require('miniprogram-compiler/src/wcsc') as (
  root: string,
  files: string[],
  opts?: { maxBuffer?: number },
) => Record<string, string> | Error
/* eslint-enable @typescript-eslint/no-require-imports */

const MAX_BUFFER = 64 * 1024 * 1024

function compileWxml(root: string) {
  const source = wxmlToJs(root, { maxBuffer: MAX_BUFFER })
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('global', source)({}) as (file: string) => unknown
}

function compileWxss(root: string, files: string[]): Record<string, string> {
  const result = wcsc(root, files.map((f) => f.replace(/\.wxss$/, '')), { maxBuffer: MAX_BUFFER })
  if (result instanceof Error) throw result
  return result
}

beforeAll(() => {
  requireBuild(WEAPP_DIR, 'app.json', 'npm run build:weapp')
})

describe('official compilers on dist/weapp', () => {
  test('wcc compiles every .wxml, and every page has a template', () => {
    const files = listFiles(WEAPP_DIR, '.wxml')
    expect(files.length).toBeGreaterThan(5)
    const gwx = compileWxml(WEAPP_DIR)
    const app = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as {
      pages: string[]
      subPackages: { root: string; pages: string[] }[]
    }
    const pages = [...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
    expect(pages).toEqual(
      expect.arrayContaining(['pages/me/index', 'handler/inbox/index', 'dept/calls/index', 'lead/board/index']),
    )
    expect(gwx('pages/does-not-exist.wxml')).toBeUndefined()
    for (const page of pages) {
      expect(files).toContain(`${page}.wxml`)
      expect(typeof gwx(`${page}.wxml`)).toBe('function')
    }
  })

  test('wcsc compiles every .wxss', () => {
    const files = listFiles(WEAPP_DIR, '.wxss')
    expect(files).toEqual(expect.arrayContaining(['app.wxss', 'pages/me/index.wxss']))
    const compiled = compileWxss(WEAPP_DIR, files)
    expect(compiled.comm).toBeTruthy()
    // Files pulled in by @import (app-origin.wxss, common.wxss) are inlined into their importers.
    const imported = new Set<string>()
    for (const file of files) {
      const css = fs.readFileSync(path.join(WEAPP_DIR, file), 'utf8')
      for (const m of css.matchAll(/@import\s+["']([^"']+)["']/g)) {
        imported.add(path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1])))
      }
    }
    const entries = files.filter((f) => !imported.has(f))
    expect(entries).toEqual(expect.arrayContaining(['app.wxss', 'pages/me/index.wxss']))
    for (const file of entries) {
      expect(Object.keys(compiled)).toContain(file)
    }
  })

  test('the same checks reject broken markup and styles', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wcc-broken-'))
    try {
      fs.writeFileSync(path.join(dir, 'bad.wxml'), '<view class="a"><text>unclosed</view>')
      expect(() => compileWxml(dir)).toThrow()
      fs.rmSync(path.join(dir, 'bad.wxml'))
      fs.writeFileSync(path.join(dir, 'bad.wxss'), '.a { color: red; ')
      expect(() => compileWxss(dir, ['bad.wxss'])).toThrow()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
