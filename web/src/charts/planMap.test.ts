import { describe, expect, it } from 'vitest';
import type { Candidate, Facility, Region } from '../api';
import { buildsOf, buildYears, placeBuilds, planMapOption } from './planMap';

const table = {
  columns: [
    'candidate',
    'kind',
    'region',
    'stage',
    'process',
    'year',
    'decision_year',
    'size',
    'unit',
    'capex_usd',
  ],
  rows: [
    ['us-sep', 'greenfield', 'US', 'separation', 'separate', 2027, 2026, 3000, 't oxide/yr', 180e6],
    ['us-mag', 'greenfield', 'US', 'magnet', 'make-magnet', 2029, 2027, 5000, 't magnet/yr', 750e6],
    ['project-vulcan', 'project', 'US', 'magnet', 'make-magnet', 2028, 2025, 10000, 't magnet/yr', 1.22e9],
    ['us-sep', 'greenfield', 'US', 'separation', 'separate', 2029, 2028, 1000, 't oxide/yr', 60e6],
    ['mars-mine', 'greenfield', 'MARS', 'mining', 'mine', 2030, 2025, 1, 't/yr', 1],
  ],
};
const candidates = [
  {
    id: 'project-vulcan',
    name: 'Vulcan',
    kind: 'project',
    region: 'US',
    process: 'make-magnet',
    facility: 'vulcan',
  },
] as Candidate[];
const facilities = [{ id: 'vulcan', lat: 35, lon: -97 }] as Facility[];
const regions: Region[] = [{ id: 'US', name: 'United States', lat: 29.7, lon: -95.3 }];

describe('the planner map', () => {
  const builds = buildsOf(table);
  const { placed, unplaced } = placeBuilds(builds, candidates, facilities, regions);

  it('reads plan.csv rows as builds', () => {
    expect(builds[1]).toEqual({
      candidate: 'us-mag',
      kind: 'greenfield',
      region: 'US',
      stage: 'magnet',
      year: 2029,
      size: 5000,
      unit: 't magnet/yr',
      capex: 750e6,
    });
    expect(buildYears(builds)).toEqual([2027, 2028, 2029, 2030]);
  });

  it('places a project at its facility’s site, others at their region’s point spread apart, one point per candidate', () => {
    const at = (id: string) => placed.filter((b) => b.candidate === id).map((b) => [b.lon, b.lat, b.at]);
    expect(at('project-vulcan')).toEqual([[-97, 35, 'site']]);
    expect(at('us-sep')).toEqual([
      [-95.3, 29.7, 'region'],
      [-95.3, 29.7, 'region'],
    ]);
    const [mag] = at('us-mag');
    expect(mag![2]).toBe('region');
    expect(Math.hypot(Number(mag![0]) + 95.3, Number(mag![1]) - 29.7)).toBeCloseTo(1.5);
    expect(unplaced.map((b) => b.candidate)).toEqual(['mars-mine']);
  });

  it('shows the builds producing by a year, that year’s solid and earlier ones faded', () => {
    const option = planMapOption(placed, 2028) as {
      series: {
        name: string;
        data: { name: string; itemStyle: { opacity: number }; symbolSize: number }[];
      }[];
    };
    const shown = option.series.flatMap((s) => s.data.map((d) => [s.name, d.name, d.itemStyle.opacity]));
    expect(shown).toEqual([
      ['separation', 'us-sep', 0.35],
      ['magnet', 'project-vulcan', 0.85],
    ]);
    const all = planMapOption(placed) as typeof option;
    expect(all.series.reduce((n, s) => n + s.data.length, 0)).toBe(4);
    // The largest capex gets the largest symbol.
    const sizes = all.series.flatMap((s) => s.data.map((d) => [d.name, d.symbolSize]));
    expect(Math.max(...sizes.map(([, s]) => Number(s)))).toBe(40);
    expect(sizes.find(([n]) => n === 'project-vulcan')![1]).toBe(40);
  });
});
