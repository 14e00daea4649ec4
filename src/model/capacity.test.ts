import { describe, expect, it } from 'vitest';
import type { LoadedFacility } from '../dataset/types.js';
import { makePeriods } from '../time/periods.js';
import { capacityRate, periodCapacity } from './capacity.js';

const plant = (over: Partial<LoadedFacility> = {}): LoadedFacility =>
  ({
    id: 'p',
    name: 'Plant',
    owner: 'Owner',
    region: 'US',
    process: 'magnet',
    status: 'operating',
    capacity: 1000,
    capacity_unit: 't magnet',
    ramp_years: 0,
    availability: 1,
    min_utilization: 0,
    unit_cost: 0,
    cost_unit: 'USD/kg',
    aggregate: false,
    source_ids: ['s'],
    confidence: 'high',
    ...over,
  }) as LoadedFacility;

describe('capacityRate', () => {
  it('is zero before the start year and after the end year', () => {
    const f = plant({ start_year: 2027, end_year: 2030 });
    expect(capacityRate(f, [], 2026.9)).toBe(0);
    expect(capacityRate(f, [], 2027)).toBe(1000);
    expect(capacityRate(f, [], 2030.99)).toBe(1000);
    expect(capacityRate(f, [], 2031)).toBe(0);
  });
  it('ramps linearly from the start year', () => {
    const f = plant({ start_year: 2026, ramp_years: 2 });
    expect(capacityRate(f, [], 2026.5)).toBeCloseTo(250, 9);
    expect(capacityRate(f, [], 2027.5)).toBeCloseTo(750, 9);
    expect(capacityRate(f, [], 2028.5)).toBe(1000);
  });
  it('applies capacity steps, ramping towards each new level', () => {
    const steps = [
      {
        facility: 'p',
        year: 2028,
        capacity: 3000,
        unit: 't magnet',
        ramp_years: 2,
        source_ids: ['s'],
        confidence: 'high' as const,
      },
    ];
    expect(capacityRate(plant(), steps, 2027.5)).toBe(1000);
    expect(capacityRate(plant(), steps, 2029)).toBeCloseTo(2000, 9);
    expect(capacityRate(plant(), steps, 2031)).toBe(3000);
  });
  it('gives idle and closed plants no capacity', () => {
    expect(capacityRate(plant({ status: 'idle' }), [], 2030)).toBe(0);
    expect(capacityRate(plant({ status: 'closed' }), [], 2030)).toBe(0);
  });
});

describe('periodCapacity', () => {
  it('scales by period length and availability, so four quarters make a year', () => {
    const f = plant({ availability: 0.8 });
    const [year] = makePeriods(2030, 2030, 'year');
    const quarters = makePeriods(2030, 2030, 'quarter');
    expect(periodCapacity(f, [], year!)).toBeCloseTo(800, 9);
    expect(quarters.reduce((s, q) => s + periodCapacity(f, [], q), 0)).toBeCloseTo(800, 9);
  });
  it('honours a mid-year start in quarterly periods', () => {
    const f = plant({ start_year: 2030, ramp_years: 1 });
    const q = makePeriods(2030, 2030, 'quarter').map((p) => periodCapacity(f, [], p));
    expect(q).toEqual([31.25, 93.75, 156.25, 218.75]);
  });
});
