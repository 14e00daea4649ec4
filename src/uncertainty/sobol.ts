/**
 * The Sobol' sequence in any number of dimensions, 32 bits a coordinate, point i computed on its own
 * (no state carried between points, so each draw needs only its index).
 * Dimension 0 is van der Corput's; dimension d ≥ 1 uses the d-th primitive polynomial over GF(2)
 * (by degree, then by coefficients, the order of Joe & Kuo's table). Its initial direction numbers
 * m_1..m_s are Joe & Kuo's (new-joe-kuo-6.21201) for dimensions 1–7, and beyond them odd m_k < 2^k
 * drawn from a fixed stream: still a Sobol' sequence (every 2^k points stratify each dimension),
 * with less tuned two-dimensional projections than Joe & Kuo's search gives. No npm package fits
 * (none in the registry list), so it is built here; sampling.ts scrambles it.
 */
import { drawStream } from './random.js';

const BITS = 32;

/** Joe & Kuo's initial direction numbers for dimensions 1–7 (their d = 2..8). */
const JOE_KUO: readonly (readonly number[])[] = [
  [1],
  [1, 3],
  [1, 3, 1],
  [1, 1, 1],
  [1, 1, 3, 3],
  [1, 3, 5, 13],
  [1, 1, 5, 5, 17],
];

/** Is x^s + (a's bits) + 1 primitive: does x have order 2^s - 1 modulo it? */
function primitive(s: number, a: number): boolean {
  const poly = (1 << s) | (a << 1) | 1;
  const period = (1 << s) - 1;
  let state = 1;
  for (let k = 1; k <= period; k++) {
    state <<= 1;
    if (state & (1 << s)) state ^= poly;
    if (state === 1) return k === period;
  }
  return false;
}

/** Primitive polynomials (degree s, middle coefficients a), in Joe & Kuo's order, as many as asked. */
const polynomials: { s: number; a: number }[] = [];
function polynomial(n: number): { s: number; a: number } {
  let s = polynomials.length === 0 ? 1 : polynomials[polynomials.length - 1]!.s;
  let a = polynomials.length === 0 ? 0 : polynomials[polynomials.length - 1]!.a + 1;
  while (polynomials.length <= n) {
    if (a >= 1 << (s - 1)) {
      s++;
      a = 0;
      continue;
    }
    if (primitive(s, a)) polynomials.push({ s, a });
    a++;
  }
  return polynomials[n]!;
}

const directions: Uint32Array[] = [];

/** The 32 direction numbers of a dimension (v_j = m_j / 2^j, as 32-bit fractions). */
function directionNumbers(dimension: number): Uint32Array {
  let v = directions[dimension];
  if (v) return v;
  v = new Uint32Array(BITS);
  if (dimension === 0) {
    for (let j = 0; j < BITS; j++) v[j] = 2 ** (BITS - 1 - j);
  } else {
    const { s, a } = polynomial(dimension - 1);
    const u = drawStream(0x50b01, dimension);
    const m = JOE_KUO[dimension - 1] ?? Array.from({ length: s }, (_, k) => 2 * Math.floor(u() * 2 ** k) + 1);
    for (let j = 0; j < Math.min(s, BITS); j++) v[j] = (m[j]! * 2 ** (BITS - 1 - j)) >>> 0;
    for (let j = s; j < BITS; j++) {
      let x = (v[j - s]! ^ (v[j - s]! >>> s)) >>> 0;
      for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) x = (x ^ v[j - k]!) >>> 0;
      v[j] = x;
    }
  }
  directions[dimension] = v;
  return v;
}

/** Coordinate `dimension` of Sobol' point `index` (0-based), as a 32-bit integer (the fraction × 2^32). */
export function sobolInteger(index: number, dimension: number): number {
  const v = directionNumbers(dimension);
  let x = 0;
  for (let j = 0, i = index; i > 0 && j < BITS; j++, i = Math.floor(i / 2)) if (i % 2 === 1) x ^= v[j]!;
  return x >>> 0;
}
