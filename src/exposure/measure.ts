/**
 * What a run gave the company, per year and product line × supplier: demand, served (free of the
 * run's taint set, or touched by it), short, the share of its supply that touched covered countries
 * (the origin tag, and per stage the proportional trace of src/analysis/trace.ts through its
 * suppliers' actual inputs) and what it paid (served × the price at its node's hub, the dual the run
 * already has). An unnamed share is measured at the rates of the home node it stays in.
 */
import { TRACED_STAGES, traceStage } from '../analysis/trace.js';
import type { Dataset } from '../dataset/types.js';
import type { PeriodResult, RunResult } from '../results/types.js';
import type { CompanyNode } from './carve.js';

export interface NodeYear {
  readonly year: number;
  readonly line: string;
  readonly supplier: string;
  readonly demand: number;
  readonly served_free: number;
  readonly served_covered: number;
  /** Demand not served: left short, or given up at the price (the demand curve). */
  readonly short: number;
  /** USD: served × hub price. */
  readonly cost: number;
  /** Per traced stage, the t served that came from a region of the taint set at that stage. */
  readonly covered_by_stage: Readonly<Record<string, number>>;
}

export interface OriginRow {
  readonly year: number;
  readonly line: string;
  readonly supplier: string;
  readonly stage: string;
  readonly country: string;
  readonly amount: number;
}

export interface Measured {
  readonly rows: readonly NodeYear[];
  readonly origins: readonly OriginRow[];
}

/** The company's share of a run, node by node and year by year (periods of a year summed). */
export function measureExposure(
  run: RunResult,
  dataset: Dataset,
  nodes: readonly CompanyNode[],
  tonnesOf: (line: string, year: number) => number,
  options: { readonly trace?: boolean } = {},
): Measured {
  const taint = new Set(run.taint.regions);
  const rows = new Map<string, NodeYear>();
  const origins = new Map<string, OriginRow>();
  const reo = new Map(dataset.materials.map((m) => [m.id, m.reo_per_unit]));
  for (const p of run.periods) {
    const stages =
      options.trace === false
        ? []
        : TRACED_STAGES.map((stage) => ({ stage, ...traceStage(p, dataset, stage) }));
    for (const n of nodes) {
      const d = p.demand.find(
        (x) => x.region === n.region && x.application === n.application && x.material === n.grade,
      );
      const own = n.source.kind !== 'unnamed';
      // Unnamed shares take the home node's rates, applied to their own tonnes.
      const demand = own ? (d?.demand ?? 0) : tonnesOf(n.line, p.period.year) * n.share * p.period.length;
      const scale = own ? 1 : d && d.demand > 0 ? demand / d.demand : 0;
      const free = (d?.served_free ?? 0) * scale;
      const covered = (d?.served_cn ?? 0) * scale;
      const served = free + covered;
      const cost =
        1000 * (free * price(p, n.region, n.grade, 'free') + covered * price(p, n.region, n.grade, 'cn'));
      const byStage: Record<string, number> = {};
      for (const { stage, buckets, hubs } of stages) {
        // A plant's dedicated flow carries that plant's own mix, not its region's hub's.
        const mix = new Float64Array(buckets.length);
        for (const [tag, amount] of [
          ['free', free],
          ['cn', covered],
        ] as const) {
          if (amount <= 0) continue;
          const m =
            n.source.kind === 'facilities'
              ? plantMix(p, reo, n.source.facilities, n.grade, tag, stage, buckets, hubs)
              : hubs.get(`${n.region}|${n.grade}|${tag}`);
          if (m) for (let b = 0; b < mix.length; b++) mix[b]! += amount * m[b]!;
        }
        let touched = 0;
        buckets.forEach((country, b) => {
          const amount = mix[b]!;
          if (amount <= 1e-9 * Math.max(1, served)) return;
          if (taint.has(country)) touched += amount;
          const k = `${p.period.year}|${n.line}|${n.supplier}|${stage}|${country}`;
          const prev = origins.get(k);
          origins.set(k, {
            year: p.period.year,
            line: n.line,
            supplier: n.supplier,
            stage,
            country,
            amount: (prev?.amount ?? 0) + amount,
          });
        });
        byStage[stage] = touched;
      }
      const key = `${p.period.year}|${n.line}|${n.supplier}`;
      const prev = rows.get(key);
      rows.set(key, {
        year: p.period.year,
        line: n.line,
        supplier: n.supplier,
        demand: (prev?.demand ?? 0) + demand,
        served_free: (prev?.served_free ?? 0) + free,
        served_covered: (prev?.served_covered ?? 0) + covered,
        short: (prev?.short ?? 0) + Math.max(0, demand - served),
        cost: (prev?.cost ?? 0) + cost,
        covered_by_stage: Object.fromEntries(
          TRACED_STAGES.map((s) => [s, (prev?.covered_by_stage[s] ?? 0) + byStage[s]!]),
        ),
      });
    }
  }
  return { rows: [...rows.values()], origins: [...origins.values()].filter((o) => o.amount > 1e-9) };
}

/** The price at a hub (USD/kg), the other tag's if the hub has none of this tag. */
/**
 * The origin mix at a stage of what plants made of a grade with a tag, weighted by what each made: a
 * plant of the stage itself is its own region; otherwise the REO-weighted mix of the hubs it drew from.
 */
function plantMix(
  p: PeriodResult,
  reo: ReadonlyMap<string, number>,
  plants: readonly string[],
  grade: string,
  tag: 'free' | 'cn',
  stage: string,
  buckets: readonly string[],
  hubs: ReadonlyMap<string, Float64Array>,
): Float64Array {
  const mix = new Float64Array(buckets.length);
  let total = 0;
  for (const f of plants) {
    const made = p.production
      .filter((r) => r.facility === f && r.material === grade && r.tag === tag)
      .reduce((s, r) => s + r.amount, 0);
    if (made <= 0) continue;
    const own = new Float64Array(buckets.length);
    const first = p.production.find((r) => r.facility === f);
    if (first?.stage === stage) own[buckets.indexOf(first.region)] = 1;
    else {
      // Inputs weighted by their REO content, as the trace weighs them.
      const inputs = p.consumption
        .filter((c) => c.facility === f && c.tag === tag)
        .map((c) => ({
          hub: `${c.region}|${c.material}|${c.tag}`,
          w: c.amount * (reo.get(c.material) ?? 1),
        }));
      const weight = inputs.reduce((s, c) => s + c.w, 0);
      for (const c of inputs) {
        const h = hubs.get(c.hub);
        if (h && weight > 0) for (let b = 0; b < own.length; b++) own[b]! += (c.w / weight) * h[b]!;
      }
    }
    for (let b = 0; b < mix.length; b++) mix[b]! += made * own[b]!;
    total += made;
  }
  if (total > 0) for (let b = 0; b < mix.length; b++) mix[b]! /= total;
  return mix;
}

function price(p: PeriodResult, region: string, material: string, tag: 'free' | 'cn'): number {
  const at = (t: string) =>
    p.prices.find((x) => x.region === region && x.material === material && x.tag === t);
  return (at(tag) ?? at(tag === 'free' ? 'cn' : 'free'))?.price ?? 0;
}
