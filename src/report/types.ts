/** A run folder (`lodestone run --out DIR`) as the report reads it: types from src/run-folder. */

import type { Measure } from '../analysis/self-sufficiency.js';
import type { McManifest, RunManifest } from '../run-folder/manifest.js';
import type { RowOf } from '../run-folder/tables.js';
import type { PlanData } from './plan.js';

export type { ManifestPeriod, McManifest, RunManifest } from '../run-folder/manifest.js';

/** Rows of the run-folder tables, as src/run-folder/tables.ts defines them. */
export type ProductionRow = RowOf<'production'>;
export type TradeRow = RowOf<'trade'>;
export type DemandRow = RowOf<'demand'>;
export type PriceRow = RowOf<'prices'>;
export type CapacityRow = RowOf<'capacity'>;
export type PolicyRow = RowOf<'policies'>;
export type ConcentrationRow = RowOf<'concentration'>;
export type ImportRelianceRow = RowOf<'import_reliance'>;
export type BenchmarkRow = RowOf<'benchmarks'>;
export type BottleneckRow = RowOf<'bottlenecks'>;
/** A published price range of a material in a year and region (the dataset's price_benchmarks). */
export type PriceBenchmarkRow = RowOf<'price_benchmarks'>;
/** Demand displaced by a substitution option (grade switch, thrift, technology switch) in a period. */
export type SubstitutionRow = RowOf<'substitution'>;
/** With its measure (read-run.ts withMeasure fills it in for older folders). */
export type SelfSufficiencyRow = Omit<RowOf<'self_sufficiency'>, 'measure'> & { readonly measure: Measure };

/** Everything the report uses from a run folder. */
export interface RunData {
  readonly manifest: RunManifest;
  readonly production: readonly ProductionRow[];
  readonly trade: readonly TradeRow[];
  readonly demand: readonly DemandRow[];
  readonly prices: readonly PriceRow[];
  readonly capacity: readonly CapacityRow[];
  readonly concentration: readonly ConcentrationRow[];
  readonly importReliance: readonly ImportRelianceRow[];
  readonly selfSufficiency: readonly SelfSufficiencyRow[];
  readonly bottlenecks: readonly BottleneckRow[];
  /** Optional tables: empty when the file is absent. */
  readonly policies: readonly PolicyRow[];
  readonly benchmarks: readonly BenchmarkRow[];
  /** Published price ranges (the dataset's), charted beside the model's prices. */
  readonly priceBenchmarks: readonly PriceBenchmarkRow[];
  /** Substitution used (substitution.csv); run folders written before substitution lack it. */
  readonly substitution: readonly SubstitutionRow[];
  /** Which optional tables were absent from the run folder. */
  readonly missingOptional: readonly string[];
  /** Monte Carlo outputs (`lodestone mc --out` into the run folder), when present. */
  readonly mc?: McData;
  /** The planner's outputs (`lodestone plan --out` into the run folder), when present. */
  readonly plan?: PlanData;
}

export type McSummaryRow = RowOf<'mc_summary'>;
export type McSelfSufficiencyRow = RowOf<'mc_self_sufficiency'>;
export type McSensitivityRow = RowOf<'mc_sensitivity'>;

/** The Monte Carlo outputs of `lodestone mc --out DIR`, when written into the run folder. */
export interface McData {
  readonly manifest: McManifest;
  readonly summary: readonly McSummaryRow[];
  readonly selfSufficiency: readonly McSelfSufficiencyRow[];
  readonly sensitivity: readonly McSensitivityRow[];
}
