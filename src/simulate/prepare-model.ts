/**
 * The model of a dataset's structure, built once and re-solved by every run of that structure: the
 * core LP of its network, then the policies and contracts (src/policies) and the substitutions
 * (src/lp/substitution.ts), which add their rows and columns after the core's (as PyPSA's create_model adds global constraints after the core ones),
 * the HiGHS model that re-solves it, and the lookups a run reads again and again.
 */
import { type DatasetIndex, indexDataset } from '../dataset/dataset-index.js';
import type { Dataset } from '../dataset/types.js';
import { type Formulation, formulateCore } from '../lp/formulate.js';
import { type Basis, PersistentLp } from '../lp/highs-solver.js';
import { buildSubstitutions, type SubstitutionPart } from '../lp/substitution.js';
import { buildNetwork } from '../model/network.js';
import { buildPolicies } from '../policies/index.js';
import type { PolicyPart } from '../policies/types.js';
import { taintOf } from '../scenario/taint.js';
import type { Scenario } from '../schema/scenario.js';

export interface PreparedModel {
  readonly formulation: Formulation;
  /** Policies and contracts, in LP order: their rows and columns follow the core's. */
  readonly policies: readonly PolicyPart[];
  /** Grade switches, thrift and technology switches (the dataset's substitutions): columns after the policies'. */
  readonly substitution: SubstitutionPart;
  readonly solver: PersistentLp;
  readonly index: DatasetIndex;
  /**
   * The basis a reference run's first period ended with. Runs that reuse the model start their first
   * period from it instead of cold (later periods start from the period before), so every run's
   * result depends on its own inputs alone, whatever the model solved before (Monte Carlo draws in
   * any order).
   */
  readonly start?: Basis;
}

/** Runs one phase of work, named (bench/profile.ts times each); returns what it returns. */
export type Timer = <T>(phase: string, work: () => T) => T;
export const untimed: Timer = (_phase, work) => work();

/** The caller disposes the model's solver (`model.solver.dispose()`). */
export async function prepareModel(
  dataset: Dataset,
  scenario: Scenario,
  time: Timer = untimed,
): Promise<PreparedModel> {
  const index = time('indexDataset', () => indexDataset(dataset));
  const network = time('buildNetwork', () => buildNetwork(dataset, taintOf(dataset, scenario)));
  const core = time('formulate: core', () => formulateCore(network, index));
  const policies = time('formulate: policies and contracts', () =>
    buildPolicies(dataset.policies, network.contracts, {
      b: core.b,
      materials: dataset.materials,
      facilities: dataset.facilities,
      routes: network.routes,
      demands: network.demands,
      ...core.columns,
    }),
  );
  const substitution = time('formulate: substitutions', () =>
    buildSubstitutions(dataset.substitutions, { b: core.b, demands: network.demands, ...core.columns }),
  );
  const formulation = time('formulate: LpBuilder.build (CSC packing, names)', () => core.build());
  const solver = await time('PersistentLp.create (HiGHS model from CSC)', () =>
    PersistentLp.create(formulation.lp, {
      timeLimit: scenario.solver.time_limit,
      method: scenario.solver.method,
    }),
  );
  return { formulation, policies, substitution, solver, index };
}
