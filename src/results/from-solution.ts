/** Reads a solved LP back into domain rows. Flows below a tolerance are dropped as solver noise. */
import type { DatasetIndex } from '../dataset/dataset-index.js';
import type { Formulation } from '../lp/formulate.js';
import type { LpSolution } from '../lp/highs-solver.js';
import type { PeriodInputs } from '../policies/types.js';
import type { Period } from '../time/periods.js';
import type {
  CapacityRow,
  ConsumptionRow,
  DemandRow,
  DowngradeRow,
  PeriodResult,
  PriceRow,
  ProductionRow,
  StockRow,
  TradeRow,
} from './types.js';

/** A period's flows as the core LP solved them: a PeriodResult without policies, stocks and timings. */
export type Flows = Omit<
  PeriodResult,
  'seconds' | 'size' | 'policies' | 'policyFlows' | 'substitution' | 'stocks'
>;

/** Flows smaller than this (in canonical units) are reported as zero. */
export const FLOW_EPSILON = 1e-7;
const clean = (x: number) => (Math.abs(x) < FLOW_EPSILON ? 0 : x);

export function fromSolution(
  f: Formulation,
  index: DatasetIndex,
  period: Period,
  inputs: PeriodInputs,
  carriedIn: Float64Array,
  s: LpSolution,
): Flows {
  const { network, layout, activityFacility } = f;
  const x = s.colValue;
  const production: ProductionRow[] = [];
  const consumption: ConsumptionRow[] = [];
  const used = new Float64Array(network.dataset.facilities.length);
  const { activities } = network;
  for (let i = 0; i < activities.length; i++) {
    const level = clean(x[layout.activity + i]!);
    used[activityFacility[i]!]! += level;
    if (level === 0) continue;
    const a = activities[i]!;
    const fac = a.facility;
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
  }
  const trade: TradeRow[] = [];
  network.routes.forEach((r, i) => {
    const amount = clean(x[layout.trade + i]!);
    if (amount > 0) trade.push({ material: r.material, tag: r.tag, from: r.from, to: r.to, amount });
  });
  const downgrade: DowngradeRow[] = [];
  network.downgrades.forEach((g, i) => {
    const amount = clean(x[layout.downgrade + i]!);
    if (amount > 0) downgrade.push({ ...g, amount });
  });
  const destroyed = new Float64Array(network.demands.length);
  for (const c of layout.destroy) destroyed[c.node]! += x[c.col]!;
  const demand: DemandRow[] = network.demands.map((d, i) => ({
    region: d.region,
    application: d.application,
    material: d.material,
    demand: inputs.demand[i]!,
    served_free: clean(x[layout.serve + 2 * i]!),
    served_cn: clean(x[layout.serve + 2 * i + 1]!),
    destroyed: clean(destroyed[i]!),
    short: clean(x[layout.short + i]!),
    unit: index.materialUnit.get(d.material) ?? '',
  }));
  const perHub = (values: ArrayLike<number>, offset: number, tidy: (v: number) => number): StockRow[] => {
    const rows: StockRow[] = [];
    network.hubs.forEach((h, i) => {
      const amount = tidy(values[offset + i]!);
      if (amount > 0) rows.push({ region: h.region, material: h.material, tag: h.tag, amount });
    });
    return rows;
  };
  const prices: PriceRow[] = network.hubs.map((h, i) => ({
    region: h.region,
    material: h.material,
    tag: h.tag,
    price: s.rowDual[layout.hubRow + i]!,
  }));
  const capacity: CapacityRow[] = network.dataset.facilities.map((fac, i) => ({
    facility: fac.id,
    region: fac.region,
    stage: index.facilityStage[i]!,
    capacity: inputs.capacity[i]!,
    used: used[i]!,
    value: Math.max(0, -s.rowDual[layout.capacityRow + i]!),
  }));
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
    openingStock: perHub(carriedIn, 0, (v) => v),
    inventory: perHub(x, layout.hold, clean),
    disposal: perHub(x, layout.dispose, clean),
    capacity,
  };
}
