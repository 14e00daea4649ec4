/**
 * Lifetime distributions of magnets in use: the survival function sf(a), the share of a cohort
 * still in use at age a (years). sf(a) = 1 for a ≤ 0: a cohort is wholly in use when it enters, and
 * whatever the distribution puts at or below age 0 (a normal's tail, a fixed lifetime of 0) leaves
 * in its first period as end of life, so stocks close: S(t) = S(t−1) + inflow(t) − eol(t).
 */
import { gammaFunction, normalCdf } from '../stats/special.js';

export type Lifetime =
  | { readonly type: 'fixed'; readonly mean: number }
  | { readonly type: 'normal'; readonly mean: number; readonly sd: number }
  | { readonly type: 'lognormal'; readonly mean: number; readonly sd: number }
  | { readonly type: 'weibull'; readonly shape: number; readonly scale: number };

/** Survival function of a lifetime distribution. */
export function survival(l: Lifetime): (age: number) => number {
  const sf = afterEntry(l);
  return (a) => (a <= 0 ? 1 : sf(a));
}

/** sf(a) for a > 0. */
function afterEntry(l: Lifetime): (age: number) => number {
  switch (l.type) {
    case 'fixed':
      return (a) => (a < l.mean ? 1 : 0);
    case 'normal':
      return (a) => 1 - normalCdf((a - l.mean) / l.sd);
    case 'lognormal': {
      // Parameters of the underlying normal from the lifetime's mean and standard deviation.
      const s2 = Math.log(1 + (l.sd / l.mean) ** 2);
      const mu = Math.log(l.mean) - s2 / 2;
      const s = Math.sqrt(s2);
      return (a) => 1 - normalCdf((Math.log(a) - mu) / s);
    }
    case 'weibull':
      return (a) => Math.exp(-((a / l.scale) ** l.shape));
  }
}

/** Mean lifetime, to size the history a stock needs. */
export function meanLifetime(l: Lifetime): number {
  if (l.type === 'weibull') return l.scale * gammaFunction(1 + 1 / l.shape);
  return l.mean;
}
