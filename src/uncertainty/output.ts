/** A finished Monte Carlo as written to disk: its summaries and a manifest that says how it was made. */
import type { Dataset } from '../dataset/types.js';
import { makePeriods } from '../model/periods.js';
import { taintOf } from '../model/taint.js';
import type { MonteCarloOutput } from '../results/write-monte-carlo.js';
import type { LoadedScenario } from '../scenario/load-scenario.js';
import { lodestoneVersion } from '../scenario/package-root.js';
import type { MonteCarloResult } from './monte-carlo.js';
import { RANDOM, type Sampling } from './sampling.js';
import { selfSufficiencyProbability, sensitivity, summarise } from './summarise.js';

export function monteCarloOutput(
  result: MonteCarloResult,
  loaded: LoadedScenario,
  dataset: Dataset,
  run: {
    readonly seed: number;
    readonly workers: number;
    readonly sampling?: Sampling | undefined;
    /** --precision: the target half-width, the widest reached, and whether every probability met it. */
    readonly precision?: { target: number; half_width: number; reached: boolean } | undefined;
  },
): MonteCarloOutput & { readonly periods: string[] } {
  const { horizon, period } = loaded.scenario;
  const periods = makePeriods(horizon.start, horizon.end, period).map((p) => p.label);
  return {
    periods,
    result,
    summary: summarise(result.draws, periods),
    probabilities: selfSufficiencyProbability(result.draws, periods),
    sensitivity: sensitivity(result.draws),
    manifest: {
      scenario: loaded.scenario.name,
      scenario_file: loaded.file,
      dataset: { name: dataset.meta.name, hash: dataset.hash },
      taint: taintOf(dataset, loaded.scenario),
      lodestone_version: lodestoneVersion(),
      seed: run.seed,
      sampling: (run.sampling ?? RANDOM).method,
      ...(run.sampling?.method === 'lhs' ? { lhs_block: run.sampling.block } : {}),
      ...(run.precision ? { precision: run.precision } : {}),
      draws_requested: result.requested,
      draws_finished: result.draws.length,
      partial: result.partial,
      workers: run.workers,
      seconds: result.seconds,
      uncertain_inputs: dataset.uncertainty.map((u) => u.id),
    },
  };
}
