/**
 * How a draw's uniforms are chosen. Each draw consumes its uniforms in a fixed order (sample.ts), so
 * the k-th uniform a draw takes is dimension k of a point in the unit hypercube:
 * - random: the draw's own stream (random.ts), as always;
 * - lhs: Latin hypercube. Draws come in blocks of `block` (the whole run unless --precision adds
 *   blocks); in each block every dimension's `block` strata are hit once each: draw i takes stratum
 *   perm_k(i mod block) of dimension k, a seeded permutation per block and dimension, jittered
 *   inside the stratum by the draw's own stream;
 * - sobol: the Sobol' sequence, Owen-scrambled per dimension (Burley's hash-based nested uniform
 *   scramble, seeded from the run's seed), its lowest bits filled by the draw's own stream.
 * Every draw is computed from (seed, index, sampling) alone, so workers and --resume still agree.
 */
import { drawStream, type Uniform } from './random.js';
import { sobolInteger } from './sobol.js';

export const SAMPLINGS = ['random', 'lhs', 'sobol'] as const;
export type SamplingMethod = (typeof SAMPLINGS)[number];

export interface Sampling {
  readonly method: SamplingMethod;
  /** LHS: draws per stratified block (the run's draw count unless --precision grows it in blocks). */
  readonly block?: number | undefined;
}

export const RANDOM: Sampling = { method: 'random' };

/** splitmix32, as in random.ts: seeds the permutations and scrambles from (seed, dimension). */
function mix(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A seeded permutation of 0..n-1 (Fisher–Yates on its own stream), cached: every draw of a block reads it. */
const permutations = new Map<string, Uint32Array>();
function permutation(seed: number, block: number, dimension: number, n: number): Uint32Array {
  const key = `${seed}:${block}:${dimension}:${n}`;
  let p = permutations.get(key);
  if (!p) {
    if (permutations.size > 100_000) permutations.clear();
    const u = drawStream(mix(mix(seed ^ 0x1b873593) ^ block), dimension);
    p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(u() * (i + 1));
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    permutations.set(key, p);
  }
  return p;
}

function reverseBits(x: number): number {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  return ((x >>> 16) | (x << 16)) >>> 0;
}

/** Burley (2020), "Practical hash-based Owen scrambling": a nested uniform scramble of a 32-bit fraction. */
export function owenScramble(x: number, seed: number): number {
  let v = reverseBits(x);
  v = (v + seed) | 0;
  v ^= Math.imul(v, 0x6c50b47c);
  v ^= Math.imul(v, 0xb82f1e52);
  v ^= Math.imul(v, 0xc7afe638);
  v ^= Math.imul(v, 0x8d22f6e6);
  return reverseBits(v >>> 0);
}

/** Keeps u below 1: a jitter near 1 in the top stratum can round up to it. */
const inside = (u: number) => Math.min(u, 1 - 2 ** -53);

/** The uniforms of draw `index`, dimension by dimension, under `sampling`. */
export function pointStream(seed: number, index: number, sampling: Sampling = RANDOM): Uniform {
  const own = drawStream(seed, index);
  if (sampling.method === 'random') return own;
  let dimension = 0;
  if (sampling.method === 'lhs') {
    const n = Math.max(1, sampling.block ?? 1);
    const block = Math.floor(index / n);
    return () => {
      const stratum = permutation(seed, block, dimension++, n)[index % n]!;
      return inside((stratum + own()) / n);
    };
  }
  return () => {
    const k = dimension++;
    const x = owenScramble(sobolInteger(index, k), mix(mix(seed ^ 0x68e31da4) ^ k));
    return inside((x + own()) / 2 ** 32);
  };
}
