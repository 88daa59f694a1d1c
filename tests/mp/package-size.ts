/**
 * Package sizes of a mini-program build, measured the way WeChat counts them: the bytes of every file
 * that ships (source maps and LICENSE notes excluded), the main package being everything outside the
 * subpackage roots named in app.json.
 */
import fs from 'node:fs'
import path from 'node:path'
import { listFiles } from './builds'

export interface PackageSizes {
  totalBytes: number
  mainBytes: number
  subPackages: Record<string, number>
  files: number
}

const SHIPPED = (file: string) => !file.endsWith('.map') && !file.endsWith('.LICENSE.txt') && file !== 'project.config.json'

export function measurePackages(dir: string): PackageSizes {
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[]
    subpackages?: { root: string }[]
  }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'))
  const files = listFiles(dir, '').filter(SHIPPED)
  const sizes: PackageSizes = { totalBytes: 0, mainBytes: 0, subPackages: {}, files: files.length }
  for (const root of roots) sizes.subPackages[root.slice(0, -1)] = 0
  for (const file of files) {
    const bytes = fs.statSync(path.join(dir, file)).size
    sizes.totalBytes += bytes
    const root = roots.find((r) => file.startsWith(r))
    if (root) sizes.subPackages[root.slice(0, -1)] += bytes
    else sizes.mainBytes += bytes
  }
  return sizes
}

export const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10
