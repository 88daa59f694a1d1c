/**
 * Property-based fuzz (tests/functions/fuzz.ts): random events from every registered action and every kind of caller
 * on the seeded cloud. 0 INTERNAL answers, every code declared for its action, no write by a refused call, no citizen
 * openid in an answer to anyone else. Seeded: the seed is printed; `FUZZ_SEED=<n>` replays a run, `FUZZ_EVENTS=<n>`
 * changes its length (default 2500). `npm run fuzz` runs ≥ 10 000 events.
 */
import { ROOMY_RATE_LIMITS, startTestCloud, type TestCloud } from './harness';
import { seedOrg } from './seed';
import { formatCodes, runFuzz } from './fuzz';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud(Date.parse('2026-11-17T09:00:00+08:00'), { functionEnv: { YX_RATE_LIMITS: ROOMY_RATE_LIMITS } });
  seedOrg(t.cloud);
});
afterAll(() => t.stop());

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261117;
const EVENTS = process.env.FUZZ_EVENTS ? Number(process.env.FUZZ_EVENTS) : 2500;

test(`fuzz: ${EVENTS} random events (seed ${SEED}) keep the invariants`, async () => {
  const report = await runFuzz(t, { seed: SEED, events: EVENTS });
  console.log(`[fuzz] seed ${report.seed}: ${report.events} events, ${report.calls} calls in ${report.ms} ms; codes: ${formatCodes(report.codes)}; findings: ${report.findings.length}`);
  expect(report.findings.slice(0, 20)).toEqual([]);
  // the run reaches past validation: successes and domain refusals, not only INVALID_INPUT
  expect(Object.keys(report.codes).filter((k) => k.endsWith(' 0')).length).toBeGreaterThan(10);
}, 300_000);
