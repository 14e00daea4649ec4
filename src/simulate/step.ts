/**
 * One period's solve, as a unit: stock arrivals, the period's numbers, the policies', the solve
 * (twice when export controls need the pre-control flows), the read-back, the in-use stocks and the
 * checks (mass balance, origin tags, stocks that close). simulate() runs it period after period;
 * the benchmark (bench/profile.ts) times its phases through `hooks.time`, and the tests check the LP
 * through `hooks.afterSolve`.
 */
import type { Dataset } from '../dataset/types.js';
import {
  type Formulation,
  type PeriodNumbers,
  periodInputs,
  type RunNumbers,
  runNumbers,
} from '../lp/formulate.js';
import type { LpSolution, PersistentLp } from '../lp/highs-solver.js';
import type { Network } from '../model/network.js';
import type { PeriodContext, PeriodInputs } from '../policies/types.js';
import { assertBalanced } from '../results/check-balance.js';
import { assertStocksClose } from '../results/check-stocks.js';
import { assertTagsConsistent, type TagRules, tagRules } from '../results/check-tags.js';
import { fromSolution } from '../results/from-solution.js';
import type { DemandRow, InUseRow, PeriodResult, SubstitutionRow, TradeRow } from '../results/types.js';
import type { Policy } from '../schema/policy.js';
import type { Scenario } from '../schema/scenario.js';
import type { Substitution } from '../schema/substitution.js';
import { type StockHistory, StockModel, stockHistory } from '../stocks/stock-model.js';
import type { Period } from '../time/periods.js';
import { type PreparedModel, type Timer, untimed } from './prepare-model.js';

/**
 * What a run reads from its dataset's numbers, worked out once: runs on the same numbers share it
 * (a Monte Carlo draw's run and its bloc re-solves, whose datasets differ in policies only).
 */
export interface RunData {
  readonly numbers: RunNumbers;
  readonly history: StockHistory;
}

export function runData(model: PreparedModel, dataset: Dataset, scenario: Scenario): RunData {
  return {
    numbers: runNumbers(model.formulation, dataset),
    history: stockHistory(dataset, scenario.horizon.start),
  };
}

/** Changes a period's bounds and costs after the policies have set theirs, before it is solved. */
export type Adjust = (period: Period, inputs: PeriodInputs, formulation: Formulation) => void;

/** A run under way: its model, its own numbers and policies, and the state its periods pass on. */
export interface Run {
  readonly model: PreparedModel;
  readonly numbers: RunNumbers;
  /** The run's policy records by id (a Monte Carlo draw's values differ from the model's). */
  readonly policies: ReadonlyMap<string, Policy>;
  /** The run's substitution records by id (a Monte Carlo draw's values differ from the model's). */
  readonly substitutions: ReadonlyMap<string, Substitution>;
  /** In-use cohorts: each step advances them. */
  readonly stocks: StockModel;
  /** Policies' state between periods (stock levels): each step updates it. */
  readonly state: Map<string, number>;
  readonly rules: TagRules;
  readonly adjust?: Adjust | undefined;
  /** Whether each period is checked (mass balance, origin tags, in-use stocks); default true. */
  readonly check: boolean;
}

/** What one period hands the next. */
export interface Carried {
  /** Closing stock per hub (network order): the next period's opening stock. */
  readonly hubs: Float64Array;
  /** The period's in-use stock rows, which the next period's must continue (none before the first). */
  readonly inUse?: readonly InUseRow[];
}

export interface StepHooks {
  /** Runs each phase of the step; by default just runs it. */
  readonly time?: Timer;
  /** Just before the solve, with the period's LP in the solver (LP export). */
  readonly beforeSolve?: (period: Period, solver: PersistentLp) => void;
  /** Just after the solve: the numbers the LP was solved with, its opening stocks and its solution. */
  readonly afterSolve?: (period: Period, inputs: PeriodNumbers, opening: Float64Array, s: LpSolution) => void;
}

/**
 * Starts a run of `dataset` on a model of its structure: the solver forgets its last basis, so the
 * run's solutions depend on its own inputs alone.
 */
export function startRun(
  model: PreparedModel,
  dataset: Dataset,
  scenario: Scenario,
  options: {
    readonly data?: RunData | undefined;
    readonly adjust?: Adjust | undefined;
    readonly check?: boolean | undefined;
  } = {},
): { run: Run; carried: Carried } {
  const { numbers, history } = options.data ?? runData(model, dataset, scenario);
  model.solver.reset();
  const { network } = model.formulation;
  const run: Run = {
    model,
    numbers,
    policies: new Map(dataset.policies.map((p) => [p.id, p])),
    substitutions: new Map(dataset.substitutions.map((o) => [o.id, o])),
    stocks: new StockModel(dataset, history, model.index.materialUnit),
    state: new Map(),
    rules: tagRules(dataset, network.taint),
    adjust: options.adjust,
    check: options.check ?? true,
  };
  return { run, carried: { hubs: initialStocks(dataset, network) } };
}

