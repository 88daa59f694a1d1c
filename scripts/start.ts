/**
 * `npm start`: the whole system on this machine, from a fresh clone after `npm ci`.
 *   1. builds the cloud functions if an index.js is missing or older than its sources (scripts/build-functions.ts)
 *   2. builds the H5 app if dist/h5/index.html is missing (`npm run build:h5`, progress shown)
 *   3. starts local/ on 127.0.0.1:8787 (PORT overrides) with data in .local-data, serving dist/h5, timers on,
 *      the dev role switcher on
 *   4. seeds the Gulou organisation with dev openids (documents that are missing only: admin edits survive restarts)
 *   5. on the first start only (marker document settings/demo), generates the demo data set through the functions
 *   6. prints the URL, how to switch roles, identities to try, and where the outbox is. Ctrl-C stops cleanly.
 * Environment: PORT, YX_DATA_DIR (default .local-data), YX_DEMO=0 (no demo), YX_DEMO_CASES (default 150).
 * The functions get YX_PSEUDONYM_KEY, generated once per data directory (<dataDir>/secrets/pseudonym.key).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../local';
import { buildFunctions, functionNames } from './build-functions';
import { seed, type SeedReport } from './seed';
import { generateDemo, type DemoReport } from './demo';
import { localPseudonymKey, PSEUDONYM_KEY_VAR } from './secrets';

const ROOT = path.resolve(__dirname, '..');
const DEMO_MARKER = 'demo';

export interface StartSystemOptions {
  /** default 8787; 0 = any free port */
  port?: number;
  /** default <repo>/.local-data */
  dataDir?: string;
  /** default <repo>/dist/h5 */
  staticRoot?: string;
  /** build dist/h5 when its index.html is missing (default true) */
  buildH5?: boolean;
  /** generate the demo data set on the first start (default true) */
  demo?: boolean;
  /** generic demo cases besides the stories (default 150) */
  demoCases?: number;
  /** run timer triggers (default true) */
  timers?: boolean;
  log?: (line: string) => void;
}

export interface RunningSystem {
  cloud: LocalCloud;
  url: string;
  dataDir: string;
  builtFunctions: string[];
  seeded: SeedReport;
  /** null when the demo already existed (or was not asked for) */
  demo: DemoReport | null;
  stop(): Promise<void>;
}

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of fs.readdirSync(p)) {
    if (e === 'node_modules') continue;
    max = Math.max(max, newestMtime(path.join(p, e)));
  }
  return max;
}

/** Functions whose bundle is missing or older than their sources, the shared server code or src/domain. */
export function staleFunctions(): string[] {
  const common = Math.max(newestMtime(path.join(ROOT, 'cloudfunctions/common')), newestMtime(path.join(ROOT, 'src/domain')), newestMtime(path.join(ROOT, 'tsconfig.json')));
  return functionNames().filter((fn) => {
    const out = path.join(ROOT, 'cloudfunctions', fn, 'index.js');
    if (!fs.existsSync(out)) return true;
    return fs.statSync(out).mtimeMs < Math.max(common, newestMtime(path.join(ROOT, 'cloudfunctions', fn, 'src')));
  });
}

