import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf } from '../stats/special.js';
import { InUseStock } from './in-use-stock.js';
import { type Lifetime, meanLifetime, survival } from './survival.js';

const lifetime: fc.Arbitrary<Lifetime> = fc.oneof(
  fc.record({ type: fc.constant('fixed' as const), mean: fc.double({ min: 0.5, max: 30, noNaN: true }) }),
  fc.record({
    type: fc.constant('normal' as const),
    mean: fc.double({ min: 2, max: 30, noNaN: true }),
    sd: fc.double({ min: 0.5, max: 8, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('lognormal' as const),
    mean: fc.double({ min: 2, max: 30, noNaN: true }),
    sd: fc.double({ min: 0.5, max: 8, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('weibull' as const),
    shape: fc.double({ min: 0.8, max: 5, noNaN: true }),
    scale: fc.double({ min: 2, max: 30, noNaN: true }),
  }),
);

describe('InUseStock against the closed-form inflow-driven formulas', () => {
  it('S(t) = Σ_c I(c)·sf(t−c) and O(t) = Σ_c I(c)·[sf(t−1−c) − sf(t−c)] within 1e-9, yearly and quarterly', () => {
    fc.assert(
      fc.property(
        lifetime,
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(1, 0.25),
        (l, inflows, length) => {
          const sf = survival(l);
          const stock = new InUseStock(sf);
          inflows.forEach((inflow, t) => {
            const time = 2000 + t * length;
            // Outflow during the period before t, then the cohort of t enters.
            const o = stock.outflow(time, length);
            let closedO = 0;
            for (let c = 0; c < t; c++)
              closedO += inflows[c]! * (sf((t - 1 - c) * length) - sf((t - c) * length));
            expect(Math.abs(o - closedO)).toBeLessThanOrEqual(1e-9 * Math.max(1, closedO));
            stock.add(time, inflow);
            let closedS = 0;
            for (let c = 0; c <= t; c++) closedS += inflows[c]! * sf((t - c) * length);
            expect(Math.abs(stock.stockAt(time) - closedS)).toBeLessThanOrEqual(1e-9 * Math.max(1, closedS));
          });
        },
      ),
      { numRuns: 200, seed: 6 },
    );
  });

  it('conserves mass: stock change = inflow − outflow, to 1e-12, whatever the lifetime puts at age 0', () => {
    // A normal lifetime of mean 2 and sd 2 puts 16% of each cohort at or below age 0, a fixed lifetime
    // of 0 all of it: those leave in the cohort's first period, as end of life, never unaccounted.
    for (const l of [
      { type: 'weibull', shape: 2, scale: 10 },
      { type: 'normal', mean: 2, sd: 2 },
      { type: 'fixed', mean: 0 },
    ] as Lifetime[]) {
      const stock = new InUseStock(survival(l), [
        { time: 1990, inflow: 50 },
        { time: 2000, inflow: 80 },
      ]);
      let before = stock.stockAt(2024.75);
      for (let q = 0; q < 8; q++) {
        const time = 2025 + q * 0.25;
        const o = stock.outflow(time, 0.25);
        stock.add(time, 10);
        const after = stock.stockAt(time);
        expect(Math.abs(after - before - (10 - o))).toBeLessThanOrEqual(1e-12 * Math.max(1, after));
        before = after;
      }
    }
  });
});

describe('survival functions', () => {
  it('start at 1 and fall to 0 around the mean lifetime', () => {
    for (const l of [
      { type: 'fixed', mean: 15 },
      { type: 'normal', mean: 15, sd: 3 },
      { type: 'lognormal', mean: 15, sd: 3 },
      { type: 'weibull', shape: 3, scale: 16.8 },
    ] as Lifetime[]) {
      const sf = survival(l);
      expect(sf(-1)).toBe(1);
      expect(sf(0)).toBe(1);
      expect(sf(60)).toBeCloseTo(0, 6);
      expect(meanLifetime(l)).toBeCloseTo(15, 0);
    }
    expect(survival({ type: 'normal', mean: 15, sd: 3 })(15)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
  });
});
