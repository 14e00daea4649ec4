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
import { simulate } from '../simulate/simulate.js';
import { euBenchmarks } from './benchmarks.js';
import { bottlenecks } from './bottlenecks.js';
import { concentration, hhi } from './concentration.js';
import { importReliance } from './import-reliance.js';
import { chainSelfSufficiency, firstSelfSufficient, stageSelfSufficiency } from './self-sufficiency.js';
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
  stocks: [],
};

describe('concentration', () => {
  it('computes HHI on 0–10,000', () => {
    expect(hhi([1])).toBe(10_000);
    expect(hhi([0.5, 0.3, 0.2])).toBeCloseTo(2500 + 900 + 400, 9);
  });
  it('gives China, top-1 and top-3 shares of a stage', () => {
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
      regions: [
        ...d.regions,
        { id: 'AU', name: 'AU', taints: false, blocs: [] },
        { id: 'MM', name: 'MM', taints: false, blocs: [] },
      ],
    };
    const [row] = concentration(p, d2);
    expect(row).toMatchObject({ stage: 'mining', output: 100, top1_country: 'CN' });
    expect(row!.china_share).toBeCloseTo(0.6, 12);
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
      { id: 'US', name: 'US', taints: false, blocs: [] },
      { id: 'CN', name: 'CN', taints: true, blocs: [] },
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
    const rows = stageSelfSufficiency(d, sc, [us]);
    const magnet = rows.filter((r) => r.stage === 'magnet').map((r) => r.ratio);
    // Magnet Nd content / metal factor cancels between supply and demand: 40/100, then 200/100.
    expect(magnet.map((r) => Math.round(r * 100) / 100)).toEqual([0.4, 0.4, 2, 2]);
    expect(firstSelfSufficient(rows, 'US', 'magnet')).toBe('2027');
    expect(firstSelfSufficient(rows, 'US', 'mining')).toBe('2025');
  });

  it('end to end: the share of demand a China-free chain can serve, although China is cheaper', async () => {
    const rows = await chainSelfSufficiency(d, sc, us);
    expect(rows.map((r) => Math.round(r.ratio * 100) / 100)).toEqual([0.4, 0.4, 1, 1]);
    expect(firstSelfSufficient(rows, 'US', 'chain')).toBe('2027');
  });
});

describe('EU benchmarks', () => {
  it('compares EU extraction, processing and recycling with consumption, and caps one supplier at 65%', async () => {
    const d = dataset({
      regions: [
        { id: 'EU', name: 'EU', taints: false, blocs: ['eu'] },
        { id: 'CN', name: 'CN', taints: true, blocs: [] },
      ],
      materials: [
        material('conc', 'concentrate'),
        material('oxide', 'oxide'),
        material('magnet', 'magnet', { reo_per_unit: 0.4 }),
      ],
      processes: [
        process('mine', 'mining', [], [['conc', 1]]),
        process('sep', 'separation', [['conc', 1]], [['oxide', 1]]),
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
    const rows = euBenchmarks(p!, d, { id: 'EU', regions: ['EU'] }, traceDemand(p!, d));
    const value = (b: string) => rows.find((r) => r.benchmark === b)!;
    // Consumption 100 t magnet × 0.4 = 40 t REO; EU mining 2 t (5%), separation 10 t (25%).
    expect(value('extraction share of consumption')).toMatchObject({ target: 0.1, met: false });
    expect(value('extraction share of consumption').value).toBeCloseTo(0.05, 9);
    expect(value('processing share of consumption').value).toBeCloseTo(0.25, 9);
    expect(value('recycling share of consumption').value).toBe(0);
    // All magnets are made in China: one third country supplies 100% of the magnet stage.
    expect(value('largest third-country share, magnet')).toMatchObject({ value: 1, met: false });
  });
});
