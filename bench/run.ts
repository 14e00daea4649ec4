/**
 * `npm run bench` (issue 8): Lodestone's speed against native HiGHS, its overhead around the
 * solver, how it scales, and its memory. Each measurement runs in a fresh process
 * (bench/measure.ts); the native reference is scipy's linprog(method='highs') on the LPs Lodestone
 * exports (bench/native.py, Debian's /usr/bin/python3 with python3-scipy); the scaled datasets come
 * from bench/synthetic.ts. Prints tables; writes bench/results.json and the results block of
 * bench/README.md.
 *
 * BENCH_QUICK=1: fewer repeats, sizes ×1, ×3 and ×10 only, 4 Monte Carlo draws; writes its results
 * to the temp folder instead.
 * BENCH_REPEATS, BENCH_SIZES (e.g. "1,10,100"), BENCH_YEARS override; BENCH_KEEP=1 keeps the
 * generated datasets and MPS files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { defaultScenarioFile, lodestoneVersion, packageRoot } from '../src/scenario/package-root.js';
import { baselineRuns } from './baseline-run.js';
import type { McThroughput, Measurement, MeasureSpec, Phases, PlanMeasurement } from './measure.js';
import { PRECISION, PRECISION_TARGET_S, type PrecisionRun, precisionRuns } from './precision.js';
import type { ProfiledFunction } from './profile.js';
import { type QueueThroughput, queueThroughput } from './queue-throughput.js';
import { fmt, markdownTable, type Table, textTable, updateReadme } from './report.js';
import { writeSynthetic } from './synthetic.js';

const QUICK = process.env.BENCH_QUICK === '1';
const REPEATS = Number(process.env.BENCH_REPEATS ?? (QUICK ? 5 : 15));
const NATIVE_REPEATS = QUICK ? 3 : 7;
const MC_DRAWS = QUICK ? 4 : 64;
const MC_STEADY_DRAWS = QUICK ? 24 : 96;
const SIZES = (process.env.BENCH_SIZES ?? (QUICK ? '1,3,10' : '1,3,10,30,100')).split(',').map(Number);
const YEARS = Number(process.env.BENCH_YEARS ?? 30);
/** Issue 7 measures Monte Carlo on the default baseline over 2025–2040. */
const MC_SCENARIO = join(import.meta.dirname, 'scenarios', 'baseline-2040.yaml');
const PYTHON = '/usr/bin/python3';
const here = import.meta.dirname;
const work = mkdtempSync(join(tmpdir(), 'lodestone-bench-'));
const started = performance.now();
const loadBefore = loadavg()[0]!;

// ── running things ──────────────────────────────────────────────────────────────────────────────
let runs = 0;
function measure<T = Measurement>(spec: Omit<MeasureSpec, 'out'>): T {
  const out = join(work, `measure-${++runs}.json`);
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(here, 'measure.ts'), JSON.stringify({ ...spec, out })],
    { stdio: ['ignore', 'ignore', 'inherit'], cwd: packageRoot() },
  );
  if (r.status !== 0) throw new Error(`bench/measure.ts failed on ${spec.kind} ${spec.scenarioFile}`);
  return JSON.parse(readFileSync(out, 'utf8')) as T;
}

interface NativeResult {
  readonly objective: number;
  readonly iterations: number;
  readonly solve_min_s: number;
  readonly solve_median_s: number;
  readonly linprog_median_s: number;
}
let scipyVersion: string | undefined;
/** Native HiGHS on each MPS file, or undefined (with a note) when python3-scipy is missing. */
function native(files: string[], repeats: number): NativeResult[] | undefined {
  if (!existsSync(PYTHON)) return undefined;
  const r = spawnSync(PYTHON, [join(here, 'native.py'), String(repeats), ...files], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) {
    console.error(
      `native reference skipped: ${r.stderr.trim().split('\n').pop()} (apt-get install -y python3-scipy)`,
    );
    return undefined;
  }
  const out = JSON.parse(r.stdout) as { scipy: string; results: NativeResult[] };
  scipyVersion = out.scipy;
  return out.results;
}
const nativeAvailable = native([], 1) !== undefined;

// ── comparing ───────────────────────────────────────────────────────────────────────────────────
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const total = (p: Phases) => p.build + p.solve + p.extract;
const overhead = (p: Phases) => (p.build + p.extract) / p.solve;

