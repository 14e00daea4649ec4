/**
 * The EU Critical Raw Materials Act 2030 benchmarks, applied to rare earths for the EU bloc:
 * extraction ≥ 10%, processing ≥ 40% and recycling ≥ 25% of consumption (REO content of the EU's
 * magnet demand), and no stage more than 65% supplied by one third country (from origin tracing).
 */
import type { Dataset } from '../dataset/types.js';
import type { PeriodResult } from '../results/types.js';
import type { Bloc } from './blocs.js';
import { stageOutputByRegion } from './stage-output.js';
import { TRACED_STAGES, type TraceRow, UNKNOWN } from './trace.js';

export interface BenchmarkRow {
  readonly period: string;
  readonly benchmark: string;
  readonly value: number;
  readonly target: number;
  /** ≥ target, or ≤ target for the single-country cap. */
  readonly met: boolean;
}

export function euBenchmarks(
  p: PeriodResult,
  dataset: Dataset,
  eu: Bloc,
  trace: readonly TraceRow[],
): BenchmarkRow[] {
  const inEu = new Set(eu.regions);
  const reo = new Map(dataset.materials.map((m) => [m.id, m.reo_per_unit]));
  const consumption = p.demand
    .filter((d) => inEu.has(d.region))
    .reduce((s, d) => s + d.demand * (reo.get(d.material) ?? 0), 0);
  if (consumption <= 0) return [];
  const output = stageOutputByRegion(p, dataset);
  const euOutput = (stage: string) =>
    [...(output.get(stage) ?? new Map<string, number>())]
      .filter(([r]) => inEu.has(r))
      .reduce((s, [, v]) => s + v, 0);
  const period = p.period.label;
  const atLeast = (benchmark: string, value: number, target: number): BenchmarkRow => ({
    period,
    benchmark,
    value,
    target,
    met: value >= target,
  });
  const rows = [
    atLeast('extraction share of consumption', euOutput('mining') / consumption, 0.1),
    atLeast('processing share of consumption', euOutput('separation') / consumption, 0.4),
    atLeast('recycling share of consumption', euOutput('recycling') / consumption, 0.25),
  ];
  // Demand-weighted supply shares of EU demand by country, per stage.
  const weights = new Map<string, number>();
  for (const d of p.demand)
    if (inEu.has(d.region))
      weights.set(
        `${d.region}|${d.application}`,
        (weights.get(`${d.region}|${d.application}`) ?? 0) + d.served_free + d.served_cn,
      );
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  for (const stage of TRACED_STAGES) {
    const byCountry = new Map<string, number>();
    for (const t of trace) {
      if (t.stage !== stage || !inEu.has(t.region) || inEu.has(t.country) || t.country === UNKNOWN) continue;
      byCountry.set(
        t.country,
        (byCountry.get(t.country) ?? 0) +
          (t.share * (weights.get(`${t.region}|${t.application}`) ?? 0)) / (total || 1),
      );
    }
    const top = Math.max(0, ...byCountry.values());
    rows.push({
      period,
      benchmark: `largest third-country share, ${stage}`,
      value: top,
      target: 0.65,
      met: top <= 0.65,
    });
  }
  return rows;
}
