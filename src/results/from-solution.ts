/** Reads a solved LP back into domain rows. Flows below a tolerance are dropped as solver noise. */
import type { Formulation } from '../lp/formulate.js';
import type { LpSolution } from '../lp/highs-solver.js';
import type { Period } from '../model/periods.js';
import type { PeriodInputs } from '../policies/types.js';
import type {
  CapacityRow,
  ConsumptionRow,
  DemandRow,
  PeriodResult,
  ProductionRow,
  StockRow,
} from './types.js';

/** Flows smaller than this (in canonical units) are reported as zero. */
export const FLOW_EPSILON = 1e-7;
const clean = (x: number) => (Math.abs(x) < FLOW_EPSILON ? 0 : x);

export function fromSolution(
  f: Formulation,
  period: Period,
  inputs: PeriodInputs,
  carriedIn: Float64Array,
  s: LpSolution,
): Omit<PeriodResult, 'seconds' | 'size' | 'policies' | 'policyFlows' | 'stocks'> {
  const { network, layout } = f;
  const x = s.colValue;
  const production: ProductionRow[] = [];
  const consumption: ConsumptionRow[] = [];
  const used = new Map<string, number>();
  network.activities.forEach((a, i) => {
    const level = clean(x[layout.activity + i]!);
    const fac = a.facility;
    used.set(fac.id, (used.get(fac.id) ?? 0) + level);
    if (level === 0) return;
    for (const o of a.process.outputs) {
      production.push({
        facility: fac.id,
        region: fac.region,
        stage: a.process.stage,
        material: o.material,
        tag: a.outTag,
        amount: o.amount * level,
      });
    }
    for (const inp of a.process.inputs) {
      consumption.push({
        facility: fac.id,
        region: fac.region,
        material: inp.material,
        tag: a.inTag,
        amount: inp.amount * level,
      });
    }
  });
  const trade = network.routes
    .map((r, i) => ({
      material: r.material,
      tag: r.tag,
      from: r.from,
      to: r.to,
      amount: clean(x[layout.trade + i]!),
    }))
    .filter((t) => t.amount > 0);
  const downgrade = network.downgrades
    .map((g, i) => ({ ...g, amount: clean(x[layout.downgrade + i]!) }))
    .filter((g) => g.amount > 0);
  const units = new Map(network.dataset.materials.map((m) => [m.id, m.unit]));
  const demand: DemandRow[] = network.demands.map((d, i) => ({
    region: d.region,
    application: d.application,
    material: d.material,
    demand: inputs.demand[i]!,
    served_free: clean(x[layout.serve + 2 * i]!),
    served_cn: clean(x[layout.serve + 2 * i + 1]!),
    short: clean(x[layout.short + i]!),
    unit: units.get(d.material) ?? '',
  }));
  const perHub = (offset: number): StockRow[] =>
    network.hubs
      .map((h, i) => ({ region: h.region, material: h.material, tag: h.tag, amount: clean(x[offset + i]!) }))
      .filter((r) => r.amount > 0);
  const prices = network.hubs.map((h, i) => ({
    region: h.region,
    material: h.material,
    tag: h.tag,
    price: s.rowDual[layout.hubRow + i]!,
  }));
  const stages = new Map(network.dataset.processes.map((p) => [p.id, p.stage]));
  const capacity: CapacityRow[] = network.dataset.facilities.map((fac, i) => ({
    facility: fac.id,
    region: fac.region,
    stage: stages.get(fac.process)!,
    capacity: inputs.capacity[i]!,
    used: used.get(fac.id) ?? 0,
    value: Math.max(0, -s.rowDual[layout.capacityRow + i]!),
  }));
  const openingStock = network.hubs
    .map((h, i) => ({ region: h.region, material: h.material, tag: h.tag, amount: carriedIn[i]! }))
    .filter((r) => r.amount > 0);
  return {
    period,
    status: s.status,
    objective: s.objective,
    iterations: s.iterations,
    production,
    consumption,
    trade,
    downgrade,
    demand,
    prices,
    openingStock,
    inventory: perHub(layout.hold),
    disposal: perHub(layout.dispose),
    capacity,
  };
}
