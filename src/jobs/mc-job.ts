/**
 * Job kind `mc`: Monte Carlo draws of the scenario, on worker threads, and their files. The
 * workbench's job also runs the scenario itself first (`withRun`), so its folder holds both.
 */

import { makePeriods } from '../model/periods.js';
import type { MonteCarloOutput } from '../results/write-monte-carlo.js';
import { monteCarloFiles } from '../results/write-monte-carlo.js';
import { type OutputFile, runFiles } from '../results/write-run.js';
import type { RunInputs } from '../scenario/inputs.js';
import type { DrawResult } from '../uncertainty/draw.js';
import { type MonteCarloOptions, type MonteCarloResult, runMonteCarlo } from '../uncertainty/monte-carlo.js';
import { monteCarloOutput } from '../uncertainty/output.js';
import { type PrecisionResult, runToPrecision } from '../uncertainty/precision.js';
import type { Sampling } from '../uncertainty/sampling.js';
import { defaultWorkers, MC_DEFAULTS } from './defaults.js';
import { type JobFiles, type JobKind, once } from './job.js';
import { type ScenarioRun, scenarioRun } from './run-job.js';

export interface McJobSpec {
  readonly kind: 'mc';
  readonly inputs: RunInputs;
  readonly draws: number;
  readonly seed?: number | undefined;
  /** How each draw's uniforms are chosen (default: random; LHS's block defaults to the draw count). */
  readonly sampling?: Sampling | undefined;
  /**
   * Draw in rounds until every tracked probability's 95% Wilson half-width is at most this; `draws`
   * is then the cap. LHS blocks are then PRECISION_BLOCK draws.
   */
  readonly precision?: number | undefined;
  /** Worker threads; 0 runs in this thread. */
  readonly workers?: number | undefined;
  /** Draws per batch (default: by the worker count, or the executor's). */
  readonly batchSize?: number | undefined;
  /** The blocs whose China-free chain each draw re-solves (default: all of the dataset's). */
  readonly blocs?: readonly string[] | undefined;
  /** Draws an interrupted run of the same job finished (mc --resume): not run again. */
  readonly finished?: readonly DrawResult[] | undefined;
  /** Also the scenario's own run and its analyses, their files before the draws'. */
  readonly withRun?: boolean | undefined;
}

/** Draws a --precision round adds at least (and LHS's block then): Sobol points balance in 2^k. */
export const PRECISION_BLOCK = 64;

export interface McJobResult extends JobFiles {
  readonly mc: MonteCarloOutput & { readonly periods: string[] };
  readonly scenario?: ScenarioRun | undefined;
}

export const mcKind: JobKind<McJobSpec, McJobResult> = {
  async run(spec, ctx) {
    const { loaded, dataset } = ctx.prepared;
    const seed = spec.seed ?? MC_DEFAULTS.seed;
    const workers = spec.workers ?? defaultWorkers();
    const block = spec.precision === undefined ? spec.draws : PRECISION_BLOCK;
    const sampling =
      spec.sampling?.method === 'lhs'
        ? { ...spec.sampling, block: spec.sampling.block ?? block }
        : spec.sampling;
    let before = 0;
    let scenario: ScenarioRun | undefined;
    if (spec.withRun) {
      scenario = await scenarioRun(ctx, { analysis: true, after: spec.draws });
      before = scenario.run.periods.length + 1;
    }
    let batch: readonly DrawResult[] = [];
    const options: MonteCarloOptions = {
      inputs: spec.inputs,
      draws: spec.draws,
      seed,
      sampling,
      workers,
      executor: ctx.executor,
      ...(spec.batchSize === undefined ? {} : { batchSize: spec.batchSize }),
      blocs: spec.blocs,
      finished: spec.finished,
      signal: ctx.signal,
      onBatch: (draws) => {
        batch = draws;
      },
      onProgress: (finished, requested) =>
        ctx.emit({
          type: 'draws',
          finished,
          requested,
          batch,
          done: before + finished,
          total: before + requested,
          label: `draw ${finished} of ${requested}`,
        }),
    };
    const { scenario: s } = loaded;
    const result: MonteCarloResult | PrecisionResult =
      spec.precision === undefined
        ? await runMonteCarlo(options)
        : await runToPrecision({
            ...options,
            precision: spec.precision,
            block: PRECISION_BLOCK,
            periods: makePeriods(s.horizon.start, s.horizon.end, s.period).map((p) => p.label),
          });
    const precise = spec.precision === undefined ? undefined : (result as PrecisionResult);
    const mc = monteCarloOutput(result, loaded, dataset, {
      seed,
      workers,
      sampling,
      ...(precise
        ? { precision: { target: spec.precision!, half_width: precise.halfWidth, reached: precise.reached } }
        : {}),
    });
    const files = once((): OutputFile[] => [
      ...(scenario ? runFiles(scenario.run, dataset, scenario.analysis) : []),
      ...monteCarloFiles(mc),
    ]);
    return { files, partial: result.partial, mc, scenario };
  },
};
