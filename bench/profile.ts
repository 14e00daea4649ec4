/**
 * Where Lodestone's time goes outside the solver, two ways:
 *
 * - `phaseTimes`: simulate()'s loop re-enacted step by step from the same library pieces, with a
 *   timer around each (network, formulation, the LP handed to HiGHS once; per period the stock
 *   arrivals, periodInputs, each policy type's prepare, the bound and cost updates, the solve, the
 *   read-back, stocks and the balance check). Keep it in step with src/simulate/simulate.ts; its
 *   total is printed next to simulate()'s so a drift shows.
 * - `cpuProfile`: V8's sampling profiler around a function (simulate itself), summed per source
 *   function: inclusive time (the function or anything it calls is running) and self time.
 */
import { Session } from 'node:inspector/promises';
import { findSourceMap } from 'node:module';
import type { Dataset } from '../src/dataset/types.js';
import { formulate, periodInputs } from '../src/lp/formulate.js';
import { PersistentLp } from '../src/lp/highs-solver.js';
import { LpBuilder } from '../src/lp/linear-program.js';
import { buildNetwork } from '../src/model/network.js';
import { makePeriods } from '../src/model/periods.js';
import { taintOf } from '../src/model/taint.js';
import { assertBalanced } from '../src/results/check-balance.js';
import { assertStocksClose } from '../src/results/check-stocks.js';
import { assertTagsConsistent, tagRules } from '../src/results/check-tags.js';
import { fromSolution } from '../src/results/from-solution.js';
import type { PeriodResult } from '../src/results/types.js';
import type { Scenario } from '../src/schema/scenario.js';
import { StockModel } from '../src/stocks/stock-model.js';

/** Seconds per step: `once` for the run's setup, `perPeriod` summed over the periods. */
export interface PhaseTimes {
  readonly once: Record<string, number>;
  readonly perPeriod: Record<string, number>;
  readonly periods: number;
}

export async function phaseTimes(dataset: Dataset, scenario: Scenario): Promise<PhaseTimes> {
  const once: Record<string, number> = {};
  const perPeriod: Record<string, number> = {};
  const time = <T>(into: Record<string, number>, name: string, f: () => T): T => {
    const t = performance.now();
    const result = f();
    into[name] = (into[name] ?? 0) + (performance.now() - t) / 1000;
    return result;
  };
  const build = LpBuilder.prototype.build;
  LpBuilder.prototype.build = function (this: LpBuilder) {
    return time(once, 'formulate › LpBuilder.build (CSC packing, names)', () => build.call(this));
  };
  const network = time(once, 'buildNetwork', () => buildNetwork(dataset, taintOf(dataset, scenario)));
  const formulation = (() => {
    try {
      return time(once, 'formulate (all)', () => formulate(network));
    } finally {
      LpBuilder.prototype.build = build;
    }
  })();
  const periods = makePeriods(scenario.horizon.start, scenario.horizon.end, scenario.period);
  const t = performance.now();
  const solver = await PersistentLp.create(formulation.lp, {
    timeLimit: scenario.solver.time_limit,
    method: scenario.solver.method,
  });
  once['PersistentLp.create (HiGHS model from CSC)'] = (performance.now() - t) / 1000;
  const stocks = time(
    once,
    'StockModel (in-use cohorts)',
    () => new StockModel(dataset, scenario.horizon.start),
  );
  let carried = new Float64Array(network.hubs.length);
  for (const inv of dataset.inventory) {
    const i = network.hubIndex(inv.region, inv.material, inv.tag);
    if (i !== undefined) carried[i]! += inv.amount;
  }
  const typeOf = new Map(dataset.policies.map((p) => [p.id, p.type]));
  const parts = formulation.policies.map((p) => ({ part: p, type: typeOf.get(p.id) ?? 'contract' }));
  const state = new Map<string, number>();
  const size = {
    rows: formulation.lp.numRows,
    cols: formulation.lp.numCols,
    nonzeros: formulation.lp.values.length,
  };
  const step = <T>(name: string, f: () => T) => time(perPeriod, name, f);
  let previousStocks: PeriodResult['stocks'] | undefined;
  try {
    for (const period of periods) {
      step('stock arrivals', () => {
        for (const a of stocks.arrivals(period))
          carried[network.hubIndex(a.region, a.material, a.tag)!]! += a.amount;
      });
      const inputs = step('periodInputs', () => periodInputs(formulation, period, carried));
      const ctx = { period, inputs, state };
      for (const { part, type } of parts) step(`prepare: ${type}`, () => part.prepare(ctx));
      step('setRowBounds', () => solver.setRowBounds(inputs.rowLower, inputs.rowUpper));
      step('setColBounds', () => solver.setColBounds(inputs.colLower, inputs.colUpper));
      step('setCosts', () => solver.setCosts(inputs.colCost));
      step('setCoefficients', () =>
        solver.setCoefficients(formulation.layout.rationing, inputs.coefficients),
      );
      if (parts.some(({ part }) => part.wantsReference?.(ctx))) {
        const reference = step('solve (reference, before export controls)', () => solver.solve('reference'));
        step('export controls: caps from reference', () => {
          for (const { part } of parts) part.capFromReference?.(ctx, reference.colValue);
          solver.setRowBounds(inputs.rowLower, inputs.rowUpper);
        });
      }
      const solution = step('solve', () => solver.solve(period.label));
      const flows = step('fromSolution', () => fromSolution(formulation, period, inputs, carried, solution));
      const policies = step('policy report/flows/trade', () => ({
        policies: parts.flatMap(({ part }) => part.report(ctx, solution)),
        policyFlows: parts.flatMap(({ part }) => part.flows?.(solution) ?? []),
        trade: [...flows.trade, ...parts.flatMap(({ part }) => part.trade?.(solution) ?? [])],
      }));
      const balanced: Omit<PeriodResult, 'stocks'> = {
        ...flows,
        ...policies,
        size,
        seconds: { build: 0, solve: 0, extract: 0 },
      };
      const result = step('stocks.advance', () => ({
        ...balanced,
        stocks: stocks.advance(period, balanced as PeriodResult),
      }));
      step('assertBalanced', () => assertBalanced(result, network));
      step('assertTagsConsistent', () => assertTagsConsistent(result, tagRules(dataset, network.taint)));
      step('assertStocksClose', () => {
        if (previousStocks) assertStocksClose(period.label, previousStocks, result.stocks);
        previousStocks = result.stocks;
      });
      step('carry (policies, closing stock)', () => {
        for (const { part } of parts) part.carry?.(ctx, solution);
        const { hold } = formulation.layout;
        carried = Float64Array.from(solution.colValue.subarray(hold, hold + network.hubs.length), (v) =>
          Math.max(0, v),
        );
      });
    }
  } finally {
    solver.dispose();
  }
  return { once, perPeriod, periods: periods.length };
}