/** Lodestone against native per period and over the horizon; ratio = Lodestone / native. */
function compare(m: Measurement, nat: NativeResult[] | undefined) {
  const row = (p: Phases, n: NativeResult | undefined) => ({
    ...p,
    total: total(p),
    overhead: overhead(p),
    native_s: n?.solve_min_s,
    ratio: n ? total(p) / n.solve_min_s : undefined,
    solve_ratio: n ? p.solve / n.solve_min_s : undefined,
  });
  const h = m.horizon.total;
  const nativeSum = nat ? sum(nat.map((n) => n.solve_min_s)) : undefined;
  return {
    periods: m.horizon.periods.map((p, i) => ({
      label: p.label,
      iterations: p.iterations,
      native_iterations: nat?.[i]?.iterations,
      objective_rel_diff: nat
        ? Math.abs(p.objective - nat[i]!.objective) / Math.max(1, Math.abs(p.objective))
        : undefined,
      ...row(p, nat?.[i]),
    })),
    one_period: row(m.one_period, nat?.[0]),
    fresh_first_period: row(m.fresh_first_period, nat?.[0]),
    horizon: {
      ...row(h, undefined),
      native_s: nativeSum,
      native_sum_s: nativeSum,
      ratio: nativeSum ? total(h) / nativeSum : undefined,
      solve_ratio: nativeSum ? h.solve / nativeSum : undefined,
      wall_ratio: nativeSum ? h.wall / nativeSum : undefined,
      wall_overhead: (h.wall - h.solve) / h.solve,
    },
  };
}
type Comparison = ReturnType<typeof compare>;

/** Least-squares slope of log y on log x: y grows as x^slope. */
function slope(xs: number[], ys: number[]): number | undefined {
  const pts = xs
    .map((x, i) => [Math.log(x), Math.log(ys[i]!)] as const)
    .filter(([, y]) => Number.isFinite(y));
  if (pts.length < 2) return undefined;
  const mx = sum(pts.map((p) => p[0])) / pts.length;
  const my = sum(pts.map((p) => p[1])) / pts.length;
  return sum(pts.map(([x, y]) => (x - mx) * (y - my))) / sum(pts.map(([x]) => (x - mx) ** 2));
}

// ── 1. the baseline against native HiGHS ────────────────────────────────────────────────────────
console.error(`bench: baseline (${REPEATS} repeats)…`);
const baseMps = join(work, 'baseline-mps');
const base = measure({
  kind: 'run',
  scenarioFile: defaultScenarioFile(),
  repeats: REPEATS,
  exportDir: baseMps,
  phases: REPEATS,
  cpuProfile: QUICK ? 5 : 20,
});
const baseFiles = base.horizon.periods.map((p) => join(baseMps, `period-${p.label}.mps`));
const baseCmp = compare(base, nativeAvailable ? native(baseFiles, NATIVE_REPEATS) : undefined);

// ── 1b. the baseline as a user runs it (issue 17: under 10 s) ─────────────────────────────────────
console.error('bench: baseline run, compiled CLI…');
const baselineRun = baselineRuns(QUICK ? 3 : 5);

// ── 2. memory of whole runs ─────────────────────────────────────────────────────────────────────
console.error('bench: memory…');
type CliRun = { exit_code: number; wall_s: number; rss_mib: number };
const memory = {
  idle_mib: measure<{ rss_mib: number }>({ kind: 'idle', scenarioFile: defaultScenarioFile() }).rss_mib,
  run_no_analysis: measure<CliRun>({
    kind: 'cli',
    scenarioFile: defaultScenarioFile(),
    args: ['run', '--no-analysis'],
  }),
  run: measure<CliRun>({ kind: 'cli', scenarioFile: defaultScenarioFile(), args: ['run'] }),
  // The workers run the compiled dist/src/uncertainty/worker.js: `npm run build` first.
  monte_carlo_2_workers: monteCarlo(2),
  monte_carlo_1_worker: monteCarlo(1),
  monte_carlo_in_thread: monteCarlo(0),
};
function monteCarlo(workers: number): CliRun | undefined {
  try {
    const args = ['mc', '--draws', String(MC_DRAWS), '--workers', String(workers)];
    return measure<CliRun>({ kind: 'cli', scenarioFile: MC_SCENARIO, args });
  } catch {
    console.error('bench: lodestone mc failed (is dist/ built? npm run build)');
    return undefined;
  }
}

// ── Monte Carlo throughput once warm (issue 7: 10,000 draws in 5 min; ≥ 1.8× from 1 to 2 workers) ──
console.error('bench: Monte Carlo throughput…');
const steady = [
  { workers: 1 },
  { workers: 2 },
  // What the per-bloc China-free re-solves cost: the same draws without them (`mc --blocs none`).
  { workers: 2, blocs: [] as string[] },
].map(({ workers, blocs }) => {
  try {
    return measure<McThroughput>({
      kind: 'mc',
      scenarioFile: MC_SCENARIO,
      draws: MC_STEADY_DRAWS,
      workers,
      ...(blocs ? { blocs } : {}),
    });
  } catch {
    console.error('bench: Monte Carlo throughput failed (is dist/ built? npm run build)');
    return undefined;
  }
});

// ── time to ±1 pp on every bloc × year probability (issue 20: ≤ 5 min), per sampling ─────────────────
// The compiled CLI (`mc --precision 0.01`), as a user runs it; not in the quick run (minutes each).
let precision: PrecisionRun[] = [];
if (!QUICK) {
  console.error('bench: Monte Carlo to ±1 pp (random, lhs, sobol)…');
  precision = precisionRuns();
}

