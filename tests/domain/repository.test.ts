/**
 * The repository stands on its own: what the code refers to is in it.
 *  - no file names a planning document that lives outside the repository (the requirements, the architecture and the
 *    toolchain notes are restated in docs/: REQUIREMENTS.md, DESIGN.md);
 *  - every relative link in a Markdown file points at a file of the repository;
 *  - every relative import/require in the source resolves inside the repository.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'artifacts', '.local-data', 'bench-results', 'coverage', '.tmp', '.swc']);
const TEXT = /\.(md|ts|tsx|js|cjs|mjs|json|scss|css|sh|ya?ml)$|^run$/;

function files(dir = ROOT, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) files(p, out);
    } else if (e.isFile() && TEXT.test(e.name) && e.name !== 'package-lock.json') {
      // built bundles of the functions are not sources
      if (/cloudfunctions\/[^/]+\/index\.js(\.map)?$/.test(p)) continue;
      out.push(p);
    }
  }
  return out;
}

const all = files();
const rel = (p: string) => path.relative(ROOT, p);

test('the walk sees the repository (sanity: the README, a domain rule, a test, the CI script)', () => {
  const names = all.map(rel);
  for (const f of ['README.md', 'docs/REQUIREMENTS.md', 'src/domain/case/case-machine.ts', '.ci/run']) expect(names).toContain(f);
});

test('no file points at a planning document outside the repository', () => {
  // the planning documents' names, wherever they appear, and the path of the source article
  const outside = /\b(DOMAIN|ARCHITECTURE|TOOLCHAIN)\.md|shared\/seed\//;
  const found: string[] = [];
  for (const f of all) {
    if (f === __filename) continue;
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (outside.test(line)) found.push(`${rel(f)}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  expect(found).toEqual([]);
});

test('every relative link in a Markdown file points at a file of the repository', () => {
  const broken: string[] = [];
  for (const f of all.filter((p) => p.endsWith('.md'))) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1].split('#')[0];
      if (!target || /^[a-z]+:/i.test(target)) continue; // http:, mailto:, in-page anchors
      const resolved = path.resolve(path.dirname(f), decodeURI(target));
      if (!resolved.startsWith(ROOT + path.sep) || !fs.existsSync(resolved)) broken.push(`${rel(f)} → ${m[1]}`);
    }
  }
  expect(broken).toEqual([]);
});

test('every relative import in the source resolves inside the repository', () => {
  const outside: string[] = [];
  for (const f of all.filter((p) => /\.(ts|tsx|js|cjs|mjs)$/.test(p))) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g)) {
      const resolved = path.resolve(path.dirname(f), m[1]);
      if (!resolved.startsWith(ROOT + path.sep)) outside.push(`${rel(f)} → ${m[1]}`);
    }
  }
  expect(outside).toEqual([]);
});

/**
 * The mini-program's packages (src/app.config.ts): the main package and one subpackage per staff role. WeChat loads a
 * subpackage's files only with that subpackage, so no file may import a file of another subpackage, and the main
 * package may import none (shared code lives in the main package: src/staff, src/components, src/services, src/domain).
 */
const SRC = path.join(ROOT, 'src');
const SUBPACKAGES = [...fs.readFileSync(path.join(SRC, 'app.config.ts'), 'utf8').matchAll(/root:\s*'([^']+)'/g)].map((m) => m[1]);
/** 'main' or the subpackage root a file of src/ belongs to. */
const packageOf = (file: string): string => SUBPACKAGES.find((root) => file.startsWith(path.join(SRC, root) + path.sep)) ?? 'main';
/** Every module a source file names: imports, re-exports, dynamic imports, requires, and styles' @use / @import. */
const SPECIFIER = /(?:\bfrom\s+|\bimport\s+|\brequire\(\s*|\bimport\(\s*|@use\s+|@import\s+)['"]([^'"]+)['"]/g;
function target(file: string, spec: string): string | null {
  if (spec.startsWith('@/')) return path.join(SRC, spec.slice(2));
  if (spec.startsWith('.')) return path.resolve(path.dirname(file), spec);
  return null; // packages and @domain (src/domain, main package)
}
/** The imports of src/ files (path and text) that reach a file of another package: "from → to". */
function crossPackageImports(sources: ReadonlyArray<{ file: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { file, text } of sources) {
    const mine = packageOf(file);
    for (const m of text.matchAll(SPECIFIER)) {
      const to = target(file, m[1]);
      if (!to) continue;
      const theirs = packageOf(to);
      if (theirs !== 'main' && theirs !== mine) found.push(`${rel(file)} (${mine}) → ${m[1]} (${theirs})`);
    }
  }
  return found;
}

test('no file of one mini-program package imports a file of another subpackage (handler, dept, lead, admin)', () => {
  expect(SUBPACKAGES).toEqual(expect.arrayContaining(['handler', 'dept', 'lead', 'admin']));
  const sources = all.filter((p) => p.startsWith(SRC + path.sep) && /\.(tsx?|scss)$/.test(p)).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
  expect(sources.filter((s) => packageOf(s.file) === 'dept').length).toBeGreaterThan(0);
  expect(crossPackageImports(sources)).toEqual([]);
});

test('the package scan catches an import across packages (a department file reaching into the handler and the lead files)', () => {
  const probe = {
    file: path.join(SRC, 'dept', 'call', 'Probe.tsx'),
    text: "import { useSend } from '@/handler/lib/useSend'\nimport '../../lead/board/common.scss'\nimport { toast } from '@/staff/ui'\nimport { point } from '@domain/common/geo-distance'\nexport { parseLngLat } from '../lib/location'\n",
  };
  const main = { file: path.join(SRC, 'staff', 'ui.tsx'), text: "export { actionLabel } from '../handler/lib/caseActions'\n" };
  expect(crossPackageImports([probe, main])).toEqual([
    'src/dept/call/Probe.tsx (dept) → @/handler/lib/useSend (handler)',
    'src/dept/call/Probe.tsx (dept) → ../../lead/board/common.scss (lead)',
    'src/staff/ui.tsx (main) → ../handler/lib/caseActions (handler)',
  ]);
});

/**
 * One naming style for source files: lower-case words joined by '-', a dot only for a suffix a tool reads. The
 * fixtures and the built function bundles are data, not sources; component folders keep their component's name.
 */
const SUFFIXES = new Set(['test', 'config', 'd', 'h5', 'weapp', 'setup']);
function misnamed(file: string): boolean {
  const m = /\.(ts|tsx|js|cjs|mjs|scss)$/.exec(file);
  if (!m) return false;
  const parts = file.slice(0, -m[0].length).split('.');
  const words = parts.shift()!;
  return !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(words) || parts.some((s) => !SUFFIXES.has(s));
}

test('every source file is named in one style (kebab-case, tool suffixes only)', () => {
  const sources = all
    .map(rel)
    .filter((p) => /^(src|cloudfunctions|scripts|local|tests|config|types)\//.test(p) && !p.includes('/fixtures/'))
    .filter((p) => /\.(ts|tsx|js|cjs|mjs|scss)$/.test(p));
  expect(sources.length).toBeGreaterThan(300);
  expect(sources.filter((p) => misnamed(path.basename(p)))).toEqual([]);
  // the rule catches each of the three styles the repository once mixed
  expect(['case.machine.ts', 'callForm.ts', 'CallScreen.tsx', 'case-runner.ts', 'index.h5.tsx', 'jest.config.js', 'case-machine.test.ts'].map(misnamed)).toEqual([
    true, true, true, false, false, false, false,
  ]);
});