export interface ProfiledFunction {
  readonly function: string;
  /** Milliseconds per call of the profiled function. */
  readonly inclusive_ms: number;
  readonly self_ms: number;
}

/**
 * Runs `f` `times` times under the sampling profiler; returns the functions of files whose URL
 * contains `/src/` (and the top self-time entries from anywhere: wasm, GC, Node), in ms per run.
 */
export async function cpuProfile(
  f: () => Promise<unknown>,
  times: number,
  intervalMicros = 100,
): Promise<{ project: ProfiledFunction[]; self: ProfiledFunction[] }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalMicros });
  await session.post('Profiler.start');
  for (let i = 0; i < times; i++) await f();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();

  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const node = new Map(profile.nodes.map((n) => [n.id, n]));
  const label = (id: number) => {
    const { functionName, url, lineNumber, columnNumber } = node.get(id)!.callFrame;
    // tsx compiles with source maps: name the line in the TypeScript source.
    const entry = url ? findSourceMap(url)?.findEntry(lineNumber, columnNumber) : undefined;
    const line = entry && 'originalLine' in entry ? (entry.originalLine as number) : lineNumber;
    const file = url.includes('/src/') ? url.slice(url.indexOf('/src/') + 1) : url.split('/').pop() || '';
    return `${functionName || '(anonymous)'}${file ? ` ${file}:${line + 1}` : ''}`;
  };
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((leaf, i) => {
    const dt = (deltas[i + 1] ?? 0) / 1000; // a sample's time runs until the next one
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const l = label(id);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
    }
  });
  const row = (name: string): ProfiledFunction => ({
    function: name,
    inclusive_ms: (inclusive.get(name) ?? 0) / times,
    self_ms: (self.get(name) ?? 0) / times,
  });
  const project = [...inclusive.keys()]
    .filter((k) => k.includes(' src/'))
    .map(row)
    .sort((a, b) => b.inclusive_ms - a.inclusive_ms);
  const selfTop = [...self.keys()].map(row).sort((a, b) => b.self_ms - a.self_ms);
  return { project: project.slice(0, 30), self: selfTop.slice(0, 30) };
}
