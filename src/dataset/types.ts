/**
 * A loaded, validated dataset. Records keep the shape of their files, but every quantity is in
 * its canonical unit (see src/units/units.ts) and every cost in USD/kg; each record's `unit`
 * field names the canonical unit. Recipes are normalised to one unit of their reference material.
 */
import type { Agreement } from '../schema/agreement.js';
import type { Application } from '../schema/application.js';
import type { Candidate } from '../schema/candidate.js';
import type { Collection } from '../schema/collection.js';
import type { DatasetMeta } from '../schema/dataset-meta.js';
import type { Demand } from '../schema/demand.js';
import type { DemandCurveStep } from '../schema/demand-curve.js';
import type { CapacityStep, Facility } from '../schema/facility.js';
import type { Inventory } from '../schema/inventory.js';
import type { Material } from '../schema/material.js';
import type { Policy } from '../schema/policy.js';
import type { PriceBenchmark } from '../schema/price-benchmark.js';
import type { Process } from '../schema/process.js';
import type { Region } from '../schema/region.js';
import type { Source } from '../schema/source.js';
import type { Substitution } from '../schema/substitution.js';
import type { TaintSet } from '../schema/taint-set.js';
import type { Transport } from '../schema/transport.js';
import type { UncertaintySpec } from '../schema/uncertainty.js';

export interface LoadedMaterial extends Material {
  /** Canonical unit label, e.g. "t REO", "t magnet". */
  readonly unit: string;
  /** t REO per canonical unit. */
  readonly reo_per_unit: number;
}

export interface LoadedFacility extends Facility {
  /** Capacity in units of activity (canonical units of the process's reference material) per year. */
  readonly capacity: number;
  /** Cost per unit of activity, USD/kg (the facility's own, else the process's, else 0). */
  readonly unit_cost: number;
}

/**
 * A candidate build with its sizes in units of activity (canonical units of the process's reference
 * material) per year, and its capex and fixed opex per unit of activity a year.
 */
export interface LoadedCandidate extends Candidate {
  readonly min_size: number;
  /** The project's facility's capacity when the file gives none. */
  readonly max_size: number;
  readonly unit_capex: number;
  readonly fixed_opex: number;
}

export interface Dataset {
  /** Where the dataset was read from: a folder as the user named it, or `datasets/<id>` on a server. */
  readonly location: string;
  /** sha256 of the dataset's files (names and contents), for reproducibility records. */
  readonly hash: string;
  readonly meta: DatasetMeta;
  readonly sources: readonly Source[];
  readonly regions: readonly Region[];
  /** Named sets of tainting regions; a scenario picks the one a run tracks. */
  readonly taint_sets: readonly TaintSet[];
  readonly materials: readonly LoadedMaterial[];
  readonly processes: readonly Process[];
  readonly facilities: readonly LoadedFacility[];
  /**
   * Capacity steps in activity units per year, sorted by facility then year: those of no supply
   * path, and those of the path each group runs.
   */
  readonly capacity_steps: readonly CapacityStep[];
  /** Every step of every supply path, run or not (so a Monte Carlo draw can run another path). */
  readonly path_steps?: readonly CapacityStep[];
  readonly applications: readonly Application[];
  readonly demand: readonly Demand[];
  /** Demand-curve blocks, prices in USD/kg, sorted by application then step (empty: no demand response). */
  readonly demand_curves: readonly DemandCurveStep[];
  readonly transport: readonly Transport[];
  readonly inventory: readonly Inventory[];
  readonly agreements: readonly Agreement[];
  /** Amounts in the canonical unit of the material they name; prices in USD/kg. */
  readonly policies: readonly Policy[];
  /** Collection rates of end-of-life magnets. */
  readonly collection: readonly Collection[];
  /** Grade switches, thrift and technology switches; costs in USD/kg. */
  readonly substitutions: readonly Substitution[];
  /** Published price ranges, USD/kg, for comparison with the model's prices (not an input of the LP). */
  readonly price_benchmarks: readonly PriceBenchmark[];
  /** Uncertain inputs for Monte Carlo. */
  readonly uncertainty: readonly UncertaintySpec[];
  /** Builds the planner may choose (`lodestone plan`). */
  readonly candidates: readonly LoadedCandidate[];
}
