/**
 * Turns a network into one LP whose structure serves every period:
 *
 *   rows:    hub(r,m,o)  Σ inflows − Σ outflows = −(stock carried in)        dual: price, USD/kg
 *            cap(f)      Σ_o activity(f,o) ≤ capacity in the period           dual: ≤ 0, value of capacity
 *            demand(d)   serve(d,free) + serve(d,cn) + Σ_k destroy(d,k) + short(d) = demand
 *                                                                              dual: value of supply
 *            ration(d)   short(d) − demand(d)·ration(g) = 0 for equals sharing a shortfall (rationing.ts)
 *   columns: activity, trade, downgrade, serve, short, hold (closing stock), dispose; all ≥ 0;
 *            destroy(d,k) ∈ [0, share_k · demand], block k of the application's demand curve given up
 *            at its willingness to pay (demand-curves.ts), so a shortage is priced on the curve;
 *            ration(g) ∈ [0, 1], the fraction of its demand each member of group g goes short.
 *   cost:    production + transport + token downgrade + willingness to pay · destroy
 *            + value of lost load · short + holding + disposal,
 *            in thousand USD (t × USD/kg).
 * The core knows nothing of policies: src/simulate/prepare-model.ts has them add their own rows and
 * columns (contracts too) to the open core LP before it is built.
 */

import type { DatasetIndex } from '../dataset/dataset-index.js';
import type { Dataset, LoadedFacility } from '../dataset/types.js';
import { periodCapacity } from '../model/capacity.js';
import { annualDemandSorted, byYear } from '../model/demand.js';
import { type Activity, DOWNGRADE_COST, type Network } from '../model/network.js';
import type { PeriodInputs } from '../policies/types.js';
import type { Tag } from '../schema/common.js';
import type { Demand } from '../schema/demand.js';
import type { CapacityStep } from '../schema/facility.js';
import type { Period } from '../time/periods.js';
import { addDemandCurves, type CurveStep, curvesOf, type DestroyColumn } from './demand-curves.js';
import { type LinearProgram, LpBuilder } from './linear-program.js';
import { rationingGroups } from './rationing.js';

export interface Layout {
  /** First column of each block; blocks follow one another in this order. */
  readonly activity: number;
  readonly trade: number;
  readonly downgrade: number;
  readonly serve: number;
  readonly short: number;
  readonly hold: number;
  readonly dispose: number;
  /** First row of each block. */
  readonly hubRow: number;
  readonly capacityRow: number;
  readonly demandRow: number;
  /** Min-run rows: facility index (dataset order) and the share of capacity that must run. */
  readonly minRun: readonly { readonly row: number; readonly facility: number; readonly share: number }[];
  /**
   * The matrix entries that change every period: in each rationing row, the coefficient of its
   * group's column is minus the demand of the node (network order) the row rations.
   */
  readonly rationing: readonly MatrixEntry[];
  /** Demand-curve columns: block `step` (from 0) of demand node `node` (network order). */
  readonly destroy: readonly DestroyColumn[];
}

export interface MatrixEntry {
  readonly row: number;
  readonly col: number;
  readonly node: number;
}

/** USD/kg of activity a locked-in plant's customers lose for each unit it does not make. */
export const MIN_RUN_PENALTY = 50;

/** A network's LP: its structure, shared by every period (and every run of the same structure). */
export interface Formulation {
  readonly network: Network;
  /** The core's rows and columns, then those its extensions (the policies) added. */
  readonly lp: LinearProgram;
  readonly layout: Layout;
  /** Dataset index of each activity's facility. */
  readonly activityFacility: Int32Array;
}

/** The core's columns, as extensions address them. */
export interface CoreColumns {
  hubRow(region: string, material: string, tag: Tag): number | undefined;
  /** The activity columns of a facility. */
  activityCols(facilityId: string): readonly { readonly col: number; readonly activity: Activity }[];
  /** Column of route i of network.routes. */
  routeCol(i: number): number;
  /** Column serving demand node i from origin tag t. */
  serveCol(i: number, tag: Tag): number;
  /** Row of demand node i. */
  demandRow(i: number): number;
  /** Index of a facility in dataset order (its capacity in PeriodInputs.capacity). */
  facilityIndex(id: string): number;
}

/** The core LP of a network, still open: extensions add their rows and columns to `b`, then `build` packs it. */
export interface CoreLp {
  readonly b: LpBuilder;
  readonly columns: CoreColumns;
  build(): Formulation;
}

