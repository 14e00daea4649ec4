/**
 * Seeded random numbers. Each draw has its own stream, derived from the run's seed and the draw's
 * index alone, so results do not depend on how draws are spread over workers or in which order they
 * finish. The generator is pure-rand's xoroshiro128+; its 128-bit state for draw i of seed s is
 * four splitmix32 outputs of (s, i), so streams of neighbouring draws share no state.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

export type Uniform = () => number;

/** splitmix32: mixes a 32-bit state into a well-distributed 32-bit value. */
function mix(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A stream of uniforms in (0, 1) for draw `index` of a run seeded with `seed`. */
export function drawStream(seed: number, index: number): Uniform {
  const a = mix(seed >>> 0);
  const b = mix(a ^ (index >>> 0));
  const c = mix(b ^ 0x5bd1e995);
  const d = mix(c ^ 0x27d4eb2f);
  // xoroshiro128+ must not start from the all-zero state.
  const rng = xoroshiro128plusFromState([a | 0, b | 0, c | 0, d | 0 || 1]);
  return () => {
    // Inverse CDFs need u strictly inside (0, 1): 0 comes once in 2^53 draws; take the next value.
    for (;;) {
      const u = uniformFloat64(rng);
      if (u > 0) return u;
    }
  };
}
