/**
 * Each policy on the hand-worked chain of test/fixtures/tiny-dataset.ts (CN taints; per t magnet
 * 0.5 t oxide, per t oxide 2 t concentrate; US capacities: mine 100, separation 30, magnets 40;
 * US EV demand 50 t, value of lost load 1000 USD/kg; transport 1 USD/kg). Delivered costs per t
 * magnet in the US: Chinese magnet 15.5; US magnet on Chinese oxide 35; all-US 40.
 */
import { describe, expect, it } from 'vitest';
import {
  chain,
  dataset,
  demand,
  ev,
  facility,
  testProvenance as prov,
  scenario,
} from '../../test/fixtures/tiny-dataset.js';
import type { Dataset } from '../dataset/types.js';
import type { PeriodResult } from '../results/types.js';
import type { Agreement } from '../schema/agreement.js';
import type { Policy } from '../schema/policy.js';
import { simulate } from '../simulate/simulate.js';

const withPolicies = (d: Dataset, ...policies: Policy[]): Dataset => ({ ...d, policies });
const metric = (p: PeriodResult, policy: string, name: string) =>
  p.policies.find((m) => m.policy === policy && m.metric === name)?.value;
const us = (p: PeriodResult) => p.demand.find((d) => d.region === 'US')!;
const embargo = (over: Partial<Extract<Policy, { type: 'export_control' }>> = {}): Policy => ({
  type: 'export_control',
  id: 'embargo',
  exporter: 'CN',
  elements: [],
  materials: ['magnet', 'oxide'],
  forms: ['oxide', 'metal', 'alloy', 'magnet'],
  destinations: { mode: 'only', regions: ['US'] },
  licensed_share: 0,
  licensing_delay_months: 0,
  start: 2025,
  ...prov,
  ...over,
});

async function first(d: Dataset, start = 2025, end = start) {
  return (await simulate(d, scenario(start, end))).periods;
}

describe('export controls', () => {
  it('an embargo leaves the destination short by exactly what it cannot source elsewhere', async () => {
    // Without Chinese oxide or magnets the US makes 15 t oxide (separation cut to 15 t here), enough
    // for 30 t of magnets: 20 t of the 50 t go short. (Chinese concentrate is not controlled, and
    // cheaper than US concentrate, so those 30 t are still China-touched.)
    const d = chain();
    const small = {
      ...d,
      facilities: d.facilities.map((f) => (f.id === 'us-sep' ? { ...f, capacity: 15 } : f)),
    };
    const [p] = await first(withPolicies(small, embargo()));
    expect(us(p!).short).toBeCloseTo(20, 6);
    expect(us(p!).served_cn).toBeCloseTo(30, 6);
    expect(p!.trade.filter((t) => t.from === 'CN' && t.to === 'US').map((t) => t.material)).toEqual(['conc']);
    // Before the control all 50 t were Chinese magnets.
    expect(metric(p!, 'embargo', 'pre-control exports magnet')).toBeCloseTo(50, 6);
    expect(metric(p!, 'embargo', 'blocked magnet')).toBeCloseTo(50, 6);
  });

  it('licenses a share of the pre-control flow, pro-rated over the months it applies', async () => {
    // From July with a 40% licence: 0.5 + 0.5·0.4 = 70% of the 50 t pre-control flow.
    const [p] = await first(withPolicies(chain(), embargo({ licensed_share: 0.4, start: 2025.5 })));
    expect(metric(p!, 'embargo', 'licensed share of pre-control flow')).toBeCloseTo(0.7, 9);
    expect(p!.trade.find((t) => t.material === 'magnet' && t.from === 'CN')!.amount).toBeCloseTo(35, 6);
    // The other 15 t are made in the US (from US oxide, as Chinese oxide is controlled too).
    expect(us(p!).short).toBeCloseTo(0, 6);
  });

  it('counts months before licences arrive as an embargo', async () => {
    // Licences (share 1) only after a 6-month delay from January: half the year's flow.
    const [p] = await first(withPolicies(chain(), embargo({ licensed_share: 1, licensing_delay_months: 6 })));
    expect(metric(p!, 'embargo', 'licensed share of pre-control flow')).toBeCloseTo(0.5, 9);
  });

  it('controls only materials containing a controlled element, in the covered forms', async () => {
    const [p] = await first(withPolicies(chain(), embargo({ materials: [], elements: ['Dy'] })));
    expect(p!.trade.find((t) => t.material === 'magnet' && t.from === 'CN')!.amount).toBeCloseTo(50, 6);
  });

  it('reaches China-touched re-exports from third countries when extraterritorial', async () => {
    // Japan makes magnets from Chinese oxide; with the extraterritorial rule its cn magnets cannot
    // go to the US either. Japan's magnet making (12 USD/kg) still beats the US plant (30), so the
    // US sends its China-free oxide to Japan and gets all 50 t back as China-free magnets.
    const d = chain({ cnMagnetCap: 0 });
    const withJapan: Dataset = {
      ...d,
      regions: [...d.regions, { id: 'JP', name: 'Japan', blocs: [] }],
      facilities: [...d.facilities, facility('jp-mag', 'JP', 'make', 1000, 12)],
    };
    const direct = await first(withPolicies(withJapan, embargo()));
    expect(direct[0]!.trade.find((t) => t.material === 'magnet' && t.from === 'JP')?.amount).toBeGreaterThan(
      0,
    );
    const [p] = await first(withPolicies(withJapan, embargo({ extraterritorial: { de_minimis: 0.001 } })));
    expect(p!.trade.filter((t) => t.to === 'US' && t.tag === 'cn')).toEqual([]);
    expect(us(p!).short).toBeCloseTo(0, 6);
    expect(us(p!).served_free).toBeCloseTo(50, 6);
    expect(
      p!.trade.find((t) => t.material === 'oxide' && t.from === 'US' && t.to === 'JP')!.amount,
    ).toBeCloseTo(25, 6);
  });
});