export function step(
  run: Run,
  period: Period,
  carried: Carried,
  hooks: StepHooks = {},
): { result: PeriodResult; carried: Carried } {
  const time = hooks.time ?? untimed;
  const { model, stocks } = run;
  const { formulation, solver, policies: parts, substitution, index } = model;
  const { network, layout, lp } = formulation;
  const tb = performance.now();
  // End-of-life magnets collected this period arrive as scrap before it is solved.
  const opening = carried.hubs.slice();
  time('stock arrivals', () => {
    for (const a of stocks.arrivals(period))
      opening[network.hubIndex(a.region, a.material, a.tag)!]! += a.amount;
  });
  const inputs = time('periodInputs', () => periodInputs(formulation, period, opening, run.numbers));
  const ctx: PeriodContext = { period, inputs, state: run.state, policies: run.policies };
  for (const part of parts) time(`prepare: ${part.id}`, () => part.prepare(ctx));
  const sub = { period, inputs, state: run.state, options: run.substitutions };
  time('prepare: substitutions', () => substitution.prepare(sub));
  if (run.adjust) time('adjust', () => run.adjust!(period, inputs, formulation));
  time('setRowBounds', () => solver.setRowBounds(inputs.rowLower, inputs.rowUpper));
  time('setColBounds', () => solver.setColBounds(inputs.colLower, inputs.colUpper));
  time('setCosts', () => solver.setCosts(inputs.colCost));
  time('setCoefficients', () => solver.setCoefficients(layout.rationing, inputs.coefficients));
  if (period.index === 0 && model.start) solver.startFrom(model.start);
  let build = (performance.now() - tb) / 1000;
  let referenceSeconds = 0;
  if (parts.some((p) => p.wantsReference?.(ctx))) {
    // Export controls cap flows at a share of the pre-control flow: this period without them.
    const reference = time('solve (reference, before export controls)', () =>
      solver.solve(`period ${period.label} (before export controls)`),
    );
    referenceSeconds = reference.seconds;
    const tc = performance.now();
    time('export controls: caps from reference', () => {
      for (const part of parts) part.capFromReference?.(ctx, reference.colValue);
      solver.setRowBounds(inputs.rowLower, inputs.rowUpper);
    });
    build += (performance.now() - tc) / 1000;
  }
  hooks.beforeSolve?.(period, solver);
  const solution = time('solve', () => solver.solve(`period ${period.label}`));
  hooks.afterSolve?.(period, inputs, opening, solution);

  const te = performance.now();
  const flows = time('fromSolution', () =>
    fromSolution(formulation, index, period, inputs, opening, solution),
  );
  const effects = time('policy report, flows and trade', () => ({
    policies: parts.flatMap((p) => p.report(ctx, solution)),
    policyFlows: parts.flatMap((p) => p.flows?.(solution) ?? []),
    trade: mergeTrade([...flows.trade, ...parts.flatMap((p) => p.trade?.(solution) ?? [])]),
    substitution: substitution.rows(sub, solution),
  }));
  const extract = (performance.now() - te) / 1000;
  // Substitute magnets (grade switches, thrift) go into use with the demand they serve.
  const inUse = time('stocks.advance', () =>
    stocks.advance(period, {
      consumption: flows.consumption,
      demand: withSubstitutes(flows.demand, effects.substitution),
    }),
  );
  const result: PeriodResult = {
    ...flows,
    ...effects,
    size: { rows: lp.numRows, cols: lp.numCols, nonzeros: lp.values.length },
    seconds: { build, solve: referenceSeconds + solution.seconds, extract },
    stocks: inUse,
  };
  if (run.check) {
    time('assertBalanced', () => assertBalanced(result, network));
    time('assertTagsConsistent', () => assertTagsConsistent(result, run.rules));
    if (carried.inUse)
      time('assertStocksClose', () => assertStocksClose(period.label, carried.inUse!, inUse));
  }

  const hubs = time('carry (policies, closing stock)', () => {
    for (const part of parts) part.carry?.(ctx, solution);
    substitution.carry(sub, solution);
    return Float64Array.from(
      solution.colValue.subarray(layout.hold, layout.hold + network.hubs.length),
      (v) => Math.max(0, v),
    );
  });
  return { result, carried: { hubs, inUse } };
}

/** Demand rows with the substitute magnets each node took counted as served (for the in-use stocks). */
function withSubstitutes(demand: readonly DemandRow[], rows: readonly SubstitutionRow[]): DemandRow[] {
  const taken = new Map<string, { free: number; cn: number }>();
  for (const r of rows) {
    if (r.consumed_free + r.consumed_cn === 0) continue;
    const key = `${r.region}|${r.application}|${r.material}`;
    const sum = taken.get(key) ?? { free: 0, cn: 0 };
    sum.free += r.consumed_free;
    sum.cn += r.consumed_cn;
    taken.set(key, sum);
  }
  if (taken.size === 0) return demand as DemandRow[];
  return demand.map((d) => {
    const sum = taken.get(`${d.region}|${d.application}|${d.material}`);
    return sum ? { ...d, served_free: d.served_free + sum.free, served_cn: d.served_cn + sum.cn } : d;
  });
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
function initialStocks(dataset: Dataset, network: Network): Float64Array {
  const stocks = new Float64Array(network.hubs.length);
  for (const inv of dataset.inventory) {
    const i = network.hubIndex(inv.region, inv.material, inv.tag);
    if (i !== undefined) stocks[i]! += inv.amount;
  }
  return stocks;
}
