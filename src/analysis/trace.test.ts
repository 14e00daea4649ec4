import { describe, expect, it } from 'vitest';
import {
  dataset,
  demand,
  ev,
  facility,
  freight,
  material,
  process,
  scenario,
} from '../../test/fixtures/tiny-dataset.js';
import { simulate } from '../simulate/simulate.js';
import { traceDemand } from './trace.js';

/**
 * US (60 t) and Australian (40 t) concentrate, separated in Malaysia, made into magnets in Japan and
 * sold in the US: by construction 60/40 at mining, all Malaysian at separation, all Japanese at
 * magnet making.
 */
const world = dataset({
  regions: ['US', 'AU', 'MY', 'JP', 'CN'].map((id) => ({ id, name: id, taints: id === 'CN', blocs: [] })),
  materials: [
    material('conc', 'concentrate'),
    material('oxide', 'oxide'),
    material('magnet', 'magnet', { reo_per_unit: 0.35 }),
  ],
  processes: [
    process('mine', 'mining', [], [['conc', 1]]),
    process('sep', 'separation', [['conc', 1]], [['oxide', 1]]),
    process('make', 'magnet', [['oxide', 0.5]], [['magnet', 1]]),
  ],
  facilities: [
    facility('us-mine', 'US', 'mine', 60, 1),
    facility('au-mine', 'AU', 'mine', 40, 1),
    facility('my-sep', 'MY', 'sep', 1000, 1),
    facility('jp-mag', 'JP', 'make', 1000, 1),
  ],
  applications: [ev],
  demand: [demand('US', 'ev', 'magnet', 2025, 200)],
  transport: [freight(1)],
});

describe('traceDemand', () => {
  it('gives each stage the origin shares the network was built with', async () => {
    const [p] = (await simulate(world, scenario())).periods;
    const share = (stage: string, country: string) =>
      traceDemand(p!, world).find((r) => r.stage === stage && r.country === country && r.region === 'US')
        ?.share;
    expect(share('mining', 'US')).toBeCloseTo(0.6, 9);
    expect(share('mining', 'AU')).toBeCloseTo(0.4, 9);
    expect(share('separation', 'MY')).toBeCloseTo(1, 9);
    expect(share('metal', 'MY')).toBeUndefined();
    expect(share('magnet', 'JP')).toBeCloseTo(1, 9);
    expect(share('origin tag', 'China-free')).toBeCloseTo(1, 9);
  });

  it('splits a hub fed by two chains in proportion to their flows, through trade', async () => {
    // Add a cheap Chinese chain (mine 50 t, separation, magnets 100 t): all concentrate is then
    // separated in China (150 t oxide: 50 Chinese, 60 US, 40 Australian), Japan makes 200 t of
    // magnets from Chinese oxide and China 100 t. Every US magnet is China-touched.
    const withChina = {
      ...world,
      facilities: [
        ...world.facilities,
        facility('cn-mine', 'CN', 'mine', 50, 0.1),
        facility('cn-sep', 'CN', 'sep', 1000, 0.1),
        facility('cn-mag', 'CN', 'make', 100, 0.1),
      ],
      demand: [demand('US', 'ev', 'magnet', 2025, 300)],
    };
    const [p] = (await simulate(withChina, scenario())).periods;
    const rows = traceDemand(p!, withChina).filter((r) => r.region === 'US');
    const share = (stage: string, country: string) =>
      rows.find((r) => r.stage === stage && r.country === country)?.share ?? 0;
    expect(share('magnet', 'CN')).toBeCloseTo(1 / 3, 9);
    expect(share('magnet', 'JP')).toBeCloseTo(2 / 3, 9);
    expect(share('mining', 'CN')).toBeCloseTo(50 / 150, 9);
    expect(share('mining', 'US')).toBeCloseTo(60 / 150, 9);
    expect(share('mining', 'AU')).toBeCloseTo(40 / 150, 9);
    expect(share('separation', 'CN')).toBeCloseTo(1, 9);
    expect(share('origin tag', 'China-touched')).toBeCloseTo(1, 9);
  });
});
