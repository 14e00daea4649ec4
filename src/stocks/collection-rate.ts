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
  return collectionSchedule(dataset, region, application)(period);
}

const fits = (pattern: string, value: string) => pattern === '*' || pattern === value;

/** The collection rate of one region and application as a function of the period (rows chosen once). */
export function collectionSchedule(
  dataset: Dataset,
  region: string,
  application: string,
): (period: Period) => number {
  const rows = dataset.collection.filter((c) => fits(c.region, region) && fits(c.application, application));
  let series: typeof rows = [];
  if (rows.length > 0) {
    const specificity = (c: (typeof rows)[number]) =>
      Number(c.region !== '*') + Number(c.application !== '*');
    const best = Math.max(...rows.map(specificity));
    series = rows.filter((c) => specificity(c) === best).sort((a, b) => a.year - b.year);
  }
  const targets = dataset.policies.flatMap((p) =>
    p.type === 'collection_target' &&
    p.region === region &&
    (p.applications.length === 0 || p.applications.includes(application))
      ? [p]
      : [],
  );
  return (period) => {
    let rate = series.length > 0 ? interpolate(series, period.year) : 0;
    for (const p of targets) if (coverage(period, p.start, p.end) > 0) rate = Math.max(rate, p.rate);
    return rate;
  };
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
