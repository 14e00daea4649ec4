/**
 * Values over time: piecewise-linear series given at points, and how much of a period a dated
 * window covers, month by month (times are fractional years).
 */
import type { Period } from './periods.js';

/**
 * Piecewise-linear value at `x` of points in order of `xOf` (points at the same x keep their
 * order; the first of them is used); flat before the first point and after the last.
 */
export function interpolate<T>(
  points: readonly T[],
  x: number,
  xOf: (point: T) => number,
  yOf: (point: T) => number,
): number {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (x <= xOf(first)) return yOf(first);
  if (x >= xOf(last)) return yOf(last);
  const i = points.findIndex((p) => xOf(p) >= x);
  const hi = points[i]!;
  const lo = points[i - 1]!;
  return yOf(lo) + ((yOf(hi) - yOf(lo)) * (x - xOf(lo))) / (xOf(hi) - xOf(lo));
}

/** Share of the period inside [start, end): 0 to 1. */
export function coverage(period: Period, start: number, end = Number.POSITIVE_INFINITY): number {
  const from = Math.max(start, period.start);
  const to = Math.min(end, period.start + period.length);
  return Math.max(0, to - from) / period.length;
}

/** Share of the period inside calendar years [firstYear, lastYear], both included. */
export function yearsCoverage(
  period: Period,
  firstYear: number,
  lastYear = Number.POSITIVE_INFINITY,
): number {
  return coverage(period, firstYear, lastYear + 1);
}

/** Piecewise-linear value of a path of (year, factor) points at the period's midpoint; flat outside. */
export function pathValue(path: readonly { year: number; factor: number }[], period: Period): number {
  const t = period.start + period.length / 2 - 0.5; // a path point is the value of its whole year
  const points = [...path].sort((a, b) => a.year - b.year);
  return interpolate(points, t, yearOf, factorOf);
}

const yearOf = (p: { readonly year: number }) => p.year;
const factorOf = (p: { readonly factor: number }) => p.factor;
