/**
 * What a Monte Carlo run means: per metric and period the mean and percentiles; per bloc the
 * probability of being self-sufficient in China-free magnets by each year; and the rank correlation
 * of each uncertain input with the headline outputs (sensitivity, for a tornado chart).
 * Each probability carries its 95% Wilson score interval and each median a 95% distribution-free
 * interval between two order statistics: how far the estimate may be from the one an unlimited
 * number of draws would give (for random sampling; LHS and Sobol are usually tighter).
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
  /** 95% interval for the median: order statistics chosen with Binomial(n, ½) (NaN without draws). */
  readonly p50_ci_low: number;
  readonly p50_ci_high: number;
}

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** The 95% Wilson score interval of a proportion: `successes` out of `n` (NaN when n is 0). */
export function wilson(successes: number, n: number, z = Z95): { low: number; high: number } {
  if (n <= 0) return { low: Number.NaN, high: Number.NaN };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 or n successes an edge is exactly 0 or 1 (rounding would leave it a hair inside).
  return {
    low: successes <= 0 ? 0 : Math.max(0, centre - half),
    high: successes >= n ? 1 : Math.min(1, centre + half),
  };
}

/** Half the width of the Wilson interval. */
export const wilsonHalfWidth = (successes: number, n: number): number => {
  const { low, high } = wilson(successes, n);
  return (high - low) / 2;
};

/**
 * 1-based ranks (j, k) such that [x_(j), x_(k)] covers the q-quantile with probability ≥ 95%: the
 * number of draws below it is Binomial(n, q), and j, k cut 2.5% off each tail. With too few draws
 * (n < 6 for the median) no pair reaches 95%: the widest, [min, max], is given.
 */
const ranks = new Map<string, [number, number]>();
export function quantileRanks(n: number, q: number): [number, number] {
  const key = `${n}:${q}`;
  const cached = ranks.get(key);
  if (cached) return cached;
  // The binomial's cumulative distribution, summed in log space (0.5^n underflows for large n).
  const logPmf = (k: number, prev: number) =>
    k === 0 ? n * Math.log1p(-q) : prev + Math.log((n - k + 1) / k) + Math.log(q / (1 - q));
  let lp = 0;
  let cdf = 0;
  let j = 1;
  let k = n;
  let foundK = false;
  for (let x = 0; x <= n; x++) {
    lp = logPmf(x, lp);
    cdf += Math.exp(lp);
    // x_(j) lies below the quantile unless X ≤ j - 1: take the largest j with P(X ≤ j - 1) ≤ 2.5%.
    if (cdf <= 0.025) j = x + 1;
    // x_(k) lies above it unless X ≥ k: the smallest k with P(X ≤ k - 1) ≥ 97.5%.
    if (!foundK && cdf >= 0.975) {
      k = x + 1;
      foundK = true;
    }
  }
  const out: [number, number] = [Math.min(j, n), Math.max(1, Math.min(k, n))];
  ranks.set(key, out);
  return out;
}

/** The 95% distribution-free interval for the q-quantile of sorted values. */
export function quantileInterval(sorted: readonly number[], q: number): { low: number; high: number } {
  if (sorted.length === 0) return { low: Number.NaN, high: Number.NaN };
  const [j, k] = quantileRanks(sorted.length, q);
  return { low: sorted[j - 1]!, high: sorted[k - 1]! };
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
      const median = quantileInterval(values, 0.5);
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
        p50_ci_low: median.low,
        p50_ci_high: median.high,
      });
    });
  }
  return rows;
}

export interface ProbabilityRow {
  readonly region: string;
  readonly period: string;
  readonly probability: number;
  /** Its 95% Wilson score interval. */
  readonly ci_low: number;
  readonly ci_high: number;
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
    periods.map((period, i) => {
      const hits = draws.filter((d) => d.metrics[key]!.slice(0, i + 1).some((r) => r >= 1 - 1e-9)).length;
      const ci = wilson(hits, draws.length);
      return {
        region: key.split('|')[1]!,
        period,
        probability: hits / Math.max(1, draws.length),
        ci_low: ci.low,
        ci_high: ci.high,
      };
    }),
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