export function formulateCore(network: Network, index: DatasetIndex): CoreLp {
  const { dataset, hubs, activities, routes, downgrades, demands } = network;
  const b = new LpBuilder();
  const hub = (r: string, m: string, t: 'free' | 'cn') => {
    const i = network.hubIndex(r, m, t);
    if (i === undefined) throw new Error(`internal: no hub ${r} ${m} ${t}`);
    return i;
  };
  for (const h of hubs) b.addRow(`hub(${h.region},${h.material},${h.tag})`, 0, 0);
  const capacityRow = b.numRows;
  const facilityRow = new Map<string, number>();
  for (const f of dataset.facilities) facilityRow.set(f.id, b.addRow(`cap(${f.id})`));
  const demandRow = b.numRows;
  for (const d of demands) b.addRow(`demand(${d.region},${d.application},${d.material})`, 0, 0);

  const activity = b.numCols;
  for (const a of activities) {
    const r = a.facility.region;
    b.addCol(`act(${a.facility.id},${a.inTag})`, a.facility.unit_cost, [
      ...a.process.inputs.map((i) => [hub(r, i.material, a.inTag), -i.amount] as const),
      ...a.process.outputs.map((o) => [hub(r, o.material, a.outTag), o.amount] as const),
      [facilityRow.get(a.facility.id)!, 1],
    ]);
  }
  const trade = b.numCols;
  for (const t of routes) {
    b.addCol(`trade(${t.material},${t.tag},${t.from}>${t.to})`, t.cost, [
      [hub(t.from, t.material, t.tag), -1],
      [hub(t.to, t.material, t.tag), 1],
    ]);
  }
  const downgrade = b.numCols;
  for (const g of downgrades) {
    b.addCol(`down(${g.region},${g.material})`, DOWNGRADE_COST, [
      [hub(g.region, g.material, 'free'), -1],
      [hub(g.region, g.material, 'cn'), 1],
    ]);
  }
  const serve = b.numCols;
  demands.forEach((d, i) => {
    for (const tag of ['free', 'cn'] as const) {
      b.addCol(`serve(${d.region},${d.application},${d.material},${tag})`, 0, [
        [hub(d.region, d.material, tag), -1],
        [demandRow + i, 1],
      ]);
    }
  });
  const short = b.numCols;
  demands.forEach((d, i) => {
    b.addCol(`short(${d.region},${d.application},${d.material})`, d.voll, [[demandRow + i, 1]]);
  });
  const materials = new Map(dataset.materials.map((m) => [m.id, m]));
  const hold = b.numCols;
  hubs.forEach((h, i) => {
    b.addCol(`hold(${h.region},${h.material},${h.tag})`, materials.get(h.material)!.holding_cost, [[i, -1]]);
  });
  const dispose = b.numCols;
  hubs.forEach((h, i) => {
    b.addCol(`dispose(${h.region},${h.material},${h.tag})`, materials.get(h.material)!.disposal_cost, [
      [i, -1],
    ]);
  });

  const activityCols = new Map<string, { col: number; activity: Activity }[]>();
  activities.forEach((a, i) => {
    const list = activityCols.get(a.facility.id) ?? [];
    list.push({ col: activity + i, activity: a });
    activityCols.set(a.facility.id, list);
  });

  // Plants whose customers are locked in run at least a share of capacity, or pay the min-run penalty.
  const minRun: { row: number; facility: number; share: number }[] = [];
  dataset.facilities.forEach((f, i) => {
    if (f.min_utilization <= 0) return;
    const row = b.addRow(`minrun(${f.id})`);
    for (const { col } of activityCols.get(f.id) ?? []) b.addEntry(row, col, 1);
    b.addCol(`minrun_short(${f.id})`, MIN_RUN_PENALTY, [[row, 1]]);
    minRun.push({ row, facility: i, share: f.min_utilization });
  });
  // Equals short by the same fraction of their demand (placeholder coefficient, set each period).
  const rationing: MatrixEntry[] = [];
  for (const members of rationingGroups(network)) {
    const first = demands[members[0]!]!;
    const col = b.addCol(`ration(${first.region},${first.material},${first.voll})`, 0, [], 0, 1);
    for (const i of members) {
      const d = demands[i]!;
      const row = b.addRow(`ration(${d.region},${d.application},${d.material})`, 0, 0);
      b.addEntry(row, short + i, 1);
      b.addEntry(row, col, -1);
      rationing.push({ row, col, node: i });
    }
  }
  const destroy = addDemandCurves(b, network, demandRow);
  const { facilityIndex } = index;
  const layout: Layout = {
    activity,
    trade,
    downgrade,
    serve,
    short,
    hold,
    dispose,
    hubRow: 0,
    capacityRow,
    demandRow,
    minRun,
    rationing,
    destroy,
  };
  return {
    b,
    columns: {
      hubRow: (r, m, t) => network.hubIndex(r, m, t),
      activityCols: (id) => activityCols.get(id) ?? [],
      routeCol: (i) => trade + i,
      serveCol: (i, tag) => serve + 2 * i + (tag === 'free' ? 0 : 1),
      demandRow: (i) => demandRow + i,
      facilityIndex: (id) => facilityIndex.get(id)!,
    },
    build: () => ({
      network,
      lp: b.build(),
      layout,
      activityFacility: Int32Array.from(activities, (a) => facilityIndex.get(a.facility.id)!),
    }),
  };
}

