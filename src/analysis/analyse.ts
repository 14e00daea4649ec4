/** Every analysis of a run, as typed rows: what `run --out` writes and the report shows. */
import type { Dataset } from '../dataset/types.js';
import type { RunResult } from '../results/types.js';
import type { Taint } from '../scenario/taint.js';
import type { Scenario } from '../schema/scenario.js';
import { type BenchmarkRow, euBenchmarks } from './benchmarks.js';
import { type Bloc, defaultBlocs } from './blocs.js';
import { type BottleneckRow, bottlenecks } from './bottlenecks.js';
import { chainSelfSufficiency, servedSelfSufficiency } from './chain-self-sufficiency.js';
import { type ConcentrationRow, concentration } from './concentration.js';
import { type ImportRelianceRow, importReliance } from './import-reliance.js';
import { type RecycledShareRow, recycledShare } from './recycled-share.js';
import { type SelfSufficiencyRow, stageSelfSufficiency } from './self-sufficiency.js';
import { type TraceRow, traceDemand } from './trace.js';

export interface Analysis {
  /** The taint set the run tracked: "free" below means free of it. */
  readonly taint: Taint;
  readonly blocs: readonly Bloc[];
  readonly trace: readonly TraceRow[];
  readonly concentration: readonly ConcentrationRow[];
  readonly importReliance: readonly ImportRelianceRow[];
  readonly benchmarks: readonly BenchmarkRow[];
  readonly selfSufficiency: readonly SelfSufficiencyRow[];
  readonly bottlenecks: readonly BottleneckRow[];
  readonly recycledShare: readonly RecycledShareRow[];
}

export interface AnalyseOptions {
  readonly blocs?: readonly Bloc[];
  /**
   * Re-solve the scenario per bloc for its potential and upper bound of free supply end to end (two
   * runs per bloc); without them only what the run served is reported.
   */
  readonly chain?: boolean;
}

export async function analyse(
  run: RunResult,
  dataset: Dataset,
  scenario: Scenario,
  options: AnalyseOptions = {},
): Promise<Analysis> {
  const blocs = options.blocs ?? defaultBlocs(dataset);
  const trace = run.periods.flatMap((p) => traceDemand(p, dataset, run.taint));
  const eu = blocs.find((b) => b.id === 'EU');
  const chain =
    options.chain === false
      ? blocs.flatMap((b) => servedSelfSufficiency(run, b))
      : (await Promise.all(blocs.map((b) => chainSelfSufficiency(dataset, scenario, b, run)))).flat();
  return {
    taint: run.taint,
    blocs,
    trace,
    concentration: run.periods.flatMap((p) => concentration(p, dataset, run.taint)),
    importReliance: run.periods.flatMap((p) => importReliance(p)),
    benchmarks: eu
      ? run.periods.flatMap((p) =>
          euBenchmarks(
            p,
            dataset,
            eu,
            trace.filter((t) => t.period === p.period.label),
          ),
        )
      : [],
    selfSufficiency: [...stageSelfSufficiency(dataset, scenario, blocs, run.taint), ...chain],
    bottlenecks: run.periods.flatMap((p) => bottlenecks(p)),
    recycledShare: run.periods.flatMap((p) => recycledShare(p, dataset)),
  };
}