describe('tariffs', () => {
  it('adds the duty to the route and reports the revenue', async () => {
    // A 30 USD/kg duty on Chinese magnets: delivered 45.5 > 35 for US magnets on Chinese oxide, so
    // the US plant runs at its 40 t and only 10 t are imported, paying 10 t × 30 USD/kg.
    const duty: Policy = {
      type: 'tariff',
      id: 'duty',
      importer: 'US',
      exporters: ['CN'],
      materials: ['magnet'],
      tag: 'any',
      per_kg: 30,
      ad_valorem: 0,
      start: 2025,
      ...prov,
    };
    const [p] = await first(withPolicies(chain(), duty));
    expect(p!.trade.find((t) => t.material === 'magnet' && t.from === 'CN')!.amount).toBeCloseTo(10, 6);
    expect(metric(p!, 'duty', 'tariff revenue')).toBeCloseTo(0.3, 9);
  });
});

describe('price floors', () => {
  it('runs the covered volume and pays (floor − market price) × volume', async () => {
    // 10 t of US oxide under a 30 USD/kg floor; the US oxide price is set by imported Chinese
    // oxide at 10 USD/kg (less the token cost of using free material as cn): 10 × (30 − 10) kUSD.
    const floor: Policy = {
      type: 'price_floor',
      id: 'floor',
      producers: ['us-sep'],
      material: 'oxide',
      floor: 30,
      volume: 10,
      start: 2025,
      ...prov,
    };
    const [p] = await first(withPolicies(chain({ cnMagnetCap: 30 }), floor));
    expect(p!.capacity.find((c) => c.facility === 'us-sep')!.used).toBeCloseTo(10, 6);
    expect(metric(p!, 'floor', 'market price')).toBeCloseTo(10, 3);
    expect(metric(p!, 'floor', 'floor payments')).toBeCloseTo(0.2, 5);
  });
});

describe('origin requirements', () => {
  const rule = (share: number): Policy => ({
    type: 'origin_requirement',
    id: 'free',
    region: 'US',
    set: 'china',
    applications: ['ev'],
    materials: [],
    share,
    start: 2025,
    ...prov,
  });
  it('forces China-free supply or a shortage', async () => {
    // All-US chain: 40 t of magnets at most; the other 10 t go short rather than come from China.
    const [p] = await first(withPolicies(chain(), rule(1)));
    expect(us(p!).served_cn).toBeCloseTo(0, 6);
    expect(us(p!).served_free).toBeCloseTo(40, 6);
    expect(us(p!).short).toBeCloseTo(10, 6);
  });
  it('lets the rest come from anywhere', async () => {
    const [p] = await first(withPolicies(chain(), rule(0.5)));
    expect(us(p!).served_free).toBeCloseTo(25, 6);
    expect(us(p!).served_cn).toBeCloseTo(25, 6);
    expect(metric(p!, 'free', 'served China-free share')).toBeCloseTo(0.5, 6);
  });
  it('with first call, serves the share before demand that values it more', async () => {
    // No Chinese magnets: the US plant's 40 t are all there is, and EU defence (2,000 USD/kg) outbids
    // US EVs (1,000): the US goes short. With first call the US keeps its 25 t free, the EU gets 15.
    const d = chain({ cnMagnetCap: 0 });
    const defence = { ...ev, id: 'defence', name: 'Defence', voll: 2000 };
    const short: Dataset = {
      ...d,
      regions: [...d.regions, { id: 'EU', name: 'Europe', blocs: [] }],
      applications: [ev, defence],
      demand: [...d.demand, demand('EU', 'defence', 'magnet', 2025, 40)],
    };
    const eu = (p: PeriodResult) => p.demand.find((x) => x.region === 'EU')!;
    const [plain] = await first(withPolicies(short, rule(0.5)));
    expect(us(plain!).served_free).toBeCloseTo(0, 6);
    expect(eu(plain!).served_free + eu(plain!).served_cn).toBeCloseTo(40, 6);
    const [p] = await first(withPolicies(short, { ...rule(0.5), first_call: true } as Policy));
    expect(us(p!).served_free).toBeCloseTo(25, 6);
    expect(us(p!).served_cn).toBeCloseTo(0, 6);
    expect(eu(p!).served_free + eu(p!).served_cn).toBeCloseTo(15, 6);
    expect(metric(p!, 'free', 'first-call shortfall')).toBeCloseTo(0, 6);
  });
});

