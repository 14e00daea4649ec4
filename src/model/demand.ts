/**
 * Demand over time for one (region, application, material): linear between the years given, grown
 * at the last row's CAGR after them, flat before them.
 */
import type { Demand } from '../schema/demand.js';
import { interpolate } from '../time/series.js';

/** Annual demand in a year, from the rows of one demand series. */
export function annualDemand(series: readonly Demand[], year: number): number {
  return annualDemandSorted(byYear(series), year);
}

/** The rows of a series in year order (stable: rows of the same year keep their order). */
export const byYear = (series: readonly Demand[]): Demand[] => [...series].sort((a, b) => a.year - b.year);

/** annualDemand for rows already in year order (see byYear), so callers in loops sort once. */
export function annualDemandSorted(rows: readonly Demand[], year: number): number {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return 0;
  if (year <= first.year) return first.amount;
  if (year >= last.year) return last.amount * (1 + (last.cagr ?? 0)) ** (year - last.year);
  return interpolate(rows, year, yearOf, amountOf);
}

const yearOf = (d: Demand) => d.year;
const amountOf = (d: Demand) => d.amount;

export interface DemandSeries {
  readonly region: string;
  readonly application: string;
  readonly material: string;
  readonly rows: readonly Demand[];
}

/** Groups demand rows into series, in a stable order. */
export function demandSeries(rows: readonly Demand[]): DemandSeries[] {
  const map = new Map<string, Demand[]>();
  for (const r of rows) {
    const key = `${r.region}\u0000${r.application}\u0000${r.material}`;
    const list = map.get(key) ?? [];
    list.push(r);
    map.set(key, list);
  }
  return [...map.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, list]) => ({
      region: list[0]!.region,
      application: list[0]!.application,
      material: list[0]!.material,
      rows: list,
    }));
}
