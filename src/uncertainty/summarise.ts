/**
 * What a Monte Carlo run means: per metric and period the mean and percentiles; per bloc the
 * probability of being self-sufficient in China-free magnets by each year; and the rank correlation
 * of each uncertain input with the headline outputs (sensitivity, for a tornado chart).
 */
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

/** Percentile of sorted values, linear between order statistics. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
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

/** Average ranks (ties share their mean rank). */
function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman rank correlation; 0 when either side does not vary. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const mean = (rx.length + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i]! - mean) * (ry[i]! - mean);
    sxx += (rx[i]! - mean) ** 2;
    syy += (ry[i]! - mean) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
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
