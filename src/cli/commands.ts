/** The CLI's commands: each loads its input, does one job, and prints what a user needs. */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultBlocs, unknownBlocs } from '../analysis/blocs.js';
import { compareRuns } from '../analysis/compare.js';
import { type TraceRow, traceDemand } from '../analysis/trace.js';
import { loadDataset } from '../dataset/load-dataset.js';
import { formatProblem, InputError, type Problem } from '../dataset/problems.js';
import type { Dataset } from '../dataset/types.js';
import { defaultWorkers } from '../jobs/defaults.js';
import { type JobResultOf, runJob } from '../jobs/pipeline.js';
import type { Taint } from '../model/taint.js';
import {
  PARTIAL_DRAWS_FILE,
  type PartialDraws,
  type PartialDrawsHeader,
  resumePartialDraws,
  startPartialDraws,
} from '../results/partial-draws.js';
import type { RunResult } from '../results/types.js';
import { writeComparison } from '../results/write-comparison.js';
import { writeFiles } from '../results/write-run.js';
import { readTable } from '../run-folder/read.js';
import { loadScenario, readRunInputs } from '../scenario/disk.js';
import { inputsHash } from '../scenario/inputs.js';
import { defaultScenarioFile, lodestoneVersion, scenarioFileFor } from '../scenario/package-root.js';
import { prepareInputs, prepareRun } from '../scenario/prepare-run.js';
import { simulate } from '../simulate/simulate.js';
import type { DrawResult } from '../uncertainty/draw.js';
import { SAMPLINGS, type SamplingMethod } from '../uncertainty/sampling.js';
import { comparisonText } from './compare-text.js';
import { EXIT } from './exit-codes.js';
import { openQueue } from './mc-queue.js';
import { drawProgress, periodProgress } from './progress.js';
import { mcText, runSummary, traceText } from './summary.js';

export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** Whether stderr is a terminal (progress bars). */
  readonly tty: boolean;
}

const printWarnings = (io: Io, warnings: readonly Problem[]) => {
  for (const w of warnings) io.err(`warning: ${formatProblem(w)}\n`);
};

export async function validateCommand(
  scenarioArg: string | undefined,
  opts: { data?: string },
  io: Io,
): Promise<number> {
  const prepared = scenarioArg ? prepareRun(scenarioFileFor(scenarioArg), opts.data) : undefined;
  const { dataset, warnings } =
    prepared ?? loadDataset(opts.data ?? loadScenario(defaultScenarioFile()).datasetDir);
  const scenario = prepared?.loaded;
  printWarnings(io, warnings);
  const counts = [
    `${dataset.regions.length} regions`,
    `${dataset.materials.length} materials`,
    `${dataset.processes.length} processes`,
    `${dataset.facilities.length} facilities`,
    `${dataset.demand.length} demand rows`,
    `${dataset.agreements.length} agreements`,
    `${dataset.policies.length} policies`,
    `${dataset.sources.length} sources`,
  ];
  io.out(
    `ok: dataset "${dataset.meta.name}" (${dataset.location}): ${counts.join(', ')}; ${warnings.length} warning(s)\n`,
  );
  if (scenario) io.out(`ok: scenario "${scenario.scenario.name}" (${scenario.file})\n`);
  return EXIT.ok;
}

export interface RunOptions {
  data?: string;
  out?: string;
  json?: boolean;
  exportLp?: string;
  lpFormat?: 'lp' | 'mps';
  /** commander's --no-analysis sets this false. */
  analysis?: boolean;
}

