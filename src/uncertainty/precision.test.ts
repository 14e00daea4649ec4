import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunInputs } from '../scenario/disk.js';
import { runMonteCarlo } from './monte-carlo.js';
import { drawsFor, nextTarget, runToPrecision } from './precision.js';
import { wilsonHalfWidth } from './summarise.js';

const MINI = readRunInputs(
  join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'scenarios', 'mini-uncertain.yaml'),
);

describe('the next round of --precision', () => {
  it('aims at the draws whose Wilson interval is narrow enough for the worst probability, in whole blocks', () => {
    // p = ½ at ±0.01 needs 9600 draws (~z²·p(1−p)/precision²); from 2,560 a round may at most quadruple.
    expect(nextTarget(2560, [0.1, 0.5], 0.01, 64, 100_000)).toBe(9600);
    expect(nextTarget(64, [0.5], 0.01, 64, 100_000)).toBe(256);
    // Probabilities at 0 or 1 need z²/(2·precision) − z² draws: 93 at ±0.02, so 128 (not 256).
    expect(nextTarget(64, [0, 1], 0.02, 64, 100_000)).toBe(128);
    expect(nextTarget(64, [0], 0.01, 64, 100_000)).toBe(192);
    // At least one more block, never beyond the cap.
    expect(nextTarget(64, [0.001], 0.4, 64, 100_000)).toBe(128);
    expect(nextTarget(64, [0.5], 0.01, 64, 100)).toBe(100);
  });

  it('finds the fewest draws whose 95% Wilson half-width is within the precision', () => {
    for (const [p, precision] of [
      [0, 0.01],
      [1, 0.01],
      [0.5, 0.01],
      [0.1, 0.01],
      [0.03, 0.005],
    ] as const) {
      const n = drawsFor(p, precision);
      expect(wilsonHalfWidth(p * n, n)).toBeLessThanOrEqual(precision);
      expect(wilsonHalfWidth(p * (n - 1), n - 1)).toBeGreaterThan(precision);
    }
    expect(drawsFor(0, 0.01)).toBe(189);
    expect(drawsFor(0.5, 0.01)).toBe(9600);
  });
});

describe('runToPrecision', () => {
  it('draws in rounds until every probability is within ±precision, the same draws as one run of that many', async () => {
    const options = { inputs: MINI, draws: 1000, seed: 5, blocs: ['US'], workers: 0 };
    const r = await runToPrecision({
      ...options,
      precision: 0.1,
      block: 8,
      periods: ['2025', '2026', '2027'],
    });
    // 8 draws (all at 0: ±0.16), then 16 (±0.097).
    expect(r.draws.length).toBe(16);
    expect(r.reached).toBe(true);
    expect(r.halfWidth).toBeCloseTo(3.8415 / (2 * 19.8415), 3);
    const plain = await runMonteCarlo({ ...options, draws: 16 });
    expect(r.draws).toEqual(plain.draws);
  });

  it('stops at the cap, saying the precision was not reached', async () => {
    const r = await runToPrecision({
      inputs: MINI,
      draws: 5,
      seed: 5,
      blocs: ['US'],
      workers: 0,
      precision: 0.01,
      block: 4,
      periods: ['2025', '2026', '2027'],
    });
    expect([r.draws.length, r.reached, r.partial]).toEqual([5, false, false]);
  });
});
