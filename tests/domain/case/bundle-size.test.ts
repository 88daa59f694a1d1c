/**
 * The app imports these schemas into the mini-program: zod/mini must tree-shake. (Re-exporting the `z`
 * namespace from a shared module once pulled all of zod with its locales: 442 KB instead of 36 KB.)
 */
import { buildSync } from 'esbuild';
import path from 'path';

const root = path.resolve(__dirname, '../../..');
function bundledBytes(contents: string): number {
  const out = buildSync({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].contents.length;
}

test('case + call schemas stay small in a mini-program bundle (zod/mini, no locales)', () => {
  const bytes = bundledBytes("export * from './src/domain/case/case-schema'; export * from './src/domain/call/call-schema';");
  expect(bytes).toBeLessThan(60_000);
});

test('the whole case/call/sla/assessment domain with schemas stays under 100 KB minified', () => {
  const bytes = bundledBytes(
    ["case/case-schema", "call/call-schema", "case/case-machine", "case/case-create", "call/call-machine", "sla/sla-clock", "assessment/assessment-rollup"]
      .map((f) => `export * from './src/domain/${f}';`)
      .join('\n'),
  );
  expect(bytes).toBeLessThan(100_000);
});