export async function runCommand(scenarioArg: string | undefined, opts: RunOptions, io: Io): Promise<number> {
  const inputs = readRunInputs(scenarioFileFor(scenarioArg), opts.data);
  const prepared = prepareInputs(inputs);
  printWarnings(io, prepared.warnings);
  const progress = periodProgress(io.tty && !opts.json);
  const exportLp = opts.exportLp ? { dir: opts.exportLp, format: opts.lpFormat ?? 'lp' } : undefined;
  let job: JobResultOf<'run'>;
  try {
    job = await runJob(
      { kind: 'run', inputs, analysis: opts.analysis !== false, exportLp },
      {
        onEvent: (e) => {
          if (e.type === 'period') progress.tick(e.label, e.index, e.periods);
          else if (e.type === 'analysis') progress.stop();
        },
      },
      prepared,
    );
  } finally {
    progress.stop();
  }
  const { run, analysis } = job;
  if (opts.json) io.out(`${JSON.stringify(analysis ? { ...run, analysis } : run)}\n`);
  else io.out(runSummary(run, analysis));
  if (opts.out) {
    const files = writeFiles(opts.out, job.files());
    io.err(`wrote ${files.length} files to ${resolve(opts.out)}\n`);
  }
  if (opts.exportLp) io.err(`wrote ${run.periods.length} LP file(s) to ${resolve(opts.exportLp)}\n`);
  return EXIT.ok;
}

export interface CompareOptions {
  data?: string;
  out?: string;
  all?: boolean;
}

/** Runs each scenario and sets their key outputs side by side, with differences from the first. */
export async function compareCommand(scenarios: string[], opts: CompareOptions, io: Io): Promise<number> {
  const runs: RunResult[] = [];
  const oxides = new Set<string>();
  for (const file of scenarios) {
    const { loaded, dataset, warnings } = prepareRun(scenarioFileFor(file), opts.data);
    printWarnings(io, warnings);
    for (const m of dataset.materials) if (m.form === 'oxide') oxides.add(m.id);
    const progress = periodProgress(io.tty);
    try {
      runs.push(
        await simulate(dataset, loaded.scenario, {
          scenarioFile: loaded.file,
          onPeriod: (r, i, n) => progress.tick(`${loaded.scenario.name} ${r.period.label}`, i, n),
        }),
      );
    } finally {
      progress.stop();
    }
  }
  const rows = compareRuns(runs, oxides);
  let csv: string | undefined;
  if (opts.out) {
    const files = writeComparison(runs, rows, opts.out);
    csv = files[0];
    io.err(`wrote ${files.length} files to ${resolve(opts.out)}\n`);
  }
  io.out(
    comparisonText(
      runs.map((r) => r.scenario.name),
      rows,
      { all: opts.all, csv },
    ),
  );
  return EXIT.ok;
}

export interface TraceOptions {
  region: string;
  application?: string;
  data?: string;
}

/** Where a region's supply comes from at each stage: from a run folder's trace.csv, or by running a scenario. */
export async function traceCommand(target: string | undefined, opts: TraceOptions, io: Io): Promise<number> {
  let rows: TraceRow[];
  let taint: Taint | undefined;
  if (target && existsSync(target) && statSync(target).isDirectory()) {
    rows = readTraceCsv(target);
    taint = readTaint(target);
  } else {
    const { loaded, dataset, warnings } = prepareRun(scenarioFileFor(target), opts.data);
    printWarnings(io, warnings);
    const run = await simulate(dataset, loaded.scenario, { scenarioFile: loaded.file });
    taint = run.taint;
    rows = run.periods.flatMap((p) => traceDemand(p, dataset, run.taint));
  }
  const selected = rows.filter(
    (r) => r.region === opts.region && (opts.application === undefined || r.application === opts.application),
  );
  if (selected.length === 0) {
    throw new InputError([
      {
        severity: 'error',
        file: target ?? 'trace',
        field: '--region',
        message: `no supply traced to region "${opts.region}"${opts.application ? ` for application "${opts.application}"` : ''}`,
      },
    ]);
  }
  io.out(traceText(opts.region, opts.application, selected, taint));
  return EXIT.ok;
}

function readTraceCsv(dir: string): TraceRow[] {
  const file = join(dir, 'trace.csv');
  if (!existsSync(file))
    throw new InputError([
      {
        severity: 'error',
        file,
        message: 'no trace.csv in this run folder (write one with `lodestone run --out`)',
      },
    ]);
  return readTable('trace', readFileSync(file, 'utf8'), file);
}

/** The taint set a run folder's run.json names, if it does. */
function readTaint(dir: string): Taint | undefined {
  const file = join(dir, 'run.json');
  if (!existsSync(file)) return undefined;
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { taint?: Taint };
  return manifest.taint;
}