// ── Monte Carlo through the queue (issue 20): local against 1…4 worker processes on Redis ─────────────
let queue: QueueThroughput | undefined;
if (!QUICK) {
  console.error('bench: Monte Carlo through the queue (1–4 worker processes)…');
  try {
    queue = await queueThroughput(64, 4);
  } catch (e) {
    console.error(`bench: the queue run failed (is Redis on 127.0.0.1:6379?): ${(e as Error).message}`);
  }
}

// ── the planner (issue 18): the US served 50% free of the taint set by 2030 ───────────────────────
// As an LP and a MILP, under uncertainty (90% of draws), on the default data and on the synthetic ×10.
const PLAN = { bloc: 'US', target: 0.5, by: 2030 };
const planX10 = writeSynthetic(join(work, 'plan-x10'), { facilities: 10, regions: 3, years: 26, seed: 1 });
const PLAN_CASES = [
  { label: 'default data, LP', scenarioFile: defaultScenarioFile(), plan: PLAN },
  {
    label: 'default data, MILP',
    scenarioFile: defaultScenarioFile(),
    plan: { ...PLAN, integer: true, timeLimit: 120 },
  },
  {
    label: 'default data, LP, 90% of 64 draws',
    scenarioFile: defaultScenarioFile(),
    plan: { ...PLAN, probability: 0.9, draws: 64 },
  },
  { label: 'synthetic ×10, LP', scenarioFile: planX10, plan: PLAN },
  { label: 'synthetic ×10, MILP', scenarioFile: planX10, plan: { ...PLAN, integer: true, timeLimit: 120 } },
];
const plans = PLAN_CASES.map(({ label, scenarioFile, plan }) => {
  console.error(`bench: plan, ${label}…`);
  try {
    return { label, ...measure<PlanMeasurement>({ kind: 'plan', scenarioFile, plan }) };
  } catch {
    console.error(`bench: the plan failed (${label})`);
    return { label };
  }
});

// ── 3. scaling on synthetic datasets ────────────────────────────────────────────────────────────
const largest = Math.max(...SIZES);
const sizes: { factor: number; m: Measurement; cmp: Comparison }[] = [];
for (const factor of SIZES) {
  console.error(`bench: synthetic ×${factor} facilities, ×3 regions, ${YEARS} years…`);
  const dir = join(work, `x${factor}`);
  const scenarioFile = writeSynthetic(dir, { facilities: factor, regions: 3, years: YEARS, seed: 1 });
  const mps = join(dir, 'mps');
  const m = measure({
    kind: 'run',
    scenarioFile,
    repeats: QUICK ? 1 : 3,
    ...(nativeAvailable ? { exportDir: mps } : {}),
    phases: 1,
    cpuProfile: factor === largest ? 1 : 0,
  });
  const files = m.horizon.periods.map((p) => join(mps, `period-${p.label}.mps`));
  sizes.push({
    factor,
    m,
    cmp: compare(m, nativeAvailable ? native(files, QUICK ? 1 : 3) : undefined),
  });
  if (!process.env.BENCH_KEEP) rmSync(mps, { recursive: true, force: true });
}
const nnz = sizes.map((s) => s.m.lp.nonzeros);
const warmPeriod = (c: Comparison) => median(c.periods.slice(1).map((p) => p.total));
const nativePeriod = (c: Comparison) =>
  c.periods[0]?.native_s === undefined ? Number.NaN : median(c.periods.map((p) => p.native_s!));
const growth: [string, (s: (typeof sizes)[number]) => number][] = [
  ['load and validate the dataset', (s) => s.m.dataset.load_s],
  ['one period alone: build', (s) => s.cmp.one_period.build],
  ['one period alone: solve (cold)', (s) => s.cmp.one_period.solve],
  ['one period alone: build+solve+extract', (s) => s.cmp.one_period.total],
  ['warm period in the horizon (median): build+solve+extract', (s) => warmPeriod(s.cmp)],
  ['whole horizon, wall', (s) => s.m.horizon.total.wall],
  ['native cold solve, median period (best of repeats)', (s) => nativePeriod(s.cmp)],
  ['peak RSS, whole horizon', (s) => s.m.rss_mib.horizon],
];
const exponents = growth.map(([what, f]) => ({
  what,
  values: sizes.map(f),
  exponent: slope(nnz, sizes.map(f)),
  last_step: sizes.length >= 2 ? slope(nnz.slice(-2), sizes.slice(-2).map(f)) : undefined,
}));
/** Step timers at every size, with their growth: which step grows fastest. */
const stepGrowth = (kind: 'once' | 'perPeriod') =>
  Object.keys(sizes[0]?.m.phases?.[kind] ?? {}).map((step) => {
    const values = sizes.map(
      (s) => (s.m.phases![kind][step] ?? 0) / (kind === 'once' ? 1 : s.m.phases!.periods),
    );
    return { step, values, exponent: slope(nnz, values) };
  });

