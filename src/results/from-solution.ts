/** Reads a solved LP back into domain rows. Flows below a tolerance are dropped as solver noise. */
import type { Formulation } from '../lp/formulate.js';
import type { LpSolution } from '../lp/highs-solver.js';
import type { Period } from '../model/periods.js';
import type { PeriodInputs } from '../policies/types.js';
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

/** Flows smaller than this (in canonical units) are reported as zero. */
export const FLOW_EPSILON = 1e-7;
const clean = (x: number) => (Math.abs(x) < FLOW_EPSILON ? 0 : x);

/** What reading a solution needs from the dataset, looked up once per formulation rather than per period. */
interface ReadPlan {
  /** Dataset index of each activity's facility. */
  readonly activityFacility: Int32Array;
  /** Stage of each facility, dataset order. */
  readonly facilityStage: readonly CapacityRow['stage'][];
  /** Unit of each demand node's material. */
  readonly demandUnit: readonly string[];
}

const plans = new WeakMap<Formulation, ReadPlan>();

function readPlan(f: Formulation): ReadPlan {
  let plan = plans.get(f);
  if (!plan) {
    const { network } = f;
    const stages = new Map(network.dataset.processes.map((p) => [p.id, p.stage]));
    const units = new Map(network.dataset.materials.map((m) => [m.id, m.unit]));
    plan = {
      activityFacility: Int32Array.from(network.activities, (a) => f.facilityIndex.get(a.facility.id)!),
      facilityStage: network.dataset.facilities.map((fac) => stages.get(fac.process)!),
      demandUnit: network.demands.map((d) => units.get(d.material) ?? ''),
    };
    plans.set(f, plan);
  }
  return plan;
}

export function fromSolution(
  f: Formulation,
  period: Period,
  inputs: PeriodInputs,
  carriedIn: Float64Array,
  s: LpSolution,
): Omit<PeriodResult, 'seconds' | 'size' | 'policies' | 'policyFlows' | 'stocks'> {
  const { network, layout } = f;
  const plan = readPlan(f);
  const x = s.colValue;
  const production: ProductionRow[] = [];
  const consumption: ConsumptionRow[] = [];
  const used = new Float64Array(network.dataset.facilities.length);
  const { activities } = network;
  for (let i = 0; i < activities.length; i++) {
    const level = clean(x[layout.activity + i]!);
    used[plan.activityFacility[i]!]! += level;
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
  const demand: DemandRow[] = network.demands.map((d, i) => ({
    region: d.region,
    application: d.application,
    material: d.material,
    demand: inputs.demand[i]!,
    served_free: clean(x[layout.serve + 2 * i]!),
    served_cn: clean(x[layout.serve + 2 * i + 1]!),
    short: clean(x[layout.short + i]!),
    unit: plan.demandUnit[i]!,
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
    stage: plan.facilityStage[i]!,
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
