/** Every analysis of a run, as typed rows: what `run --out` writes and the report shows. */
import type { Dataset } from '../dataset/types.js';
import type { RunResult } from '../results/types.js';
import type { Scenario } from '../schema/scenario.js';
import { type BenchmarkRow, euBenchmarks } from './benchmarks.js';
import { type Bloc, defaultBlocs } from './blocs.js';
import { type BottleneckRow, bottlenecks } from './bottlenecks.js';
import { type ConcentrationRow, concentration } from './concentration.js';
import { type ImportRelianceRow, importReliance } from './import-reliance.js';
import { type RecycledShareRow, recycledShare } from './recycled-share.js';
import { chainSelfSufficiency, type SelfSufficiencyRow, stageSelfSufficiency } from './self-sufficiency.js';
import { type TraceRow, traceDemand } from './trace.js';

export interface Analysis {
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
  /** Re-solve the scenario per bloc for end-to-end China-free self-sufficiency (one run per bloc). */
  readonly chain?: boolean;
}

export async function analyse(
  run: RunResult,
  dataset: Dataset,
  scenario: Scenario,
  options: AnalyseOptions = {},
): Promise<Analysis> {
  const blocs = options.blocs ?? defaultBlocs(dataset);
  const trace = run.periods.flatMap((p) => traceDemand(p, dataset));
  const eu = blocs.find((b) => b.id === 'EU');
  const chain =
    options.chain === false
      ? []
      : (await Promise.all(blocs.map((b) => chainSelfSufficiency(dataset, scenario, b)))).flat();
  return {
    blocs,
    trace,
    concentration: run.periods.flatMap((p) => concentration(p, dataset)),
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
    selfSufficiency: [...stageSelfSufficiency(dataset, scenario, blocs), ...chain],
    bottlenecks: run.periods.flatMap((p) => bottlenecks(p)),
    recycledShare: run.periods.flatMap((p) => recycledShare(p, dataset)),
  };
}
