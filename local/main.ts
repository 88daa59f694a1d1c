/**
 * CLI: tsx local/main.ts --data .local-data --port 8787 [--static dist/h5] [--timers] [--dev]
 *      [--functions cloudfunctions] [--extra-functions dir] [--env local-dev] [--sync FULL]
 *      [--db-config config/cloud/database.json]
 * Prints the URL on stdout ("local cloud listening on http://127.0.0.1:PORT") and the SDK env as JSON
 * on the next line (prefixed "SDK_ENV ") so scripts and tests can pick it up.
 */
import path from 'node:path';
import { startLocalCloud } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  return v && !v.startsWith('--') ? v : '';
}
const flag = (name: string) => process.argv.includes(`--${name}`);

async function main(): Promise<void> {
  const dataDir = path.resolve(arg('data') || '.local-data');
  const port = arg('port') ? Number(arg('port')) : 8787;
  const cloud = await startLocalCloud({
    dataDir,
    port,
    host: arg('host') || '127.0.0.1',
    staticRoot: arg('static') ? path.resolve(arg('static')!) : undefined,
    functionsRoot: arg('functions') ? path.resolve(arg('functions')!) : undefined,
    extraFunctionRoots: arg('extra-functions') ? [path.resolve(arg('extra-functions')!)] : undefined,
    timers: flag('timers'),
    devRoleSwitcher: flag('dev'),
    envId: arg('env') || undefined,
    synchronous: arg('sync') === 'FULL' ? 'FULL' : undefined,
    databaseConfig: arg('db-config') ? path.resolve(arg('db-config')!) : undefined,
  });
  process.stdout.write(`local cloud listening on ${cloud.url} (data: ${dataDir})\n`);
  process.stdout.write(`SDK_ENV ${JSON.stringify(cloud.sdkEnv)}\n`);
  const shutdown = () => {
    cloud.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`local cloud failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
