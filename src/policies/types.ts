/**
 * A policy type, described in full by its own module (src/policies/<type>.ts, one line in
 * index.ts): the schema of its records, the records they name, the hubs it trades through, the
 * demand it singles out, how it acts on the period model, and what Monte Carlo may draw for it.
 *
 * Policies sit with the record types, below the dataset, the network and the LP, and see those
 * only through the interfaces below, which the network (src/model/network.ts), the LP builder and
 * the solver (src/lp) fit as they are; src/simulate/prepare-model.ts plugs them in. At
 * formulation a policy adds its rows and columns to the LP (the structure every period shares);
 * each period it sets their bounds and costs; after the solve it reports its effect and carries
 * any state (stock levels) to the next period.
 */
import type { z } from 'zod';
import type { Agreement } from '../schema/agreement.js';
import type { Tag } from '../schema/common.js';
import type { Material } from '../schema/material.js';
import type { Process } from '../schema/process.js';
import type { Period } from '../time/periods.js';

/** A policy record: its type and id, and the fields its schema gives it. */
export interface PolicyRecord {
  readonly type: string;
  readonly id: string;
}

/** Everything about one policy type. */
export interface PolicyKind<P extends PolicyRecord> {
  /** Its records, as written in policies.yaml or a scenario's `policies`. */
  readonly schema: z.ZodType<P, unknown>;
  /** Fields naming records of other tables, checked when a dataset loads. */
  readonly references: readonly Reference[];
  /** Problems of a record that its schema cannot see (checked with the references). */
  readonly problems?: (p: P) => readonly { readonly field: string; readonly message: string }[];
  /** Hubs its columns take from and give to, so the network routes trade through them. */
  readonly hubs?: (p: P) => readonly HubView[];
  /** Whether it constrains one demand node apart from others: nodes it treats differently are rationed apart. */
  readonly covers?: (p: P, node: DemandView) => boolean;
  /** Its rows and columns in the LP, and how it acts each period. */
  readonly build: (p: P, ctx: BuildContext) => PolicyPart;
  /** Monte Carlo targets (uncertainty.yaml `target`): the record with a drawn value applied. */
  readonly sampling?: Readonly<Record<string, (p: P, value: number) => P>>;
}

/** The tables whose records others name by id. */
export type IdTable =
  | 'sources'
  | 'regions'
  | 'taint_sets'
  | 'materials'
  | 'processes'
  | 'facilities'
  | 'applications'
  | 'policies'
  | 'substitutions';

/** A field naming records of another table (a foreign key). */
export interface Reference {
  /** Its path: `a.b` into an object, `a.*.b` through each item of a list; a list of ids is checked item by item. */
  readonly field: string;
  readonly table: IdTable;
  /** `*` stands for every record. */
  readonly wildcard?: boolean;
}

/** The LP a policy adds rows and columns to (src/lp/linear-program.ts's LpBuilder). */
export interface LpRows {
  addRow(name: string, lower?: number, upper?: number): number;
  addCol(
    name: string,
    cost: number,
    entries: ReadonlyArray<readonly [row: number, value: number]>,
    lower?: number,
    upper?: number,
  ): number;
  addEntry(row: number, col: number, value: number): void;
}

/** A solved period, as a policy reads it (src/lp/highs-solver.ts's LpSolution). */
export interface Solution {
  readonly colValue: Float64Array;
  /** ∂objective/∂(row bound) for each row. */
  readonly rowDual: Float64Array;
}

/** The network's records and nodes, as policies read them (src/model/network.ts). */
export interface HubView {
  readonly region: string;
  readonly material: string;
  readonly tag: Tag;
}
export type MaterialView = Pick<Material, 'id' | 'form' | 'composition'> & {
  /** Canonical unit. */
  readonly unit: string;
  /** t REO per canonical unit. */
  readonly reo_per_unit: number;
};
export interface FacilityView {
  readonly id: string;
  readonly region: string;
}
export interface ActivityView {
  readonly facility: FacilityView;
  readonly process: Process;
  /** Tag of what it makes. */
  readonly outTag: Tag;
}
export interface RouteView {
  readonly material: string;
  readonly tag: Tag;
  readonly from: string;
  readonly to: string;
}
export interface DemandView {
  readonly region: string;
  readonly application: string;
  readonly material: string;
}

