import { describe, expect, it } from 'vitest';
import { chain, scenario, testProvenance } from '../../test/fixtures/tiny-dataset.js';
import type { Dataset } from '../dataset/types.js';
import { annualDemand, demandSeries } from '../model/demand.js';
import type { Policy } from '../schema/policy.js';
import { simulate } from '../simulate/simulate.js';
import { carveExposure } from './carve.js';
import { assessExposure } from './exposure.js';
import { loadExposureText } from './validate.js';

/** An exposure file buying `tonnes` of magnet in the US, 2025–2026, from the suppliers given (YAML flow maps). */
const file = (suppliers: string[], tonnes = '20', extra = '') => `company: Test Motors
region: US
horizon: { start: 2025, end: 2026 }
product_lines:
  - id: motors
    application: ev
    grade: magnet
    tonnes: ${tonnes}
    critical: true
    suppliers:
${suppliers.map((s) => `      - ${s}`).join('\n')}
inventory: { days: 73 }
${extra}`;

function load(text: string, dataset: Dataset) {
  const loaded = loadExposureText(text, 'exposure.yaml', dataset);
  if (!loaded.exposure) throw new Error(loaded.problems.map((p) => `${p.line}: ${p.message}`).join('\n'));
  return loaded.exposure;
}

const run = async (dataset: Dataset, text: string) =>
  assessExposure(load(text, dataset), [{ name: 'baseline', dataset, scenario: scenario(2025, 2026) }]);

const total = (r: Awaited<ReturnType<typeof run>>, year: number) =>
  r.rows.find((x) => x.year === year && x.line === '*')!;

describe('company exposure', () => {
  it('shows zero covered share when every supplier is China-free and uncontrolled', async () => {
    // China mines and separates nothing here, so us-mag's oxide is US-made from US ore: its whole chain is free.
    const base = chain();
    const free: Dataset = {
      ...base,
      facilities: base.facilities.map((f) =>
        f.id === 'cn-sep' || f.id === 'cn-mine' ? { ...f, capacity: 0 } : f,
      ),
    };
    const r = await run(free, file(['{ facility: us-mag, share: 1 }']));
    for (const year of [2025, 2026]) {
      const t = total(r, year);
      expect(t.served_t).toBeCloseTo(20, 6);
      expect(t.at_risk_t).toBeCloseTo(0, 6);
      expect(t.covered_share).toBe(0);
      expect(t.covered_share_mining).toBe(0);
      expect(t.covered_share_magnet).toBe(0);
    }
    expect(r.origins.every((o) => o.country === 'US')).toBe(true);
  });

  it('traces covered inputs through a China-free plant, and covers what it buys from China', async () => {
    // With cheaper Chinese oxide on offer, us-mag runs on it: its magnets touched China.
    const viaOxide = await run(chain(), file(['{ facility: us-mag, share: 1 }']));
    expect(total(viaOxide, 2025).covered_share).toBeCloseTo(1, 9);
    expect(total(viaOxide, 2025).covered_share_separation).toBeCloseTo(1, 9);
    expect(total(viaOxide, 2025).covered_share_magnet).toBe(0);
    const r = await run(chain(), file(['{ facility: cn-mag, share: 1 }']));
    expect(total(r, 2025).covered_share).toBeCloseTo(1, 9);
    expect(total(r, 2025).covered_share_magnet).toBeCloseTo(1, 9);
  });

  it("sees its one plant's outage one for one", async () => {
    const text = file(['{ facility: us-mag, share: 1 }']);
    for (const capacity of [40, 15, 5, 0]) {
      const r = await run(chain({ usMagnetCap: capacity }), text);
      const t = total(r, 2025);
      expect(t.at_risk_t, `capacity ${capacity}`).toBeCloseTo(Math.max(0, 20 - capacity), 6);
      expect(t.served_t, `capacity ${capacity}`).toBeCloseTo(Math.min(20, capacity), 6);
      // 73 days of 20 t a year on hand = 4 t; at a shortfall of s t a year it lasts 4 / (s / 365) days.
      if (capacity < 20) expect(t.days_of_cover).toBeCloseTo(4 / ((20 - capacity) / 365), 6);
      else expect(t.days_of_cover).toBeUndefined();
    }
  });

  it('leaves the rest of the region served from its market, and ranks a plant outage as harm', async () => {
    const dataset = chain();
    const outage: Dataset = {
      ...dataset,
      facilities: dataset.facilities.map((f) => (f.id === 'us-mag' ? { ...f, capacity: 5 } : f)),
    };
    const exposure = load(
      file(['{ facility: us-mag, share: 0.5 }', '{ unnamed: true, share: 0.5 }']),
      dataset,
    );
    const r = await assessExposure(exposure, [
      { name: 'baseline', dataset, scenario: scenario(2025, 2026) },
      { name: 'us-mag-outage', dataset: outage, scenario: scenario(2025, 2026) },
    ]);
    const line = (s: string, supplier: string) =>
      r.rows.find((x) => x.scenario === s && x.year === 2025 && x.supplier === supplier)!;
    // The unnamed half is served like the rest of US demand: with Chinese magnets.
    expect(line('baseline', 'unnamed').served_t).toBeCloseTo(10, 6);
    expect(line('baseline', 'unnamed').covered_share).toBeCloseTo(1, 9);
    expect(line('us-mag-outage', 'us-mag').at_risk_t).toBeCloseTo(5, 6);
    expect(r.ranking.map((x) => x.scenario)).toEqual(['us-mag-outage', 'baseline']);
    expect(r.ranking[0]!.critical_at_risk_t).toBeCloseTo(10, 6);
  });

  it('ranks alternative plants by spare China-free capacity', async () => {
    const r = await run(chain(), file(['{ facility: us-mag, share: 1 }']));
    const alt = r.alternatives.filter((a) => a.scenario === 'baseline');
    expect(alt.map((a) => a.facility)).toEqual(['us-mag', 'cn-mag']);
    expect(alt[0]!.spare_free_t).toBeCloseTo(20, 6); // 40 t, 20 of them used by the company
    expect(alt[1]).toMatchObject({ covered: true, spare_free_t: 0, current_supplier: false });
    // us-mag runs on cheaper Chinese oxide in this run: none of what it made was free.
    expect(alt[0]!.output_free_share).toBe(0);
  });
});