// ── tables ──────────────────────────────────────────────────────────────────────────────────────
const tables: Table[] = [];
const lp = (m: Measurement) =>
  `${fmt.int(m.lp.rows)} × ${fmt.int(m.lp.cols)}, ${fmt.int(m.lp.nonzeros)} nonzeros`;
const periodRow = (label: string, p: Comparison['one_period']) => [
  label,
  fmt.ms(p.build),
  fmt.ms(p.solve),
  fmt.ms(p.extract),
  fmt.ms(p.total),
  fmt.ms(p.native_s),
  fmt.x(p.ratio),
  fmt.x(p.solve_ratio),
  fmt.pct(p.overhead),
];
const periodHead = [
  'period',
  'build ms',
  'solve ms',
  'extract ms',
  'Lodestone ms',
  'native ms',
  'ratio',
  'solve ratio',
  'overhead',
];
const maxDiff = Math.max(...baseCmp.periods.map((p) => p.objective_rel_diff ?? 0));
tables.push({
  title: `Baseline (${base.dataset.facilities} facilities, ${base.dataset.regions} regions; LP ${lp(base)}): Lodestone against native HiGHS`,
  head: periodHead,
  rows: [
    ...baseCmp.periods.map((p, i) => periodRow(i === 0 ? `${p.label} (+ setup)` : p.label, p)),
    periodRow('horizon, warm vs Σ cold native', baseCmp.horizon),
    periodRow('one period alone (cold model)', baseCmp.one_period),
    periodRow('first period, fresh process', baseCmp.fresh_first_period),
  ],
  note:
    `Best of ${REPEATS} runs (native: best of ${NATIVE_REPEATS}). Lodestone = build + solve + extract as simulate() reports them (period 1's build includes network, ` +
    'LP and HiGHS model); native = scipy linprog(method="highs") solve, cold, on the exported MPS. ratio = Lodestone / native; ' +
    'solve ratio = Lodestone solve alone (WebAssembly, warm after period 1) / native; ' +
    `overhead = (build + extract) / solve. Horizon wall (everything simulate() does): ${fmt.ms(baseCmp.horizon.wall)} ms, ` +
    `${fmt.pct(baseCmp.horizon.wall_overhead)} over its solve time. Objectives agree with native to ${maxDiff.toExponential(1)} (relative).`,
});

const timersOf = (m: Measurement, kind: 'once' | 'perPeriod') =>
  Object.entries(m.phases?.[kind] ?? {}).map(
    ([step, s]) => [step, s / (kind === 'once' ? 1 : m.phases!.periods)] as const,
  );
const stepTable = (m: Measurement, title: string): Table => {
  const solve = m.phases!.perPeriod.solve! / m.phases!.periods;
  const rows = [
    ...timersOf(m, 'once').map(([k, s]) => [`once: ${k}`, fmt.ms(s), fmt.pct(s / solve)]),
    ...timersOf(m, 'perPeriod')
      .sort((a, b) => b[1] - a[1])
      .map(([k, s]) => [`per period: ${k}`, fmt.ms(s), fmt.pct(s / solve)]),
  ];
  return {
    title,
    head: ['step', 'ms', 'of a period’s solve'],
    rows,
    note:
      'simulate() counts none of stocks.advance, the checks and carry in build or extract (they show in ' +
      'its wall time only); its first period\'s build counts every "once" step.',
  };
};
const profileTable = (fns: ProfiledFunction[], title: string, n: number): Table => ({
  title,
  head: ['function (source line)', 'inclusive ms', 'self ms'],
  rows: fns.slice(0, n).map((f) => [f.function, fmt.ms(f.inclusive_ms / 1000), fmt.ms(f.self_ms / 1000)]),
});
tables.push(
  stepTable(
    base,
    'Baseline: where the time outside the solver goes (step timers, best of the repeats; per period = mean over the 11)',
  ),
);
if (base.profile)
  tables.push(
    profileTable(
      base.profile.project,
      'Baseline: CPU profile of simulate(), Lodestone functions (ms per horizon run)',
      25,
    ),
  );

