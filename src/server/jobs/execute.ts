/**
 * The body of a workbench job, run in its own worker thread: a scenario's run (simulate, analyse,
 * write the run folder) and, for a Monte Carlo job, its draws written into the same folder. It
 * reports progress through a callback and stops at the next period or draw once `cancelled()` says so.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { analyse } from '../../analysis/analyse.js';
import { keyOutputs } from '../../analysis/key-outputs.js';
import { writeMonteCarlo } from '../../results/write-monte-carlo.js';
import { writeRun } from '../../results/write-run.js';
import { prepareRun } from '../../scenario/prepare-run.js';
import { simulate } from '../../simulate/simulate.js';
import { runMonteCarlo } from '../../uncertainty/monte-carlo.js';
import { monteCarloOutput } from '../../uncertainty/output.js';

export interface JobSpec {
  readonly kind: 'run' | 'mc';
  readonly scenarioFile: string;
  readonly outDir: string;
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

/** Returns whether the job finished only in part (a cancelled Monte Carlo keeps its finished draws). */
export async function executeJob(spec: JobSpec, events: JobEvents): Promise<{ partial: boolean }> {
  const { loaded, dataset } = prepareRun(spec.scenarioFile);
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
  writeRun(run, dataset, spec.outDir, analysis);
  const oxides = new Set(dataset.materials.filter((m) => m.form === 'oxide').map((m) => m.id));
  const keys = keyOutputs(run, oxides);
  writeFileSync(
    join(spec.outDir, 'key_outputs.csv'),
    stringify([
      ['period', 'group', 'item', 'value', 'unit'],
      ...keys.map((k) => [k.period, k.group, k.item, Number(k.value.toFixed(6)), k.unit]),
    ]),
  );
  if (spec.kind === 'run') return { partial: false };

  const base = run.periods.length + 1;
  const controller = new AbortController();
  const seed = spec.seed ?? 1;
  const workers = spec.workers ?? 1;
  const result = await runMonteCarlo({
    scenarioFile: spec.scenarioFile,
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
  writeMonteCarlo(monteCarloOutput(result, loaded, dataset, { seed, workers }), spec.outDir);
  return { partial: result.partial };
}