/**
 * The numbers a run feeds into the shared structure: its facilities (capacity, schedule, cost),
 * capacity steps and demand series. A Monte Carlo draw changes these numbers, never the structure,
 * so one formulation serves every draw; the dataset must have the formulation's facilities and
 * demand series (values may differ).
 */
export interface RunNumbers {
  readonly facilities: readonly LoadedFacility[];
  /** Capacity steps of each facility (dataset order), by year. */
  readonly facilitySteps: readonly (readonly CapacityStep[])[];
  /** Demand rows per demand node, in network order; each node's rows in year order. */
  readonly demand: readonly (readonly Demand[])[];
  /** Demand-curve blocks per demand node (network order), as Layout.destroy addresses them. */
  readonly curves: readonly (readonly CurveStep[])[];
}

export function runNumbers(f: Formulation, data: Dataset): RunNumbers {
  const base = f.network.dataset;
  if (data !== base) {
    const same =
      data.facilities.length === base.facilities.length &&
      data.facilities.every((x, i) => x.id === base.facilities[i]!.id);
    if (!same) throw new Error('internal: the dataset does not have the prepared model’s facilities');
  }
  const steps = new Map<string, CapacityStep[]>();
  for (const s of data.capacity_steps) {
    const list = steps.get(s.facility);
    if (list) list.push(s);
    else steps.set(s.facility, [s]);
  }
  for (const list of steps.values()) list.sort((a, b) => a.year - b.year);
  const series = new Map<string, Demand[]>();
  for (const d of data.demand) {
    const k = `${d.region}|${d.application}|${d.material}`;
    const list = series.get(k);
    if (list) list.push(d);
    else series.set(k, [d]);
  }
  return {
    facilities: data.facilities,
    facilitySteps: data.facilities.map((x) => steps.get(x.id) ?? []),
    demand: f.network.demands.map((n) =>
      byYear(series.get(`${n.region}|${n.application}|${n.material}`) ?? []),
    ),
    curves: curvesOf(f.network, data, f.layout.destroy),
  };
}

/** A period's numbers: the inputs policies adjust, and the matrix coefficients that change. */
export interface PeriodNumbers extends PeriodInputs {
  /** The value of each entry of Layout.rationing. */
  readonly coefficients: Float64Array;
}

/**
 * The numbers of one period, before policies: capacities, demand, stocks carried in (per hub) and
 * holding costs; rows and columns of policies keep their built bounds until a policy sets them.
 */
export function periodInputs(
  f: Formulation,
  period: Period,
  carriedIn: Float64Array,
  numbers: RunNumbers,
): PeriodNumbers {
  const { network, lp, layout } = f;
  const rowLower = lp.rowLower.slice();
  const rowUpper = lp.rowUpper.slice();
  const colLower = lp.colLower.slice();
  const colUpper = lp.colUpper.slice();
  for (let i = 0; i < network.hubs.length; i++) {
    rowLower[i] = -carriedIn[i]!;
    rowUpper[i] = -carriedIn[i]!;
  }
  const { facilities, facilitySteps } = numbers;
  const capacity = new Float64Array(facilities.length);
  for (let i = 0; i < facilities.length; i++) {
    capacity[i] = periodCapacity(facilities[i]!, facilitySteps[i]!, period);
    rowLower[layout.capacityRow + i] = Number.NEGATIVE_INFINITY;
    rowUpper[layout.capacityRow + i] = capacity[i]!;
  }
  for (const m of layout.minRun) {
    rowLower[m.row] = m.share * capacity[m.facility]!;
    rowUpper[m.row] = Number.POSITIVE_INFINITY;
  }
  const demand = Float64Array.from(
    numbers.demand,
    (rows) => annualDemandSorted(rows, period.year) * period.length,
  );
  demand.forEach((d, i) => {
    rowLower[layout.demandRow + i] = d;
    rowUpper[layout.demandRow + i] = d;
  });
  const colCost = lp.colCost.slice();
  for (let i = 0; i < network.hubs.length; i++)
    colCost[layout.hold + i] = lp.colCost[layout.hold + i]! * period.length;
  for (let i = 0; i < f.activityFacility.length; i++)
    colCost[layout.activity + i] = facilities[f.activityFacility[i]!]!.unit_cost;
  for (const c of layout.destroy) {
    const block = numbers.curves[c.node]![c.step]!;
    colUpper[c.col] = block.share * demand[c.node]!;
    colCost[c.col] = block.price;
  }
  const coefficients = Float64Array.from(layout.rationing, (e) => -demand[e.node]!);
  return { rowLower, rowUpper, colLower, colUpper, colCost, capacity, demand, coefficients };
}
