import { describe, expect, it } from 'vitest';
import {
  chain,
  facility,
  material,
  process,
  scenario,
  testProvenance,
} from '../../test/fixtures/tiny-dataset.js';
import type { Dataset } from '../dataset/types.js';
import { balanceViolations } from '../results/check-balance.js';
import type { RunResult } from '../results/types.js';
import { Substitution } from '../schema/substitution.js';
import { simulate } from '../simulate/simulate.js';

const option = (fields: Record<string, unknown>): Substitution =>
  Substitution.parse({ application: 'ev', from: ['magnet'], ...testProvenance, ...fields });

/** An EESM-like switch: 100 USD/kg displaced, up to half the demand, 10 points a year. */
const eesm = option({
  id: 'eesm',
  kind: 'technology',
  technology: 'EESM',
  cost: 100,
  max_share: 0.5,
  ramp: 0.1,
});

/**
 * The tiny chain (US EV demand for `magnet`, Chinese magnets capped at 30 t, US at 40 t) with a second
 * grade: `magnet-b`, made in the US from 0.6 t oxide at 50 USD/kg, at most `bCap` t a year.
 */
function withGradeB(d: Dataset, bCap: number): Dataset {
  return {
    ...d,
    materials: [...d.materials, material('magnet-b', 'magnet')],
    processes: [...d.processes, process('make-b', 'magnet', [['oxide', 0.6]], [['magnet-b', 1]])],
    facilities: [...d.facilities, facility('us-mag-b', 'US', 'make-b', bCap, 50)],
  };
}

const rows = (run: RunResult) => run.periods.map((p) => p.substitution.filter((r) => r.volume > 0));
const short = (run: RunResult, i = 0) => run.periods[i]!.demand[0]!.short;

