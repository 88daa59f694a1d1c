/**
 * Package sizes of the production weapp build (dist/weapp, as `npm run build:weapp` makes it) against the 2 MB
 * cap, and against a bare Taro React app built with the very same configuration (a one-page app generated
 * here into .tmp/, built with YX_SOURCE_ROOT/YX_OUTPUT_ROOT) — the goal is main ≤ 1.5× bare.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { measurePackages } from '../../tests/mp/package-size';

const root = path.resolve(__dirname, '..', '..');
const KB = (b: number) => Math.round((b / 1024) * 10) / 10;

function buildBare(): string {
  const src = path.join(root, '.tmp', 'bench-bare-src');
  const out = path.join(root, '.tmp', 'bench-bare-weapp');
  fs.rmSync(src, { recursive: true, force: true });
  fs.mkdirSync(path.join(src, 'pages', 'index'), { recursive: true });
  fs.writeFileSync(path.join(src, 'app.ts'), "import { PropsWithChildren } from 'react'\nexport default function App({ children }: PropsWithChildren) { return children }\n");
  fs.writeFileSync(path.join(src, 'app.config.ts'), "export default defineAppConfig({ pages: ['pages/index/index'] })\n");
  fs.writeFileSync(path.join(src, 'pages', 'index', 'index.tsx'), "import { View, Text } from '@tarojs/components'\nexport default function Index() { return <View><Text>Hello</Text></View> }\n");
  fs.writeFileSync(path.join(src, 'pages', 'index', 'index.config.ts'), "export default definePageConfig({ navigationBarTitleText: 'bare' })\n");
  execFileSync(path.join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', YX_SOURCE_ROOT: path.relative(root, src), YX_OUTPUT_ROOT: path.relative(root, out) },
    stdio: 'ignore',
  });
  return out;
}

export async function benchSizes(): Promise<Record<string, number | string>> {
  const dist = path.join(root, 'dist', 'weapp');
  if (!fs.existsSync(path.join(dist, 'app.json'))) return { skipped: 'no dist/weapp — run `npm run build:weapp` first' };
  const app = measurePackages(dist);
  const bare = measurePackages(buildBare());
  const figures: Record<string, number | string> = {
    totalKB: KB(app.totalBytes),
    mainKB: KB(app.mainBytes),
    mainPctOf2MB: Math.round((app.mainBytes / (2 * 1024 * 1024)) * 1000) / 10,
    bareTaroReactMainKB: KB(bare.mainBytes),
    mainVsBareRatio: Math.round((app.mainBytes / bare.mainBytes) * 100) / 100,
  };
  for (const [name, bytes] of Object.entries(app.subPackages)) figures[`sub:${name}KB`] = KB(bytes);
  return figures;
}
