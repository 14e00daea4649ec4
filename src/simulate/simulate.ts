/**
 * Runs a scenario over its horizon: one LP structure for the whole run, re-solved period by period
 * (warm, from the previous basis) with that period's capacities and demand and the stocks the
 * previous period closed with. Every solved period is checked for mass balance.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../dataset/types.js';
import { formulate, periodInputs } from '../lp/formulate.js';
import { PersistentLp } from '../lp/highs-solver.js';
import { buildNetwork } from '../model/network.js';
import { makePeriods } from '../model/periods.js';
import { assertBalanced } from '../results/check-balance.js';
import { fromSolution } from '../results/from-solution.js';
import type { PeriodResult, RunResult } from '../results/types.js';
import { lodestoneVersion } from '../scenario/package-root.js';
import type { Scenario } from '../schema/scenario.js';

export interface SimulateOptions {
  /** Called after each period is solved and checked. */
  readonly onPeriod?: (result: PeriodResult, index: number, total: number) => void;
  /** Write each period's LP to this folder before solving it. */
  readonly exportLp?: { readonly dir: string; readonly format: 'lp' | 'mps' };
  readonly scenarioFile?: string | undefined;
}

export async function simulate(
  dataset: Dataset,
  scenario: Scenario,
  options: SimulateOptions = {},
): Promise<RunResult> {
  const t0 = performance.now();
  const network = buildNetwork(dataset);
  const formulation = formulate(network);
  const periods = makePeriods(scenario.horizon.start, scenario.horizon.end, scenario.period);
  const solver = await PersistentLp.create(formulation.lp, {
    timeLimit: scenario.solver.time_limit,
    method: scenario.solver.method,
  });
  let setupSeconds = (performance.now() - t0) / 1000;
  const size = {
    rows: formulation.lp.numRows,
    cols: formulation.lp.numCols,
    nonzeros: formulation.lp.values.length,
  };
  if (options.exportLp) mkdirSync(options.exportLp.dir, { recursive: true });

  let carried = initialStocks(dataset, network);
  const results: PeriodResult[] = [];
  try {
    for (const period of periods) {
      const tb = performance.now();
      const inputs = periodInputs(formulation, period, carried);
      solver.setRowBounds(inputs.rowLower, inputs.rowUpper);
      solver.setCosts(inputs.colCost);
      const build = setupSeconds + (performance.now() - tb) / 1000;
      setupSeconds = 0;
      if (options.exportLp) {
        const { dir, format } = options.exportLp;
        writeFileSync(join(dir, `period-${period.label}.${format}`), solver.export(format));
      }
      const solution = solver.solve(`period ${period.label}`);
      const te = performance.now();
      const flows = fromSolution(formulation, period, inputs, carried, solution);
      const extract = (performance.now() - te) / 1000;
      const result: PeriodResult = { ...flows, size, seconds: { build, solve: solution.seconds, extract } };
      assertBalanced(result);
      results.push(result);
      carried = Float64Array.from(
        solution.colValue.subarray(formulation.layout.hold, formulation.layout.hold + network.hubs.length),
        (v) => Math.max(0, v),
      );
      options.onPeriod?.(result, period.index, periods.length);
    }
  } finally {
    solver.dispose();
  }
  return {
    scenario: { name: scenario.name, file: options.scenarioFile },
    dataset: { name: dataset.meta.name, dir: dataset.dir, hash: dataset.hash },
    version: lodestoneVersion(),
    periods: results,
  };
}

/** Stocks at the start of the horizon, per hub. */
function initialStocks(dataset: Dataset, network: ReturnType<typeof buildNetwork>): Float64Array {
  const stocks = new Float64Array(network.hubs.length);
  for (const inv of dataset.inventory) {
    const i = network.hubIndex(inv.region, inv.material, inv.tag);
    if (i !== undefined) stocks[i]! += inv.amount;
  }
  return stocks;
}