tables.push({
  title: `Scaling: synthetic datasets (×3 regions, ${YEARS}-year horizon)`,
  head: [
    'facilities',
    'LP rows × cols',
    'nonzeros',
    'load s',
    'first period, fresh s',
    'one period alone s',
    'warm period s',
    'horizon s',
    'Σ native s',
    'horizon ratio',
    'one-period ratio',
    'overhead',
    'peak RSS MiB',
  ],
  rows: sizes.map(({ factor, m, cmp }) => [
    `×${factor} (${fmt.int(m.dataset.facilities)})`,
    `${fmt.int(m.lp.rows)} × ${fmt.int(m.lp.cols)}`,
    fmt.int(m.lp.nonzeros),
    fmt.s(m.dataset.load_s),
    fmt.s(m.fresh_first_period.wall),
    fmt.s(cmp.one_period.total),
    fmt.s(warmPeriod(cmp)),
    fmt.s(m.horizon.total.wall),
    fmt.s(cmp.horizon.native_sum_s),
    fmt.x(cmp.horizon.ratio),
    fmt.x(cmp.one_period.ratio),
    fmt.pct(cmp.horizon.overhead),
    `${fmt.mib(m.rss_mib.first_period)} / ${fmt.mib(m.rss_mib.horizon)}`,
  ]),
  note:
    'first period, fresh = wall time of the first solve in a new process (includes WebAssembly warm-up); one period alone = ' +
    'build+solve+extract, runtime warm, model cold; warm period = median of periods 2…n in the horizon run; horizon ratio = ' +
    'horizon build+solve+extract / Σ cold native solves; one-period ratio = one period alone / native solve of period 1; ' +
    'overhead = (build+extract)/solve over the horizon; peak RSS after one period / after the horizon runs.',
});
tables.push({
  title: 'Growth with LP size: fitted exponent of time (or memory) ∝ nonzeros^k',
  head: ['quantity', ...sizes.map((s) => `×${s.factor}`), 'k (all sizes)', 'k (last step)'],
  rows: exponents.map((e) => [
    e.what,
    ...e.values.map((v) => (e.what.startsWith('peak') ? fmt.mib(v) : fmt.s(v))),
    e.exponent?.toFixed(2) ?? '–',
    e.last_step?.toFixed(2) ?? '–',
  ]),
  note: 'Seconds (RSS in MiB); log-log least squares over the sizes, and between the two largest.',
});
tables.push({
  title: 'Growth of each step (seconds; once per run, or per period)',
  head: ['step', ...sizes.map((s) => `×${s.factor}`), 'k'],
  rows: (['once', 'perPeriod'] as const).flatMap((kind) =>
    stepGrowth(kind)
      .sort((a, b) => b.values.at(-1)! - a.values.at(-1)!)
      .map((g) => [
        `${kind === 'once' ? 'once' : 'per period'}: ${g.step}`,
        ...g.values.map(fmt.s),
        g.exponent?.toFixed(2) ?? '–',
      ]),
  ),
});
const big = sizes.find((s) => s.factor === largest);
if (big?.m.profile)
  tables.push(
    profileTable(
      big.m.profile.project,
      `×${largest}: CPU profile of simulate(), Lodestone functions (ms per horizon run)`,
      25,
    ),
  );

const cliRow = (what: string, r: CliRun | undefined) =>
  r?.exit_code === 0
    ? [what, fmt.mib(r.rss_mib), fmt.s(r.wall_s)]
    : [what, `failed${r ? ` (exit ${r.exit_code})` : ''}`, '–'];
const mcRow = (what: string, r: CliRun | undefined, single?: CliRun) =>
  r?.exit_code === 0
    ? [
        what,
        fmt.s(r.wall_s),
        (MC_DRAWS / r.wall_s).toFixed(2),
        single?.exit_code === 0 && single !== r ? `${(single.wall_s / r.wall_s).toFixed(2)}×` : '–',
      ]
    : [what, 'failed', '–', '–'];
tables.push({
  title: `Monte Carlo throughput (baseline 2025–2040, ${MC_DRAWS} draws, whole command)`,
  head: ['run', 'wall s', 'draws/s', 'speed-up vs 1 worker'],
  rows: [
    mcRow('main thread (--workers 0)', memory.monte_carlo_in_thread),
    mcRow('1 worker', memory.monte_carlo_1_worker),
    mcRow('2 workers', memory.monte_carlo_2_workers, memory.monte_carlo_1_worker),
  ],
  note:
    'Wall time of `lodestone mc` including process start, dataset loading and each worker preparing its models ' +
    '(one LP per worker for the run and one per bloc, reused by every draw). Issue 7 targets 10,000 draws in 5 min ' +
    'and ≥ 1.8× from 1 to 2 workers; short runs are dominated by start-up.',
});
const [steady1, steady2] = steady;
const speedUp = steady1 && steady2 ? steady2.steady_draws_per_s / steady1.steady_draws_per_s : undefined;
/** Minutes for 10,000 draws at the steady rate, plus this run's start-up (its wall time beyond the steady rate). */
const tenThousand = (m: McThroughput) =>
  (10000 / m.steady_draws_per_s + Math.max(0, m.wall_s - m.draws / m.steady_draws_per_s)) / 60;
