/** Undersupply against a hand-computed period. */
import { describe, expect, it } from 'vitest';
import { dataset, material, process } from '../../test/fixtures/tiny-dataset.js';
import type { PeriodResult, RunResult } from '../results/types.js';
import { requirementPerUnit, undersupply } from './undersupply.js';

/**
 * Per t of magnet 0.4 t metal, per t metal 1.25 t oxide: 0.5 t oxide per t magnet. The recycled
 * recipe (0.8 t scrap + 0.1 t metal) needs 0.125 t oxide, so each tonne made that way spares 0.375.
 */
const d = dataset({
  materials: [
    material('conc', 'concentrate'),
    material('ndpr-oxide', 'oxide'),
    material('la-oxide', 'oxide', { composition: { La: 1 } }),
    material('ndpr-metal', 'metal'),
    material('ndfeb-a', 'magnet'),
    material('smco', 'magnet', { composition: { Sm: 0.25 } }),
    material('swarf', 'scrap'),
    material('scrap', 'scrap'),
  ],
  processes: [
    process('mine', 'mining', [], [['conc', 1]]),
    process(
      'sep',
      'separation',
      [['conc', 1]],
      [
        ['ndpr-oxide', 0.2],
        ['la-oxide', 0.7],
      ],
      'conc',
    ),
    process('electrolysis', 'metal', [['ndpr-oxide', 1.25]], [['ndpr-metal', 1]]),
    process(
      'make',
      'magnet',
      [['ndpr-metal', 0.4]],
      [
        ['ndfeb-a', 1],
        ['swarf', 0.3],
      ],
    ),
    process(
      'make-recycled',
      'magnet',
      [
        ['scrap', 0.8],
        ['ndpr-metal', 0.1],
      ],
      [['ndfeb-a', 1]],
    ),
    process('swarf-to-oxide', 'recycling', [['swarf', 1]], [['ndpr-oxide', 0.3]]),
  ],
});

const row = (facility: string, material: string, amount: number) => ({
  facility,
  region: 'X',
  stage: 'magnet' as const,
  material,
  tag: 'free' as const,
  amount,
});

const period = (over: Partial<PeriodResult>): PeriodResult => ({
  period: { index: 0, label: '2030', year: 2030, start: 2030, length: 1 },
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
  substitution: [],
  ...over,
});

const demandRow = (materialId: string, demand: number, served: number, unit = 't magnet') => ({
  region: 'X',
  application: 'ev',
  material: materialId,
  demand,
  served_free: served / 2,
  served_cn: served / 2,
  destroyed: 0,
  short: demand - served,
  unit,
});

const run = (...periods: PeriodResult[]): RunResult => ({
  scenario: { name: 'test' },
  dataset: { name: 'test', dir: 'memory', hash: 'test' },
  taint: { set: 'china', name: 'China', regions: [] },
  version: 'test',
  periods,
});

describe('requirementPerUnit', () => {
  it('follows the primary recipe down to the oxide, leaving out recycled recipes and feeds', () => {
    const need = requirementPerUnit(d, 'ndpr-oxide');
    expect(need('ndpr-oxide')).toBe(1);
    expect(need('ndpr-metal')).toBe(1.25);
    expect(need('ndfeb-a')).toBe(0.5);
    // Separation's reference is its own feed (a cycle); the mine makes it from nothing.
    expect(need('conc')).toBe(0);
    expect(need('scrap')).toBe(0);
    expect(need('swarf')).toBe(0);
    expect(need('smco')).toBe(0);
  });

  it('takes the least of two primary recipes', () => {
    const two = {
      ...d,
      processes: [...d.processes, process('make-lean', 'magnet', [['ndpr-metal', 0.32]], [['ndfeb-a', 1]])],
    };
    expect(requirementPerUnit(two, 'ndpr-oxide')('ndfeb-a')).toBeCloseTo(0.4, 12);
  });
});

describe('undersupply', () => {
  it('sets magnets served and NdPr made against demand, by hand', () => {
    const p = period({
      demand: [demandRow('ndfeb-a', 100, 70), demandRow('smco', 10, 10)],
      production: [
        { ...row('sep', 'ndpr-oxide', 20), stage: 'separation' },
        { ...row('sep', 'la-oxide', 70), stage: 'separation' },
        { ...row('electro', 'ndpr-metal', 20), stage: 'metal' },
        row('maker', 'ndfeb-a', 40),
        row('maker', 'swarf', 12),
        row('recycler', 'ndfeb-a', 30),
        { ...row('swarf-plant', 'ndpr-oxide', 3), stage: 'recycling' },
      ],
      consumption: [
        row('sep', 'conc', 100),
        row('electro', 'ndpr-oxide', 25),
        row('maker', 'ndpr-metal', 16),
        row('recycler', 'scrap', 24),
        row('recycler', 'ndpr-metal', 3),
        row('swarf-plant', 'swarf', 10),
      ],
    });
    const rows = undersupply(run(p), d);
    // Magnets: SmCo is not NdFeB. 100 demanded, 70 served.
    expect(rows[0]).toEqual({
      period: '2030',
      material: 'ndfeb',
      demand: 100,
      supply: 70,
      undersupply: 30,
      unit: 't magnet',
    });
    // Oxide: demand 100 × 0.5 = 50. Made: 20 separated + 3 from swarf + 30 × 0.375 spared by the
    // recycled recipe = 34.25 (electrolysis and virgin magnet making only pass NdPr on).
    const oxide = rows[1]!;
    expect(oxide).toMatchObject({ period: '2030', material: 'ndpr-oxide', unit: 't REO' });
    expect(oxide.demand).toBeCloseTo(50, 12);
    expect(oxide.supply).toBeCloseTo(34.25, 12);
    expect(oxide.undersupply).toBeCloseTo(15.75, 12);
  });

  it('reports no undersupply when supply exceeds demand, and one row per material per period', () => {
    const p = period({
      demand: [demandRow('ndfeb-a', 10, 10)],
      production: [{ ...row('sep', 'ndpr-oxide', 8), stage: 'separation' }],
      consumption: [row('sep', 'conc', 40)],
    });
    const rows = undersupply(run(p, { ...p, period: { ...p.period, index: 1, label: '2031' } }), d);
    expect(rows.map((r) => `${r.period} ${r.material}`)).toEqual([
      '2030 ndfeb',
      '2030 ndpr-oxide',
      '2031 ndfeb',
      '2031 ndpr-oxide',
    ]);
    expect(rows[1]).toMatchObject({ demand: 5, supply: 8, undersupply: 0 });
  });

  it('leaves out NdPr oxide when the dataset has none', () => {
    const noOxide = { ...d, materials: d.materials.filter((m) => m.id !== 'ndpr-oxide') };
    const rows = undersupply(run(period({ demand: [demandRow('ndfeb-a', 10, 4)] })), noOxide);
    expect(rows).toEqual([
      { period: '2030', material: 'ndfeb', demand: 10, supply: 4, undersupply: 6, unit: 't magnet' },
    ]);
  });
});
