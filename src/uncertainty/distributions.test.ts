import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../stats/special.js';
import { type Distribution, quantile } from './distributions.js';
import { drawStream } from './random.js';

/** Mean and variance of n samples. */
function moments(d: Distribution, n = 200_000, seed = 1) {
  const u = drawStream(seed, 0);
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = quantile(d, u());
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

describe('samplers reproduce their distributions’ moments', () => {
  it.each<[string, Distribution, number, number]>([
    // [name, distribution, mean, variance] from the closed forms.
    ['uniform', { type: 'uniform', min: 2, max: 8 }, 5, 36 / 12],
    ['triangular 0/2/5', { type: 'triangular', min: 0, mode: 2, max: 5 }, 7 / 3, (25 + 4 - 10) / 18],
    ['pert 0/1/2', { type: 'pert', min: 0, mode: 1, max: 2, lambda: 4 }, 1, 1 / 7],
    ['pert 0/1/5 (skewed)', { type: 'pert', min: 0, mode: 1, max: 5, lambda: 4 }, 1.5, (1.5 * 3.5) / 7],
    ['lognormal', { type: 'lognormal', mean: 1, sd: 0.2 }, 1, 0.04],
    [
      'discrete',
      { type: 'discrete', values: [0, 1, 3], weights: [1, 2, 1] },
      1.25,
      (0 + 2 + 9) / 4 - 1.25 ** 2,
    ],
  ])('%s', (_, d, mean, variance) => {
    const n = 200_000;
    const m = moments(d, n);
    // Within four standard errors of the mean, and 3% of the variance.
    expect(Math.abs(m.mean - mean)).toBeLessThan(4 * Math.sqrt(variance / n));
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.03);
  });

  it('truncates the normal within its bounds, with the truncated mean', () => {
    // Standard normal truncated to [0, ∞): mean √(2/π), variance 1 − 2/π.
    const d: Distribution = { type: 'truncnormal', mean: 0, sd: 1, min: 0 };
    const m = moments(d);
    expect(Math.abs(m.mean - Math.sqrt(2 / Math.PI))).toBeLessThan(
      4 * Math.sqrt((1 - 2 / Math.PI) / 200_000),
    );
    expect(m.variance).toBeCloseTo(1 - 2 / Math.PI, 2);
    expect(quantile(d, 1e-9)).toBeGreaterThanOrEqual(0);
  });

  it('inverts the normal CDF', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424, 4);
  });
});

describe('drawStream', () => {
  it('gives the same numbers for the same seed and draw, and different ones otherwise', () => {
    const take = (seed: number, draw: number) => Array.from({ length: 5 }, drawStream(seed, draw));
    expect(take(7, 3)).toEqual(take(7, 3));
    expect(take(7, 3)).not.toEqual(take(7, 4));
    expect(take(7, 3)).not.toEqual(take(8, 3));
    for (const x of take(1, 1)) expect(x > 0 && x < 1).toBe(true);
  });
});
