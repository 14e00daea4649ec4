import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomDataset, START_YEAR } from '../../test/fixtures/random-dataset.js';
import {
  dataset,
  demand,
  ev,
  facility,
  freight,
  material,
  process,
  testProvenance as prov,
  scenario,
} from '../../test/fixtures/tiny-dataset.js';
import { taintOf } from '../scenario/taint.js';
import { simulate } from '../simulate/simulate.js';
import { ORIGIN_TAG, type TraceRow, traceDemand } from './trace.js';

/**
 * US (60 t) and Australian (40 t) concentrate, separated in Malaysia, made into magnets in Japan and
 * sold in the US: by construction 60/40 at mining, all Malaysian at separation, all Japanese at
 * magnet making.
 */
const world = dataset({
  regions: ['US', 'AU', 'MY', 'JP', 'CN'].map((id) => ({ id, name: id, blocs: [] })),
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
      traceDemand(p!, world, taintOf(world, scenario())).find(
        (r) => r.stage === stage && r.country === country && r.region === 'US' && r.tag !== 'cn',
      )?.share;
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
    const rows = traceDemand(p!, withChina, taintOf(withChina, scenario())).filter(
      (r) => r.region === 'US' && (r.tag === 'all' || r.stage === ORIGIN_TAG),
    );
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

  it('traces each tag’s pool on its own, through plants that run both', async () => {
    // Malaysia separates Australian concentrate (free, 10 t) for US defence, which must be China-free,
    // and Chinese concentrate (cn, 50 t) for US EVs, in the same plant; so does the US magnet plant.
    const d = dataset({
      regions: ['US', 'AU', 'MY', 'CN'].map((id) => ({ id, name: id, blocs: [] })),
      materials: [material('conc', 'concentrate'), material('oxide', 'oxide'), material('magnet', 'magnet')],
      processes: [
        process('mine', 'mining', [], [['conc', 1]]),
        process('sep', 'separation', [['conc', 1]], [['oxide', 1]]),
        process('make', 'magnet', [['oxide', 0.5]], [['magnet', 1]]),
      ],
      facilities: [
        facility('au-mine', 'AU', 'mine', 10, 1),
        facility('cn-mine', 'CN', 'mine', 1000, 0.1),
        facility('my-sep', 'MY', 'sep', 1000, 1),
        facility('us-mag', 'US', 'make', 1000, 1),
      ],
      applications: [ev, { ...ev, id: 'defense', name: 'Defence' }],
      demand: [demand('US', 'ev', 'magnet', 2025, 100), demand('US', 'defense', 'magnet', 2025, 20)],
      transport: [freight(1)],
      policies: [
        {
          type: 'origin_requirement',
          id: 'dfars',
          region: 'US',
          applications: ['defense'],
          materials: [],
          share: 1,
          set: 'china',
          start: 2025,
          ...prov,
        },
      ],
    });
    const [p] = (await simulate(d, scenario())).periods;
    const rows = traceDemand(p!, d, taintOf(d, scenario()));
    const share = (application: string, tag: string, stage: string, country: string) =>
      rows.find(
        (r) => r.application === application && r.tag === tag && r.stage === stage && r.country === country,
      )?.share ?? 0;
    // Pooling the plants' inputs would give defence 5/6 Chinese concentrate.
    expect(share('defense', 'free', 'mining', 'AU')).toBeCloseTo(1, 9);
    expect(share('defense', 'free', 'mining', 'CN')).toBe(0);
    expect(share('defense', 'all', 'mining', 'AU')).toBeCloseTo(1, 9);
    expect(share('ev', 'cn', 'mining', 'CN')).toBeCloseTo(1, 9);
    expect(share('defense', 'free', 'separation', 'MY')).toBeCloseTo(1, 9);
    expect(share('defense', 'free', 'origin tag', 'China-free')).toBeCloseTo(1, 9);
    expect(share('ev', 'cn', 'origin tag', 'China-touched')).toBeCloseTo(1, 9);
  });
});

describe('traceDemand on random networks', () => {
  it('never traces free supply to a tainting region, and its tags add up to the run', async () => {
    const sc = scenario(START_YEAR, START_YEAR + 1);
    await fc.assert(
      fc.asyncProperty(randomDataset, async (d) => {
        const taint = taintOf(d, sc);
        const run = await simulate(d, sc);
        for (const p of run.periods) {
          const rows = traceDemand(p, d, taint);
          const traced = rows.filter((r) => r.stage !== ORIGIN_TAG);
          for (const r of traced.filter((r) => r.tag === 'free'))
            expect(taint.regions).not.toContain(r.country);
          // Per demand node, stage and tag the countries' shares add up to 1, and all = free + cn.
          const sum = (pick: (r: TraceRow) => boolean) =>
            traced.filter(pick).reduce((s, r) => s + r.amount, 0);
          for (const r of traced) {
            const same = (x: TraceRow) =>
              x.period === r.period &&
              x.region === r.region &&
              x.application === r.application &&
              x.stage === r.stage;
            expect(sum((x) => same(x) && x.tag === r.tag) / r.total).toBeCloseTo(1, 6);
            if (r.tag === 'all')
              expect(sum((x) => same(x) && x.tag !== 'all' && x.country === r.country)).toBeCloseTo(
                r.amount,
                6,
              );
          }
          // The origin-tag rows are the run's own figures.
          for (const dem of p.demand) {
            const row = (tag: string) =>
              rows.find(
                (r) =>
                  r.stage === ORIGIN_TAG &&
                  r.region === dem.region &&
                  r.application === dem.application &&
                  r.tag === tag,
              );
            expect(row('free')?.amount ?? 0).toBeCloseTo(dem.served_free, 9);
            expect(row('short')?.total ?? dem.demand).toBeCloseTo(dem.demand, 9);
          }
        }
      }),
      { numRuns: 40, seed: 15 },
    );
  });
});
