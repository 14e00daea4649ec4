/**
 * Historic inflows into use, for the years before a run, so end-of-life flows are realistic from
 * the first period: the dataset's demand where it reaches back, else back-cast from its first year
 * with the growth of its first segment (or its CAGR when it has a single year).
 */
import { annualDemandSorted, byYear } from '../model/demand.js';
import type { Demand } from '../schema/demand.js';

export function historicDemand(series: readonly Demand[], year: number): number {
  return historicDemandSorted(byYear(series), year);
}

/** historicDemand for rows already in year order (see byYear). */
export function historicDemandSorted(rows: readonly Demand[], year: number): number {
  const first = rows[0];
  if (!first) return 0;
  if (year >= first.year) return annualDemandSorted(rows, year);
  const second = rows[1];
  const growth = second
    ? (second.amount / first.amount) ** (1 / (second.year - first.year)) - 1
    : (first.cagr ?? 0);
  return Number.isFinite(growth) ? first.amount * (1 + growth) ** (year - first.year) : first.amount;
}
