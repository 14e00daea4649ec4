import type { BenchmarkRow as AnalysisBenchmark } from '../analysis/benchmarks.js';
import type { BottleneckRow as AnalysisBottleneck } from '../analysis/bottlenecks.js';
import type { ConcentrationRow as AnalysisConcentration } from '../analysis/concentration.js';
import type { ImportRelianceRow as AnalysisImportReliance } from '../analysis/import-reliance.js';
import type { SelfSufficiencyRow as AnalysisSelfSufficiency } from '../analysis/self-sufficiency.js';
import type { Taint } from '../model/taint.js';
import type { ProbabilityRow, SensitivityRow, SummaryRow } from '../uncertainty/summarise.js';
/** The tables of a run folder (`lodestone run --out DIR`) as the report reads them. */

export interface RunManifest {
  readonly scenario: { readonly name: string; readonly file?: string };
  /** The taint set the run tracked (China for runs written before taint sets). */
  readonly taint: Taint;
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
  /** Given up because of price (on the demand curve); 0 in folders written before demand curves. */
  readonly destroyed: number;
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

/** price_benchmarks.csv: a published price range of a material in a year and region. */
export interface PriceBenchmarkRow {
  readonly year: number;
  readonly material: string;
  readonly region: string;
  readonly low: number;
  readonly high: number;
  readonly unit: string;
  readonly basis: string;
  readonly source_ids: string;
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

/** Rows of the analysis tables as read back from CSV: the analysis types, with their unit column. */
type WithUnit<T> = T & { readonly unit: string };
export type ConcentrationRow = WithUnit<AnalysisConcentration>;
export type ImportRelianceRow = WithUnit<AnalysisImportReliance>;
export type BenchmarkRow = WithUnit<AnalysisBenchmark>;
export type SelfSufficiencyRow = WithUnit<AnalysisSelfSufficiency>;
export type BottleneckRow = WithUnit<Omit<AnalysisBottleneck, 'kind'> & { readonly kind: string }>;

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
  /** Which optional tables were absent from the run folder. */
  readonly missingOptional: readonly string[];
  /** Monte Carlo outputs (`lodestone mc --out` into the run folder), when present. */
  readonly mc?: McData;
}

/** mc_summary.csv (the summary rows with their unit), mc_self_sufficiency.csv, mc_sensitivity.csv. */
export type McSummaryRow = SummaryRow & { readonly unit: string };
export type McSelfSufficiencyRow = ProbabilityRow;
export type McSensitivityRow = SensitivityRow;

/** The parts of mc.json the report shows (any may be missing). */
export interface McManifest {
  readonly scenario?: string;
  readonly seed?: number;
  readonly draws_requested?: number;
  readonly draws_finished?: number;
  readonly partial?: boolean;
  readonly workers?: number;
  readonly seconds?: number;
}

/** The Monte Carlo outputs of `lodestone mc --out DIR`, when written into the run folder. */
export interface McData {
  readonly manifest: McManifest;
  readonly summary: readonly McSummaryRow[];
  readonly selfSufficiency: readonly McSelfSufficiencyRow[];
  readonly sensitivity: readonly McSensitivityRow[];
}
