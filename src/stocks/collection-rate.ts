/** The share of end-of-life magnets collected, per region, application and year. */
import type { Dataset } from '../dataset/types.js';
import type { Period } from '../model/periods.js';
import { coverage } from '../policies/time.js';

export function collectionRate(
  dataset: Dataset,
  region: string,
  application: string,
  period: Period,
): number {
  const fits = (pattern: string, value: string) => pattern === '*' || pattern === value;
  const rows = dataset.collection.filter((c) => fits(c.region, region) && fits(c.application, application));
  let rate = 0;
  if (rows.length > 0) {
    const specificity = (c: (typeof rows)[number]) =>
      Number(c.region !== '*') + Number(c.application !== '*');
    const best = Math.max(...rows.map(specificity));
    const series = rows.filter((c) => specificity(c) === best).sort((a, b) => a.year - b.year);
    rate = interpolate(series, period.year);
  }
  for (const p of dataset.policies) {
    if (p.type !== 'collection_target' || p.region !== region) continue;
    if (p.applications.length > 0 && !p.applications.includes(application)) continue;
    if (coverage(period, p.start, p.end) > 0) rate = Math.max(rate, p.rate);
  }
  return rate;
}

function interpolate(series: readonly { year: number; rate: number }[], year: number): number {
  const first = series[0]!;
  const last = series[series.length - 1]!;
  if (year <= first.year) return first.rate;
  if (year >= last.year) return last.rate;
  const i = series.findIndex((s) => s.year >= year);
  const hi = series[i]!;
  const lo = series[i - 1]!;
  return lo.rate + ((hi.rate - lo.rate) * (year - lo.year)) / (hi.year - lo.year);
}
