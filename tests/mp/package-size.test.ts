/** The production weapp build stays inside WeChat's package limits; the figures go to artifacts/. */
import fs from 'node:fs'
import path from 'node:path'
import { ROOT, WEAPP_DIR, requireBuild } from './builds'
import { kb, measurePackages } from './package-size'

const LIMIT = 2 * 1024 * 1024 // main package and each subpackage

beforeAll(() => requireBuild(WEAPP_DIR, 'app.json', 'npm run build:weapp'))

test('main package and every subpackage are under 2 MB', () => {
  const sizes = measurePackages(WEAPP_DIR)
  expect(Object.keys(sizes.subPackages).sort()).toEqual(['admin', 'dept', 'handler', 'lead'])
  expect(sizes.mainBytes).toBeLessThan(LIMIT)
  for (const bytes of Object.values(sizes.subPackages)) expect(bytes).toBeLessThan(LIMIT)
  expect(sizes.mainBytes + Object.values(sizes.subPackages).reduce((a, b) => a + b, 0)).toBe(sizes.totalBytes)

  const report = {
    build: 'dist/weapp (production)',
    totalKB: kb(sizes.totalBytes),
    mainKB: kb(sizes.mainBytes),
    subPackagesKB: Object.fromEntries(Object.entries(sizes.subPackages).map(([k, v]) => [k, kb(v)])),
    files: sizes.files,
  }
  const out = path.join(ROOT, 'artifacts', 'package-size.json')
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(out, JSON.stringify(report, null, 2))
})
