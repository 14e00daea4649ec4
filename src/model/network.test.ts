import { describe, expect, it } from 'vitest';
import { chain, scenario } from '../../test/fixtures/tiny-dataset.js';
import { buildNetwork, regionDistanceKm, transportCost } from './network.js';
import { taintOf } from './taint.js';

describe('buildNetwork', () => {
  const n = buildNetwork(chain(), taintOf(chain(), scenario()));

  it('gives a region that lists where it imports from routes from those regions alone', () => {
    const into = (importsFrom: string[] | undefined) => {
      const d = chain();
      const regions = d.regions.map((r) => (r.id === 'US' ? { ...r, imports_from: importsFrom } : r));
      const net = buildNetwork({ ...d, regions }, taintOf(d, scenario()));
      return net.routes.filter((r) => r.to === 'US').map((r) => `${r.from}:${r.material}:${r.tag}`);
    };
    expect(into(undefined)).toEqual(
      n.routes.filter((r) => r.to === 'US').map((r) => `${r.from}:${r.material}:${r.tag}`),
    );
    expect(into(undefined).length).toBeGreaterThan(0);
    expect(into(['CN'])).toEqual(into(undefined));
    expect(into([])).toEqual([]);
  });

  it('runs facilities in a tainting region on cn only, input-free plants elsewhere on free only', () => {
    const tags = n.activities.map((a) => `${a.facility.id}:${a.inTag}>${a.outTag}`);
    expect(tags).toEqual([
      'cn-mine:cn>cn',
      'cn-sep:cn>cn',
      'cn-mag:cn>cn',
      'us-mine:free>free',
      'us-sep:free>free',
      'us-sep:cn>cn',
      'us-mag:free>free',
      'us-mag:cn>cn',
    ]);
  });

  it('opens direct routes only from a region that makes a material to one that uses it', () => {
    const routes = n.routes.map((r) => `${r.material}:${r.tag}:${r.from}>${r.to}`);
    // US magnets are never shipped to China: nothing there uses magnets.
    expect(routes).not.toContain('magnet:free:US>CN');
    // Chinese concentrate, oxide and magnets can go to the US; US concentrate can feed Chinese separation.
    expect(routes).toEqual(
      expect.arrayContaining(['conc:cn:CN>US', 'oxide:cn:CN>US', 'magnet:cn:CN>US', 'conc:free:US>CN']),
    );
    // China makes nothing free.
    expect(routes.filter((r) => r.includes(':free:CN>'))).toEqual([]);
  });

  it('lets free material be used as cn where cn material is needed', () => {
    expect(n.downgrades).toEqual(
      expect.arrayContaining([
        { region: 'CN', material: 'conc' },
        { region: 'US', material: 'oxide' },
        { region: 'US', material: 'magnet' },
      ]),
    );
  });

  it('indexes every hub once', () => {
    const keys = n.hubs.map((h) => `${h.region}|${h.material}|${h.tag}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(n.hubIndex('US', 'magnet', 'free')).toBe(keys.indexOf('US|magnet|free'));
    expect(n.hubIndex('CN', 'magnet', 'free')).toBeUndefined();
  });
});

describe('transportCost', () => {
  const d = chain();
  const rows = [
    { from: '*', to: '*', material: '*', cost: 1 },
    { from: 'CN', to: '*', material: '*', cost: 2 },
    { from: 'CN', to: 'US', material: '*', cost: 3 },
    { from: '*', to: '*', material: 'magnet', cost: 4 },
    { from: 'CN', to: 'US', material: 'magnet', cost: 5 },
  ].map((r) => ({ ...r, unit: 'USD/kg', source_ids: ['test'], confidence: 'estimate' as const }));
  const ds = { ...d, transport: rows };

  it('picks the most specific matching row', () => {
    expect(transportCost(ds, 'US', 'CN', 'oxide')).toBe(1);
    expect(transportCost(ds, 'CN', 'JP', 'oxide')).toBe(2);
    expect(transportCost(ds, 'CN', 'US', 'oxide')).toBe(3);
    expect(transportCost(ds, 'US', 'CN', 'magnet')).toBe(4);
    expect(transportCost(ds, 'CN', 'US', 'magnet')).toBe(5);
  });
  it('is zero when no row matches', () => {
    expect(transportCost({ ...d, transport: [] }, 'CN', 'US', 'oxide')).toBe(0);
  });
  it('adds a cost per 1,000 km of great circle between the regions', () => {
    const placed = {
      ...d,
      // Shanghai and Los Angeles: 10,435 km apart (great circle, mean Earth radius).
      regions: d.regions.map((r) =>
        r.id === 'CN' ? { ...r, lat: 31.23, lon: 121.47 } : { ...r, lat: 34.05, lon: -118.24 },
      ),
      transport: [{ ...rows[0]!, cost: 0.25, per_1000km: 0.025 }],
    };
    expect(regionDistanceKm(placed, 'CN', 'US')).toBeCloseTo(10_435, 0);
    expect(regionDistanceKm(placed, 'US', 'CN')).toBe(regionDistanceKm(placed, 'CN', 'US'));
    expect(transportCost(placed, 'CN', 'US', 'oxide')).toBeCloseTo(0.25 + 0.025 * 10.435, 4);
    expect(transportCost(placed, 'US', 'US', 'oxide')).toBe(0.25);
  });
});