tables.push({
  title: `Monte Carlo throughput once warm (baseline 2025–2040, ${MC_STEADY_DRAWS} draws, runMonteCarlo)`,
  head: [
    'workers',
    'blocs re-solved',
    'wall s',
    'steady draws/s',
    'ms per draw per worker',
    'CPU s per draw',
    '10,000 draws, min',
    'speed-up',
  ],
  rows: steady.map((m, i) =>
    m
      ? [
          String(m.workers),
          i === 2 ? 'none (--blocs none)' : 'US, US+allies, EU',
          fmt.s(m.wall_s),
          m.steady_draws_per_s.toFixed(2),
          ((m.workers / m.steady_draws_per_s) * 1000).toFixed(0),
          m.cpu_s_per_draw.toFixed(3),
          tenThousand(m).toFixed(1),
          i === 1 && speedUp ? `${speedUp.toFixed(2)}×` : '–',
        ]
      : [String(i + 1), '–', 'failed', '–', '–', '–', '–', '–'],
  ),
  note:
    'Steady rate = draws finished after the first third of the run over the time they took (batches of 4), so each ' +
    "worker's start-up (module loading, dataset, model preparation, JIT and WebAssembly warm-up: ~2 s) is left out; " +
    '10,000 draws = 10,000 at that rate plus this run’s start-up. Each draw solves the 16-period horizon and its ' +
    "re-solve for each of the 3 blocs (64 LP solves, each run's first period from the nominal run's basis); the " +
    'last row leaves the bloc re-solves out (16 solves a draw, no China-free chain probabilities).',
});
const runCell = (x: number | undefined) => (x === undefined ? '–' : fmt.s(x));
tables.push({
  title: `Baseline run against the ${baselineRun.target_s} s target (issue 17)`,
  head: ['run', 'exit', 'wall s', 'CPU user s', 'CPU sys s', 'peak RSS MiB'],
  rows: [
    ...baselineRun.runs.map((r, i) => [
      String(i + 1),
      String(r.exit_code),
      fmt.s(r.wall_s),
      runCell(r.user_s),
      runCell(r.sys_s),
      r.rss_mib === undefined ? '–' : fmt.mib(r.rss_mib),
    ]),
    ['median', '', fmt.s(baselineRun.median_wall_s), runCell(baselineRun.median_user_s), '', ''],
  ],
  note:
    `\`${baselineRun.command}\` in a fresh process each time (the compiled CLI: solve the horizon, run the analyses ` +
    'with their per-bloc re-solves, write the run folder), timed by GNU time: wall time and the CPU time of all ' +
    `its threads. Load average ${baselineRun.load_average.map((l) => l.toFixed(2)).join(' → ')}: on a shared ` +
    'machine the wall time grows with the load, the CPU time much less.',
});
if (precision.length > 0)
  tables.push({
    title: `Monte Carlo to ±${PRECISION * 100} pp on every bloc × year probability (issue 20)`,
    head: ['sampling', 'reached', 'draws', 'widest ±', 'wall s', 'CPU user s'],
    rows: precision.map((r) => [
      r.sampling,
      r.reached ? 'yes' : 'no',
      String(r.draws ?? '–'),
      r.half_width === undefined ? '–' : r.half_width.toFixed(4),
      fmt.s(r.wall_s),
      runCell(r.user_s),
    ]),
    note:
      `\`lodestone mc bench/scenarios/baseline-2040.yaml --precision ${PRECISION} --sampling METHOD --seed 1\` ` +
      '(the compiled CLI, default workers) in a fresh process each, timed by GNU time: draws until every bloc × ' +
      `year self-sufficiency probability's 95% Wilson half-width is ≤ ${PRECISION}. Target ${PRECISION_TARGET_S} s wall. ` +
      `Load average ${precision.map((r) => r.load_average.map((l) => l.toFixed(1)).join(' → ')).join('; ')}.`,
  });
if (queue)
  tables.push({
    title: 'Monte Carlo through the queue (issue 20)',
    head: ['run', 'wall s', 'draws/s', 'note'],
    rows: queue.rows.map((r) => [...r]),
    note:
      `The whole \`lodestone mc bench/scenarios/baseline-2040.yaml --draws ${queue.draws} --seed 1\` (process start ` +
      'and loading included), locally and with `--queue` through Redis on 127.0.0.1 to 1…4 `lodestone worker` ' +
      'processes of one thread each, started and warm before the run (bench/queue-throughput.ts); each queued ' +
      "run's mc_summary.csv is compared with the local one. On this 2-core machine, workers beyond 2 share the " +
      `cores: what each adds on more machines is its own draws/s. Load average ${queue.load_average.map((l) => l.toFixed(1)).join(' → ')}.`,
  });
