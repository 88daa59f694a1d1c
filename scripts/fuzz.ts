/**
 * `npm run fuzz`: the property-based fuzz of tests/functions/fuzz.ts at length (default 12 000 events) on a fresh seeded
 * embedded cloud, with the function bundles rebuilt first. Prints the seed, events, codes seen (per code, and per
 * action with `--by-action`) and every finding; exits 1 when there is one.
 *   FUZZ_SEED=<n>    replay a run (default: a fresh seed, printed)
 *   FUZZ_EVENTS=<n>  its length
 * Also a section of `npm run bench` (`npm run bench -- fuzz`).
 */
import { buildFunctions } from './build-functions';
import { ROOMY_RATE_LIMITS, startTestCloud } from '../tests/functions/harness';
import { seedOrg } from '../tests/functions/seed';
import { formatCodes, runFuzz, type FuzzReport } from '../tests/functions/fuzz';

export async function fuzzRun(seed: number, events: number, log: (s: string) => void = () => {}): Promise<FuzzReport> {
  await buildFunctions();
  const t = await startTestCloud(Date.parse('2026-11-17T09:00:00+08:00'), { functionEnv: { YX_RATE_LIMITS: ROOMY_RATE_LIMITS } });
  try {
    seedOrg(t.cloud);
    return await runFuzz(t, { seed, events, onProgress: (n) => log(`  … ${n} events`) });
  } finally {
    await t.stop();
  }
}

/** bench section: figures of a 10 000-event run */
export async function benchFuzz(): Promise<Record<string, number | string>> {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261117;
  const r = await fuzzRun(seed, 10_000);
  return {
    seed: r.seed,
    events: r.events,
    calls: r.calls,
    'calls per second': Math.round((r.calls / r.ms) * 1000),
    'successes (code 0)': Object.entries(r.codes).filter(([k]) => k.endsWith(' 0')).reduce((n, [, v]) => n + v, 0),
    'distinct (action, code) pairs': Object.keys(r.codes).length,
    INTERNAL: Object.entries(r.codes).filter(([k]) => k.endsWith(' INTERNAL')).reduce((n, [, v]) => n + v, 0),
    findings: r.findings.length,
  };
}

async function main() {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
  const events = process.env.FUZZ_EVENTS ? Number(process.env.FUZZ_EVENTS) : 12_000;
  console.log(`fuzz: seed ${seed} (replay with FUZZ_SEED=${seed}), ${events} events`);
  const r = await fuzzRun(seed, events, (s) => console.log(s));
  console.log(`events ${r.events}, calls ${r.calls}, ${(r.ms / 1000).toFixed(1)} s`);
  console.log(`codes: ${formatCodes(r.codes)}`);
  if (process.argv.includes('--by-action')) {
    for (const [k, n] of Object.entries(r.codes).sort()) console.log(`  ${k.padEnd(40)} ${n}`);
  }
  console.log(`distinct (action, code) pairs: ${Object.keys(r.codes).length}`);
  console.log(`findings: ${r.findings.length}`);
  for (const f of r.findings) console.log(`  #${f.event} ${f.action} as ${f.caller} → ${f.code}: ${f.problem}\n      payload ${f.payload}`);
  process.exit(r.findings.length ? 1 : 0);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
