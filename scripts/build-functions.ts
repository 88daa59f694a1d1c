/**
 * Bundles each cloud function's TypeScript (cloudfunctions/<fn>/src/index.ts) with the shared server code and
 * src/domain into one CommonJS cloudfunctions/<fn>/index.js — what WeChat DevTools uploads and what local/ runs.
 * wx-server-sdk stays external (each function's package.json pins it to exactly 4.0.2).
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const fnRoot = path.join(root, 'cloudfunctions');

export function functionNames(): string[] {
  return fs
    .readdirSync(fnRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(fnRoot, d.name, 'src', 'index.ts')))
    .map((d) => d.name)
    .sort();
}

export async function buildFunctions(names = functionNames()): Promise<Array<{ name: string; bytes: number }>> {
  const out: Array<{ name: string; bytes: number }> = [];
  for (const name of names) {
    const outfile = path.join(fnRoot, name, 'index.js');
    await build({
      entryPoints: [path.join(fnRoot, name, 'src', 'index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node16',
      external: ['wx-server-sdk'],
      tsconfig: path.join(root, 'tsconfig.json'),
      legalComments: 'none',
      sourcemap: false,
      logLevel: 'warning',
      banner: { js: `// Built by scripts/build-functions.ts from cloudfunctions/${name}/src — do not edit.` },
    });
    out.push({ name, bytes: fs.statSync(outfile).size });
  }
  return out;
}

if (require.main === module) {
  const t0 = Date.now();
  buildFunctions()
    .then((built) => {
      for (const b of built) console.log(`  ${b.name.padEnd(10)} ${(b.bytes / 1024).toFixed(1)} KB`);
      console.log(`built ${built.length} function(s) in ${Date.now() - t0} ms`);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
