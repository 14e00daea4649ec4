import { describe, expect, it } from 'vitest';
import { betaQuantile, gammaFunction, normalCdf, normalQuantile } from './special.js';

describe('special functions', () => {
  it('match tabulated values', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 9);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424308822899, 7);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(gammaFunction(5)).toBeCloseTo(24, 10);
    expect(gammaFunction(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 7);
  });

  it('invert each other', () => {
    for (const p of [1e-9, 0.01, 0.3, 0.5, 0.77, 0.999])
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 9);
    // Beta(2, 2) has CDF 3x² − 2x³.
    for (const p of [0.05, 0.5, 0.9]) {
      const x = betaQuantile(p, 2, 2);
      expect(3 * x * x - 2 * x ** 3).toBeCloseTo(p, 9);
    }
    expect(betaQuantile(0.5, 3, 3)).toBeCloseTo(0.5, 9);
  });
});
