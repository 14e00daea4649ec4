/**
 * A bloc's demand served free of the run's taint set, end to end, measured three ways:
 *
 * - served: what the run itself served the bloc free (demand that substitution met free counts: a
 *   technology switch needs no magnet, a grade switch counts as the substitute it took).
 * - potential: the most the bloc could be served free while every demand outside it keeps at least
 *   the free supply it got in the run. The run is re-solved with the bloc's demand required free
 *   (else short), and each outside demand's free supply held first: up to its run value, it earns a
 *   reward above any value of lost load, so the bloc gets only what is left. Blocs' potentials can
 *   still overlap each other (each is measured against the run, not against the other blocs).
 * - upper bound: the run re-solved with the bloc's demand required free and nothing held, so the
 *   bloc has first call on all free capacity in the world.
 *
 * Each re-solve is a whole horizon with its own stocks, so served ≤ potential ≤ upper bound holds
 * period by period only as long as stock carried between periods does not reverse it.
 */
import type { Dataset } from '../dataset/types.js';
import type { PeriodResult, RunResult, SubstitutionRow } from '../results/types.js';
import type { Scenario } from '../schema/scenario.js';
import { type PreparedModel, prepareModel, simulate } from '../simulate/simulate.js';
import type { Adjust, RunData } from '../simulate/step.js';
import type { Period } from '../time/periods.js';
import type { Bloc } from './blocs.js';
import type { SelfSufficiencyRow } from './self-sufficiency.js';

/** The dataset with all of a bloc's demand required free of the scenario's taint set from the horizon's start. */
export function requireFree(dataset: Dataset, scenario: Scenario, bloc: Bloc): Dataset {
  const requirement = bloc.regions.map((region) => ({
    type: 'origin_requirement' as const,
    id: `self-sufficiency-${bloc.id}-${region}`,
    region,
    applications: [],
    materials: [],
    share: 1,
    set: scenario.taint,
    start: scenario.horizon.start,
    source_ids: [dataset.sources[0]?.id ?? 'lodestone'],
    confidence: 'estimate' as const,
  }));
  return { ...dataset, policies: [...dataset.policies, ...requirement] };
}

/** The bloc's share of demand served free, per period of a run. */
function blocRows(run: RunResult, bloc: Bloc, measure: SelfSufficiencyRow['measure']): SelfSufficiencyRow[] {
  const inBloc = new Set(bloc.regions);
  return run.periods.map((p) => {
    const rows = p.demand.filter((d) => inBloc.has(d.region));
    const demand = rows.reduce((s, d) => s + d.demand, 0);
    const substituted = p.substitution.filter((r) => inBloc.has(r.region));
    const free =
      rows.reduce((s, d) => s + d.served_free, 0) + substituted.reduce((s, r) => s + metFree(r), 0);
    return {
      period: p.period.label,
      bloc: bloc.id,
      stage: 'chain',
      measure,
      supply: free,
      demand,
      ratio: demand > 0 ? free / demand : 1,
    };
  });
}

/**
 * Demand a substitution met free of the taint set: all of it for a technology switch (no magnet), the
 * free part of the substitute for a grade switch or thrift.
 */
function metFree(r: SubstitutionRow): number {
  const taken = r.consumed_free + r.consumed_cn;
  return taken > 0 ? (r.volume * r.consumed_free) / taken : r.volume;
}

/** (a) What the run served the bloc free (magnets served free, and demand substitution met free). */
export function servedSelfSufficiency(run: RunResult, bloc: Bloc): SelfSufficiencyRow[] {
  return blocRows(run, bloc, 'served');
}

export interface ResolveOptions {
  /** A model prepared from `requireFree` of a dataset of the same structure (reused: Monte Carlo, analyse). */
  readonly prepared?: PreparedModel | undefined;
  /** The dataset's numbers, worked out for the run this re-solves (shared: Monte Carlo). */
  readonly data?: RunData | undefined;
  /** Check each re-solved period (default true; see SimulateOptions.check). */
  readonly check?: boolean | undefined;
}

/** (b) The most the bloc could be served free while every other demand keeps the free supply `run` gave it. */
export async function potentialSelfSufficiency(
  dataset: Dataset,
  scenario: Scenario,
  bloc: Bloc,
  run: RunResult,
  options: ResolveOptions = {},
): Promise<SelfSufficiencyRow[]> {
  const inBloc = new Set(bloc.regions);
  // Above every value of lost load: an outside demand's free supply always comes before the bloc's.
  const reward = 10 * Math.max(1000, ...dataset.applications.map((a) => a.voll));
  const adjust: Adjust = (period, inputs, f) => {
    const served = freeServed(run.periods[period.index], period);
    f.network.demands.forEach((d, i) => {
      if (inBloc.has(d.region)) return;
      const col = f.layout.serve + 2 * i; // serve(d, free), as formulate lays the columns out
      inputs.colUpper[col] = Math.min(
        served.get(`${d.region}|${d.application}|${d.material}`) ?? 0,
        inputs.demand[i]!,
      );
      inputs.colCost[col] = -reward;
    });
  };
  const resolved = await simulate(requireFree(dataset, scenario, bloc), scenario, { ...options, adjust });
  return blocRows(resolved, bloc, 'potential');
}

/** Free supply per demand node (region|application|material) of the run's period. */
function freeServed(p: PeriodResult | undefined, period: Period): Map<string, number> {
  if (p?.period.label !== period.label)
    throw new Error(`internal: the run has no period ${period.label} to hold other demand to`);
  return new Map(p.demand.map((d) => [`${d.region}|${d.application}|${d.material}`, d.served_free]));
}

/** (c) The bloc with first call on all free capacity in the world: an upper bound, not additive across blocs. */
export async function upperBoundSelfSufficiency(
  dataset: Dataset,
  scenario: Scenario,
  bloc: Bloc,
  options: ResolveOptions = {},
): Promise<SelfSufficiencyRow[]> {
  const resolved = await simulate(requireFree(dataset, scenario, bloc), scenario, options);
  return blocRows(resolved, bloc, 'upper_bound');
}

/** All three measures for a bloc; the two re-solves share one prepared model. */
export async function chainSelfSufficiency(
  dataset: Dataset,
  scenario: Scenario,
  bloc: Bloc,
  run: RunResult,
): Promise<SelfSufficiencyRow[]> {
  const required = requireFree(dataset, scenario, bloc);
  const prepared = await prepareModel(required, scenario);
  try {
    return [
      ...servedSelfSufficiency(run, bloc),
      ...(await potentialSelfSufficiency(dataset, scenario, bloc, run, { prepared })),
      ...(await upperBoundSelfSufficiency(dataset, scenario, bloc, { prepared })),
    ];
  } finally {
    prepared.solver.dispose();
  }
}
