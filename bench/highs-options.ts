/**
 * Which HiGHS options solve Lodestone's period LPs fastest (issue 20, item 5): every option set
 * below cold-solves the same MPS files (the baseline's periods and the synthetic ×100 network's),
 * each in a fresh model, `REPEATS` times; prints the median HiGHS run time per file and option
 * set, the iterations, and the objective's relative difference from the defaults'.
 *
 *   npx tsx bench/highs-options.ts [REPEATS]       (default 5)
 *
 * The option sets take turns within each repeat, so a change in the machine's load hits them alike.
 * HIGHS_OPTIONS_SETS=baseline|x100 measures one set of LPs; HIGHS_OPTIONS_SKIP leaves option sets out.
 * HIGHS_OPTIONS_DIR reuses MPS files from an earlier run (kept in $TMPDIR/lodestone-highs-options).
 * Not run by `npm run bench`: the findings are in bench/README.md ("HiGHS options").
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { highsRuntime } from '../src/lp/highs-solver.js';
import { defaultScenarioFile } from '../src/scenario/package-root.js';
import { prepareRun } from '../src/scenario/prepare-run.js';
import { simulate } from '../src/simulate/simulate.js';
import { writeSynthetic } from './synthetic.js';

const REPEATS = Number(process.argv[2] ?? 5);
const dir = process.env.HIGHS_OPTIONS_DIR ?? join(tmpdir(), 'lodestone-highs-options');

/** The option sets compared (the adapter's tolerances in all of them). */
export const OPTION_SETS: Record<string, Record<string, string | number | boolean>> = {
  default: {},
  'dual, edge weights Devex': { simplex_strategy: 1, simplex_dual_edge_weight_strategy: 1 },
  'dual, edge weights Dantzig': { simplex_strategy: 1, simplex_dual_edge_weight_strategy: 0 },
  'dual, steepest edge': { simplex_strategy: 1, simplex_dual_edge_weight_strategy: 2 },
  primal: { simplex_strategy: 4 },
  'presolve off': { presolve: 'off' },
  'scale strategy 0 (off)': { simplex_scale_strategy: 0 },
  'scale strategy 4 (max value 0)': { simplex_scale_strategy: 4 },
  'ipm + crossover': { solver: 'ipm', run_crossover: 'on' },
  'ipm, no crossover': { solver: 'ipm', run_crossover: 'off' },
};

async function exportPeriods(out: string, scenarioFile: string, periods: number): Promise<void> {
  const { loaded, dataset } = prepareRun(scenarioFile);
  const { horizon } = loaded.scenario;
  const scenario = { ...loaded.scenario, horizon: { ...horizon, end: horizon.start + periods - 1 } };
  mkdirSync(out, { recursive: true });
  await simulate(dataset, scenario, { exportLp: { dir: out, format: 'mps' } });
}

if (!existsSync(join(dir, 'baseline'))) {
  console.error('exporting the baseline periods…');
  await exportPeriods(join(dir, 'baseline'), defaultScenarioFile(), 26);
}
if (!existsSync(join(dir, 'x100'))) {
  console.error('writing and exporting the ×100 network (3 periods)…');
  writeSynthetic(join(dir, 'x100-data'), { facilities: 100, regions: 3, years: 3, seed: 1 });
  await exportPeriods(join(dir, 'x100'), join(dir, 'x100-data', 'scenario.yaml'), 3);
}

const highs = await highsRuntime();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const load0 = loadavg()[0]!;
/** Option sets a set leaves out (HIGHS_OPTIONS_SKIP, names separated by ';': the slow ones on ×100). */
const skip = new Set((process.env.HIGHS_OPTIONS_SKIP ?? '').split(';').filter(Boolean));
for (const set of (process.env.HIGHS_OPTIONS_SETS ?? 'baseline,x100').split(',')) {
  const files = readdirSync(join(dir, set))
    .filter((f) => f.endsWith('.mps'))
    .sort();
  const texts = files.map((f) => readFileSync(join(dir, set, f), 'utf8'));
  const names = Object.keys(OPTION_SETS).filter((n) => !skip.has(n));
  console.log(
    `\n${set}: ${files.length} period LPs, cold solves, median of ${REPEATS} (ms, summed over periods)`,
  );
  const times = new Map(names.map((n) => [n, [] as number[]]));
  const first = new Map<string, { iterations: number; objectives: number[]; failed: string }>();
  // Round-robin over the option sets, so that a change in the machine's load hits them all alike.
  for (let r = 0; r < REPEATS; r++) {
    for (const name of names) {
      let total = 0;
      const seen = { iterations: 0, objectives: [] as number[], failed: '' };
      for (const [k, text] of texts.entries()) {
        const model = highs.createModel({ format: 'mps', data: text });
        try {
          model.options.set({
            output_flag: false,
            primal_feasibility_tolerance: 1e-9,
            dual_feasibility_tolerance: 1e-9,
            ...OPTION_SETS[name],
          });
          const t = performance.now();
          model.run();
          total += performance.now() - t;
          const status = model.getModelStatus() as number;
          if (status !== 7) seen.failed = `status ${status} on ${files[k]}`;
          seen.objectives.push(model.getObjectiveValue());
          seen.iterations +=
            Number(model.info.get('simplex_iteration_count')) + Number(model.info.get('ipm_iteration_count'));
        } finally {
          model.dispose();
        }
      }
      times.get(name)!.push(total);
      if (r === 0) first.set(name, seen);
    }
  }
  const reference = first.get(names[0]!)!.objectives;
  for (const name of names) {
    const { iterations, objectives, failed } = first.get(name)!;
    const diff = Math.max(
      ...objectives.map((o, k) => Math.abs(o - reference[k]!) / Math.max(1, Math.abs(reference[k]!))),
    );
    const t = times.get(name)!;
    console.log(
      `${name.padEnd(32)} ${median(t).toFixed(1).padStart(9)} ms  (min ${Math.min(...t).toFixed(1)})  ` +
        `${String(iterations).padStart(7)} it  objective rel. diff ${diff.toExponential(1)} ${failed}`,
    );
  }
}
console.log(`\nload average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`);