export interface McOptions {
  /** Required unless --precision (then the cap). */
  draws?: string;
  /** Half-width every tracked probability's 95% interval must reach, in (0, 0.5). */
  precision?: string;
  seed: string;
  /** random, lhs or sobol. */
  sampling?: string;
  workers?: string;
  blocs?: string;
  data?: string;
  out?: string;
  /** Complete the run whose draws --out holds (with --queue: Redis holds), running only the missing ones. */
  resume?: boolean;
  /** Draws per batch (default: by the worker count; 4 through a queue). */
  batchSize?: string;
  /** Redis URL: run the batches on `lodestone worker` processes through a BullMQ queue. */
  queue?: string;
  /** Prefix of the queue's Redis keys. */
  queuePrefix?: string;
}

/** Draws --precision may take when --draws does not say. */
const PRECISION_CAP = 100_000;

/** `--precision p`: a half-width in (0, 0.5) (0.5 is the widest a probability's interval can be). */
function precisionOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v <= 0 || v >= 0.5)
    throw new InputError([
      {
        severity: 'error',
        file: 'mc',
        field: '--precision',
        message: `expected a half-width between 0 and 0.5 (exclusive), say 0.01 for ±1 pp; got "${text}"`,
      },
    ]);
  return v;
}

/**
 * `--blocs US,EU` (ids of the dataset's blocs) or `none`: each bloc tracked costs a re-solve of
 * every period of every draw (its potential free share). Undefined: all of them.
 */
function blocsOption(text: string | undefined, dataset: Dataset): string[] | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === 'none') return [];
  const ids = text.split(',').map((b) => b.trim());
  const problem = unknownBlocs(dataset, ids);
  if (problem)
    throw new InputError([
      { severity: 'error', file: 'mc', field: '--blocs', message: `${problem}, or none` },
    ]);
  return ids;
}

/**
 * With --out, the file the draws are saved to as they finish: a new one, or with --resume the one an
 * interrupted run of the same job left, with the draws it holds.
 */
function saveDraws(
  opts: McOptions,
  io: Io,
  job: PartialDrawsHeader,
): { file: PartialDraws; draws: DrawResult[] } | undefined {
  const problem = (field: string, message: string) =>
    new InputError([{ severity: 'error', file: 'mc', field, message }]);
  if (!opts.out) {
    if (opts.resume) throw problem('--resume', 'needs --out: the folder holding the draws to complete');
    return undefined;
  }
  if (existsSync(opts.out) && !statSync(opts.out).isDirectory())
    throw problem('--out', `"${opts.out}" is a file; expected a folder`);
  if (!opts.resume) {
    mkdirSync(opts.out, { recursive: true });
    return { file: startPartialDraws(opts.out, job), draws: [] };
  }
  const saved = resumePartialDraws(opts.out, job);
  io.err(`resuming: ${saved.draws.length} of ${job.draws_requested} draws already finished\n`);
  return saved;
}

/**
 * Monte Carlo: N complete horizons with sampled inputs, on worker threads. With --out, each batch of
 * finished draws is saved as it finishes; Ctrl-C keeps what finished, and --resume completes it.
 */
