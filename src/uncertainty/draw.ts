/**
 * Runs one draw: samples its inputs, applies them to the dataset, solves the horizon, and keeps the
 * headline outputs per period as compact arrays: shortfall and free share per region (free of the
 * run's taint set), NdPr oxide prices where there is demand, floor payments, and per bloc its
 * potential free share (the most a free chain could serve it while every other demand keeps the
 * free supply the draw's run gave it) and its free magnet capacity over demand.
 */
import type { Bloc } from '../analysis/blocs.js';
import { potentialSelfSufficiency, requireFree } from '../analysis/chain-self-sufficiency.js';
import { stageSelfSufficiency } from '../analysis/self-sufficiency.js';
import type { Dataset } from '../dataset/types.js';
import type { Basis } from '../lp/highs-solver.js';
import type { Scenario } from '../schema/scenario.js';
import { type PreparedModel, prepareModel, simulate } from '../simulate/simulate.js';
import { runData } from '../simulate/step.js';
import { applyInputs, sampleInputs } from './sample.js';
import type { Sampling } from './sampling.js';

export interface DrawResult {
  readonly draw: number;
  /** Sampled inputs. */
  readonly values: Record<string, number>;
  /** Output per metric key ("metric|item"), one value per period. */
  readonly metrics: Record<string, number[]>;
}

export interface DrawSetup {
  readonly dataset: Dataset;
  readonly scenario: Scenario;
  readonly seed: number;
  /** How each draw's uniforms are chosen (default: random). */
  readonly sampling?: Sampling | undefined;
  readonly blocs: readonly Bloc[];
  /**
   * The dataset whose uncertain records the draws sample (default: `dataset`). The planner checks
   * its builds with the input's draws applied to the dataset with the builds, so that draw k is the
   * same world with and without them; records only `dataset` has keep their values.
   */
  readonly sampleFrom?: Dataset | undefined;
  /**
   * Models prepared once and re-solved for every draw: the run's, and one per bloc. Without them a
   * draw prepares its own, which gives the same numbers, only slower.
   */
  readonly prepared?: { readonly run: PreparedModel; readonly blocs: ReadonlyMap<string, PreparedModel> };
}

/**
 * Prepares the models a worker reuses for all its draws. Each draw's first period starts from the
 * basis of the nominal run (no draw applied), not cold: ~12 ms less per model and draw, and as the
 * nominal run is the same in every worker, a draw's numbers still depend on its seed and index alone.
 */
export async function prepareDraws(setup: DrawSetup): Promise<DrawSetup> {
  const { dataset, scenario } = setup;
  const blocs = new Map<string, PreparedModel>();
  for (const b of setup.blocs) blocs.set(b.id, await withStart(requireFree(dataset, scenario, b), scenario));
  return { ...setup, prepared: { run: await withStart(dataset, scenario), blocs } };
}

/** Frees the models `prepareDraws` made. */
export function disposeDraws(setup: DrawSetup): void {
  setup.prepared?.run.solver.dispose();
  for (const m of setup.prepared?.blocs.values() ?? []) m.solver.dispose();
}

/** A model prepared for reuse, with the basis its nominal run ended the first period with. */
async function withStart(dataset: Dataset, scenario: Scenario): Promise<PreparedModel> {
  const model = await prepareModel(dataset, scenario);
  let start: Basis | undefined;
  await simulate(dataset, scenario, {
    prepared: model,
    hooks: {
      afterSolve: (period) => {
        if (period.index === 0) start = model.solver.basis();
      },
    },
  });
  return start ? { ...model, start } : model;
}

export const METRIC_UNITS: Record<string, string> = {
  short: 't magnet',
  destroyed: 't magnet',
  china_free_share: 'share',
  price: 'USD/kg',
  floor_payments: 'million USD',
  chain_self_sufficiency: 'share of demand (potential, free of the taint set)',
  magnet_capacity_ratio: 'ratio',
};

export async function runDraw(setup: DrawSetup, draw: number): Promise<DrawResult> {
  if (!setup.prepared) {
    const prepared = await prepareDraws(setup);
    try {
      return await runDraw(prepared, draw);
    } finally {
      disposeDraws(prepared);
    }
  }
  const { scenario, blocs } = setup;
  const inputs = sampleInputs(setup.sampleFrom ?? setup.dataset, setup.seed, draw, setup.sampling);
  const dataset = applyInputs(setup.dataset, inputs, scenario.horizon.start);
  // The run and its bloc re-solves read the same numbers (the blocs' datasets add policies only).
  const data = runData(setup.prepared.run, dataset, scenario);
  const run = await simulate(dataset, scenario, { prepared: setup.prepared.run, data });
  const metrics: Record<string, number[]> = {};
  const put = (key: string, i: number, v: number) => {
    const row = metrics[key] ?? new Array<number>(run.periods.length).fill(0);
    row[i] = (row[i] ?? 0) + v;
    metrics[key] = row;
  };
  const ndpr = new Set(
    dataset.materials
      .filter((m) => m.form === 'oxide' && (m.composition.Nd ?? 0) + (m.composition.Pr ?? 0) >= 0.9)
      .map((m) => m.id),
  );
  run.periods.forEach((p, i) => {
    const demand = new Map<string, number>();
    for (const d of p.demand) {
      put(`short|${d.region}`, i, d.short);
      put(`destroyed|${d.region}`, i, d.destroyed);
      put(`china_free_share|${d.region}`, i, d.served_free);
      demand.set(d.region, (demand.get(d.region) ?? 0) + d.demand);
    }
    for (const [region, total] of demand)
      metrics[`china_free_share|${region}`]![i] =
        total > 0 ? metrics[`china_free_share|${region}`]![i]! / total : 0;
    for (const x of p.prices)
      if (ndpr.has(x.material) && demand.has(x.region))
        put(`price|${x.region} ${x.material} ${x.tag}`, i, x.price);
    put(
      'floor_payments|all',
      i,
      p.policies.filter((m) => m.metric === 'floor payments').reduce((s, m) => s + m.value, 0),
    );
  });
  for (const bloc of blocs) {
    const chain = await potentialSelfSufficiency(dataset, scenario, bloc, run, {
      prepared: setup.prepared.blocs.get(bloc.id),
      data,
      // The draw's run was checked; its bloc re-solves are that LP with tighter bounds.
      check: false,
    });
    metrics[`chain_self_sufficiency|${bloc.id}`] = chain.map((r) => r.ratio);
  }
  for (const r of stageSelfSufficiency(dataset, scenario, blocs, run.taint)) {
    if (r.stage !== 'magnet') continue;
    const i = run.periods.findIndex((p) => p.period.label === r.period);
    put(`magnet_capacity_ratio|${r.bloc}`, i, r.ratio);
  }
  return { draw, values: inputs.values, metrics };
}
