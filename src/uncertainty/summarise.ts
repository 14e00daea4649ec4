/**
 * What a Monte Carlo run means: per metric and period the mean and percentiles; per bloc the
 * probability of being self-sufficient in China-free magnets by each year; and the rank correlation
 * of each uncertain input with the headline outputs (sensitivity, for a tornado chart).
 */
import { quantileSorted, sampleRankCorrelation } from 'simple-statistics';
import type { DrawResult } from './draw.js';

export interface SummaryRow {
  readonly metric: string;
  readonly period: string;
  /** Region, bloc or item the metric is about. */
  readonly region: string;
  readonly mean: number;
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

/** Percentile of sorted values, linear between order statistics (type 7); NaN when there are none. */
export function percentile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? Number.NaN : quantileSorted(sorted as number[], q);
}

export function summarise(draws: readonly DrawResult[], periods: readonly string[]): SummaryRow[] {
  const keys = [...new Set(draws.flatMap((d) => Object.keys(d.metrics)))].sort();
  const rows: SummaryRow[] = [];
  for (const key of keys) {
    const [metric, region] = key.split('|') as [string, string];
    periods.forEach((period, i) => {
      const values = draws.map((d) => d.metrics[key]?.[i] ?? 0).sort((a, b) => a - b);
      rows.push({
        metric,
        period,
        region,
        mean: values.reduce((s, v) => s + v, 0) / values.length,
        p5: percentile(values, 0.05),
        p25: percentile(values, 0.25),
        p50: percentile(values, 0.5),
        p75: percentile(values, 0.75),
        p95: percentile(values, 0.95),
      });
    });
  }
  return rows;
}

export interface ProbabilityRow {
  readonly region: string;
  readonly period: string;
  readonly probability: number;
}

/** P(a bloc's potential free share reaches 100% in some period up to this one). */
export function selfSufficiencyProbability(
  draws: readonly DrawResult[],
  periods: readonly string[],
): ProbabilityRow[] {
  const blocs = [
    ...new Set(
      draws.flatMap((d) => Object.keys(d.metrics).filter((k) => k.startsWith('chain_self_sufficiency|'))),
    ),
  ];
  return blocs.flatMap((key) =>
    periods.map((period, i) => ({
      region: key.split('|')[1]!,
      period,
      probability:
        draws.filter((d) => d.metrics[key]!.slice(0, i + 1).some((r) => r >= 1 - 1e-9)).length /
        Math.max(1, draws.length),
    })),
  );
}

/** Spearman rank correlation (ties share their mean rank); 0 when either side does not vary. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const varies = (v: readonly number[]) => v.some((a) => a !== v[0]);
  if (x.length < 2 || !varies(x) || !varies(y)) return 0;
  return sampleRankCorrelation(x as number[], y as number[]);
}

export interface SensitivityRow {
  readonly input: string;
  readonly output: string;
  readonly rank_correlation: number;
}

/** Headline outputs: each bloc's potential free share in the last period, and total shortfall over the horizon. */
export function sensitivity(draws: readonly DrawResult[]): SensitivityRow[] {
  if (draws.length < 3) return [];
  const last = (row: readonly number[]) => row[row.length - 1] ?? 0;
  const outputs = new Map<string, number[]>();
  for (const key of Object.keys(draws[0]!.metrics)) {
    if (key.startsWith('chain_self_sufficiency|'))
      outputs.set(
        `${key.split('|')[1]} potential free share, last period`,
        draws.map((d) => last(d.metrics[key]!)),
      );
  }
  outputs.set(
    'total shortfall',
    draws.map((d) =>
      Object.entries(d.metrics)
        .filter(([k]) => k.startsWith('short|'))
        .reduce((s, [, row]) => s + row.reduce((a, b) => a + b, 0), 0),
    ),
  );
  const inputs = [...new Set(draws.flatMap((d) => Object.keys(d.values)))].sort();
  const rows: SensitivityRow[] = [];
  for (const input of inputs) {
    const x = draws.map((d) => d.values[input] ?? 0);
    for (const [output, y] of outputs) rows.push({ input, output, rank_correlation: spearman(x, y) });
  }
  return rows.sort(
    (a, b) => a.output.localeCompare(b.output) || Math.abs(b.rank_correlation) - Math.abs(a.rank_correlation),
  );
}
