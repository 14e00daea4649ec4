/**
 * Where a Monte Carlo draw's time goes, in this thread (a worker runs the same code):
 * `npx tsx bench/draw-profile.ts [SCENARIO]` times `runDraw` after 10 warm-up draws, splits the
 * solver's time into first periods (from the nominal run's basis) and re-solves warm from the period before, and (PROFILE=1) prints V8's CPU profile
 * summed per function. N (default 40) sets the number of timed draws; BLOCS=none leaves out the
 * per-bloc re-solves. It also prints the simplex iterations per draw and a digest of the timed draws'
 * outputs (equal digests: identical numbers), and HIGHS_OPTIONS (JSON) sets HiGHS options on every model.
 */
import { createHash } from 'node:crypto';
import { defaultBlocs } from '../src/analysis/blocs.js';
import { PersistentLp } from '../src/lp/highs-solver.js';
import { defaultScenarioFile } from '../src/scenario/package-root.js';
import { prepareRun } from '../src/scenario/prepare-run.js';
import { prepareDraws, runDraw } from '../src/uncertainty/draw.js';
import { cpuProfile } from './profile.js';

const N = Number(process.env.N ?? 40);
// HIGHS_OPTIONS='{"simplex_dual_edge_weight_strategy":1}': HiGHS options set on every model before its
// first solve (to compare option sets on the draws' warm re-solves).
const highsOptions = process.env.HIGHS_OPTIONS ? JSON.parse(process.env.HIGHS_OPTIONS) : undefined;
const { loaded, dataset } = prepareRun(process.argv[2] ?? defaultScenarioFile());
const t0 = performance.now();
const setup = await prepareDraws({
  dataset,
  scenario: loaded.scenario,
  seed: 1,
  // BLOCS=none: no per-bloc China-free re-solves (as `mc --blocs none`).
  blocs: process.env.BLOCS === 'none' ? [] : defaultBlocs(dataset),
});
console.log(`prepare: ${(performance.now() - t0).toFixed(0)} ms`);
for (let i = 0; i < 10; i++) await runDraw(setup, i);

// Solver time per draw: first periods of each run (after reset, started from the nominal basis) and the rest.
const solver = { cold: 0, warm: 0, coldSolves: 0, warmSolves: 0, iterations: 0 };
const cold = new WeakSet<PersistentLp>();
const { solve, reset } = PersistentLp.prototype;
PersistentLp.prototype.reset = function (this: PersistentLp) {
  cold.add(this);
  reset.call(this);
};
const optioned = new WeakSet<PersistentLp>();
PersistentLp.prototype.solve = function (this: PersistentLp, context: string) {
  if (highsOptions && !optioned.has(this)) {
    (this as unknown as { model: { options: { set(o: object): void } } }).model.options.set(highsOptions);
    optioned.add(this);
  }
  const t = performance.now();
  const result = solve.call(this, context);
  solver.iterations += result.iterations;
  const kind = cold.delete(this) ? 'cold' : 'warm';
  solver[kind] += performance.now() - t;
  solver[kind === 'cold' ? 'coldSolves' : 'warmSolves']++;
  return result;
};
const cpu = process.cpuUsage();
const t1 = performance.now();
const digest = createHash('sha256');
for (let i = 0; i < N; i++) digest.update(JSON.stringify((await runDraw(setup, 100 + i)).metrics));
const wall = (performance.now() - t1) / N;
const used = process.cpuUsage(cpu);
console.log(
  `per draw: ${wall.toFixed(1)} ms wall, ${((used.user + used.system) / 1000 / N).toFixed(1)} ms CPU; ` +
    `solver ${(solver.cold / N).toFixed(1)} ms in ${solver.coldSolves / N} first-period solves + ` +
    `${(solver.warm / N).toFixed(1)} ms in ${solver.warmSolves / N} warm ones; ` +
    `${(solver.iterations / N).toFixed(0)} simplex iterations; outputs ${digest.digest('hex').slice(0, 12)}`,
);
if (process.env.PROFILE) {
  let d = 1000;
  const p = await cpuProfile(() => runDraw(setup, d++), 20);
  for (const r of p.project.slice(0, 30))
    console.log(r.inclusive_ms.toFixed(2).padStart(8), r.self_ms.toFixed(2).padStart(8), r.function);
}
