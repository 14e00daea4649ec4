import { describe, expect, it } from 'vitest';
import type { Comparison } from '../api';
import { additive, compareOption } from './compareChart';

const comparison: Comparison = {
  runs: [
    { id: 'a', scenario: 'baseline', scenario_name: 'baseline' },
    { id: 'b', scenario: 'controls', scenario_name: 'controls' },
  ],
  rows: [
    { period: '2025', group: 'short', item: 'US defense', unit: 't magnet', values: [1, 4] },
    { period: '2025', group: 'short', item: 'EU wind', unit: 't magnet', values: [2, null] },
    { period: '2026', group: 'short', item: 'US defense', unit: 't magnet', values: [null, null] },
    { period: '2025', group: 'China-free share', item: 'US', unit: 'share', values: [0.25, 0.125] },
    { period: '2026', group: 'China-free share', item: 'US', unit: 'share', values: [0.5, 0.375] },
  ],
};

const data = (o: ReturnType<typeof compareOption>) =>
  (o.series as { data: (number | null)[] }[]).map((s) => s.data);

describe('compareOption', () => {
  it('sums an additive group per run and period, with gaps where no run has a value', () => {
    expect(data(compareOption(comparison, 'short', undefined))).toEqual([
      [3, null],
      [4, null],
    ]);
  });

  it('draws one item of a share group in percent on a 0–100 axis', () => {
    const option = compareOption(comparison, 'China-free share', 'US');
    expect(data(option)).toEqual([
      [25, 50],
      [12.5, 37.5],
    ]);
    expect(option.yAxis).toMatchObject({ min: 0, max: 100 });
  });

  it('adds amounts but not shares or prices', () => {
    expect(additive('t magnet')).toBe(true);
    expect(additive('share')).toBe(false);
    expect(additive('USD/kg')).toBe(false);
  });
});
