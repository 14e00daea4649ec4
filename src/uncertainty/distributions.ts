/**
 * Distributions of uncertain inputs, each sampled by its inverse CDF from a uniform u ∈ (0, 1), so
 * that shared factors can correlate inputs through a Gaussian copula.
 */
import type { Distribution } from '../schema/distribution.js';
import { betaQuantile, normalCdf, normalQuantile } from '../stats/special.js';

export { Distribution } from '../schema/distribution.js';

/** The value of the distribution at cumulative probability u. */
export function quantile(d: Distribution, u: number): number {
  switch (d.type) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + u * (d.max - d.min);
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      if (b === a) return a;
      const f = (c - a) / (b - a);
      return u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    }
    case 'pert': {
      const { min: a, mode: c, max: b, lambda } = d;
      if (b === a) return a;
      const alpha = 1 + (lambda * (c - a)) / (b - a);
      const beta = 1 + (lambda * (b - c)) / (b - a);
      return a + (b - a) * betaQuantile(u, alpha, beta);
    }
    case 'truncnormal': {
      const lo = d.min === undefined ? 0 : normalCdf((d.min - d.mean) / d.sd);
      const hi = d.max === undefined ? 1 : normalCdf((d.max - d.mean) / d.sd);
      const x = d.mean + d.sd * normalQuantile(lo + u * (hi - lo));
      return Math.min(d.max ?? x, Math.max(d.min ?? x, x));
    }
    case 'lognormal': {
      const s2 = Math.log(1 + (d.sd / d.mean) ** 2);
      return Math.exp(Math.log(d.mean) - s2 / 2 + Math.sqrt(s2) * normalQuantile(u));
    }
    case 'discrete': {
      const w = d.weights ?? d.values.map(() => 1);
      const total = w.reduce((s, x) => s + x, 0);
      let acc = 0;
      for (let i = 0; i < d.values.length; i++) {
        acc += w[i]! / total;
        if (u < acc) return d.values[i]!;
      }
      return d.values[d.values.length - 1]!;
    }
  }
}
