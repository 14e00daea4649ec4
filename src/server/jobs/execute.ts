/**
 * The body of a workbench job, run in its own worker thread: a scenario's run (simulate, analyse,
 * make the run folder's files) and, for a Monte Carlo job, its draws' files beside them. It works
 * on its inputs in memory and returns the files; it reports progress through a callback and stops
 * at the next period or draw once `cancelled()` says so.
 */
import { analyse } from '../../analysis/analyse.js';
import { monteCarloFiles } from '../../results/write-monte-carlo.js';
import { type OutputFile, runFiles } from '../../results/write-run.js';
import type { RunInputs } from '../../scenario/inputs.js';
import { prepareInputs } from '../../scenario/prepare-run.js';
import { simulate } from '../../simulate/simulate.js';
import { runMonteCarlo } from '../../uncertainty/monte-carlo.js';
import { monteCarloOutput } from '../../uncertainty/output.js';

export interface JobSpec {
  readonly kind: 'run' | 'mc';
  readonly inputs: RunInputs;
  readonly draws?: number;
  readonly seed?: number;
  readonly workers?: number;
  /** Monte Carlo: the blocs whose China-free chain each draw re-solves (default: all). */
  readonly blocs?: readonly string[];
}

export interface JobEvents {
  progress(done: number, total: number, label: string): void;
  cancelled(): boolean;
}

export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

/** The job's files, and whether it finished only in part (a cancelled Monte Carlo keeps its finished draws). */
export async function executeJob(
  spec: JobSpec,
  events: JobEvents,
): Promise<{ partial: boolean; files: OutputFile[] }> {
  const { loaded, dataset } = prepareInputs(spec.inputs);
  const draws = spec.kind === 'mc' ? (spec.draws ?? 0) : 0;
  let total = draws + 1;
  const run = await simulate(dataset, loaded.scenario, {
    scenarioFile: loaded.file,
    onPeriod: (r, i, n) => {
      if (events.cancelled()) throw new JobCancelled();
      total = n + 1 + draws;
      events.progress(i + 1, total, r.period.label);
    },
  });
  events.progress(run.periods.length, total, 'analysis');
  const analysis = await analyse(run, dataset, loaded.scenario);
  if (events.cancelled()) throw new JobCancelled();
  const files = runFiles(run, dataset, analysis);
  if (spec.kind === 'run') return { partial: false, files };

  const base = run.periods.length + 1;
  const controller = new AbortController();
  const seed = spec.seed ?? 1;
  const workers = spec.workers ?? 1;
  const result = await runMonteCarlo({
    inputs: spec.inputs,
    draws,
    seed,
    workers,
    blocs: spec.blocs,
    signal: controller.signal,
    onProgress: (done) => {
      events.progress(base + done, base + draws, `draw ${done} of ${draws}`);
      if (events.cancelled()) controller.abort();
    },
  });
  const mc = monteCarloFiles(monteCarloOutput(result, loaded, dataset, { seed, workers }));
  return { partial: result.partial, files: [...files, ...mc] };
}
