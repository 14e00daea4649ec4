/**
 * End-of-life magnets in the simulation: they reach end of life by their lifetime, are collected,
 * arrive as scrap and compete with mined supply in the LP; and mass is conserved over the horizon.
 */
import { describe, expect, it } from 'vitest';
import {
  dataset,
  demand,
  facility,
  freight,
  material,
  process,
  testProvenance as prov,
  scenario,
} from '../../test/fixtures/tiny-dataset.js';
import type { Dataset } from '../dataset/types.js';
import type { RunResult } from '../results/types.js';
import { simulate } from '../simulate/simulate.js';

/**
 * US EV demand 100 t/yr of magnets (0.3 Nd), in use exactly 2 years; half of end-of-life magnets
 * collected. Recycling turns 1 t of scrap into 0.3 t of oxide (all of its Nd); magnets need 0.5 t oxide.
 * Mined oxide costs 20 USD/kg at the mine gate in China, recycled oxide 5.
 */
function world(over: Partial<Dataset> = {}): Dataset {
  const magnet = { composition: { Nd: 0.3 }, reo_per_unit: 0.3 };
  return dataset({
    regions: [
      { id: 'US', name: 'US', blocs: [] },
      { id: 'CN', name: 'CN', blocs: [] },
    ],
    materials: [
      material('oxide', 'oxide'),
      material('magnet', 'magnet', magnet),
      material('eol', 'scrap', magnet),
    ],
    processes: [
      process('mine', 'mining', [], [['oxide', 1]]),
      process('make', 'magnet', [['oxide', 0.5]], [['magnet', 1]]),
      process('recycle', 'recycling', [['eol', 1]], [['oxide', 0.3]], 'eol'),
    ],
    facilities: [
      facility('cn-mine', 'CN', 'mine', 1000, 20),
      facility('us-mag', 'US', 'make', 1000, 10),
      facility('us-rec', 'US', 'recycle', 1000, 1.5),
    ],
    applications: [
      {
        id: 'ev',
        name: 'EV',
        voll: 1000,
        voll_unit: 'USD/kg',
        lifetime: 'fixed',
        lifetime_mean: 2,
        eol_material: 'eol',
        ...prov,
      },
    ],
    collection: [{ region: '*', application: '*', year: 2025, rate: 0.5, ...prov }],
    demand: [demand('US', 'ev', 'magnet', 2025, 100)],
    transport: [freight(1)],
    ...over,
  });
}

describe('end-of-life magnets', () => {
  it('reach end of life after their lifetime, are collected and recycled before mined supply', async () => {
    const run = await simulate(world(), scenario(2025, 2027));
    for (const p of run.periods) {
      // The cohort of two years before (100 t) leaves use; half is collected: 50 t of scrap.
      expect(p.stocks).toEqual([
        {
          region: 'US',
          application: 'ev',
          in_use: 200,
          inflow: 100,
          eol: 100,
          collected: 50,
          recycled: 50,
          unit: 't magnet',
        },
      ]);
      // 50 t scrap → 15 t oxide; the other 35 t of the 50 t needed are mined in China.
      expect(p.production.find((r) => r.facility === 'us-rec')!.amount).toBeCloseTo(15, 9);
      expect(p.production.find((r) => r.facility === 'cn-mine')!.amount).toBeCloseTo(35, 9);
    }
  });

  it('raises collection under a collection target', async () => {
    const target = {
      type: 'collection_target' as const,
      id: 'target',
      region: 'US',
      applications: [],
      rate: 0.8,
      start: 2026,
      ...prov,
    };
    const run = await simulate(world({ policies: [target] }), scenario(2025, 2026));
    expect(run.periods.map((p) => p.stocks[0]!.collected)).toEqual([50, 80]);
  });

  it('require recycled content: recycling output at least a share of magnet output', async () => {
    // Recycling is capped at 10 t of scrap (3 t REO of oxide); a 20% recycled-content rule then allows
    // 15 t REO of magnets, 50 t: the other 50 t go short.
    const capped = world();
    const d = {
      ...capped,
      facilities: capped.facilities.map((f) => (f.id === 'us-rec' ? { ...f, capacity: 10 } : f)),
      policies: [
        { type: 'recycled_content' as const, id: 'rc', region: 'US', share: 0.2, start: 2025, ...prov },
      ],
    };
    const [p] = (await simulate(d, scenario())).periods;
    expect(p!.demand[0]!.short).toBeCloseTo(50, 6);
    expect(p!.policies.find((m) => m.metric === 'recycled share of magnet output')!.value).toBeCloseTo(
      0.2,
      9,
    );
  });

  it('conserves mass over the horizon: mined + initial stocks = in use + stocked + disposed + lost', async () => {
    const d = world({
      inventory: [{ region: 'US', material: 'oxide', tag: 'cn', amount: 7, unit: 't REO', ...prov }],
    });
    const run: RunResult = await simulate(d, scenario(2025, 2030, 'quarter'));
    const reo = new Map(d.materials.map((m) => [m.id, m.reo_per_unit]));
    const stage = new Map(d.processes.map((p) => [p.id, p.stage]));
    const facilityStage = new Map(d.facilities.map((f) => [f.id, stage.get(f.process)]));
    let mined = 0;
    let lost = 0;
    let disposed = 0;
    let uncollected = 0;
    for (const p of run.periods) {
      for (const r of p.production) {
        if (facilityStage.get(r.facility) === 'mining') mined += r.amount * reo.get(r.material)!;
        else lost -= r.amount * reo.get(r.material)!;
      }
      for (const c of p.consumption) lost += c.amount * reo.get(c.material)!;
      for (const x of p.disposal) disposed += x.amount * reo.get(x.material)!;
      for (const s of p.stocks) uncollected += (s.eol - s.collected) * 0.3;
    }
    const first = run.periods[0]!;
    const last = run.periods[run.periods.length - 1]!;
    // Initial inventory, and what was in use before the run (the first stock before its inflow and outflow).
    const initial = 7 + (first.stocks[0]!.in_use - first.stocks[0]!.inflow + first.stocks[0]!.eol) * 0.3;
    const inUseAfter = last.stocks[0]!.in_use * 0.3;
    const stocked = last.inventory.reduce((s, x) => s + x.amount * reo.get(x.material)!, 0);
    expect(mined + initial).toBeCloseTo(inUseAfter + stocked + disposed + lost + uncollected, 6);
  });
});
