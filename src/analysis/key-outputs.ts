/**
 * The key outputs of a run, per period, as one long list of values: what `compare` sets side by
 * side. Shortfalls by region × application, the China-free share of each region's demand, prices
 * per tag of the demanded materials and of oxides where demand is, demand displaced by substitution
 * per region and application, and each policy's headline numbers (floor payments, stock levels, exports blocked, contract fulfilment).
 */
import type { RunResult } from '../results/types.js';

export interface KeyOutput {
  readonly period: string;
  readonly group: string;
  readonly item: string;
  readonly unit: string;
  readonly value: number;
}

const POLICY_METRICS = new Map([
  ['floor payments', 'floor payments'],
  ['stock level', 'stock level'],
  ['fulfilment', 'contract fulfilment'],
  ['licensed share of pre-control flow', 'licensed share'],
]);

export function keyOutputs(run: RunResult, oxides: ReadonlySet<string>): KeyOutput[] {
  const out: KeyOutput[] = [];
  for (const p of run.periods) {
    const period = p.period.label;
    const regions = new Map<string, { demand: number; free: number; unit: string }>();
    const demanded = new Set<string>();
    for (const d of p.demand) {
      out.push({
        period,
        group: 'short',
        item: `${d.region} ${d.application} ${d.material}`,
        unit: d.unit,
        value: d.short,
      });
      out.push({
        period,
        group: 'destroyed',
        item: `${d.region} ${d.application} ${d.material}`,
        unit: d.unit,
        value: d.destroyed,
      });
      const r = regions.get(d.region) ?? { demand: 0, free: 0, unit: d.unit };
      r.demand += d.demand;
      r.free += d.served_free;
      regions.set(d.region, r);
      demanded.add(d.material);
    }
    for (const [region, r] of regions) {
      out.push({
        period,
        group: 'China-free share',
        item: region,
        unit: 'share',
        value: r.demand > 0 ? r.free / r.demand : 0,
      });
    }
    for (const price of p.prices) {
      if (!regions.has(price.region) || !(demanded.has(price.material) || oxides.has(price.material)))
        continue;
      out.push({
        period,
        group: 'price',
        item: `${price.region} ${price.material} ${price.tag}`,
        unit: 'USD/kg',
        value: price.price,
      });
    }
    // Demand displaced by substitution, per region and application that has an option (0 when unused).
    const units = new Map(p.demand.map((d) => [d.material, d.unit]));
    const substituted = new Map<string, { value: number; unit: string }>();
    for (const r of p.substitution) {
      const key = `${r.region} ${r.application}`;
      const s = substituted.get(key) ?? { value: 0, unit: units.get(r.material) ?? '' };
      s.value += r.volume;
      substituted.set(key, s);
    }
    for (const [item, s] of substituted)
      out.push({ period, group: 'substituted', item, unit: s.unit, value: s.value });
    for (const m of p.policies) {
      const name = POLICY_METRICS.get(m.metric) ?? (m.metric.startsWith('blocked ') ? m.metric : undefined);
      if (name) out.push({ period, group: name, item: m.policy, unit: m.unit, value: m.value });
    }
  }
  return out;
}
