/**
 * Runs a scenario over its horizon: one LP structure for the whole run, re-solved period by period
 * (warm, from the previous basis) with that period's capacities and demand and the stocks the
 * previous period closed with. Every solved period is checked for mass balance, origin tags and
 * the closing of in-use stocks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../dataset/types.js';
import { type Formulation, formulate, periodInputs, runNumbers } from '../lp/formulate.js';
import { type Basis, PersistentLp } from '../lp/highs-solver.js';
import { buildNetwork } from '../model/network.js';
import { makePeriods, type Period } from '../model/periods.js';
import { taintOf } from '../model/taint.js';
import type { PeriodInputs } from '../policies/index.js';
import { assertBalanced } from '../results/check-balance.js';
import { assertStocksClose } from '../results/check-stocks.js';
import { assertTagsConsistent, tagRules } from '../results/check-tags.js';
import { fromSolution } from '../results/from-solution.js';
import type { PeriodResult, RunResult, TradeRow } from '../results/types.js';
import { lodestoneVersion } from '../scenario/package-root.js';
import type { Scenario } from '../schema/scenario.js';
import { StockModel } from '../stocks/stock-model.js';

export interface SimulateOptions {
  /** Called after each period is solved and checked. */
  readonly onPeriod?: (result: PeriodResult, index: number, total: number) => void;
  /** Write each period's LP to this folder before solving it. */
  readonly exportLp?: { readonly dir: string; readonly format: 'lp' | 'mps' };
  readonly scenarioFile?: string | undefined;
  /**
   * A model prepared from a dataset of the same structure, reused (warm) instead of built: the dataset's
   * numbers (capacities, schedules, costs, demand, policy values) go into it. The caller disposes it.
   */
  readonly prepared?: PreparedModel;
  /** Given the basis the first period ended with (for `PreparedModel.start`). */
  readonly onFirstBasis?: (basis: Basis) => void;
  /**
   * Changes a period's bounds and costs after the policies have set theirs, before it is solved
   * (the bloc re-solves of src/analysis/chain-self-sufficiency.ts).
   */
  readonly adjust?: (period: Period, inputs: PeriodInputs, formulation: Formulation) => void;
}

/** The LP of a dataset's structure, built once, and its solver: reusable across runs of the same structure. */
export interface PreparedModel {
  readonly formulation: Formulation;
  readonly solver: PersistentLp;
  /**
   * The basis a reference run's first period ended with. Runs that reuse the model start their first
   * period from it instead of cold (later periods start from the period before), so every run's
   * result depends on its own inputs alone, whatever the model solved before (Monte Carlo draws in
   * any order).
   */
  readonly start?: Basis;
}

export async function prepareModel(dataset: Dataset, scenario: Scenario): Promise<PreparedModel> {
  const formulation = formulate(buildNetwork(dataset, taintOf(dataset, scenario)));
  const solver = await PersistentLp.create(formulation.lp, {
    timeLimit: scenario.solver.time_limit,
    method: scenario.solver.method,
  });
  return { formulation, solver };
}

