/**
 * Seeded random numbers. Each draw has its own stream, derived from the run's seed and the draw's
 * index alone, so results do not depend on how draws are spread over workers or in which order they
 * finish.
 */
export type Uniform = () => number;

/** splitmix32: mixes a 32-bit state into a well-distributed 32-bit value. */
function mix(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A stream of uniforms in (0, 1) for draw `index` of a run seeded with `seed` (sfc32 generator). */
export function drawStream(seed: number, index: number): Uniform {
  let a = mix(seed >>> 0);
  let b = mix(a ^ (index >>> 0));
  let c = mix(b ^ 0x5bd1e995);
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next(); // discard the first outputs of a fresh state
  // 53-bit uniform strictly inside (0, 1).
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6) + 0.5) / 9007199254740992;
}