describe('contracts', () => {
  it('make the supplier deliver the contracted volume although China is cheaper', async () => {
    const deal: Agreement = {
      id: 'deal',
      supplier: 'us-mag',
      buyer: 'Carmaker',
      buyer_region: 'US',
      material: 'magnet',
      volume: 30,
      unit: 't magnet',
      start_year: 2025,
      firmness: 'binding',
      ...prov,
    };
    const [without] = await first(chain());
    expect(without!.capacity.find((c) => c.facility === 'us-mag')!.used).toBeCloseTo(0, 6);
    const [p] = await first({ ...chain(), agreements: [deal] });
    expect(p!.capacity.find((c) => c.facility === 'us-mag')!.used).toBeCloseTo(30, 6);
    expect(metric(p!, 'contract deal', 'fulfilment')).toBeCloseTo(1, 9);
  });
  it('report a shortfall when the supplier cannot deliver', async () => {
    const deal: Agreement = {
      id: 'deal',
      supplier: 'us-mag',
      buyer: 'Carmaker',
      buyer_region: 'US',
      material: 'magnet',
      volume: 60,
      unit: 't magnet',
      start_year: 2025,
      firmness: 'binding',
      ...prov,
    };
    const [p] = await first({ ...chain(), agreements: [deal] });
    expect(metric(p!, 'contract deal', 'fulfilment')).toBeCloseTo(40 / 60, 6);
    expect(metric(p!, 'contract deal', 'shortfall')).toBeCloseTo(20, 6);
  });
});

describe('stockpiles', () => {
  it('build towards the target and release when short', async () => {
    // 2025: plenty of Chinese magnets, 20 t go into the US stockpile. 2026: China's magnet plant
    // is closed and the US makes 40 of 50 t: the stockpile releases 10 t (short would cost 1000,
    // release 500 USD/kg), leaving 10 t.
    const d = chain();
    const closing = {
      ...d,
      facilities: d.facilities.map((f) => (f.id === 'cn-mag' ? { ...f, end_year: 2025 } : f)),
    };
    const pile: Policy = {
      type: 'stockpile',
      id: 'pile',
      region: 'US',
      material: 'magnet',
      tag: 'cn',
      initial: 0,
      target: 20,
      build_rate: 20,
      build_priority: 50,
      release_price: 500,
      start: 2025,
      ...prov,
    };
    const [p25, p26] = await first(withPolicies(closing, pile), 2025, 2026);
    expect(metric(p25!, 'pile', 'bought')).toBeCloseTo(20, 6);
    expect(metric(p25!, 'pile', 'stock level')).toBeCloseTo(20, 6);
    expect(us(p26!).short).toBeCloseTo(0, 6);
    expect(metric(p26!, 'pile', 'released')).toBeCloseTo(10, 6);
    expect(metric(p26!, 'pile', 'stock level')).toBeCloseTo(10, 6);
  });
});

describe('cost paths', () => {
  it('scale the unit costs of the facilities they select', async () => {
    // Chinese magnet making at twice its cost (20 instead of 10 USD/kg): 30 t cost 10 more each.
    const shift: Policy = {
      type: 'cost_shift',
      id: 'dear',
      regions: [],
      stages: [],
      facilities: ['cn-mag'],
      path: [{ year: 2025, factor: 2 }],
      ...prov,
    };
    const [base] = await first(chain({ cnMagnetCap: 30 }));
    const [p] = await first(withPolicies(chain({ cnMagnetCap: 30 }), shift));
    expect(p!.objective - base!.objective).toBeCloseTo(30 * 10, 6);
    expect(metric(p!, 'dear', 'cost factor')).toBe(2);
  });
});

describe('policies keep the mass balance', () => {
  it('passes the production check with every policy at once', async () => {
    const d = dataset({ ...chain(), agreements: [] });
    const all: Policy[] = [
      embargo({ licensed_share: 0.3, start: 2025.25 }),
      {
        type: 'stockpile',
        id: 'pile',
        region: 'US',
        material: 'oxide',
        tag: 'free',
        initial: 5,
        target: 20,
        build_rate: 10,
        build_priority: 50,
        release_price: 500,
        start: 2025,
        ...prov,
      },
      {
        type: 'origin_requirement',
        id: 'free',
        region: 'US',
        set: 'china',
        applications: [],
        materials: [],
        share: 0.2,
        start: 2026,
        ...prov,
      },
    ];
    const run = await simulate(withPolicies(d, ...all), scenario(2025, 2027, 'quarter'));
    expect(run.periods).toHaveLength(12);
  });
});
