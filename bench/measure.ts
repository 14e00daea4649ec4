/**
 * One benchmark measurement in a fresh process (so peak memory is this run's alone), started by
 * bench/run.ts as `node --expose-gc --import tsx bench/measure.ts SPEC_JSON`; writes its result to spec.out.
 *
 * kind "run", in this order:
 *   1. load the scenario and dataset (prepareRun);
 *   2. solve the first period alone — the first solve of the process, as the CLI meets it;
 *   3. after a warm-up of 3 s (the first period solved again and again, not timed), solve the first
 *      period alone `repeats` times (runtime warm; model, LP and basis cold);
 *   4. run the whole horizon `repeats` times (one LP re-solved warm period by period);
 *   5. with `exportDir`: one more horizon run writing every period's LP as MPS (not timed);
 *   6. with `phases`: the step timers of bench/profile.ts; with `cpuProfile`: simulate() under the
 *      sampling profiler that many times.
 * Times are the best of the repeats (see `best`); step timers the minimum per step.
 * Peak RSS (getrusage's maxRSS, what `/usr/bin/time -v` reports) is read after 1, 2 and 4.
 *
 * kind "cli": a `lodestone` command (`run`, `mc`…) on the scenario, output discarded; kind "idle":
 * Node, tsx and Lodestone's modules with HiGHS loaded, nothing run — the floor under the others.
 * kind "mc": runMonteCarlo with `workers` workers on `draws` draws, timing each finished batch, for
 * the throughput once the workers are warm (see McThroughput).
 * kind "plan": the plan job (`lodestone plan`, the workbench's kind "plan") on the scenario, timing
 * its preparing (the scenario's run, whose numbers the plan LP stacks) and its solves (see
 * PlanMeasurement).
 */
import { writeFileSync } from 'node:fs';
import { main } from '../src/cli/main.js';
import { runJob } from '../src/jobs/pipeline.js';
import { highsRuntime } from '../src/lp/highs-solver.js';
import type { RunResult } from '../src/results/types.js';
import { readRunInputs } from '../src/scenario/disk.js';
import { prepareInputs, prepareRun } from '../src/scenario/prepare-run.js';
import { simulate } from '../src/simulate/simulate.js';
import { runMonteCarlo } from '../src/uncertainty/monte-carlo.js';
import { cpuProfile, type PhaseTimes, phaseTimes } from './profile.js';

export interface MeasureSpec {
  readonly kind: 'run' | 'cli' | 'idle' | 'mc' | 'plan';
  readonly scenarioFile: string;
  readonly out: string;
  readonly repeats?: number;
  readonly exportDir?: string;
  readonly phases?: number;
  readonly cpuProfile?: number;
  /** kind "cli": the command and its options, as in `lodestone COMMAND SCENARIO OPTIONS…` (default: run). */
  readonly args?: readonly string[];
  /** kind "mc". */
  readonly draws?: number;
  readonly workers?: number;
  /** kind "mc": the blocs whose China-free chain each draw re-solves (default: all; [] for none). */
  readonly blocs?: readonly string[];
  /** kind "plan": the target (the bloc's demand served free of the taint set, a share, by a year). */
  /** kind "plan": the plan job's options (integer: a MILP; probability and draws: under uncertainty). */
  readonly plan?: PlanCase;
}

/** One plan, as its job runs it: seconds of each stage, the plan LP's size, and peak memory. */
export interface PlanCase {
  readonly bloc: string;
  readonly target: number;
  readonly by: number;
  readonly integer?: boolean;
  readonly probability?: number;
  readonly draws?: number;
  readonly timeLimit?: number;
}

export interface PlanMeasurement extends PlanCase {
  /** Reading and loading the scenario and dataset. */
  readonly load_s: number;
  /** The scenario's run (every candidate at zero capacity) and stacking its periods into the plan LP. */
  readonly prepare_s: number;
  /** The plan LP and the plan LP without the target, HiGHS time. */
  readonly solve_s: number;
  /** The whole job, from loaded inputs to its files made. */
  readonly job_s: number;
  readonly lp: { rows: number; cols: number; nonzeros: number };
  readonly status: string;
  readonly builds: number;
  readonly total_capex_musd: number;
  readonly premium_musd: number;
  readonly rss_mib: number;
  /** Under uncertainty: the draws stacked into the LP, and the share of fresh draws the plan met. */
  readonly stacked?: number;
  readonly probability_reached?: number;
}

