/**
 * The special functions the model needs, from jStat (a well-kept statistics library) rather than
 * hand-written approximations: the standard normal CDF and its inverse, the inverse of the
 * regularised incomplete beta function, and the gamma function.
 */
import jStat from 'jstat';

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return jStat.normal.cdf(z, 0, 1);
}

/** Inverse standard normal CDF Φ⁻¹(p); −∞ at 0 and +∞ at 1. */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  return jStat.normal.inv(p, 0, 1);
}

/** The x at which the Beta(a, b) CDF reaches p. */
export function betaQuantile(p: number, a: number, b: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return jStat.ibetainv(p, a, b);
}

/** Γ(x) for x > 0. */
export function gammaFunction(x: number): number {
  return jStat.gammafn(x);
}
