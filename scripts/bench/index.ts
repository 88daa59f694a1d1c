/**
 * `npm run bench`: prints the figures the issues ask for, as numbers and ratios. Each section is a module in
 * this folder (or local/bench.ts) exporting an async function that returns named figures; a section whose
 * prerequisites are missing (e.g. no production build) says so instead of failing the whole run.
 *
 *   npm run bench                 all sections
 *   npm run bench -- sizes store  only these sections
 */
import fs from 'node:fs';
import path from 'node:path';

type Figures = Record<string, number | string>;
type Section = { name: string; title: string; run: () => Promise<Figures> };

const root = path.resolve(__dirname, '..', '..');
const here = (f: string) => path.join(__dirname, f);

function optional(file: string, exportName: string): (() => Promise<Figures>) | null {
  if (!fs.existsSync(file)) return null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as Record<string, () => Promise<Figures>>;
  return typeof mod[exportName] === 'function' ? mod[exportName] : null;
}

const sections: Section[] = [
  { name: 'targets', title: 'Issue #14 targets on the large seed: each figure, its target and the ratio (one run)', run: async () => (await import('./scale')).benchTargets() },
  { name: 'sizes', title: 'Mini-program package sizes (production build)', run: async () => (await import('./sizes')).benchSizes() },
  { name: 'store', title: 'Embedded cloud: store insert throughput, raw vs through the real SDK', run: () => (optional(path.join(root, 'local', 'bench.ts'), 'benchStore') ?? missing('local/bench.ts'))() },
  { name: 'classifier', title: 'Category suggestion (智能判断): held-out accuracy', run: async () => (await import('./classifier')).benchClassifier() },
  { name: 'actions', title: 'Cloud functions: DB round trips per user action', run: () => (optional(here('actions.ts'), 'benchActions') ?? missing('scripts/bench/actions.ts'))() },
  { name: 'sla', title: 'SLA sweep and submit → inbox latency', run: () => (optional(here('sla.ts'), 'benchSla') ?? missing('scripts/bench/sla.ts'))() },
  { name: 'scale', title: 'The article\'s scale: bootstrap, submit → inbox with 100 000 open cases, submits per second (gulou | large)', run: () => (optional(here('scale.ts'), 'benchScale') ?? missing('scripts/bench/scale.ts'))() },
  { name: 'analysis', title: 'Analysis: roll-ups, indicators, recurring problems', run: () => (optional(here('analysis.ts'), 'benchAnalysis') ?? missing('scripts/bench/analysis.ts'))() },
  { name: 'fuzz', title: 'Property-based fuzz of the api function: 10 000 events, invariants', run: () => (optional(path.join(root, 'scripts', 'fuzz.ts'), 'benchFuzz') ?? missing('scripts/fuzz.ts'))() },
  { name: 'h5', title: 'H5 first render of the citizen home in Chromium', run: () => (optional(here('h5.ts'), 'benchH5') ?? missing('scripts/bench/h5.ts'))() },
];

function missing(what: string) {
  return async (): Promise<Figures> => ({ skipped: `${what} not present` });
}

function print(title: string, figures: Figures, ms: number) {
  console.log(`\n== ${title}  (${(ms / 1000).toFixed(1)} s)`);
  const width = Math.max(...Object.keys(figures).map((k) => k.length), 10);
  for (const [k, v] of Object.entries(figures)) {
    const value = typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(v < 10 ? 3 : 1)) : v;
    console.log(`  ${k.padEnd(width)}  ${value}`);
  }
}

async function main() {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const results: Record<string, Figures> = {};
  for (const s of sections) {
    if (only.length && !only.includes(s.name)) continue;
    const t0 = Date.now();
    try {
      results[s.name] = await s.run();
    } catch (err) {
      results[s.name] = { error: String((err as Error).message ?? err).slice(0, 200) };
    }
    print(s.title, results[s.name], Date.now() - t0);
  }
  // sections run on their own update their figures and keep the others'
  const out = path.join(root, 'bench-results');
  const file = path.join(out, 'latest.json');
  fs.mkdirSync(out, { recursive: true });
  const prev = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { results?: Record<string, Figures>; at?: Record<string, string> | string }) : {};
  const at = typeof prev.at === 'object' && prev.at ? { ...prev.at } : {};
  const now = new Date().toISOString();
  for (const name of Object.keys(results)) at[name] = now;
  fs.writeFileSync(file, JSON.stringify({ at, results: { ...(prev.results ?? {}), ...results } }, null, 2));
  console.log(`\nfigures saved to bench-results/latest.json`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
