import { describe, expect, it } from 'vitest';
import { quantileInterval, quantileRanks, wilson, wilsonHalfWidth } from './summarise.js';

describe('the Wilson score interval', () => {
  it('matches hand-computed values', () => {
    // 1 of 10: centre (0.1 + z²/20) / (1 + z²/10) = 0.21101, half-width 0.19314.
    const one = wilson(1, 10);
    expect(one.low).toBeCloseTo(0.017876, 5);
    expect(one.high).toBeCloseTo(0.40415, 5);
    // 5 of 10, 0 of 10 (the textbook 0.2366–0.7634 and 0–0.2775) and 1 of 4.
    expect(wilson(5, 10).low).toBeCloseTo(0.236593, 5);
    expect(wilson(5, 10).high).toBeCloseTo(0.763407, 5);
    expect(wilson(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.277533, 5) });
    expect(wilson(10, 10)).toEqual({ low: expect.closeTo(0.722467, 5), high: 1 });
    expect(wilson(1, 4).low).toBeCloseTo(0.045586, 5);
    expect(wilson(1, 4).high).toBeCloseTo(0.699358, 5);
  });

  it('narrows as 1/√n: ±0.98 pp at p = ½ needs 10,000 draws', () => {
    expect(wilsonHalfWidth(5000, 10_000)).toBeCloseTo(0.0098, 4);
    expect(wilsonHalfWidth(0, 100)).toBeCloseTo(3.8415 / (2 * 103.8415), 4);
    expect(wilson(0, 0).low).toBeNaN();
  });
});

describe('the order-statistic interval of the median', () => {
  it('takes the ranks that cut ≤ 2.5% of Binomial(n, ½) off each tail', () => {
    // n = 10: P(X ≤ 1) = 11/1024, P(X ≤ 2) = 56/1024, so [x(2), x(9)], coverage 97.9%.
    expect(quantileRanks(10, 0.5)).toEqual([2, 9]);
    expect(quantileRanks(100, 0.5)).toEqual([40, 61]);
    expect(quantileRanks(6, 0.5)).toEqual([1, 6]);
    // Too few draws for 95%: the widest interval.
    expect(quantileRanks(3, 0.5)).toEqual([1, 3]);
    // Large n does not underflow: about n/2 ± 1.96 √n / 2.
    expect(quantileRanks(10_000, 0.5)).toEqual([4902, 5099]);
  });

  it('reads the values at those ranks', () => {
    const sorted = Array.from({ length: 10 }, (_, i) => 10 * (i + 1));
    expect(quantileInterval(sorted, 0.5)).toEqual({ low: 20, high: 90 });
    expect(quantileInterval([], 0.5).low).toBeNaN();
  });
});
