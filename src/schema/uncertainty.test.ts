import { describe, expect, it } from 'vitest';
import { UncertaintySpec } from './uncertainty.js';

const problems = (distribution: unknown) => {
  const r = UncertaintySpec.safeParse({
    id: 'u',
    target: 'capacity',
    distribution,
    source_ids: ['s'],
    confidence: 'estimate',
  });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('uncertainty distributions', () => {
  it('accepts the shapes the data uses', () => {
    expect(problems({ type: 'triangular', min: 0, mode: 2, max: 5 })).toEqual([]);
    expect(problems({ type: 'truncnormal', mean: 1, sd: 0.05, min: 0.8, max: 1.05 })).toEqual([]);
  });

  it('refuses bounds out of order (a triangular mode outside its range would draw NaN)', () => {
    expect(problems({ type: 'uniform', min: 2, max: 1 })).toEqual(['distribution.max: expected max ≥ min']);
    expect(problems({ type: 'triangular', min: 0, mode: 7, max: 5 })).toEqual([
      'distribution.mode: expected min ≤ mode ≤ max',
    ]);
    expect(problems({ type: 'truncnormal', mean: 1, sd: 1, min: 3, max: 2 })).toEqual([
      'distribution.max: expected max ≥ min',
    ]);
    expect(problems({ type: 'discrete', values: [1, 2], weights: [0, 0] })).toEqual([
      'distribution.weights: expected weights with a positive sum',
    ]);
  });

  it('refuses numbers beyond any multiplier, share, rate or span of years', () => {
    expect(problems({ type: 'fixed', value: 1e200 })).toEqual([
      'distribution.value: expected a value from -1000 to 1000',
    ]);
    expect(problems({ type: 'discrete', values: [1, -1e5] })).toEqual([
      'distribution.values.1: expected a value from -1000 to 1000',
    ]);
  });
});
