import { describe, expect, it } from 'vitest';
import { editedDataset, MINI_DATASET } from '../../test/fixtures/dataset-files.js';
import { loadDatasetFiles } from '../dataset/load-dataset.js';
import { drawStream } from './random.js';
import { sampleInputs } from './sample.js';
import { pointStream, type Sampling } from './sampling.js';
import { sobolInteger } from './sobol.js';
import { spearman } from './summarise.js';

const points = (sampling: Sampling, n: number, dims: number, seed = 11) =>
  Array.from({ length: n }, (_, i) => {
    const u = pointStream(seed, i, sampling);
    return Array.from({ length: dims }, () => u());
  });

describe('random sampling', () => {
  it('is the draw’s own stream, unchanged', () => {
    const u = drawStream(11, 5);
    expect(points({ method: 'random' }, 6, 4)[5]).toEqual([u(), u(), u(), u()]);
  });
});

describe('Latin hypercube sampling', () => {
  it('hits each of the N strata exactly once per dimension, in every block', () => {
    const n = 50;
    const p = points({ method: 'lhs', block: n }, 2 * n, 30);
    for (const block of [p.slice(0, n), p.slice(n)])
      for (let k = 0; k < 30; k++) {
        const strata = block.map((x) => Math.floor(x[k]! * n)).sort((a, b) => a - b);
        expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
      }
  });

  it('stratifies dimensions independently (no two share a permutation)', () => {
    const p = points({ method: 'lhs', block: 40 }, 40, 3);
    expect(
      Math.abs(
        spearman(
          p.map((x) => x[0]!),
          p.map((x) => x[1]!),
        ),
      ),
    ).toBeLessThan(0.4);
    expect(p.map((x) => Math.floor(x[0]! * 40))).not.toEqual(p.map((x) => Math.floor(x[1]! * 40)));
  });
});

describe('scrambled Sobol sampling', () => {
  it('is the Sobol sequence before scrambling (Joe & Kuo’s first dimensions)', () => {
    // Points 0..3 in natural order: dimension 1 (x), 2 (x²+x+1) and 3 (x³+x+1).
    expect([0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((d) => sobolInteger(i, d) / 2 ** 32))).toEqual([
      [0, 0, 0, 0],
      [0.5, 0.5, 0.5, 0.5],
      [0.25, 0.75, 0.75, 0.75],
      [0.75, 0.25, 0.25, 0.25],
    ]);
  });

  it('has uniform marginals: every 2^k points hit each of 2^k strata once, in 200 dimensions', () => {
    const p = points({ method: 'sobol' }, 64, 200);
    for (let k = 0; k < 200; k++) {
      const strata = p.map((x) => Math.floor(x[k]! * 64)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: 64 }, (_, i) => i));
    }
  });

  it('passes a Kolmogorov–Smirnov check on 1000 points (not only powers of two)', () => {
    const p = points({ method: 'sobol' }, 1000, 5);
    for (let k = 0; k < 5; k++) {
      const sorted = p.map((x) => x[k]!).sort((a, b) => a - b);
      const d = Math.max(...sorted.map((u, i) => Math.max((i + 1) / 1000 - u, u - i / 1000)));
      expect(d).toBeLessThan(0.01);
    }
  });

  it('scrambles differently for another seed', () => {
    expect(points({ method: 'sobol' }, 4, 3, 1)).not.toEqual(points({ method: 'sobol' }, 4, 3, 2));
  });
});

describe('inputs under each sampling', () => {
  // Two specs sharing a factor with weight 0.8 each: rank correlation ≈ 0.64 (Gaussian copula).
  const d = loadDatasetFiles(
    editedDataset(MINI_DATASET, {
      'uncertainty.yaml': [
        '- { id: a, target: demand, regions: [US], distribution: { type: uniform, min: 0.5, max: 1.5 }, factor: { id: f, weight: 0.8 }, source_ids: [test], confidence: estimate }',
        '- { id: b, target: capacity, facilities: [us-magnet], distribution: { type: triangular, min: 0.5, mode: 1, max: 1.2 }, factor: { id: f, weight: 0.8 }, source_ids: [test], confidence: estimate }',
        '- { id: c, target: demand, regions: [CN], distribution: { type: uniform, min: 0.5, max: 1.5 }, source_ids: [test], confidence: estimate }',
      ].join('\n'),
    }),
  ).dataset;
  const n = 512;
  const draw = (s: Sampling) => Array.from({ length: n }, (_, i) => sampleInputs(d, 3, i, s).values);
  const rank = (s: Sampling, x: string, y: string) => {
    const v = draw(s);
    return spearman(
      v.map((r) => r[x]!),
      v.map((r) => r[y]!),
    );
  };

  it('keeps the shared factor’s correlation, and none where there is no factor', () => {
    const random = rank({ method: 'random' }, 'a', 'b');
    expect(random).toBeGreaterThan(0.55);
    expect(random).toBeLessThan(0.7);
    for (const s of [{ method: 'lhs', block: n }, { method: 'sobol' }] as const) {
      expect(Math.abs(rank(s, 'a', 'b') - random)).toBeLessThan(0.06);
      expect(Math.abs(rank(s, 'a', 'c'))).toBeLessThan(0.1);
    }
  });

  it('is reproducible: the same seed and index give the same draw, in any order', () => {
    for (const s of [{ method: 'lhs', block: n }, { method: 'sobol' }] as const) {
      const forward = draw(s);
      const backward = Array.from({ length: n }, (_, i) => n - 1 - i).map(
        (i) => sampleInputs(d, 3, i, s).values,
      );
      expect(backward.reverse()).toEqual(forward);
    }
  });

  it('stratifies the inputs themselves under LHS: each decile of a uniform input once per 10 draws', () => {
    const v = Array.from(
      { length: 10 },
      (_, i) => sampleInputs(d, 3, i, { method: 'lhs', block: 10 }).values,
    );
    expect(v.map((r) => Math.floor((r.c! - 0.5) * 10)).sort((a, b) => a - b)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });
});
