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
  for (const f of ['README.md', 'docs/REQUIREMENTS.md', 'src/domain/case/case.machine.ts', '.ci/run']) expect(names).toContain(f);
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
