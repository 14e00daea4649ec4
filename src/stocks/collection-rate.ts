/** The share of end-of-life magnets collected, per region, application and year. */
import type { Dataset } from '../dataset/types.js';
import type { Period } from '../time/periods.js';
import { coverage, interpolate } from '../time/series.js';

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
    let rate = series.length > 0 ? interpolate(series, period.year, yearOf, rateOf) : 0;
    for (const p of targets) if (coverage(period, p.start, p.end) > 0) rate = Math.max(rate, p.rate);
    return rate;
  };
}

const yearOf = (c: { readonly year: number }) => c.year;
const rateOf = (c: { readonly rate: number }) => c.rate;
