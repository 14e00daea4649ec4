/**
 * Substitution and thrift (the dataset's substitutions table) as columns of the LP, composed by
 * src/simulate/prepare-model.ts after the core, like the policies: the core knows nothing of them.
 *
 * Each option that applies to a demand node gets a column (per origin tag of the substitute, for a
 * grade switch or thrift) that satisfies the node's demand:
 *
 *   demand(d)      … + Σ_tag sub(o,d,tag) = demand         +1: it satisfies that demand
 *   hub(r,to,tag)  … − ratio · sub(o,d,tag)                 it consumes the substitute (grade, thrift)
 *   cap(o,d)       Σ_tag sub(o,d,tag) ≤ allowed share · demand of the period
 *
 * at `cost` USD/kg displaced. allowed share = min(max share, share used last period + ramp × period
 * length): the share used is state carried from period to period (PeriodContext.state), starting
 * from nothing. A node under an origin requirement takes only free (China-free) substitutes, so a
 * substitute cannot carry China-touched material past the requirement.
 */
import type { DemandNode } from '../model/network.js';
import type { LpRows, PeriodInputs, Solution } from '../policies/types.js';
import type { Tag } from '../schema/common.js';
import {
  appliesTo,
  type Substitution,
  type SubstitutionKind,
  substituteLabel,
} from '../schema/substitution.js';
import type { Period } from '../time/periods.js';

/** A substitution's effect on one demand node in a period. */
export interface SubstitutionRow {
  readonly region: string;
  readonly application: string;
  readonly option: string;
  readonly kind: SubstitutionKind;
  /** The material displaced (the node's). */
  readonly material: string;
  /** The material switched to, or the technology. */
  readonly to: string;
  /** Demand of `material` displaced, in its canonical unit. */
  readonly volume: number;
  /** Substitute consumed from the region's hubs, per origin tag (grade and thrift), in its canonical unit. */
  readonly consumed_free: number;
  readonly consumed_cn: number;
  /** The option's cost in the period: volume × USD/kg, thousand USD. */
  readonly cost: number;
  /** The share of the node's demand it could take this period. */
  readonly allowed_share: number;
}

/** The core LP as the substitutions see it. */
export interface SubstitutionContext {
  readonly b: LpRows;
  readonly demands: readonly DemandNode[];
  hubRow(region: string, material: string, tag: Tag): number | undefined;
  /** Row of demand node i. */
  demandRow(i: number): number;
}

export interface SubstitutionPeriod {
  readonly period: Period;
  readonly inputs: PeriodInputs;
  /** State carried between periods: the share each option used last period. */
  readonly state: Map<string, number>;
  /** The run's own records by id (a Monte Carlo draw's values differ from the formulation's). */
  readonly options?: ReadonlyMap<string, Substitution> | undefined;
}

export interface SubstitutionPart {
  /** Sets this period's caps and costs. */
  prepare(ctx: SubstitutionPeriod): void;
  /** What each option did in the solved period (all applicable pairs; volume may be 0). */
  rows(ctx: SubstitutionPeriod, s: Solution): SubstitutionRow[];
  /** Carries the share each option used to the next period. */
  carry(ctx: SubstitutionPeriod, s: Solution): void;
}

/** One option on one demand node: its columns (one per tag it may draw) and its cap. */
interface Link {
  readonly option: Substitution;
  readonly node: number;
  readonly key: string;
  readonly cols: readonly { readonly col: number; readonly tag: Tag | undefined }[];
  /** Row capping the columns together, or the column bound when there is one column. */
  readonly cap: { readonly row: number } | { readonly col: number };
}

export function buildSubstitutions(
  options: readonly Substitution[],
  ctx: SubstitutionContext,
): SubstitutionPart {
  const { b } = ctx;
  const links: Link[] = [];
  for (const option of options) {
    ctx.demands.forEach((d, node) => {
      if (!appliesTo(option, d)) return;
      const name = `${option.id},${d.region},${d.application}`;
      const demandRow = ctx.demandRow(node);
      const cols: { col: number; tag: Tag | undefined }[] = [];
      if (option.to === undefined) {
        cols.push({ col: b.addCol(`sub(${name})`, option.cost, [[demandRow, 1]], 0, 0), tag: undefined });
      } else {
        // Under an origin requirement, only China-free substitutes.
        const tags: Tag[] = d.policies.length > 0 ? ['free'] : ['free', 'cn'];
        for (const tag of tags) {
          const hub = ctx.hubRow(d.region, option.to, tag);
          if (hub === undefined) throw new Error(`internal: no hub ${d.region} ${option.to} ${tag}`);
          const col = b.addCol(`sub(${name},${tag})`, option.cost, [
            [demandRow, 1],
            [hub, -option.ratio],
          ]);
          cols.push({ col, tag });
        }
      }
      let cap: Link['cap'];
      if (cols.length === 1) cap = { col: cols[0]!.col };
      else {
        const row = b.addRow(`sub_cap(${name})`, Number.NEGATIVE_INFINITY, 0);
        for (const c of cols) b.addEntry(row, c.col, 1);
        cap = { row };
      }
      links.push({ option, node, key: `substitution|${name}`, cols, cap });
    });
  }

  const record = (ctx: SubstitutionPeriod, l: Link) => ctx.options?.get(l.option.id) ?? l.option;
  const allowed = new Float64Array(links.length);
  /** Solver noise below this (canonical units) reads as zero, as in src/results/from-solution.ts. */
  const clean = (x: number) => (x < 1e-7 ? 0 : x);
  const volume = (l: Link, s: Solution) => l.cols.reduce((sum, c) => sum + clean(s.colValue[c.col]!), 0);

  return {
    prepare(pc) {
      const { period, inputs, state } = pc;
      links.forEach((l, i) => {
        const o = record(pc, l);
        const open = o.start === undefined || period.year >= o.start;
        const share = open ? Math.min(o.max_share, (state.get(l.key) ?? 0) + o.ramp * period.length) : 0;
        allowed[i] = share;
        const upper = share * inputs.demand[l.node]!;
        if ('row' in l.cap) {
          inputs.rowLower[l.cap.row] = Number.NEGATIVE_INFINITY;
          inputs.rowUpper[l.cap.row] = upper;
        } else inputs.colUpper[l.cap.col] = upper;
        for (const c of l.cols) inputs.colCost[c.col] = o.cost;
      });
    },
    rows(pc, s) {
      return links.map((l, i) => {
        const o = record(pc, l);
        const d = ctx.demands[l.node]!;
        const v = volume(l, s);
        const used = (tag: Tag) =>
          l.cols.reduce((sum, c) => sum + (c.tag === tag ? clean(s.colValue[c.col]!) : 0), 0) * o.ratio;
        return {
          region: d.region,
          application: d.application,
          option: o.id,
          kind: o.kind,
          material: d.material,
          to: substituteLabel(o),
          volume: v,
          consumed_free: used('free'),
          consumed_cn: used('cn'),
          cost: v * o.cost,
          allowed_share: allowed[i]!,
        };
      });
    },
    carry(pc, s) {
      for (const l of links) {
        const demand = pc.inputs.demand[l.node]!;
        // No demand this period: the share reached stays what it was.
        if (demand > 0) pc.state.set(l.key, volume(l, s) / demand);
      }
    },
  };
}

/** The substitutions that apply to a demand node (in dataset order). */
export const optionsFor = (options: readonly Substitution[], node: DemandNode): string[] =>
  options.filter((o) => appliesTo(o, node)).map((o) => o.id);