/** A contract's dedicated flow from its supplier's region to its buyer's, one per origin tag. */
export interface ContractLink {
  readonly agreement: Agreement;
  readonly material: string;
  readonly tag: Tag;
  readonly from: string;
  readonly to: string;
  /** USD/kg. */
  readonly cost: number;
}

/** What a policy builds on: the core LP's rows and columns and the network they stand for. */
export interface BuildContext {
  readonly b: LpRows;
  readonly materials: readonly MaterialView[];
  /** Facilities in dataset order. */
  readonly facilities: readonly FacilityView[];
  readonly routes: readonly RouteView[];
  readonly demands: readonly DemandView[];
  hubRow(region: string, material: string, tag: Tag): number | undefined;
  /** The activity columns of a facility. */
  activityCols(facilityId: string): readonly { readonly col: number; readonly activity: ActivityView }[];
  /** Column of route i of `routes`. */
  routeCol(i: number): number;
  /** Column serving demand node i from origin tag t. */
  serveCol(i: number, tag: Tag): number;
  /** Index of a facility in dataset order (its capacity in PeriodInputs.capacity). */
  facilityIndex(id: string): number;
}

/** The numbers of one period, mutable until the solve: the core LP sets them, policies adjust them. */
export interface PeriodInputs {
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly colCost: Float64Array;
  /** Capacity per facility in the period, units of activity (dataset order). */
  readonly capacity: Float64Array;
  /** Demand per demand node in the period. */
  readonly demand: Float64Array;
}

export interface PeriodContext {
  readonly period: Period;
  readonly inputs: PeriodInputs;
  /** State carried between periods, by key (e.g. stock levels). */
  readonly state: Map<string, number>;
  /** The run's own policy records by id (a Monte Carlo draw's values differ from the formulation's). */
  readonly policies?: ReadonlyMap<string, PolicyRecord>;
}

/** The record a part should use this run: the run's own, else the one it was formulated with. */
export function current<P extends PolicyRecord>(ctx: PeriodContext, p: P): P {
  return (ctx.policies?.get(p.id) as P | undefined) ?? p;
}

export interface PolicyMetric {
  readonly policy: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
}

/** A hub flow a policy adds, so the mass-balance check can account for it. */
export interface PolicyFlow {
  readonly region: string;
  readonly material: string;
  readonly tag: Tag;
  /** Into the hub (+) or out of it (−). */
  readonly amount: number;
  readonly what: string;
}

export interface ShipmentRow {
  readonly material: string;
  readonly tag: Tag;
  readonly from: string;
  readonly to: string;
  readonly amount: number;
}

export interface PolicyPart {
  readonly id: string;
  /** Sets this period's bounds and costs. */
  prepare(ctx: PeriodContext): void;
  /** True when the period needs the solve without export controls first (the pre-control flows). */
  wantsReference?(ctx: PeriodContext): boolean;
  /** Sets caps from the reference solve. */
  capFromReference?(ctx: PeriodContext, reference: Float64Array): void;
  report(ctx: PeriodContext, s: Solution): PolicyMetric[];
  /** Flows into and out of hubs that this part's columns make (other than trade). */
  flows?(s: Solution): PolicyFlow[];
  /** Shipments between regions that this part's columns make (contract deliveries). */
  trade?(s: Solution): ShipmentRow[];
  /** Carries state to the next period. */
  carry?(ctx: PeriodContext, s: Solution): void;
}

export const INF = Number.POSITIVE_INFINITY;
export const sumAt = (x: Float64Array, cols: readonly number[]) => cols.reduce((s, c) => s + x[c]!, 0);
