import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunInputs } from '../scenario/disk.js';
import { runMonteCarlo } from './monte-carlo.js';
import { nextTarget, runToPrecision } from './precision.js';

const MINI = readRunInputs(
  join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'scenarios', 'mini-uncertain.yaml'),
);

describe('the next round of --precision', () => {
  it('aims at z²·p(1−p)/precision² draws for the worst probability, in whole blocks', () => {
    // p = ½ at ±0.01 needs 9604 draws; from 2,560 a round may at most quadruple.
    expect(nextTarget(2560, [0.1, 0.5], 0.01, 64, 100_000)).toBe(9664);
    expect(nextTarget(64, [0.5], 0.01, 64, 100_000)).toBe(256);
    // Probabilities at 0 or 1 still need some draws (p(1−p) floored at the precision).
    expect(nextTarget(64, [0, 1], 0.02, 64, 100_000)).toBe(256);
    // At least one more block, never beyond the cap.
    expect(nextTarget(64, [0.001], 0.4, 64, 100_000)).toBe(128);
    expect(nextTarget(64, [0.5], 0.01, 64, 100)).toBe(100);
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
    // 8 draws (all at 0: ±0.16), then 32 (±0.054).
    expect(r.draws.length).toBe(32);
    expect(r.reached).toBe(true);
    expect(r.halfWidth).toBeCloseTo(3.8415 / (2 * 35.8415), 3);
    const plain = await runMonteCarlo({ ...options, draws: 32 });
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
