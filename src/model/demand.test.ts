import { describe, expect, it } from 'vitest';
import type { Demand } from '../schema/demand.js';
import { annualDemand, demandSeries } from './demand.js';

const row = (year: number, amount: number, cagr?: number): Demand => ({
  region: 'US',
  application: 'ev',
  material: 'magnet',
  year,
  amount,
  unit: 't magnet',
  cagr,
  source_ids: ['s'],
  confidence: 'estimate',
});

describe('annualDemand', () => {
  const series = [row(2025, 1000), row(2033, 5000, 0.1)];
  it('is flat before the first year', () => expect(annualDemand(series, 2020)).toBe(1000));
  it('interpolates between years', () => expect(annualDemand(series, 2029)).toBe(3000));
  it('grows at the CAGR after the last year', () =>
    expect(annualDemand(series, 2035)).toBeCloseTo(5000 * 1.21, 9));
  it('is zero for an empty series', () => expect(annualDemand([], 2030)).toBe(0));
});

describe('demandSeries', () => {
  it('groups rows by region, application and material', () => {
    const s = demandSeries([row(2025, 1), { ...row(2025, 2), region: 'EU' }, row(2030, 3)]);
    expect(s.map((x) => [x.region, x.rows.length])).toEqual([
      ['EU', 1],
      ['US', 2],
    ]);
  });
});