/**
 * Monte Carlo throughput: the whole call, and the steady rate — draws finished after the first third
 * over the time they took, so worker start-up (loading, model preparation, JIT and WebAssembly
 * warm-up, ~2 s per worker) is left out.
 */
export interface McThroughput {
  readonly draws: number;
  readonly workers: number;
  readonly wall_s: number;
  readonly steady_draws_per_s: number;
  /** CPU seconds of the process (all threads) per draw, over the whole call. */
  readonly cpu_s_per_draw: number;
}

export interface Phases {
  readonly wall: number;
  readonly build: number;
  readonly solve: number;
  readonly extract: number;
}

export interface PeriodTimes extends Phases {
  readonly label: string;
  readonly objective: number;
  readonly iterations: number;
}

export interface Measurement {
  readonly dataset: { name: string; facilities: number; regions: number; load_s: number };
  readonly lp: { rows: number; cols: number; nonzeros: number };
  readonly fresh_first_period: Phases;
  readonly one_period: Phases;
  readonly horizon: { readonly total: Phases; readonly periods: PeriodTimes[] };
  readonly rss_mib: { after_load: number; first_period: number; horizon: number };
  readonly phases?: PhaseTimes;
  readonly profile?: Awaited<ReturnType<typeof cpuProfile>>;
}

const peakMib = () => process.resourceUsage().maxRSS / 1024;
const sum = (run: RunResult, key: 'build' | 'solve' | 'extract') =>
  run.periods.reduce((s, p) => s + p.seconds[key], 0);

const WARM_UP_MS = 3000;
/** Collects garbage (the child runs with --expose-gc) so a run does not pay for the previous one's. */
const collect = () => (globalThis as { gc?: () => void }).gc?.();

async function timedRun(
  ...args: Parameters<typeof simulate>
): Promise<{ total: Phases; periods: PeriodTimes[] }> {
  collect();
  const walls: number[] = [];
  const t0 = performance.now();
  let last = t0;
  const run = await simulate(args[0], args[1], {
    ...args[2],
    onPeriod: () => {
      const now = performance.now();
      walls.push((now - last) / 1000);
      last = now;
    },
  });
  return {
    total: {
      wall: (performance.now() - t0) / 1000,
      build: sum(run, 'build'),
      solve: sum(run, 'solve'),
      extract: sum(run, 'extract'),
    },
    periods: run.periods.map((p, i) => ({
      label: p.period.label,
      wall: walls[i]!,
      ...p.seconds,
      objective: p.objective,
      iterations: p.iterations,
    })),
  };
}

/**
 * The least disturbed of several runs: the one with the smallest build + solve + extract. Other work
 * on a machine only ever adds time, so on a shared machine the best run estimates the cost better
 * than the median.
 */
const best = <T extends Phases>(xs: T[]): Phases => {
  const { wall, build, solve, extract } = xs.reduce((a, b) =>
    b.build + b.solve + b.extract < a.build + a.solve + a.extract ? b : a,
  );
  return { wall, build, solve, extract };
};

async function measureRun(spec: MeasureSpec): Promise<Measurement> {
  const repeats = spec.repeats ?? 1;
  const t = performance.now();
  const { loaded, dataset } = prepareRun(spec.scenarioFile);
  const load_s = (performance.now() - t) / 1000;
  const afterLoad = peakMib();
  const scenario = loaded.scenario;
  const first = { ...scenario, horizon: { start: scenario.horizon.start, end: scenario.horizon.start } };
  const fresh = await timedRun(dataset, first);
  const firstPeriodPeak = peakMib();
  // Warm-up: V8 tiers WebAssembly and JavaScript up to optimised code in the background as they run.
  const warmUntil = performance.now() + WARM_UP_MS;
  do await simulate(dataset, first);
  while (performance.now() < warmUntil);
  const single: Phases[] = [];
  for (let i = 0; i < repeats; i++) single.push((await timedRun(dataset, first)).total);
  const horizons: Awaited<ReturnType<typeof timedRun>>[] = [];
  for (let i = 0; i < repeats; i++) horizons.push(await timedRun(dataset, scenario));
  const horizonPeak = peakMib();
  if (spec.exportDir) await simulate(dataset, scenario, { exportLp: { dir: spec.exportDir, format: 'mps' } });
  const phaseRuns: PhaseTimes[] = [];
  for (let i = 0; i < (spec.phases ?? 0); i++) {
    collect();
    phaseRuns.push(await phaseTimes(dataset, scenario));
  }
  const profile = spec.cpuProfile
    ? await cpuProfile(() => simulate(dataset, scenario), spec.cpuProfile)
    : undefined;
  const minOf = (pick: (p: PhaseTimes) => Record<string, number>) =>
    Object.fromEntries(
      Object.keys(pick(phaseRuns[0]!)).map((k) => [k, Math.min(...phaseRuns.map((p) => pick(p)[k]!))]),
    );
  const sizeRun = await simulate(dataset, first);
  return {
    dataset: {
      name: dataset.meta.name,
      facilities: dataset.facilities.length,
      regions: dataset.regions.length,
      load_s,
    },
    lp: sizeRun.periods[0]!.size,
    fresh_first_period: fresh.total,
    one_period: best(single),
    horizon: {
      total: best(horizons.map((h) => h.total)),
      periods: horizons[0]!.periods.map((p, i) => ({
        ...p,
        ...best(horizons.map((h) => h.periods[i]!)),
      })),
    },
    rss_mib: { after_load: afterLoad, first_period: firstPeriodPeak, horizon: horizonPeak },
    ...(phaseRuns.length > 0
      ? {
          phases: {
            once: minOf((p) => p.once),
            perPeriod: minOf((p) => p.perPeriod),
            periods: phaseRuns[0]!.periods,
          },
        }
      : {}),
    ...(profile ? { profile } : {}),
  };
}

