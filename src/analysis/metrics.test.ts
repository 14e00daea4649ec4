/** The agencies' formulas against hand-computed cases. */
import { describe, expect, it } from 'vitest';
import {
  chain,
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
import type { PeriodResult } from '../results/types.js';
import { taintOf } from '../scenario/taint.js';
import { simulate } from '../simulate/simulate.js';
import { metalPerOxide } from '../units/elements.js';
import { euBenchmarks } from './benchmarks.js';
import { bottlenecks } from './bottlenecks.js';
import {
  chainSelfSufficiency,
  potentialSelfSufficiency,
  servedSelfSufficiency,
  upperBoundSelfSufficiency,
} from './chain-self-sufficiency.js';
import { concentration, hhi } from './concentration.js';
import { importReliance } from './import-reliance.js';
import { firstSelfSufficient, stageSelfSufficiency } from './self-sufficiency.js';
import { traceDemand } from './trace.js';

const period = { index: 0, label: '2025', year: 2025, start: 2025, length: 1 };
const empty: PeriodResult = {
  period,
  status: 'optimal',
  objective: 0,
  size: { rows: 0, cols: 0, nonzeros: 0 },
  iterations: 0,
  seconds: { build: 0, solve: 0, extract: 0 },
  production: [],
  consumption: [],
  trade: [],
  downgrade: [],
  demand: [],
  prices: [],
  openingStock: [],
  inventory: [],
  disposal: [],
  capacity: [],
  policies: [],
  policyFlows: [],
  substitution: [],
  stocks: [],
};

describe('concentration', () => {
  it('computes HHI on 0–10,000', () => {
    expect(hhi([1])).toBe(10_000);
    expect(hhi([0.5, 0.3, 0.2])).toBeCloseTo(2500 + 900 + 400, 9);
  });
  it('gives the taint set’s (China’s), top-1 and top-3 shares of a stage', () => {
    const d = chain();
    const mine = (facilityId: string, region: string, amount: number) => ({
      facility: facilityId,
      region,
      stage: 'mining' as const,
      material: 'conc',
      tag: 'free' as const,
      amount,
    });
    const p = {
      ...empty,
      production: [
        mine('cn-mine', 'CN', 60),
        mine('us-mine', 'US', 30),
        mine('x', 'AU', 6),
        mine('y', 'MM', 4),
      ],
    };
    const d2 = {
      ...d,
      regions: [...d.regions, { id: 'AU', name: 'AU', blocs: [] }, { id: 'MM', name: 'MM', blocs: [] }],
    };
    const [row] = concentration(p, d2, taintOf(d2, scenario()));
    expect(row).toMatchObject({ stage: 'mining', output: 100, top1_country: 'CN' });
    expect(row!.taint_share).toBeCloseTo(0.6, 12);
    // With Australia in the taint set too, its 6% counts.
    const both = { set: 'x', name: 'X', regions: ['CN', 'AU'] };
    expect(concentration(p, d2, both)[0]!.taint_share).toBeCloseTo(0.66, 12);
    expect(row!.top1_share).toBeCloseTo(0.6, 12);
    expect(row!.top3_share).toBeCloseTo(0.96, 12);
    expect(row!.hhi).toBeCloseTo(3600 + 900 + 36 + 16, 9);
  });
});

describe('net import reliance (USGS)', () => {
  it('is (imports − exports ± stock change) / apparent consumption', () => {
    // Production 20, imports 50, exports 10, stocks drawn down by 5: consumption 65, reliance 45/65.
    const p: PeriodResult = {
      ...empty,
      production: [
        { facility: 'f', region: 'US', stage: 'separation', material: 'oxide', tag: 'free', amount: 20 },
      ],
      trade: [
        { material: 'oxide', tag: 'cn', from: 'CN', to: 'US', amount: 50 },
        { material: 'oxide', tag: 'free', from: 'US', to: 'JP', amount: 10 },
      ],
      openingStock: [{ region: 'US', material: 'oxide', tag: 'cn', amount: 8 }],
      inventory: [{ region: 'US', material: 'oxide', tag: 'cn', amount: 3 }],
    };
    const us = importReliance(p).find((r) => r.region === 'US')!;
    expect(us.apparent_consumption).toBeCloseTo(65, 12);
    expect(us.nir).toBeCloseTo(45 / 65, 12);
    // Japan imports everything it uses.
    expect(importReliance(p).find((r) => r.region === 'JP')!.nir).toBe(1);
  });
});

describe('bottlenecks', () => {
  it('ranks binding capacities by their dual', async () => {
    const [p] = (await simulate(chain({ cnMagnetCap: 30, usDemand: 2000 }), scenario())).periods;
    const rows = bottlenecks(p!).filter((r) => r.kind === 'capacity');
    expect(rows[0]).toMatchObject({ item: 'cn-mag', rank: 1 });
    expect(rows[0]!.value).toBeCloseTo(1000 - 15.5, 6);
    expect(rows.find((r) => r.item === 'us-mag')!.value).toBeCloseTo(1000 - 35, 6);
  });
  it('reports the premium of China-free material under an origin requirement', async () => {
    // All US demand must be China-free: the US free magnet price is the all-US cost or the value of
    // lost load (short); the cn price stays at the Chinese delivered cost.
    const d = {
      ...chain(),
      policies: [
        {
          type: 'origin_requirement' as const,
          id: 'r',
          region: 'US',
          set: 'china',
          applications: [],
          materials: [],
          share: 1,
          start: 2025,
          ...prov,
        },
      ],
    };
    const [p] = (await simulate(d, scenario())).periods;
    const premium = bottlenecks(p!).find((r) => r.kind === 'china-free premium' && r.item === 'US magnet')!;
    expect(premium.value).toBeGreaterThan(20);
  });
});

describe('self-sufficiency', () => {
  // The US needs 100 t of magnets (Nd 0.3 of a magnet: 35 t REO of Nd). Its magnet plant (40 t/yr
  // from 2025, 200 t/yr from 2027) and upstream chain are China-free.
  const d = dataset({
    regions: [
      { id: 'US', name: 'US', blocs: [] },
      { id: 'CN', name: 'CN', blocs: [] },
    ],
    materials: [material('conc', 'concentrate'), material('oxide', 'oxide'), material('magnet', 'magnet')],
    processes: [
      process('mine', 'mining', [], [['conc', 1]]),
      process('sep', 'separation', [['conc', 1]], [['oxide', 1]]),
      process('make', 'magnet', [['oxide', 0.5]], [['magnet', 1]]),
    ],
    facilities: [
      facility('us-mine', 'US', 'mine', 1000, 1),
      facility('us-sep', 'US', 'sep', 1000, 1),
      facility('us-mag', 'US', 'make', 40, 1),
      facility('us-mag-2', 'US', 'make', 160, 1, { status: 'construction', start_year: 2027 }),
      facility('cn-mag', 'CN', 'make', 1000, 0.1),
      facility('cn-mine', 'CN', 'mine', 1000, 0.1),
      facility('cn-sep', 'CN', 'sep', 1000, 0.1),
    ],
    applications: [ev],
    demand: [demand('US', 'ev', 'magnet', 2025, 100)],
    transport: [freight(1)],
  });
  const sc = scenario(2025, 2028);
  const us = { id: 'US', regions: ['US'] };

  it('per stage: China-free capacity over demand, in magnet elements', () => {
    const rows = stageSelfSufficiency(d, sc, [us], taintOf(d, sc));
    const magnet = rows.filter((r) => r.stage === 'magnet').map((r) => r.ratio);
    // Magnet Nd content / metal factor cancels between supply and demand: 40/100, then 200/100.
    expect(magnet.map((r) => Math.round(r * 100) / 100)).toEqual([0.4, 0.4, 2, 2]);
    expect(firstSelfSufficient(rows, 'US', 'magnet')).toBe('2027');
    expect(firstSelfSufficient(rows, 'US', 'mining')).toBe('2025');
  });

  it('end to end: the share of demand a China-free chain can serve, although China is cheaper', async () => {
    const run = await simulate(d, sc);
    const rows = await chainSelfSufficiency(d, sc, us, run);
    const ratios = (m: string) =>
      rows.filter((r) => r.measure === m).map((r) => Math.round(r.ratio * 100) / 100);
    // The run buys the cheaper Chinese magnets; no other region wants the US chain's output.
    expect(ratios('served')).toEqual([0, 0, 0, 0]);
    expect(ratios('potential')).toEqual([0.4, 0.4, 1, 1]);
    expect(ratios('upper_bound')).toEqual([0.4, 0.4, 1, 1]);
    expect(firstSelfSufficient(rows, 'US', 'chain', 'potential')).toBe('2027');
    expect(firstSelfSufficient(rows, 'US', 'chain', 'served')).toBeUndefined();
  });
});

describe('bloc figures without double counting', () => {
  // Japan makes magnets free of China (60 t, 12 USD/kg), China plenty (11.5 USD/kg); shipping costs
  // 1 USD/kg. Japan (50 t) buys its own (12 < 12.5), the US (50 t) Chinese (12.5 < 13): Japan's plant
  // has 10 t to spare.
  const d = dataset({
    regions: ['US', 'JP', 'CN'].map((id) => ({ id, name: id, blocs: [] })),
    materials: [material('magnet', 'magnet')],
    processes: [process('make', 'magnet', [], [['magnet', 1]])],
    facilities: [facility('jp-mag', 'JP', 'make', 60, 12), facility('cn-mag', 'CN', 'make', 1000, 11.5)],
    applications: [ev],
    demand: [demand('US', 'ev', 'magnet', 2025, 50), demand('JP', 'ev', 'magnet', 2025, 50)],
    transport: [freight(1)],
  });
  const sc = scenario();
  const us = { id: 'US', regions: ['US'] };
  const both = { id: 'US+JP', regions: ['US', 'JP'] };

  it('served is what the run gave; potential leaves others their share; the upper bound takes it all', async () => {
    const run = await simulate(d, sc);
    expect(servedSelfSufficiency(run, us)[0]!.ratio).toBeCloseTo(0, 9);
    expect(servedSelfSufficiency(run, { id: 'JP', regions: ['JP'] })[0]!.ratio).toBeCloseTo(1, 9);
    // Japan keeps its 50 t: the US can have the 10 t left, 20%.
    expect((await potentialSelfSufficiency(d, sc, us, run))[0]!.ratio).toBeCloseTo(0.2, 9);
    // With first call on Japan's plant the US could have all 50 t (Japan then buys Chinese).
    expect((await upperBoundSelfSufficiency(d, sc, us))[0]!.ratio).toBeCloseTo(1, 9);
    // Together they have nobody else to leave anything to: 60 of 100 t.
    expect((await potentialSelfSufficiency(d, sc, both, run))[0]!.ratio).toBeCloseTo(0.6, 9);
  });
});

describe('EU benchmarks', () => {
  it('compares EU extraction, processing and recycling with consumption in magnet rare earths, and caps one supplier at 65%', async () => {
    // Concentrate is half Nd, half La (REO); separation splits it into Nd oxide and La oxide. A magnet
    // holds 0.4 t REO of Nd.
    const d = dataset({
      regions: [
        { id: 'EU', name: 'EU', blocs: ['eu'] },
        { id: 'CN', name: 'CN', blocs: [] },
      ],
      materials: [
        material('conc', 'concentrate', { composition: { Nd: 0.5, La: 0.5 } }),
        material('oxide', 'oxide'),
        material('la', 'oxide', { composition: { La: 1 } }),
        material('magnet', 'magnet', { composition: { Nd: 0.4 * metalPerOxide('Nd') }, reo_per_unit: 0.4 }),
      ],
      processes: [
        process('mine', 'mining', [], [['conc', 1]]),
        process(
          'sep',
          'separation',
          [['conc', 1]],
          [
            ['oxide', 0.5],
            ['la', 0.5],
          ],
        ),
        process('make', 'magnet', [['oxide', 0.4]], [['magnet', 1]]),
      ],
      facilities: [
        facility('eu-sep', 'EU', 'sep', 10, 0.1),
        facility('eu-mine', 'EU', 'mine', 2, 0.1),
        facility('cn-mine', 'CN', 'mine', 1000, 1),
        facility('cn-mag', 'CN', 'make', 1000, 1),
      ],
      applications: [ev],
      demand: [demand('EU', 'ev', 'magnet', 2025, 100)],
      transport: [freight(1)],
    });
    const [p] = (await simulate(d, scenario())).periods;
    const rows = euBenchmarks(
      p!,
      d,
      { id: 'EU', regions: ['EU'] },
      traceDemand(p!, d, taintOf(d, scenario())),
    );
    const value = (b: string) => rows.find((r) => r.benchmark === b)!;
    // Consumption: 100 t magnet × 0.4 t REO of Nd = 40 t. EU mining: 2 t concentrate, 1 t of it Nd
    // (2.5%). EU separation: 10 t concentrate into 5 t Nd oxide (12.5%) and 5 t La oxide, which no
    // magnet needs and which does not count (all REO would give 25%).
    expect(value('extraction share of consumption')).toMatchObject({ target: 0.1, met: false });
    expect(value('extraction share of consumption').value).toBeCloseTo(0.025, 9);
    expect(value('processing share of consumption').value).toBeCloseTo(0.125, 9);
    expect(value('recycling share of consumption').value).toBe(0);
    // All magnets are made in China: one third country supplies 100% of the magnet stage.
    expect(value('largest third-country share, magnet')).toMatchObject({ value: 1, met: false });
  });
});