tables.push({
  title: 'Memory (peak RSS of a whole process)',
  head: ['run', 'peak RSS MiB', 'wall s'],
  rows: [
    ['Node + tsx + Lodestone modules + HiGHS loaded, idle', fmt.mib(memory.idle_mib), '–'],
    cliRow('lodestone run --no-analysis (baseline)', memory.run_no_analysis),
    cliRow('lodestone run (baseline, with analyses)', memory.run),
    cliRow(`lodestone mc --draws ${MC_DRAWS} --workers 2 (baseline 2025–2040)`, memory.monte_carlo_2_workers),
    cliRow(
      `lodestone mc --draws ${MC_DRAWS} --workers 0 (baseline 2025–2040, main thread)`,
      memory.monte_carlo_in_thread,
    ),
  ],
  note:
    'getrusage maxRSS of the child process, all its threads (what /usr/bin/time -v reports). The Monte Carlo ' +
    'workers run the compiled dist/ (npm run build).',
});
tables.push({
  title: `Plan: ${PLAN.bloc} served ${PLAN.target * 100}% free by ${PLAN.by} (baseline)`,
  head: [
    'case',
    'LP rows × cols',
    'nonzeros',
    'load s',
    'prepare s',
    'solve s',
    'job s',
    'peak RSS MiB',
    'status',
  ],
  rows: plans.map((p) =>
    'lp' in p
      ? [
          p.label,
          `${p.lp.rows.toLocaleString('en')} × ${p.lp.cols.toLocaleString('en')}`,
          p.lp.nonzeros.toLocaleString('en'),
          fmt.s(p.load_s),
          fmt.s(p.prepare_s),
          fmt.s(p.solve_s),
          fmt.s(p.job_s),
          fmt.mib(p.rss_mib),
          p.probability_reached === undefined
            ? p.status
            : `${p.status}; ${p.stacked} draws stacked; met in ${(100 * p.probability_reached).toFixed(0)}% of fresh draws`,
        ]
      : [p.label, 'failed', '–', '–', '–', '–', '–', '–', '–'],
  ),
  note:
    'The plan job (`lodestone plan --bloc US --target 0.5 --by 2030`, the workbench\'s kind "plan") in a fresh ' +
    "process: load = reading the scenario and dataset; prepare = the scenario's run with every candidate at zero " +
    'capacity, then (under uncertainty) the rounds of draws checked; solve = HiGHS on the plan LP and on it ' +
    'without the target (the premium is measured from), in the last round; job = everything after load. MILP: ' +
    '`--integer` (whole units of min_size), 120 s limit per solve (a MILP stopped there with an incumbent reports its gap in the status). Under uncertainty: `--probability 0.9 ' +
    "--draws 64` (64 fitting and 64 fresh draws, each a re-run of the horizon on one thread; the LP's size is " +
    "the last round's, with its stacked draws). Synthetic ×10: bench/synthetic.ts, 10 copies of each " +
    'facility over 3 variants of each region, 2025–2050.',
});

const b100 = sizes.find((s) => s.factor === 100);
const mark = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'met' : 'MISSED');
const worstPeriod = (s: (typeof sizes)[number]) =>
  Math.max(s.m.fresh_first_period.wall, ...s.m.horizon.periods.map((p) => p.wall));
const peak = (s: (typeof sizes)[number]) => Math.max(s.m.rss_mib.first_period, s.m.rss_mib.horizon);
const targets = [
  {
    target: 'single period ≤ 1.5× native (baseline, one period alone)',
    value: fmt.x(baseCmp.one_period.ratio),
    ok: baseCmp.one_period.ratio === undefined ? undefined : baseCmp.one_period.ratio <= 1.5,
  },
  {
    target: 'single period ≤ 1.5× native (baseline, periods of the warm horizon)',
    value: `${baseCmp.periods.filter((p) => (p.ratio ?? Infinity) <= 1.5).length} of ${baseCmp.periods.length}`,
    ok: baseCmp.periods[0]?.ratio === undefined ? undefined : baseCmp.periods.every((p) => p.ratio! <= 1.5),
  },
  ...(b100
    ? [
        {
          target: 'single period ≤ 1.5× native (×100, one period alone)',
          value: fmt.x(b100.cmp.one_period.ratio),
          ok: b100.cmp.one_period.ratio === undefined ? undefined : b100.cmp.one_period.ratio <= 1.5,
        },
      ]
    : []),
  {
    target: 'horizon warm ≤ Σ cold native (baseline)',
    value: fmt.x(baseCmp.horizon.ratio),
    ok: baseCmp.horizon.ratio === undefined ? undefined : baseCmp.horizon.ratio <= 1,
  },
  ...(b100
    ? [
        {
          target: 'horizon warm ≤ Σ cold native (×100)',
          value: fmt.x(b100.cmp.horizon.ratio),
          ok: b100.cmp.horizon.ratio === undefined ? undefined : b100.cmp.horizon.ratio <= 1,
        },
      ]
    : []),
  {
    target: 'horizon warm ≤ Σ cold native (baseline, wall time of simulate())',
    value: fmt.x(baseCmp.horizon.wall_ratio),
    ok: baseCmp.horizon.wall_ratio === undefined ? undefined : baseCmp.horizon.wall_ratio <= 1,
  },
  {
    target: 'overhead (build+extract)/solve ≤ 20% (baseline horizon)',
    value: fmt.pct(baseCmp.horizon.overhead),
    ok: baseCmp.horizon.overhead <= 0.2,
  },
  ...(b100
    ? [
        {
          target: 'overhead ≤ 20% (×100 horizon)',
          value: fmt.pct(b100.cmp.horizon.overhead),
          ok: b100.cmp.horizon.overhead <= 0.2,
        },
        {
          target: '×100: a period in under 30 s (worst)',
          value: `${fmt.s(worstPeriod(b100))} s`,
          ok: worstPeriod(b100) < 30,
        },
        { target: '×100: under 2 GiB', value: `${fmt.mib(peak(b100))} MiB`, ok: peak(b100) < 2048 },
      ]
    : []),
];
if (steady2)
  targets.push({
    target: 'issue 7: 10,000 Monte Carlo draws in under 5 min (2 workers)',
    value: `${tenThousand(steady2).toFixed(1)} min`,
    ok: tenThousand(steady2) < 5,
  });
