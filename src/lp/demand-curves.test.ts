import { describe, expect, it } from 'vitest';
import { chain, scenario, testProvenance } from '../../test/fixtures/tiny-dataset.js';
import type { Dataset } from '../dataset/types.js';
import type { PeriodResult } from '../results/types.js';
import type { DemandCurveStep } from '../schema/demand-curve.js';
import { simulate } from '../simulate/simulate.js';

const step = (n: number, share: number, price: number): DemandCurveStep => ({
  application: 'ev',
  step: n,
  share,
  price,
  reference_price: 40,
  elasticity: -0.3,
  unit: 'USD/kg',
  ...testProvenance,
});

/**
 * The hand-worked chain (src/simulate/simulate.test.ts) with 70 t of magnet capacity (30 t Chinese
 * at 15.5 USD/kg delivered, 40 t US at 35) and an EV curve: 10% of demand given up above
 * 50 USD/kg, 25% more above 80; the value of lost load is 1,000.
 */
function withCurve(usDemand: number): Dataset {
  const d = chain({ cnMagnetCap: 30, usDemand });
  return { ...d, demand_curves: [step(1, 0.1, 50), step(2, 0.25, 80)] };
}

async function solve(d: Dataset): Promise<PeriodResult> {
  const run = await simulate(d, scenario());
  return run.periods[0]!;
}

const magnetPrice = (p: PeriodResult) =>
  p.prices.find((x) => x.region === 'US' && x.material === 'magnet' && x.tag === 'cn')!.price;

describe('demand curves in the LP', () => {
  it('prices a shortage at the willingness to pay of the marginal block', async () => {
    // 100 t demanded, 70 t made: 10 t of block 1 and 20 t of block 2 (of 25) are given up.
    const p = await solve(withCurve(100));
    const d = p.demand[0]!;
    expect(d.served_free + d.served_cn).toBeCloseTo(70, 6);
    expect(d.destroyed).toBeCloseTo(30, 6);
    expect(d.short).toBe(0);
    expect(d.served_free + d.served_cn + d.destroyed + d.short).toBeCloseTo(d.demand, 9);
    expect(magnetPrice(p)).toBeCloseTo(80, 6);
    // One more tonne of US magnet capacity saves the 80 of block 2 less its own 35.
    expect(p.capacity.find((c) => c.facility === 'us-mag')!.value).toBeCloseTo(45, 6);
  });

  it('prices at the first block when it is the marginal one', async () => {
    const p = await solve(withCurve(75)); // 5 t unserved, block 1 holds 7.5 t
    expect(p.demand[0]!.destroyed).toBeCloseTo(5, 6);
    expect(magnetPrice(p)).toBeCloseTo(50, 6);
  });

  it('leaves demand beyond the curve short at the value of lost load', async () => {
    // 200 t demanded, 70 t made; the curve holds 20 + 50 t, the other 60 t go short.
    const p = await solve(withCurve(200));
    const d = p.demand[0]!;
    expect(d.destroyed).toBeCloseTo(70, 6);
    expect(d.short).toBeCloseTo(60, 6);
    expect(d.served_free + d.served_cn + d.destroyed + d.short).toBeCloseTo(200, 9);
    expect(magnetPrice(p)).toBeCloseTo(1000, 6);
  });

  it('gives up nothing when supply is cheaper than every block', async () => {
    const p = await solve(withCurve(50));
    expect(p.demand[0]!.destroyed).toBe(0);
    expect(magnetPrice(p)).toBeCloseTo(35, 6);
  });
});
