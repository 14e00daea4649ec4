/**
 * How a policy acts on the period model. At formulation a policy adds its rows and columns to the
 * LP (the structure every period shares); each period it sets their bounds and costs; after the
 * solve it reports its effect and carries any state (stock levels) to the next period.
 */

import type { LpSolution } from '../lp/highs-solver.js';
import type { LpBuilder } from '../lp/linear-program.js';
import type { Activity, Network } from '../model/network.js';
import type { Period } from '../model/periods.js';
import type { Tag } from '../schema/common.js';
import type { Policy } from '../schema/policy.js';

/** The numbers of one period, mutable until the solve. */
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

export interface BuildContext {
  readonly b: LpBuilder;
  readonly network: Network;
  hubRow(region: string, material: string, tag: Tag): number | undefined;
  /** The activity columns of a facility. */
  activityCols(facilityId: string): readonly { readonly col: number; readonly activity: Activity }[];
  /** Column of route i of network.routes. */
  routeCol(i: number): number;
  /** Column serving demand node i from origin tag t. */
  serveCol(i: number, tag: Tag): number;
  /** Index of a facility in dataset order (its capacity in PeriodInputs.capacity). */
  facilityIndex(id: string): number;
}

export interface PeriodContext {
  readonly period: Period;
  readonly inputs: PeriodInputs;
  /** State carried between periods, by key (e.g. stock levels). */
  readonly state: Map<string, number>;
  /** The run's own policy records by id, when they differ from the formulation's (Monte Carlo draws). */
  readonly policies?: ReadonlyMap<string, Policy>;
}

/** The record a part should use this run: the run's own, else the one it was formulated with. */
export function current<P extends Policy>(ctx: PeriodContext, p: P): P {
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
  report(ctx: PeriodContext, s: LpSolution): PolicyMetric[];
  /** Flows into and out of hubs that this part's columns make (other than trade). */
  flows?(s: LpSolution): PolicyFlow[];
  /** Shipments between regions that this part's columns make (contract deliveries). */
  trade?(s: LpSolution): ShipmentRow[];
  /** Carries state to the next period. */
  carry?(ctx: PeriodContext, s: LpSolution): void;
}

export const INF = Number.POSITIVE_INFINITY;
export const sumAt = (x: Float64Array, cols: readonly number[]) => cols.reduce((s, c) => s + x[c]!, 0);
