import { describe, expect, it } from 'vitest';
import { chain, dataset, facility, material, process, scenario } from '../../test/fixtures/tiny-dataset.js';
import type { PeriodResult } from '../results/types.js';
import { simulate } from './simulate.js';

const price = (p: PeriodResult, region: string, material: string, tag: string) =>
  p.prices.find((x) => x.region === region && x.material === material && x.tag === tag)!.price;
const cap = (p: PeriodResult, id: string) => p.capacity.find((c) => c.facility === id)!;

describe('simulate: hand-worked chain', () => {
  // Delivered costs per t magnet in the US: Chinese magnet 10 + 0.5·(5 + 2·2) + 1 = 15.5;
  // US magnet on Chinese oxide 30 + 0.5·(9 + 1) = 35; all-US (China-free) 30 + 0.5·(10 + 2·5) = 40.
  it('serves US demand from the cheapest chain and prices the hub at the marginal cost', async () => {
    const run = await simulate(chain({ cnMagnetCap: 30 }), scenario());
    const p = run.periods[0]!;
    expect(p.status).toBe('optimal');
    // 30 t of Chinese magnets (capacity-bound), the remaining 20 t made in the US from Chinese oxide.
    expect(p.demand).toEqual([
      {
        region: 'US',
        application: 'ev',
        material: 'magnet',
        demand: 50,
        served_free: 0,
        served_cn: 50,
        destroyed: 0,
        short: 0,
        unit: 't magnet',
      },
    ]);
    expect(p.objective).toBeCloseTo(30 * 15.5 + 20 * 35, 6);
    expect(cap(p, 'us-mag').used).toBeCloseTo(20, 9);
    expect(price(p, 'US', 'magnet', 'cn')).toBeCloseTo(35, 6);
    expect(price(p, 'US', 'oxide', 'cn')).toBeCloseTo(10, 6);
    // One more tonne of Chinese magnet capacity saves 35 − 15.5.
    expect(cap(p, 'cn-mag').value).toBeCloseTo(19.5, 6);
    expect(cap(p, 'us-mag').value).toBeCloseTo(0, 9);
    const shipped = (m: string) =>
      p.trade.find((t) => t.material === m && t.from === 'CN' && t.to === 'US' && t.tag === 'cn')!.amount;
    expect(shipped('magnet')).toBeCloseTo(30, 9);
    expect(shipped('oxide')).toBeCloseTo(10, 9);
  });

  it('reports shortage at the value of lost load when capacity runs out', async () => {
    const run = await simulate(chain({ cnMagnetCap: 30, usDemand: 2000 }), scenario());
    const p = run.periods[0]!;
    expect(p.demand[0]!.short).toBeCloseTo(2000 - 70, 6);
    expect(price(p, 'US', 'magnet', 'cn')).toBeCloseTo(1000, 6);
    expect(cap(p, 'us-mag').value).toBeCloseTo(1000 - 35, 6);
  });

  it('runs the US magnet plant on imported Chinese oxide when China makes no magnets', async () => {
    const run = await simulate(chain({ cnMagnetCap: 0 }), scenario());
    const p = run.periods[0]!;
    // Imported Chinese oxide (9 + 1 = 10 USD/kg) beats US oxide (10 + 2·5 = 20): the US plant's
    // 40 t of magnets are China-touched, and 10 t of demand go short.
    expect(p.demand[0]!.served_cn).toBeCloseTo(40, 6);
    expect(p.demand[0]!.served_free).toBe(0);
    expect(p.consumption.find((c) => c.facility === 'us-mag')).toMatchObject({
      material: 'oxide',
      tag: 'cn',
      amount: 20,
    });
    expect(p.demand[0]!.short).toBeCloseTo(10, 6);
  });
});

