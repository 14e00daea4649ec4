import { describe, expect, it } from 'vitest';
import type { SubstitutionRow } from '../lp/substitution.js';
import type { DemandRow, PeriodResult, RunResult } from '../results/types.js';
import { keyOutputs } from './key-outputs.js';

const demand = (
  region: string,
  application: string,
  d: number,
  destroyed: number,
  short: number,
): DemandRow => ({
  region,
  application,
  material: 'magnet',
  demand: d,
  served_free: 0,
  served_cn: d - destroyed - short,
  destroyed,
  short,
  unit: 't magnet',
});

/** One period of a run with only what keyOutputs reads: demand and substitution. */
const run = (demandRows: DemandRow[], substitution: Partial<SubstitutionRow>[]): RunResult =>
  ({
    periods: [
      {
        period: { label: '2035' },
        demand: demandRows,
        prices: [],
        policies: [],
        substitution,
      } as unknown as PeriodResult,
    ],
  }) as unknown as RunResult;

describe('keyOutputs', () => {
  it('lists short and given up (destroyed) per region and application, and substituted per region and application', () => {
    const out = keyOutputs(
      run(
        [demand('US', 'ev', 100, 12, 3), demand('CN', 'wind', 50, 0, 0)],
        [
          { region: 'US', application: 'ev', material: 'magnet', volume: 7 },
          { region: 'US', application: 'ev', material: 'magnet', volume: 2 },
        ],
      ),
      new Set(),
    );
    const of = (group: string) => out.filter((o) => o.group === group).map((o) => [o.item, o.value, o.unit]);
    expect(of('short')).toEqual([
      ['US ev magnet', 3, 't magnet'],
      ['CN wind magnet', 0, 't magnet'],
    ]);
    expect(of('destroyed')).toEqual([
      ['US ev magnet', 12, 't magnet'],
      ['CN wind magnet', 0, 't magnet'],
    ]);
    expect(of('substituted')).toEqual([['US ev', 9, 't magnet']]);
  });
});
