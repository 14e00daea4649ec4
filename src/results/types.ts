/**
 * What a run produces: per period, the solved flows in domain terms. Amounts are in each
 * material's canonical unit (the `unit` of its record), prices and duals in USD/kg.
 */

import type { SubstitutionRow } from '../lp/substitution.js';
import type { PolicyFlow, PolicyMetric } from '../policies/types.js';
import type { Taint } from '../scenario/taint.js';
import type { Tag } from '../schema/common.js';
import type { Stage } from '../schema/process.js';
import type { Period } from '../time/periods.js';

export type { SubstitutionRow };

export interface ProductionRow {
  readonly facility: string;
  readonly region: string;
  readonly stage: Stage;
  readonly material: string;
  readonly tag: Tag;
  readonly amount: number;
}
export interface ConsumptionRow {
  readonly facility: string;
  readonly region: string;
  readonly material: string;
  readonly tag: Tag;
  readonly amount: number;
}
export interface TradeRow {
  readonly material: string;
  readonly tag: Tag;
  readonly from: string;
  readonly to: string;
  readonly amount: number;
}
export interface DemandRow {
  readonly region: string;
  readonly application: string;
  readonly material: string;
  readonly demand: number;
  readonly served_free: number;
  readonly served_cn: number;
  /** Given up because of price: the blocks of the demand curve whose willingness to pay the price exceeded. */
  readonly destroyed: number;
  /** Left unserved beyond the demand curve (at the value of lost load). */
  readonly short: number;
  /** Canonical unit of the material. */
  readonly unit: string;
}
export interface HubRow {
  readonly region: string;
  readonly material: string;
  readonly tag: Tag;
}
export interface PriceRow extends HubRow {
  /** Marginal cost of one more unit at the hub, USD/kg. */
  readonly price: number;
}
export interface StockRow extends HubRow {
  readonly amount: number;
}
export interface DowngradeRow {
  readonly region: string;
  readonly material: string;
  readonly amount: number;
}
export interface CapacityRow {
  readonly facility: string;
  readonly region: string;
  readonly stage: Stage;
  /** Capacity in the period and its use, in units of activity. */
  readonly capacity: number;
  readonly used: number;
  /** Value of one more unit of capacity, USD/kg (≥ 0). */
  readonly value: number;
}

/** In-use stocks of one region and application in a period (src/stocks). */
export interface InUseRow {
  readonly region: string;
  readonly application: string;
  /** In use at the start of the period, after its inflow. */
  readonly in_use: number;
  readonly inflow: number;
  readonly eol: number;
  readonly collected: number;
  readonly recycled: number;
  readonly unit: string;
}

export interface LpSize {
  readonly rows: number;
  readonly cols: number;
  readonly nonzeros: number;
}

export interface PeriodResult {
  readonly period: Period;
  readonly status: string;
  /** Total cost, thousand USD. */
  readonly objective: number;
  readonly size: LpSize;
  readonly iterations: number;
  readonly seconds: { readonly build: number; readonly solve: number; readonly extract: number };
  readonly production: readonly ProductionRow[];
  readonly consumption: readonly ConsumptionRow[];
  readonly trade: readonly TradeRow[];
  readonly downgrade: readonly DowngradeRow[];
  readonly demand: readonly DemandRow[];
  readonly prices: readonly PriceRow[];
  /** Stock carried into the period, and closing stock carried out. */
  readonly openingStock: readonly StockRow[];
  readonly inventory: readonly StockRow[];
  readonly disposal: readonly StockRow[];
  readonly capacity: readonly CapacityRow[];
  /** Each policy's and contract's effect in the period. */
  readonly policies: readonly PolicyMetric[];
  /** Hub flows made by policies (contract deliveries, stockpile purchases and releases). */
  readonly policyFlows: readonly PolicyFlow[];
  /** What each substitution (grade switch, thrift, technology switch) did per demand node. */
  readonly substitution: readonly SubstitutionRow[];
  /** In-use stocks, end of life, collection and recycling, per region and application. */
  readonly stocks: readonly InUseRow[];
}

export interface RunResult {
  readonly scenario: { readonly name: string; readonly file?: string | undefined };
  readonly dataset: { readonly name: string; readonly dir: string; readonly hash: string };
  /** The taint set the origin tags track: `cn` = touched one of its regions. */
  readonly taint: Taint;
  readonly version: string;
  readonly periods: readonly PeriodResult[];
}
