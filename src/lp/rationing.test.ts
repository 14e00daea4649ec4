import { describe, expect, it } from 'vitest';
import { chain, demand, ev, scenario, testProvenance } from '../../test/fixtures/tiny-dataset.js';
import type { Dataset } from '../dataset/types.js';
import { buildNetwork } from '../model/network.js';
import type { PeriodResult } from '../results/types.js';
import { CHINA } from '../scenario/taint.js';
import { simulate } from '../simulate/simulate.js';
import { rationingGroups } from './rationing.js';

/** A second application with the EV's value of lost load. */
const wind = { ...ev, id: 'wind', name: 'Wind' };

/**
 * China makes no magnets; the US plant makes at most 50 t a year. US EV and wind demand, both at
 * 1,000 USD/kg of lost load.
 */
function equals(evDemand: Dataset['demand'], windDemand: Dataset['demand'], over: Partial<Dataset> = {}) {
  return {
    ...chain({ cnMagnetCap: 0, usMagnetCap: 50 }),
    applications: [ev, wind],
    demand: [...evDemand, ...windDemand],
    ...over,
  };
}

const served = (p: PeriodResult, application: string) => {
  const d = p.demand.find((x) => x.application === application)!;
  return (d.served_free + d.served_cn) / d.demand;
};

describe('rationing among equals', () => {
  it('gives two applications with one value of lost load and capacity for half their demand 50% each, every period', async () => {
    const d = equals([demand('US', 'ev', 'magnet', 2025, 60)], [demand('US', 'wind', 'magnet', 2025, 40)]);
    expect(rationingGroups(buildNetwork(d, CHINA))).toEqual([[0, 1]]);
    const run = await simulate(d, scenario(2025, 2029));
    for (const p of run.periods) {
      expect(served(p, 'ev')).toBeCloseTo(0.5, 9);
      expect(served(p, 'wind')).toBeCloseTo(0.5, 9);
      expect(p.demand.map((x) => x.short)).toEqual([expect.closeTo(30, 6), expect.closeTo(20, 6)]);
    }
  });

  it('keeps the shares equal as the demands grow apart, yearly and quarterly', async () => {
    // EV demand doubles over two years while wind stays flat; supply stays at 50 t a year.
    const d = equals(
      [demand('US', 'ev', 'magnet', 2025, 60), demand('US', 'ev', 'magnet', 2027, 120)],
      [demand('US', 'wind', 'magnet', 2025, 40)],
    );
    for (const kind of ['year', 'quarter'] as const) {
      const run = await simulate(d, scenario(2025, 2027, kind));
      for (const p of run.periods) {
        const total = p.demand.reduce((s, x) => s + x.demand, 0);
        expect(served(p, 'ev')).toBeCloseTo((50 * p.period.length) / total, 9);
        expect(served(p, 'wind')).toBeCloseTo((50 * p.period.length) / total, 9);
      }
    }
  });

  it('rations only equals: a higher value of lost load is served first', async () => {
    const d = equals([demand('US', 'ev', 'magnet', 2025, 60)], [demand('US', 'wind', 'magnet', 2025, 40)], {
      applications: [ev, { ...wind, voll: 2000 }],
    });
    expect(rationingGroups(buildNetwork(d, CHINA))).toEqual([]);
    const p = (await simulate(d, scenario())).periods[0]!;
    expect(served(p, 'wind')).toBeCloseTo(1, 9);
    expect(served(p, 'ev')).toBeCloseTo(10 / 60, 9);
  });

  it('rations apart demands under different origin requirements, so China-free rules short only their own', async () => {
    // China makes magnets again; EV magnets must be China-free, wind's need not be. The US plant
    // (40 t) on US oxide makes all the China-free magnets there are: EV is short 20 t, wind is served.
    const d = {
      ...chain(),
      applications: [ev, wind],
      demand: [demand('US', 'ev', 'magnet', 2025, 60), demand('US', 'wind', 'magnet', 2025, 40)],
      policies: [
        {
          type: 'origin_requirement' as const,
          set: 'china',
          id: 'ev-free',
          region: 'US',
          applications: ['ev'],
          materials: [],
          share: 1,
          start: 2025,
          ...testProvenance,
        },
      ],
    };
    expect(rationingGroups(buildNetwork(d, CHINA))).toEqual([]);
    const p = (await simulate(d, scenario())).periods[0]!;
    expect(p.demand.map((x) => [x.application, x.short])).toEqual([
      ['ev', expect.closeTo(20, 6)],
      ['wind', 0],
    ]);
  });
});