function buildH5(log: (l: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:h5'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail: string[] = [];
    const onData = (buf: Buffer) => {
      for (const line of buf.toString('utf8').split(/\r?\n/)) {
        const clean = line.replace(/\x1b\[[0-9;]*m/g, '').trim();
        if (!clean) continue;
        tail = [...tail.slice(-30), clean];
        // webpack's progress lines are many; show the informative ones
        if (/(\d+%|compiled|error|warn|built|Compil|生成|编译)/i.test(clean)) log(`  [h5] ${clean.slice(0, 160)}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const ticker = setInterval(() => log(`  [h5] building… ${Math.round((Date.now() - t0) / 1000)} s`), 5000);
    child.on('error', (err) => {
      clearInterval(ticker);
      reject(err);
    });
    child.on('exit', (code) => {
      clearInterval(ticker);
      if (code === 0) {
        log(`  [h5] done in ${Math.round((Date.now() - t0) / 1000)} s`);
        resolve();
      } else reject(new Error(`npm run build:h5 failed (exit ${code}):\n${tail.join('\n')}`));
    });
  });
}

export async function startSystem(opts: StartSystemOptions = {}): Promise<RunningSystem> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const dataDir = path.resolve(opts.dataDir ?? path.join(ROOT, '.local-data'));
  const staticRoot = path.resolve(opts.staticRoot ?? path.join(ROOT, 'dist/h5'));
  const port = opts.port ?? 8787;
  const timers = opts.timers ?? true;

  // 1. functions
  const stale = staleFunctions();
  if (stale.length) {
    const t0 = Date.now();
    log(`building cloud functions: ${stale.join(', ')}`);
    await buildFunctions(stale);
    log(`  built in ${Date.now() - t0} ms`);
  }

  // 2. H5
  if (!fs.existsSync(path.join(staticRoot, 'index.html'))) {
    if (opts.buildH5 === false) log(`note: ${path.relative(ROOT, staticRoot) || staticRoot}/index.html is missing; the app is not served (run npm run build:h5)`);
    else {
      log('building the H5 app (npm run build:h5, about 15–60 s)…');
      await buildH5(log);
    }
  }

  // 3–5. Generating the demo runs on a moved clock with the timer driven by the generator; the background timer
  // loop would fire every real second on that clock (measured 4–5× slower), so timers start after it.
  // the functions' secret, one per data directory (generated on its first start, kept in it)
  const functionEnv = { [PSEUDONYM_KEY_VAR]: localPseudonymKey(dataDir) };
  const base = { dataDir, staticRoot, devRoleSwitcher: true, host: '127.0.0.1', functionEnv } as const;
  let cloud = await startLocalCloud({ ...base, port, timers: false });
  let seeded: SeedReport;
  let demo: DemoReport | null = null;
  try {
    log(`seeding the Gulou organisation into ${path.relative(ROOT, dataDir) || dataDir} (dev openids, missing documents only)…`);
    seeded = await seed({ localUrl: cloud.url, withDevOpenids: true, missingOnly: true });
    log(`  ${seeded.inserted} inserted, ${seeded.unchanged} already there`);
    const marker = cloud.store.hasCollection('settings') ? cloud.store.findOne('settings', { _id: DEMO_MARKER }) : null;
    if (opts.demo !== false && !marker) {
      log(`first start: generating the demo data set through the functions (${opts.demoCases ?? 150} cases + the docs/REQUIREMENTS.md stories, last 30 days)…`);
      demo = await generateDemo(cloud, { cases: opts.demoCases ?? 150, log });
      cloud.store.insert('settings', {
        _id: DEMO_MARKER,
        generatedAt: Date.now(),
        cases: demo.cases,
        byState: demo.byState,
        missingActions: demo.missingActions,
        stories: demo.stories,
      } as never);
      const states = Object.entries(demo.byState)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      log(`  ${demo.cases} cases, ${demo.calls} calls in ${(demo.ms / 1000).toFixed(1)} s — ${states}`);
      if (demo.steps.failed) log(`  ${demo.steps.failed} step(s) were refused and their cases stopped there (first: ${demo.failures[0]})`);
      if (demo.missingActions.length) log(`  not generated (actions missing): ${demo.missingActions.join(', ')}`);
      // the dashboards read daily summaries: close the demo's past days now instead of at the timer's next 00:10
      let days = 0;
      for (let i = 0; i < 20; i++) {
        const r = (await cloud.callFunction('rollup', {})) as { code: number | string; data?: { days: string[]; remaining: number } };
        if (r.code !== 0 || !r.data) throw new Error(`daily roll-up failed: ${JSON.stringify(r)}`);
        days += r.data.days.length;
        if (r.data.remaining === 0) break;
      }
      log(`  daily summaries (每日汇总) for ${days} days`);
    } else if (marker) log('demo data set already generated (delete the data directory to start over)');
  } catch (err) {
    await cloud.stop();
    throw err;
  }
  if (timers) {
    const url = cloud.url;
    await cloud.stop();
    // same port (a fixed one stays what was asked for); with port 0 a fresh one, so no client reuses a closed socket
    cloud = await startLocalCloud({ ...base, port: port === 0 ? 0 : Number(new URL(url).port), timers: true });
  }
  const running: RunningSystem = {
    cloud,
    url: cloud.url,
    dataDir,
    builtFunctions: stale,
    seeded,
    demo,
    stop: () => cloud.stop(),
  };
  return running;
}

/** What to print once the system is up. */
export function banner(url: string, dataDir: string): string {
  const who: Array<[string, string, string]> = [
    ['dev-staff-maoxiaojia', '毛晓嘉', '五凤街道一线处置员（待办、签收、呼叫部门）'],
    ['dev-staff-jintang-worker-1', '金汤社区工作人员', '社区（秘书横巷14号一案）'],
    ['dev-staff-cgj-szs-officer', '市政所经办人', '部门（响应呼叫、现场报到）'],
    ['dev-staff-zhengjing', '郑净', '指挥中心 + 轮值领导（分派、核查、疑难件）'],
    ['dev-staff-wufeng-leader-1', '五凤街道主任', '街道轮值领导（疑难件研判）'],
    ['dev-staff-admin', '系统管理员', '管理（问题类型、人员与邀请码、轮值、长效机制）'],
  ];
  return [
    '',
    `一线处置 is running at ${url}`,
    '',
    `  Open ${url} in a browser (the H5 build of the mini-program).`,
    '  Switch roles: 我的 → 开发环境 · 切换身份, or',
    `    curl -c jar -X POST ${url}/dev/identity -H 'content-type: application/json' -d '{"openid":"dev-staff-maoxiaojia"}'`,
    `    (all identities: ${url}/dev/identities; {"openid":null} = an anonymous citizen)`,
    '  Identities to try:',
    ...who.map(([openid, name, what]) => `    ${openid.padEnd(30)} ${name} — ${what}`),
    `  Subscribe messages sent (outbox): ${url}/dev/outbox`,
    `  Data: ${dataDir} (delete it to start over with a fresh demo)`,
    '  Ctrl-C stops.',
    '',
  ].join('\n');
}

if (require.main === module) {
  const port = process.env.PORT ? Number(process.env.PORT) : 8787;
  const dataDir = process.env.YX_DATA_DIR ? path.resolve(process.env.YX_DATA_DIR) : undefined;
  process.on('unhandledRejection', (err) => {
    console.error('[start] unhandled rejection:', (err as Error)?.message ?? err);
  });
  startSystem({ port, dataDir, demo: process.env.YX_DEMO !== '0', demoCases: process.env.YX_DEMO_CASES ? Number(process.env.YX_DEMO_CASES) : undefined })
    .then((sys) => {
      console.log(banner(sys.url, sys.dataDir));
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        console.log('\nstopping…');
        sys.stop().then(
          () => process.exit(0),
          (err: unknown) => {
            console.error(err);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((err: unknown) => {
      const e = err as NodeJS.ErrnoException;
      if (e?.code === 'EADDRINUSE') console.error(`port ${port} is in use: set PORT=… (e.g. PORT=8788 npm start)`);
      else console.error('start failed:', e?.message ?? err);
      process.exit(1);
    });
}
