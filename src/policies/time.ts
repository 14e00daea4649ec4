/** How much of a period a policy covers, month by month (times are fractional years). */
import type { Period } from '../model/periods.js';

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
  const pts = [...path].sort((a, b) => a.year - b.year);
  if (t <= pts[0]!.year) return pts[0]!.factor;
  const last = pts[pts.length - 1]!;
  if (t >= last.year) return last.factor;
  const i = pts.findIndex((p) => p.year >= t);
  const hi = pts[i]!;
  const lo = pts[i - 1]!;
  return lo.factor + ((hi.factor - lo.factor) * (t - lo.year)) / (hi.year - lo.year);
}
