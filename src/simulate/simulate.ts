/**
 * Runs a scenario over its horizon: one LP structure for the whole run, re-solved period by period
 * (warm, from the previous basis) with that period's capacities and demand and the stocks the
 * previous period closed with. Each period is one step (step.ts), checked for mass balance, origin
 * tags and the closing of in-use stocks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../dataset/types.js';
import type { PeriodResult, RunResult } from '../results/types.js';
import { lodestoneVersion } from '../scenario/package-root.js';
import type { Scenario } from '../schema/scenario.js';
import { makePeriods } from '../time/periods.js';
import { type PreparedModel, prepareModel } from './prepare-model.js';
import { type Adjust, type RunData, type StepHooks, startRun, step } from './step.js';

export { type PreparedModel, prepareModel } from './prepare-model.js';

export interface SimulateOptions {
  /** Called after each period is solved and checked. */
  readonly onPeriod?: (result: PeriodResult, index: number, total: number) => void;
  /** Write each period's LP to this folder before solving it. */
  readonly exportLp?: { readonly dir: string; readonly format: 'lp' | 'mps' };
  readonly scenarioFile?: string | undefined;
  /**
   * A model prepared (prepareModel) from a dataset of the same structure, reused (warm) instead of
   * built: the run's own numbers (capacities, schedules, costs, demand, policy values) go into it.
   * The caller disposes it.
   */
  readonly prepared?: PreparedModel | undefined;
  /** The run's numbers worked out beforehand (runData), shared with other runs on the same numbers. */
  readonly data?: RunData | undefined;
  /**
   * Changes a period's bounds and costs after the policies have set theirs, before it is solved
   * (the bloc re-solves of src/analysis/chain-self-sufficiency.ts).
   */
  readonly adjust?: Adjust | undefined;
  /**
   * Check each period (mass balance, origin tags, in-use stocks; default true). Only re-solves of a
   * run that was itself checked leave it out (Monte Carlo's bloc re-solves: the same LP with tighter
   * bounds), for ~5% of a draw.
   */
  readonly check?: boolean | undefined;
  /** Phase hooks of every period's step. */
  readonly hooks?: StepHooks;
}

export async function simulate(
  dataset: Dataset,
  scenario: Scenario,
  options: SimulateOptions = {},
): Promise<RunResult> {
  const t0 = performance.now();
  const model = options.prepared ?? (await prepareModel(dataset, scenario));
  try {
    const periods = makePeriods(scenario.horizon.start, scenario.horizon.end, scenario.period);
    const started = startRun(model, dataset, scenario, options);
    let carried = started.carried;
    const hooks = withExport(options.hooks ?? {}, options.exportLp);
    // The first period's build counts the run's setup (preparing the model, unless reused).
    let setup = (performance.now() - t0) / 1000;
    const results: PeriodResult[] = [];
    for (const period of periods) {
      const stepped = step(started.run, period, carried, hooks);
      const { seconds } = stepped.result;
      const result = { ...stepped.result, seconds: { ...seconds, build: setup + seconds.build } };
      setup = 0;
      carried = stepped.carried;
      results.push(result);
      options.onPeriod?.(result, period.index, periods.length);
    }
    return {
      scenario: { name: scenario.name, file: options.scenarioFile },
      dataset: { name: dataset.meta.name, dir: dataset.location, hash: dataset.hash },
      taint: model.formulation.network.taint,
      version: cachedVersion(),
      periods: results,
    };
  } finally {
    if (!options.prepared) model.solver.dispose();
  }
}

/** The hooks, writing each period's LP to a folder before its solve when asked. */
function withExport(hooks: StepHooks, exportLp: SimulateOptions['exportLp']): StepHooks {
  if (!exportLp) return hooks;
  const { dir, format } = exportLp;
  mkdirSync(dir, { recursive: true });
  return {
    ...hooks,
    beforeSolve: (period, solver) => {
      writeFileSync(join(dir, `period-${period.label}.${format}`), solver.export(format));
      hooks.beforeSolve?.(period, solver);
    },
  };
}

/** Read from package.json once per process, not per run (Monte Carlo runs thousands). */
let version: string | undefined;
function cachedVersion(): string {
  version ??= lodestoneVersion();
  return version;
}
