import { describe, expect, it } from 'vitest';
import { chain, scenario } from '../../test/fixtures/tiny-dataset.js';
import { buildNetwork } from '../model/network.js';
import { CHINA } from '../scenario/taint.js';
import { simulate } from '../simulate/simulate.js';
import { assertBalanced, BalanceError, balanceViolations } from './check-balance.js';
import type { PeriodResult } from './types.js';

// US demand of 50 t: 30 t of Chinese magnets, 20 t made in the US from Chinese oxide.
const d = chain({ cnMagnetCap: 30 });
const period = (await simulate(d, scenario())).periods[0]!;
const network = buildNetwork(d, CHINA);

describe('the mass-balance check', () => {
  it('passes a solved period', () => {
    expect(balanceViolations(period)).toEqual([]);
    expect(balanceViolations(period, 1e-6, network)).toEqual([]);
  });

  it('names the hub whose flows do not add up, by name or by network index', () => {
    // One tonne of oxide more made in China than went anywhere.
    const broken: PeriodResult = {
      ...period,
      production: period.production.map((p) =>
        p.facility === 'cn-sep' && p.material === 'oxide' ? { ...p, amount: p.amount + 1 } : p,
      ),
    };
    for (const v of [balanceViolations(broken), balanceViolations(broken, 1e-6, network)]) {
      expect(v).toHaveLength(1);
      expect(v[0]!.what).toBe('hub CN oxide cn');
      expect(v[0]!.excess).toBeCloseTo(1, 9);
    }
    expect(() => assertBalanced(broken, network)).toThrow(BalanceError);
    expect(() => assertBalanced(broken, network)).toThrow(
      /period 2025: mass balance broken: hub CN oxide cn off by 1\.000e\+0/,
    );
  });

  it('sees a shipment that arrives without leaving', () => {
    const broken: PeriodResult = {
      ...period,
      trade: period.trade.map((t) => (t.material === 'magnet' ? { ...t, from: 'US' } : t)),
    };
    expect(balanceViolations(broken, 1e-6, network).map((v) => v.what)).toEqual([
      'hub CN magnet cn',
      'hub US magnet cn',
    ]);
  });

  it('sees a facility over capacity and demand neither served nor short', () => {
    const broken: PeriodResult = {
      ...period,
      capacity: period.capacity.map((c) => (c.facility === 'us-mag' ? { ...c, capacity: 10 } : c)),
      demand: period.demand.map((x) => ({ ...x, demand: x.demand + 5 })),
    };
    const v = balanceViolations(broken, 1e-6, network);
    expect(v.map((x) => x.what)).toEqual(['capacity of us-mag', 'demand US ev magnet']);
    expect(v.map((x) => x.excess)).toEqual([expect.closeTo(10, 9), expect.closeTo(-5, 9)]);
  });

  it('counts a substitution: the substitute it takes from its hub, the demand it meets', () => {
    // 5 t of US EV demand displaced by a switch to the oxide hub's material (as if a grade), 4 t of it taken.
    const row = {
      region: 'US',
      application: 'ev',
      option: 'switch',
      kind: 'grade' as const,
      material: 'magnet',
      to: 'oxide',
      volume: 5,
      consumed_free: 0,
      consumed_cn: 4,
      cost: 0,
      allowed_share: 1,
    };
    const unchecked: PeriodResult = {
      ...period,
      demand: period.demand.map((x) => ({ ...x, demand: x.demand + 5 })),
      substitution: [row],
    };
    // The demand closes; the oxide hub is 4 t short of what the substitution took.
    expect(balanceViolations(unchecked, 1e-6, network).map((v) => [v.what, v.excess])).toEqual([
      ['hub US oxide cn', expect.closeTo(-4, 9)],
    ]);
    // With those 4 t shipped in from China (taken from its stock there), every hub closes.
    const closed: PeriodResult = {
      ...unchecked,
      trade: unchecked.trade.map((t) => (t.material === 'oxide' ? { ...t, amount: t.amount + 4 } : t)),
      openingStock: [...unchecked.openingStock, { region: 'CN', material: 'oxide', tag: 'cn', amount: 4 }],
    };
    expect(balanceViolations(closed, 1e-6, network)).toEqual([]);
  });

  it('scales its tolerance with the hub’s throughput', () => {
    // China's magnet hub moves 60 t (30 made, 30 shipped): 1e-5 t off is within 1e-6 of that, not within 1e-8.
    const nudged: PeriodResult = {
      ...period,
      production: period.production.map((p) =>
        p.facility === 'cn-mag' ? { ...p, amount: p.amount + 1e-5 } : p,
      ),
    };
    expect(balanceViolations(nudged, 1e-6, network)).toEqual([]);
    expect(balanceViolations(nudged, 1e-8, network).map((v) => v.what)).toEqual(['hub CN magnet cn']);
  });
});