describe('simulate: time', () => {
  it('splits a year into quarters that add up', async () => {
    const yearly = await simulate(chain({ cnMagnetCap: 30 }), scenario(2025, 2025, 'year'));
    const quarterly = await simulate(chain({ cnMagnetCap: 30 }), scenario(2025, 2025, 'quarter'));
    expect(quarterly.periods.map((p) => p.period.label)).toEqual(['2025Q1', '2025Q2', '2025Q3', '2025Q4']);
    const sum = quarterly.periods.reduce((s, p) => s + p.objective, 0);
    expect(sum).toBeCloseTo(yearly.periods[0]!.objective, 6);
  });

  it('carries stock between periods when holding is cheaper than disposal', async () => {
    // Separation yields 1 t of an unwanted co-product per t oxide; disposing of it costs 2 USD/kg,
    // holding it 0.5 USD/kg a year, so it is kept and piles up.
    const d = chain({ cnMagnetCap: 0 });
    const withCoproduct = dataset({
      ...d,
      regions: [d.regions[1]!],
      materials: [...d.materials, material('la', 'oxide', { holding_cost: 0.5, disposal_cost: 2 })],
      processes: [
        d.processes[0]!,
        process(
          'sep',
          'separation',
          [['conc', 2]],
          [
            ['oxide', 1],
            ['la', 1],
          ],
        ),
        d.processes[2]!,
      ],
      facilities: [
        facility('us-mine', 'US', 'mine', 100, 5),
        facility('us-sep', 'US', 'sep', 30, 10),
        facility('us-mag', 'US', 'make', 40, 30),
      ],
    });
    const run = await simulate(withCoproduct, scenario(2025, 2026));
    const [p1, p2] = run.periods as [PeriodResult, PeriodResult];
    const la = (rows: readonly { material: string; amount: number }[]) =>
      rows.find((r) => r.material === 'la')?.amount ?? 0;
    expect(la(p1.production)).toBeCloseTo(20, 6);
    expect(la(p1.inventory)).toBeCloseTo(20, 6);
    expect(la(p2.openingStock)).toBeCloseTo(20, 6);
    expect(la(p2.inventory)).toBeCloseTo(40, 6);
    expect(la(p2.disposal)).toBe(0);
  });

  it('gives the same numbers on a second run', async () => {
    const a = await simulate(chain({ cnMagnetCap: 30 }), scenario(2025, 2027));
    const b = await simulate(chain({ cnMagnetCap: 30 }), scenario(2025, 2027));
    const strip = (r: typeof a) => r.periods.map(({ seconds, iterations, ...rest }) => rest);
    expect(strip(a)).toEqual(strip(b));
  });

  it('leaves the checks out on request (bloc re-solves in Monte Carlo) without changing a number', async () => {
    const steps = (names: string[]) => ({
      time: <T>(name: string, f: () => T) => {
        names.push(name);
        return f();
      },
    });
    const checked: string[] = [];
    const unchecked: string[] = [];
    const a = await simulate(chain({ cnMagnetCap: 30 }), scenario(2025, 2027), { hooks: steps(checked) });
    const b = await simulate(chain({ cnMagnetCap: 30 }), scenario(2025, 2027), {
      hooks: steps(unchecked),
      check: false,
    });
    expect(checked).toContain('assertBalanced');
    expect(checked).toContain('assertStocksClose');
    expect(unchecked.filter((n) => n.startsWith('assert'))).toEqual([]);
    const strip = (r: typeof a) => r.periods.map(({ seconds, iterations, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
  });
});

describe('simulate: plants with locked-in customers', () => {
  it('run at their minimum utilisation although China is cheaper', async () => {
    const d = chain();
    const locked = {
      ...d,
      facilities: d.facilities.map((f) => (f.id === 'us-mag' ? { ...f, min_utilization: 0.5 } : f)),
    };
    const [free] = (await simulate(d, scenario())).periods;
    const [p] = (await simulate(locked, scenario())).periods;
    expect(free!.capacity.find((c) => c.facility === 'us-mag')!.used).toBe(0);
    // Half of its 40 t; the cheapest inputs are Chinese oxide.
    expect(p!.capacity.find((c) => c.facility === 'us-mag')!.used).toBeCloseTo(20, 6);
  });
});
