import fs from 'node:fs'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..', '..')
/** dist/weapp, or MP_WEAPP_DIR (a production build made elsewhere while others use dist/). */
export const WEAPP_DIR = process.env.MP_WEAPP_DIR ? path.resolve(ROOT, process.env.MP_WEAPP_DIR) : path.join(ROOT, 'dist', 'weapp')
export const NATIVE_DIR = path.join(ROOT, 'dist', 'native')

/** Fails with the command to run when a build the mp tests read is missing. */
export function requireBuild(dir: string, marker: string, command: string): void {
  if (!fs.existsSync(path.join(dir, marker))) {
    throw new Error(
      `Missing build output ${path.relative(ROOT, path.join(dir, marker))}: run \`${command}\` first.`,
    )
  }
}

/** Every file under dir with one of the extensions, as paths relative to dir (posix separators). */
export function listFiles(dir: string, ext: string): string[] {
  const out: string[] = []
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(rel)
      else if (!ext || entry.name.endsWith(ext)) out.push(rel)
    }
  }
  walk('')
  return out.sort()
}
