/**
 * The EU Critical Raw Materials Act 2030 benchmarks, applied to the magnet rare earths for the EU
 * bloc: extraction ≥ 10%, processing ≥ 40% and recycling ≥ 25% of consumption, each counted in the
 * REO content of Nd, Pr, Dy and Tb in numerator and denominator alike (lanthanum and cerium, most
 * of a separation plant's output, serve no magnet); and no stage more than 65% supplied by one
 * third country (from origin tracing, both origin tags weighted by what they served).
 */
import type { Dataset } from '../dataset/types.js';
import type { PeriodResult } from '../results/types.js';
import type { Bloc } from './blocs.js';
import { elementReo } from './self-sufficiency.js';
import { stageOutputByRegion } from './stage-output.js';
import { TRACED_STAGES, type TraceRow, UNKNOWN } from './trace.js';

/** The rare earths of NdFeB magnets: what the benchmarks count. */
export const MAGNET_ELEMENTS = ['Nd', 'Pr', 'Dy', 'Tb'] as const;

export interface BenchmarkRow {
  readonly period: string;
  readonly benchmark: string;
  /** A share (0–1). */
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
  const magnetReo = new Map(dataset.materials.map((m) => [m.id, elementReo(m, MAGNET_ELEMENTS)]));
  const consumption = p.demand
    .filter((d) => inEu.has(d.region))
    .reduce((s, d) => s + d.demand * (magnetReo.get(d.material) ?? 0), 0);
  if (consumption <= 0) return [];
  const output = stageOutputByRegion(p, dataset, (m) => magnetReo.get(m.id) ?? 0);
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
  // The EU's supply by third country per stage: both tags together, weighted by what each served.
  for (const stage of TRACED_STAGES) {
    const eus = trace.filter((t) => t.stage === stage && t.tag === 'all' && inEu.has(t.region));
    const served = new Map(eus.map((t) => [`${t.region}|${t.application}`, t.total]));
    const total = [...served.values()].reduce((a, b) => a + b, 0);
    const byCountry = new Map<string, number>();
    for (const t of eus)
      if (!inEu.has(t.country) && t.country !== UNKNOWN)
        byCountry.set(t.country, (byCountry.get(t.country) ?? 0) + t.amount / (total || 1));
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