const spec = JSON.parse(process.argv[2]!) as MeasureSpec;
let result: unknown;
if (spec.kind === 'run') result = await measureRun(spec);
else if (spec.kind === 'cli') {
  const t = performance.now();
  const quiet = { out: () => {}, err: () => {}, tty: false };
  const [command = 'run', ...options] = spec.args ?? [];
  if (command.startsWith('-')) throw new Error('kind "cli": args start with the command');
  const code = await main(['node', 'lodestone', command, spec.scenarioFile, ...options], quiet);
  result = { exit_code: code, wall_s: (performance.now() - t) / 1000, rss_mib: peakMib() };
} else if (spec.kind === 'mc') {
  const draws = spec.draws ?? 32;
  const done: { draws: number; at: number }[] = [];
  const cpu = process.cpuUsage();
  const t = performance.now();
  await runMonteCarlo({
    inputs: readRunInputs(spec.scenarioFile),
    draws,
    seed: 1,
    workers: spec.workers ?? 1,
    blocs: spec.blocs,
    batchSize: 4,
    onProgress: (n) => done.push({ draws: n, at: performance.now() }),
  });
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const from = done.find((d) => d.draws >= draws / 3)!;
  const last = done.at(-1)!;
  result = {
    draws,
    workers: spec.workers ?? 1,
    wall_s: wall / 1000,
    steady_draws_per_s: ((last.draws - from.draws) / (last.at - from.at)) * 1000,
    cpu_s_per_draw: (used.user + used.system) / 1e6 / draws,
  } satisfies McThroughput;
} else if (spec.kind === 'plan') {
  const target = spec.plan ?? { bloc: 'US', target: 0.5, by: 2030 };
  const t0 = performance.now();
  const inputs = readRunInputs(spec.scenarioFile);
  const prepared = prepareInputs(inputs);
  const t1 = performance.now();
  let solving: number | undefined;
  const job = await runJob(
    { kind: 'plan', inputs, ...target },
    {
      onEvent: (e) => {
        if (e.type === 'plan' && e.stage === 'solving') solving ??= performance.now();
      },
    },
    prepared,
  );
  job.files(); // the plan folder's files, as the CLI and the workbench make them
  const t2 = performance.now();
  const plan = job.plan!;
  result = {
    ...target,
    load_s: (t1 - t0) / 1000,
    prepare_s: ((solving ?? t2) - t1) / 1000,
    solve_s: plan.seconds.solve,
    job_s: (t2 - t1) / 1000,
    lp: { rows: plan.size.rows, cols: plan.size.cols, nonzeros: plan.size.nonzeros },
    status: plan.status.plan,
    builds: plan.builds.length,
    total_capex_musd: plan.summary.totalCapex / 1e6,
    premium_musd: plan.summary.premium / 1e6,
    rss_mib: peakMib(),
    ...(job.chance
      ? { stacked: job.chance.stacked.length, probability_reached: job.chance.check.probability }
      : {}),
  } satisfies PlanMeasurement;
} else {
  await highsRuntime();
  result = { rss_mib: peakMib() };
}
writeFileSync(spec.out, JSON.stringify(result));