describe('substitutions in the LP', () => {
  it('are not used while the magnet is cheaper than switching', async () => {
    const run = await simulate({ ...chain({ cnMagnetCap: 30 }), substitutions: [eesm] }, scenario());
    // Delivered magnets cost 15.5 and 35 USD/kg (src/simulate/simulate.test.ts): below 100.
    expect(run.periods[0]!.substitution).toMatchObject([{ option: 'eesm', volume: 0, allowed_share: 0.1 }]);
    expect(short(run)).toBe(0);
  });

  it('take a binding shortage up to their cap, at their cost, and the balance still closes', async () => {
    const d = chain({ cnMagnetCap: 30, usDemand: 2000 });
    const without = await simulate(d, scenario());
    const run = await simulate({ ...d, substitutions: [eesm] }, scenario());
    const p = run.periods[0]!;
    // 10% of 2,000 t in the first year (ramp 0.1 from nothing).
    expect(p.substitution).toEqual([
      {
        region: 'US',
        application: 'ev',
        option: 'eesm',
        kind: 'technology',
        material: 'magnet',
        to: 'EESM',
        volume: 200,
        consumed_free: 0,
        consumed_cn: 0,
        cost: 200 * 100,
        allowed_share: 0.1,
      },
    ]);
    expect(short(run)).toBeCloseTo(short(without) - 200, 6);
    // Each tonne switched saves the value of lost load (1,000) and costs 100.
    expect(without.periods[0]!.objective - p.objective).toBeCloseTo(200 * (1000 - 100), 3);
    expect(balanceViolations(p)).toEqual([]);
  });

  it('ramp up by at most the ramp rate a year, to the maximum share', async () => {
    const run = await simulate(
      { ...chain({ cnMagnetCap: 30, usDemand: 2000 }), substitutions: [eesm] },
      scenario(2025, 2031),
    );
    expect(rows(run).map((r) => r[0]!.volume / 2000)).toEqual(
      [0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.5, 0.5].map((x) => expect.closeTo(x, 9)),
    );
    for (const p of run.periods) expect(balanceViolations(p)).toEqual([]);
  });

  it('ramp by the period length: a quarter adds a quarter of the yearly ramp', async () => {
    const run = await simulate(
      { ...chain({ cnMagnetCap: 30, usDemand: 2000 }), substitutions: [eesm] },
      scenario(2025, 2025, 'quarter'),
    );
    expect(rows(run).map((r) => r[0]!.allowed_share)).toEqual(
      [0.025, 0.05, 0.075, 0.1].map((x) => expect.closeTo(x, 12)),
    );
  });

  it('start again from what was used: an unused option ramps from nothing', async () => {
    // 2025 short (demand 2,000), 2026 served (demand 50): the switch falls to 0, then ramps again.
    const d = chain({ cnMagnetCap: 30, usDemand: 2000 });
    const demand = [
      { ...d.demand[0]!, year: 2025, amount: 2000 },
      { ...d.demand[0]!, year: 2026, amount: 2000 },
      { ...d.demand[0]!, year: 2027, amount: 50 },
      { ...d.demand[0]!, year: 2028, amount: 2000 },
    ];
    const run = await simulate({ ...d, demand, substitutions: [eesm] }, scenario(2025, 2028));
    expect(run.periods.map((p) => p.substitution[0]!.allowed_share)).toEqual(
      [0.1, 0.2, 0.30000000000000004, 0.1].map((x) => expect.closeTo(x, 9)),
    );
    expect(run.periods[2]!.substitution[0]!.volume).toBe(0);
  });

  it('wait for their start year', async () => {
    const late = { ...eesm, start: 2027 };
    const run = await simulate(
      { ...chain({ cnMagnetCap: 30, usDemand: 2000 }), substitutions: [late] },
      scenario(2025, 2028),
    );
    expect(run.periods.map((p) => p.substitution[0]!.volume)).toEqual(
      [0, 0, 200, 400].map((x) => expect.closeTo(x, 6)),
    );
  });

  it('a grade switch consumes the substitute in the region, up to what can be made', async () => {
    const grade = option({
      id: 'to-b',
      kind: 'grade',
      to: 'magnet-b',
      ratio: 1.25,
      cost: 5,
      max_share: 1,
      ramp: 1,
    });
    const d = withGradeB(chain({ cnMagnetCap: 30, usDemand: 2000 }), 100);
    const run = await simulate({ ...d, substitutions: [grade] }, scenario());
    const p = run.periods[0]!;
    const [row] = p.substitution;
    // 100 t of magnet-b at 1.25 t per t displaced: 80 t of demand served by the other grade.
    expect(row!.volume).toBeCloseTo(80, 6);
    expect(row!.consumed_free + row!.consumed_cn).toBeCloseTo(100, 6);
    expect(row!.to).toBe('magnet-b');
    expect(p.demand[0]!.short).toBeCloseTo(2000 - 70 - 80, 6);
    expect(balanceViolations(p)).toEqual([]);
  });

  it('a grade switch’s substitute goes into use with the demand it serves', async () => {
    const grade = option({
      id: 'to-b',
      kind: 'grade',
      to: 'magnet-b',
      ratio: 1.25,
      cost: 5,
      max_share: 1,
      ramp: 1,
    });
    const d = withGradeB(chain({ cnMagnetCap: 30, usDemand: 2000 }), 100);
    const ev = {
      ...d.applications[0]!,
      lifetime: 'fixed' as const,
      lifetime_mean: 10,
      eol_material: 'magnet',
    };
    const run = await simulate({ ...d, applications: [ev], substitutions: [grade] }, scenario());
    // 70 t of magnets served and 100 t of magnet-b.
    expect(run.periods[0]!.stocks[0]!.inflow).toBeCloseTo(170, 6);
  });

  it('a grade switch is not made when the substitute costs more than the grade it replaces', async () => {
    const grade = option({ id: 'to-b', kind: 'grade', to: 'magnet-b', cost: 5, max_share: 1, ramp: 1 });
    // Demand 50 is served at 15.5 and 35 USD/kg; magnet-b costs 50 + oxide + 5.
    const run = await simulate(
      { ...withGradeB(chain({ cnMagnetCap: 30 }), 100), substitutions: [grade] },
      scenario(),
    );
    expect(run.periods[0]!.substitution[0]!.volume).toBe(0);
  });

  it('switched off (no records), the shortage is back', async () => {
    const d = chain({ cnMagnetCap: 30, usDemand: 2000 });
    const run = await simulate({ ...d, substitutions: [] }, scenario());
    expect(run.periods[0]!.substitution).toEqual([]);
    expect(short(run)).toBeCloseTo(2000 - 70, 6);
  });

  it('a Monte Carlo draw’s own numbers go into the shared structure', async () => {
    const d = { ...chain({ cnMagnetCap: 30, usDemand: 2000 }), substitutions: [eesm] };
    const { prepareModel } = await import('../simulate/prepare-model.js');
    const model = await prepareModel(d, scenario());
    try {
      const drawn = { ...d, substitutions: [{ ...eesm, ramp: 0.2, cost: 2000 }] };
      const run = await simulate(drawn, scenario(), { prepared: model });
      // At 2,000 USD/kg the switch costs more than going short (1,000).
      expect(run.periods[0]!.substitution[0]).toMatchObject({ allowed_share: 0.2, volume: 0 });
    } finally {
      model.solver.dispose();
    }
  });
});
