/**
 * No page calls the api untyped: every `callApi` in the app names its action by a contract key (a literal, or a
 * variable/template TypeScript checks against `ActionName`), with no explicit answer type (`callApi<T>`: the answer
 * type is the contract's) and no cast that switches the payload check off (a payload may only be asserted to the
 * action's own `ApiInput<…>`, e.g. when a form builds it as a record that the domain schema checked).
 */
import fs from 'node:fs';
import path from 'node:path';
import { contract } from '@domain/contract';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p === path.join(SRC, 'domain') ? [] : sources(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

/** Every `callApi(` / `callApi<` in the app outside the client itself, with its file and the text that follows. */
function callSites(): Array<{ file: string; line: number; text: string }> {
  const out: Array<{ file: string; line: number; text: string }> = [];
  for (const file of sources(SRC)) {
    if (/src[\\/]services[\\/]cloud(\.[a-z0-9]+)?\.ts$/.test(file) || file.endsWith('cloud-types.ts')) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bcallApi\s*[<(]/g)) {
      out.push({ file: path.relative(ROOT, file), line: text.slice(0, m.index).split('\n').length, text: text.slice(m.index, m.index + 400) });
    }
  }
  return out;
}

const sites = callSites();

test('the app calls the api in many places (the scan sees them)', () => {
  expect(sites.length).toBeGreaterThan(50);
});

test('no call site names an answer type: the contract gives it', () => {
  expect(sites.filter((s) => s.text.startsWith('callApi<')).map((s) => `${s.file}:${s.line}`)).toEqual([]);
});

test('every literal action name is a key of the contract', () => {
  const names = sites.map((s) => /^callApi\(\s*'([^']*)'/.exec(s.text)?.[1]).filter((n): n is string => n !== undefined);
  expect(names.length).toBeGreaterThan(40);
  expect(names.filter((n) => !(n in contract))).toEqual([]);
});

test('no call switches the payload check off (as any / as never / as unknown / an assertion to another action)', () => {
  const bad = sites.filter((s) => {
    const call = s.text.slice(0, s.text.indexOf('\n') < 0 ? undefined : s.text.indexOf('\n'));
    if (/\bas (any|never|unknown)\b/.test(call)) return true;
    const name = /^callApi\(\s*'([^']*)'/.exec(call)?.[1];
    const asserted = [...call.matchAll(/as ApiInput<'([^']*)'>/g)].map((m) => m[1]);
    return name !== undefined && asserted.some((a) => a !== name);
  });
  expect(bad.map((s) => `${s.file}:${s.line}`)).toEqual([]);
});