export async function simulate(
  dataset: Dataset,
  scenario: Scenario,
  options: SimulateOptions = {},
): Promise<RunResult> {
  const t0 = performance.now();
  const prepared = options.prepared ?? (await prepareModel(dataset, scenario));
  const { formulation, solver } = prepared;
  // Each run starts cold, so its solutions do not depend on what the model solved before.
  if (options.prepared) solver.reset();
  const network = formulation.network;
  // A prepared model may come from another dataset of the same structure (a Monte Carlo draw's base).
  const numbers = options.prepared ? runNumbers(network, dataset) : formulation.numbers;
  const periods = makePeriods(scenario.horizon.start, scenario.horizon.end, scenario.period);
  let setupSeconds = (performance.now() - t0) / 1000;
  const size = {
    rows: formulation.lp.numRows,
    cols: formulation.lp.numCols,
    nonzeros: formulation.lp.values.length,
  };
  if (options.exportLp) mkdirSync(options.exportLp.dir, { recursive: true });

  const rules = tagRules(dataset, network.taint);
  let carried = initialStocks(dataset, network);
  const state = new Map<string, number>();
  const stocks = new StockModel(dataset, scenario.horizon.start);
  const parts = formulation.policies;
  const results: PeriodResult[] = [];
  try {
    for (const period of periods) {
      const tb = performance.now();
      // End-of-life magnets collected this period arrive as scrap before it is solved.
      for (const a of stocks.arrivals(period))
        carried[network.hubIndex(a.region, a.material, a.tag)!]! += a.amount;
      const inputs = periodInputs(formulation, period, carried, numbers);
      const ctx = { period, inputs, state, policies: options.prepared ? numbers.policies : undefined };
      for (const part of parts) part.prepare(ctx);
      options.adjust?.(period, inputs, formulation);
      solver.setRowBounds(inputs.rowLower, inputs.rowUpper);
      solver.setColBounds(inputs.colLower, inputs.colUpper);
      solver.setCosts(inputs.colCost);
      solver.setCoefficients(formulation.layout.rationing, inputs.coefficients);
      const start = period.index === 0 ? options.prepared?.start : undefined;
      if (start) solver.startFrom(start);
      let build = setupSeconds + (performance.now() - tb) / 1000;
      setupSeconds = 0;
      let referenceSeconds = 0;
      if (parts.some((p) => p.wantsReference?.(ctx))) {
        // Export controls cap flows at a share of the pre-control flow: this period without them.
        const reference = solver.solve(`period ${period.label} (before export controls)`);
        referenceSeconds = reference.seconds;
        const tc = performance.now();
        for (const part of parts) part.capFromReference?.(ctx, reference.colValue);
        solver.setRowBounds(inputs.rowLower, inputs.rowUpper);
        build += (performance.now() - tc) / 1000;
      }
      if (options.exportLp) {
        const { dir, format } = options.exportLp;
        writeFileSync(join(dir, `period-${period.label}.${format}`), solver.export(format));
      }
      const solution = solver.solve(`period ${period.label}`);
      if (period.index === 0) options.onFirstBasis?.(solver.basis());
      const te = performance.now();
      const flows = fromSolution(formulation, period, inputs, carried, solution);
      const policies = parts.flatMap((p) => p.report(ctx, solution));
      const policyFlows = parts.flatMap((p) => p.flows?.(solution) ?? []);
      const extract = (performance.now() - te) / 1000;
      const balanced: Omit<PeriodResult, 'stocks'> = {
        ...flows,
        trade: mergeTrade([...flows.trade, ...parts.flatMap((p) => p.trade?.(solution) ?? [])]),
        policies,
        policyFlows,
        size,
        seconds: { build, solve: referenceSeconds + solution.seconds, extract },
      };
      const result: PeriodResult = { ...balanced, stocks: stocks.advance(period, balanced as PeriodResult) };
      assertBalanced(result, network);
      assertTagsConsistent(result, rules);
      const previous = results[results.length - 1];
      if (previous) assertStocksClose(period.label, previous.stocks, result.stocks);
      for (const part of parts) part.carry?.(ctx, solution);
      results.push(result);
      carried = Float64Array.from(
        solution.colValue.subarray(formulation.layout.hold, formulation.layout.hold + network.hubs.length),
        (v) => Math.max(0, v),
      );
      options.onPeriod?.(result, period.index, periods.length);
    }
  } finally {
    if (!options.prepared) solver.dispose();
  }
  return {
    scenario: { name: scenario.name, file: options.scenarioFile },
    dataset: { name: dataset.meta.name, dir: dataset.location, hash: dataset.hash },
    taint: network.taint,
    version: cachedVersion(),
    periods: results,
  };
}

/** Read from package.json once per process, not per run (Monte Carlo runs thousands). */
let version: string | undefined;
function cachedVersion(): string {
  version ??= lodestoneVersion();
  return version;
}

/** Trade rows summed per material, tag and route (contract deliveries join the routes' flows). */
function mergeTrade(rows: readonly TradeRow[]): TradeRow[] {
  const merged = new Map<string, TradeRow>();
  for (const r of rows) {
    const key = `${r.material}|${r.tag}|${r.from}|${r.to}`;
    const prev = merged.get(key);
    merged.set(key, prev ? { ...prev, amount: prev.amount + r.amount } : r);
  }
  return [...merged.values()];
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