if (speedUp !== undefined)
  targets.push({
    target: 'issue 7: ≥ 1.8× from 1 to 2 workers (steady rate)',
    value: `${speedUp.toFixed(2)}×`,
    ok: speedUp >= 1.8,
  });
targets.push({
  target: `issue 17: baseline \`lodestone run\` (analyses, run folder) under ${baselineRun.target_s} s, median wall`,
  value: `${fmt.s(baselineRun.median_wall_s)} s (CPU user ${baselineRun.median_user_s === undefined ? '–' : fmt.s(baselineRun.median_user_s)} s)`,
  ok: Number.isNaN(baselineRun.median_wall_s) ? undefined : baselineRun.median_wall_s <= baselineRun.target_s,
});
for (const r of precision)
  targets.push({
    target: `issue 20: every bloc × year probability to ±${PRECISION * 100} pp in ≤ ${PRECISION_TARGET_S / 60} min (${r.sampling})`,
    value: `${fmt.s(r.wall_s)} s, ${r.draws ?? '?'} draws`,
    ok: r.reached && r.wall_s <= PRECISION_TARGET_S,
  });
if (queue)
  targets.push({
    target: 'issue 20: queue overhead ≤ 10% at 2 worker processes (against local mc on 2 threads)',
    value: queue.overhead_2 === undefined ? '–' : `${(100 * queue.overhead_2).toFixed(0)}%`,
    ok: queue.overhead_2 === undefined ? undefined : queue.overhead_2 <= 0.1,
  });
tables.unshift({
  title: 'Targets (issues 8, 7, 17 and 20)',
  head: ['target', 'measured', ''],
  rows: targets.map((t) => [t.target, t.value, mark(t.ok)]),
});

// ── output ──────────────────────────────────────────────────────────────────────────────────────
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memory_gib: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  os: `${process.platform} ${release()}`,
  highs_js: (
    JSON.parse(readFileSync(join(packageRoot(), 'node_modules/highs/package.json'), 'utf8')) as {
      version: string;
    }
  ).version,
  scipy: scipyVersion ?? 'not installed',
  /** 1-minute load average before and after: other work on the machine skews the times. */
  load_average: [loadBefore, loadavg()[0]!].map((l) => Math.round(l * 100) / 100),
};
const header =
  `Lodestone ${lodestoneVersion()} · ${new Date().toISOString()} · ${QUICK ? 'quick' : 'full'} run, ` +
  `${((performance.now() - started) / 1000).toFixed(0)} s\n` +
  `${machine.cpu}, ${machine.cores} cores, ${machine.memory_gib} GiB, Node ${machine.node}, ${machine.os}; ` +
  `highs-js ${machine.highs_js} (WebAssembly) against scipy ${machine.scipy} HiGHS (native); ` +
  `load average ${machine.load_average.join(' → ')}`;
console.log(`\n${header}\n\n${tables.map(textTable).join('\n')}`);

const results = {
  date: new Date().toISOString(),
  mode: QUICK ? 'quick' : 'full',
  lodestone_version: lodestoneVersion(),
  machine,
  repeats: REPEATS,
  targets,
  baseline: { measurement: base, comparison: baseCmp },
  baseline_run: baselineRun,
  precision,
  queue,
  memory,
  monte_carlo: steady,
  plans,
  scaling: {
    regions_factor: 3,
    years: YEARS,
    // Per-period numbers are in the comparison; the measurement keeps the horizon's totals.
    sizes: sizes.map(({ factor, m, cmp }) => ({
      factor,
      measurement: { ...m, horizon: { total: m.horizon.total } },
      comparison: cmp,
    })),
    exponents,
    steps: { once: stepGrowth('once'), per_period: stepGrowth('perPeriod') },
  },
};
const resultsFile = QUICK ? join(tmpdir(), 'lodestone-bench-quick.json') : join(here, 'results.json');
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
if (!QUICK)
  updateReadme(
    join(here, 'README.md'),
    `${header.replace('\n', '  \n')}\n\n${tables.map(markdownTable).join('\n')}`,
  );
console.log(`wrote ${resultsFile}${QUICK ? '' : ' and bench/README.md'}`);
if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