export async function mcCommand(scenarioArg: string | undefined, opts: McOptions, io: Io): Promise<number> {
  const positive = (name: string, text: string, min: number) => {
    const v = Number(text);
    if (!Number.isInteger(v) || v < min)
      throw new InputError([
        {
          severity: 'error',
          file: 'mc',
          field: name,
          message: `expected a whole number ≥ ${min}, got "${text}"`,
        },
      ]);
    return v;
  };
  const precision = precisionOption(opts.precision);
  if (opts.draws === undefined && precision === undefined)
    throw new InputError([
      {
        severity: 'error',
        file: 'mc',
        field: '--draws',
        message: 'give the number of draws, or --precision to draw until the intervals are narrow enough',
      },
    ]);
  const draws = positive('--draws', opts.draws ?? String(PRECISION_CAP), 1);
  const seed = positive('--seed', opts.seed, 0);
  const workers = positive('--workers', opts.workers ?? String(defaultWorkers()), 0);
  const batchSize = opts.batchSize === undefined ? undefined : positive('--batch-size', opts.batchSize, 1);
  const method = (opts.sampling ?? 'random') as SamplingMethod;
  if (!SAMPLINGS.includes(method))
    throw new InputError([
      {
        severity: 'error',
        file: 'mc',
        field: '--sampling',
        message: `expected one of ${SAMPLINGS.join(', ')}, got "${opts.sampling}"`,
      },
    ]);
  const inputs = readRunInputs(scenarioFileFor(scenarioArg), opts.data);
  const prepared = prepareInputs(inputs);
  const { loaded, dataset, warnings } = prepared;
  printWarnings(io, warnings);
  if (dataset.uncertainty.length === 0)
    io.err('warning: the dataset and scenario give no uncertain inputs: every draw will be the same\n');
  const blocs = blocsOption(opts.blocs, dataset);
  // Through a queue, finished draws are also kept in Redis: --resume reads them there, and from
  // --out's saved draws when there are some (a run started without --out has none).
  const queue = opts.queue ? await openQueue(opts, batchSize, io) : undefined;
  const resumeFile =
    opts.resume && (!queue || (opts.out !== undefined && existsSync(join(opts.out, PARTIAL_DRAWS_FILE))));
  let saved: ReturnType<typeof saveDraws>;
  try {
    saved = saveDraws({ ...opts, resume: resumeFile }, io, {
      lodestone_mc_draws: 1,
      lodestone_version: lodestoneVersion(),
      scenario_file: loaded.file,
      dataset_hash: dataset.hash,
      inputs_hash: inputsHash(inputs),
      seed,
      sampling: method,
      ...(precision === undefined ? {} : { precision }),
      draws_requested: draws,
      blocs: defaultBlocs(dataset)
        .map((b) => b.id)
        .filter((id) => blocs === undefined || blocs.includes(id)),
    });
  } catch (e) {
    await queue?.close();
    throw e;
  }
  const controller = new AbortController();
  const stop = () => {
    io.err('\nstopping: keeping the draws already finished (marked partial)\n');
    controller.abort();
  };
  process.once('SIGINT', stop);
  const progress = drawProgress(io.tty);
  let job: JobResultOf<'mc'>;
  try {
    job = await runJob(
      {
        kind: 'mc',
        inputs,
        draws,
        seed,
        sampling: { method },
        precision,
        workers,
        batchSize,
        blocs,
        finished: saved?.draws,
      },
      {
        signal: controller.signal,
        executor: queue,
        onEvent: (e) => {
          if (e.type !== 'draws') return;
          saved?.file.append(e.batch);
          progress.tick(e.finished, e.requested);
        },
      },
      prepared,
    );
    // Every draw is in memory now: Redis need keep them no longer (as --out's partial file, below).
    if (queue && !job.partial) await queue.forget();
  } finally {
    progress.stop();
    process.removeListener('SIGINT', stop);
    saved?.file.close();
    await queue?.close();
  }
  if (queue && queue.resumed > 0) io.err(`resumed: ${queue.resumed} draws were already finished in Redis\n`);
  const output = job.mc;
  const { result } = output;
  io.out(mcText(loaded.scenario.name, result, output.probabilities, output.sensitivity, output.periods));
  const reached = output.manifest.precision as { half_width: number; reached: boolean } | undefined;
  if (precision !== undefined && reached && !result.partial)
    io.out(
      output.probabilities.length === 0
        ? `--precision: no probability is tracked (--blocs none): stopped after ${result.draws.length} draws\n`
        : reached.reached
          ? `--precision ${precision}: every tracked probability within ±${precision} (95% Wilson) after ${result.draws.length} draws (widest ±${reached.half_width.toFixed(4)})\n`
          : `--precision ${precision}: not reached within --draws ${draws}: the widest 95% interval is still ±${reached.half_width.toFixed(4)}\n`,
    );
  if (opts.out && saved) {
    const files = writeFiles(opts.out, job.files());
    io.err(`wrote ${files.length} files to ${resolve(opts.out)}\n`);
    // Every draw is now in mc_draws.jsonl.gz; a partial run keeps its saved draws for --resume.
    if (result.partial)
      io.err(
        `${result.draws.length} of ${draws} draws finished; the same command with --resume completes the run\n`,
      );
    else saved.file.remove();
  }
  return EXIT.ok;
}