describe('carving the company out of its region', () => {
  it('leaves total demand unchanged, year by year and after the last row', () => {
    const base = chain();
    const dataset: Dataset = {
      ...base,
      demand: [
        { ...base.demand[0]!, year: 2024, amount: 50 },
        { ...base.demand[0]!, year: 2030, amount: 110, cagr: 0.05 },
      ],
    };
    const text = file(
      ['{ facility: us-mag, share: 0.6 }', '{ country: CN, share: 0.4 }'],
      '{ 2025: 20, 2026: 30 }',
    );
    const carved = carveExposure(dataset, load(text, dataset));
    const sum = (d: Dataset, y: number) =>
      demandSeries(d.demand).reduce((s, x) => s + annualDemand(x.rows, y), 0);
    for (const y of [2020, 2024, 2025, 2025.5, 2026, 2028, 2030, 2035])
      expect(sum(carved.dataset, y), String(y)).toBeCloseTo(sum(dataset, y), 9);
    const nodeDemand = (region: string, y: number) =>
      annualDemand(demandSeries(carved.dataset.demand).find((s) => s.region === region)!.rows, y);
    expect(nodeDemand('US.motors.1', 2025)).toBeCloseTo(12, 9);
    expect(nodeDemand('US.motors.2', 2026)).toBeCloseTo(12, 9);
    expect(nodeDemand('US', 2026)).toBeCloseTo(sum(dataset, 2026) - 30, 9);
  });

  it('gives the company nodes routes only from their country suppliers', async () => {
    const dataset = chain();
    const carved = carveExposure(dataset, load(file(['{ country: CN, share: 1 }']), dataset));
    const result = await simulate(carved.dataset, scenario(2025, 2025));
    const p = result.periods[0]!;
    const into = p.trade.filter((t) => t.to === 'US.motors.1');
    expect(into.every((t) => t.from === 'CN')).toBe(true);
    expect(into.reduce((s, t) => s + t.amount, 0)).toBeCloseTo(20, 6);
  });
});

describe('the home region’s policies reach the company', () => {
  const dfars: Policy = {
    type: 'origin_requirement',
    id: 'free',
    region: 'US',
    set: 'china',
    applications: ['ev'],
    materials: [],
    share: 1,
    start: 2025,
    ...testProvenance,
  };
  const embargo: Policy = {
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
    ...testProvenance,
  };
  const withPolicy = (p: Policy): Dataset => ({ ...chain(), policies: [p] });

  it('an origin requirement on its region and application leaves China-made supply short', async () => {
    const r = await run(withPolicy(dfars), file(['{ facility: cn-mag, share: 1 }']));
    expect(total(r, 2025).at_risk_t).toBeCloseTo(20, 6);
    const carved = carveExposure(withPolicy(dfars), load(file(['{ facility: cn-mag, share: 1 }']), chain()));
    expect(carved.dataset.policies.map((p) => p.id)).toEqual(['free', 'free.US.motors.1']);
  });

  it('an export control to its region stops what it buys from that country', async () => {
    const plain = await run(chain(), file(['{ country: CN, share: 1 }']));
    expect(total(plain, 2025).at_risk_t).toBeCloseTo(0, 6);
    const r = await run(withPolicy(embargo), file(['{ country: CN, share: 1 }']));
    expect(total(r, 2025).at_risk_t).toBeCloseTo(20, 6);
  });
});
