/**
 * Lifetime distributions of magnets in use: the survival function sf(a), the share of a cohort
 * still in use at age a (years). sf(a) = 1 for a ≤ 0: a cohort is wholly in use when it enters, and
 * whatever the distribution puts at or below age 0 (a normal's tail, a fixed lifetime of 0) leaves
 * in its first period as end of life, so stocks close: S(t) = S(t−1) + inflow(t) − eol(t).
 */
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
  if (l.type === 'weibull') return l.scale * gamma(1 + 1 / l.shape);
  return l.mean;
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 via erf; absolute error < 1.5e-7). */
export function normalCdf(z: number): number {
  return 0.5 * (1 + erf(z / Math.SQRT2));
}

function erf(x: number): number {
  const sign = Math.sign(x);
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return sign * y;
}

/** Lanczos approximation of the gamma function (g = 7), accurate to ~1e-15 for x > 0.5. */
function gamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return Math.sqrt(2 * Math.PI) * t ** (z + 0.5) * Math.exp(-t) * a;
}
