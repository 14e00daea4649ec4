/**
 * `npm run bench`: times the flow engine on the embedded default dataset and baseline scenario.
 * For one period (cold: network, LP and solver built from scratch) and for the whole horizon (one
 * LP re-solved warm period by period), it reports the LP size and the time to build, solve and
 * extract, as the median of several repetitions. Writes bench/results.json.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../src/dataset/load-dataset.js';
import type { RunResult } from '../src/results/types.js';
import { loadScenario } from '../src/scenario/load-scenario.js';
import { defaultScenarioFile, lodestoneVersion } from '../src/scenario/package-root.js';
import { simulate } from '../src/simulate/simulate.js';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (s: number) => Math.round(s * 10_000) / 10;

const loaded = loadScenario(defaultScenarioFile());
const t0 = performance.now();
const { dataset } = loadDataset(loaded.datasetDir);
const loadSeconds = (performance.now() - t0) / 1000;
const first = {
  ...loaded.scenario,
  horizon: { start: loaded.scenario.horizon.start, end: loaded.scenario.horizon.start },
};

async function timed(scenario: typeof loaded.scenario): Promise<{ wall: number; run: RunResult }> {
  const t = performance.now();
  const run = await simulate(dataset, scenario);
  return { wall: (performance.now() - t) / 1000, run };
}

await timed(first); // warm up the WebAssembly runtime and the JIT
const phases = (run: RunResult) => ({
  build: run.periods.reduce((s, p) => s + p.seconds.build, 0),
  solve: run.periods.reduce((s, p) => s + p.seconds.solve, 0),
  extract: run.periods.reduce((s, p) => s + p.seconds.extract, 0),
});
const onePeriod: { wall: number; build: number; solve: number; extract: number }[] = [];
const horizon: { wall: number; build: number; solve: number; extract: number }[] = [];
let last: RunResult | undefined;
for (let i = 0; i < REPEATS; i++) {
  const a = await timed(first);
  onePeriod.push({ wall: a.wall, ...phases(a.run) });
  const b = await timed(loaded.scenario);
  horizon.push({ wall: b.wall, ...phases(b.run) });
  last = b.run;
}
const summarise = (xs: typeof onePeriod) => ({
  wall_ms: ms(median(xs.map((x) => x.wall))),
  build_ms: ms(median(xs.map((x) => x.build))),
  solve_ms: ms(median(xs.map((x) => x.solve))),
  extract_ms: ms(median(xs.map((x) => x.extract))),
});
const size = last!.periods[0]!.size;
const results = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memory_gib: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  lodestone_version: lodestoneVersion(),
  dataset: {
    name: dataset.meta.name,
    hash: dataset.hash,
    facilities: dataset.facilities.length,
    load_ms: ms(loadSeconds),
  },
  scenario: { name: loaded.scenario.name, periods: last!.periods.length, period: loaded.scenario.period },
  lp: size,
  repeats: REPEATS,
  one_period_cold: summarise(onePeriod),
  whole_horizon_warm: summarise(horizon),
  per_period_warm_ms: ms(median(horizon.map((x) => x.wall)) / last!.periods.length),
};
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const row = (name: string, r: ReturnType<typeof summarise>) =>
  `${name.padEnd(28)}${String(r.wall_ms).padStart(10)}${String(r.build_ms).padStart(10)}${String(r.solve_ms).padStart(10)}${String(r.extract_ms).padStart(10)}`;
console.log(
  `Lodestone ${results.lodestone_version} on ${results.machine.cpu} (${results.machine.cpus} cores), Node ${process.version}`,
);
console.log(
  `dataset ${dataset.meta.name}: ${dataset.facilities.length} facilities, loaded in ${results.dataset.load_ms} ms`,
);
console.log(
  `LP per period: ${size.rows} rows × ${size.cols} columns, ${size.nonzeros} nonzeros; median of ${REPEATS} runs\n`,
);
console.log(
  `${''.padEnd(28)}${'total ms'.padStart(10)}${'build'.padStart(10)}${'solve'.padStart(10)}${'extract'.padStart(10)}`,
);
console.log(row('one period (cold)', results.one_period_cold));
console.log(row(`horizon, ${results.scenario.periods} periods (warm)`, results.whole_horizon_warm));
console.log(`\nper period in the warm horizon: ${results.per_period_warm_ms} ms; wrote bench/results.json`);
