/**
 * A repository per collection: only `cloudfunctions/common/repos/` names a collection or builds a query with the
 * SDK's operators (`db.collection(…)`, `db.command`); handlers read schema → domain → repository. (local/, tests/
 * and scripts/ drive the store directly and are not checked.)
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const REPOS = 'cloudfunctions/common/repos/';
const RAW = /\.collection\(|\.command\b/;

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'dist') sources(p, out);
    } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(path.relative(ROOT, p));
  }
  return out;
}

const files = [...sources(path.join(ROOT, 'cloudfunctions')), ...sources(path.join(ROOT, 'src'))];
const raw = (f: string) =>
  fs
    .readFileSync(path.join(ROOT, f), 'utf8')
    .split('\n')
    .map((line, i) => [i + 1, line] as const)
    .filter(([, line]) => RAW.test(line) && !/^\s*(\*|\/\/)/.test(line));

test('the walk sees the functions and the repositories (sanity)', () => {
  expect(files).toContain('cloudfunctions/api/src/cases/queries.ts');
  expect(files).toContain(`${REPOS}cases.ts`);
  expect(raw(`${REPOS}cases.ts`).length).toBeGreaterThan(0);
});

test('no file outside common/repos names a collection or builds a query', () => {
  const found = files
    .filter((f) => !f.startsWith(REPOS))
    .flatMap((f) => raw(f).map(([n, line]) => `${f}:${n}: ${line.trim().slice(0, 120)}`));
  expect(found).toEqual([]);
});
