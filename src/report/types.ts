/** The tables of a run folder (`lodestone run --out DIR`) as the report reads them. */

export interface RunManifest {
  readonly scenario: { readonly name: string; readonly file?: string };
  readonly dataset: { readonly name: string; readonly dir?: string; readonly hash: string };
  readonly lodestone_version: string;
  readonly periods: readonly ManifestPeriod[];
}

export interface ManifestPeriod {
  readonly period: string;
  readonly status: string;
  readonly objective?: number;
  readonly objective_unit?: string;
}

export interface ProductionRow {
  readonly period: string;
  readonly facility: string;
  readonly region: string;
  readonly stage: string;
  readonly material: string;
  readonly tag: string;
  readonly amount: number;
  readonly unit: string;
}

export interface TradeRow {
  readonly period: string;
  readonly material: string;
  readonly tag: string;
  readonly from_region: string;
  readonly to_region: string;
  readonly amount: number;
  readonly unit: string;
}

export interface DemandRow {
  readonly period: string;
  readonly region: string;
  readonly application: string;
  readonly material: string;
  readonly demand: number;
  readonly served_free: number;
  readonly served_cn: number;
  readonly short: number;
  readonly unit: string;
}

export interface PriceRow {
  readonly period: string;
  readonly region: string;
  readonly material: string;
  readonly tag: string;
  readonly price: number;
  readonly unit: string;
}

export interface CapacityRow {
  readonly period: string;
  readonly facility: string;
  readonly region: string;
  readonly stage: string;
  readonly capacity: number;
  readonly used: number;
  readonly unit: string;
  readonly value: number;
  readonly value_unit: string;
}

export interface PolicyRow {
  readonly period: string;
  readonly policy: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
}

export interface ConcentrationRow {
  readonly period: string;
  readonly stage: string;
  readonly output: number;
  readonly china_share: number;
  readonly top1_country: string;
  readonly top1_share: number;
  readonly top3_share: number;
  readonly hhi: number;
  readonly unit: string;
}

export interface ImportRelianceRow {
  readonly period: string;
  readonly region: string;
  readonly material: string;
  readonly production: number;
  readonly imports: number;
  readonly exports: number;
  /** Stocks drawn down (+) or built up (−) in the period. */
  readonly stock_change: number;
  readonly apparent_consumption: number;
  readonly nir: number;
  readonly unit: string;
}

export interface BenchmarkRow {
  readonly period: string;
  readonly benchmark: string;
  readonly value: number;
  readonly target: number;
  readonly met: boolean;
  readonly unit: string;
}

export interface SelfSufficiencyRow {
  readonly period: string;
  readonly bloc: string;
  /** mining, separation, metal, magnet, or "chain" (share of demand a China-free chain can serve). */
  readonly stage: string;
  readonly supply: number;
  readonly demand: number;
  readonly ratio: number;
  readonly unit: string;
}

export interface BottleneckRow {
  readonly period: string;
  /** "capacity" or "china-free premium". */
  readonly kind: string;
  readonly rank: number;
  readonly item: string;
  readonly region: string;
  readonly stage: string;
  readonly value: number;
  readonly unit: string;
}

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
  /** Which optional tables were absent from the run folder. */
  readonly missingOptional: readonly string[];
}
