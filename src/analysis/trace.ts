/**
 * Origin tracing by proportional sharing, one pool per origin tag: every hub (region, material,
 * tag) passes on the mix of origins of its inflow, and every facility activity (facility, tag) the
 * mix of its inputs of that tag (weighted by REO content) — except at the traced stage, where a
 * facility's output originates in its own region. Free material therefore only ever mixes with
 * free material (cn hubs also take free material the LP relabels), so supply the LP tags free
 * traces to no region of the taint set at any stage. For each stage this is a linear system
 * x = b + A·x over hubs and activities, solved by fixed-point iteration (it converges because every
 * loop, such as recycling, loses mass). Opening stocks, end-of-life scrap and stockpile releases
 * have no traceable history: they count as "unknown".
 */
import type { Dataset } from '../dataset/types.js';
import type { PeriodResult } from '../results/types.js';
import { freeLabel, type Taint, touchedLabel } from '../scenario/taint.js';
import type { Stage } from '../schema/process.js';

export const TRACED_STAGES: readonly Stage[] = ['mining', 'separation', 'metal', 'magnet'];
export const UNKNOWN = 'unknown';
export const ORIGIN_TAG = 'origin tag';

/**
 * free, cn: the supply served with that tag; all: both together, weighted by what each served. For
 * the origin-tag rows, free, cn and short split the demand.
 */
export type TraceTag = 'free' | 'cn' | 'all' | 'short';

export interface TraceRow {
  readonly period: string;
  readonly region: string;
  readonly application: string;
  /** A traced stage, or "origin tag" for how demand was served (free, touched, short). */
  readonly stage: string;
  readonly tag: TraceTag;
  /** A region id or "unknown"; for the origin tag "<set>-free", "<set>-touched" or "short". */
  readonly country: string;
  /** amount / total. */
  readonly share: number;
  /** What came from the country, t (canonical unit of the demanded material). */
  readonly amount: number;
  /** The supply of the tag served to the demand (origin tag: the demand), t. */
  readonly total: number;
  /** Unit of amount and total: the demanded material's (t magnet). */
  readonly unit: string;
}

type Mix = Float64Array;

/** Origin mix per hub ("region|material|tag") for one stage, each tag's pool on its own; index buckets with `buckets`. */
export function traceStage(
  p: PeriodResult,
  dataset: Dataset,
  stage: Stage,
): { buckets: string[]; hubs: Map<string, Mix> } {
  return solveStage(flowGraph(p, dataset), stage);
}

/** Inflows of each hub: [amount, source], a source being a hub key, a facility activity, or a fixed mix. */
type Source = { hub: string } | { activity: string } | { fixed: Mix };

/** A period's flows as the tracing reads them, the same for every traced stage (built once per period). */
interface FlowGraph {
  readonly buckets: string[];
  readonly bucket: ReadonlyMap<string, number>;
  readonly facilityStage: ReadonlyMap<string, Stage>;
  readonly facilityRegion: ReadonlyMap<string, string>;
  readonly inflows: ReadonlyMap<string, [number, Source][]>;
  /** An activity's ("facility|tag") inputs, weighted by REO content: [weight, hub]. */
  readonly inputs: ReadonlyMap<string, [number, string][]>;
  readonly activities: ReadonlySet<string>;
}

function flowGraph(p: PeriodResult, dataset: Dataset): FlowGraph {
  const buckets = [...dataset.regions.map((r) => r.id), UNKNOWN];
  const bucket = new Map(buckets.map((b, i) => [b, i]));
  const n = buckets.length;
  const reo = new Map(dataset.materials.map((m) => [m.id, m.reo_per_unit]));
  const stageOf = new Map(dataset.processes.map((pr) => [pr.id, pr.stage]));
  const facilityStage = new Map(dataset.facilities.map((f) => [f.id, stageOf.get(f.process)!]));
  const key = (r: string, m: string, t: string) => `${r}|${m}|${t}`;

  // An activity ("facility|tag") draws inputs of one tag and makes output of that tag.
  const inflows = new Map<string, [number, Source][]>();
  const push = (hub: string, amount: number, source: Source) => {
    if (amount <= 0) return;
    const list = inflows.get(hub) ?? [];
    list.push([amount, source]);
    inflows.set(hub, list);
  };
  const unknown = new Float64Array(n);
  unknown[bucket.get(UNKNOWN)!] = 1;
  for (const r of p.production)
    push(key(r.region, r.material, r.tag), r.amount, { activity: `${r.facility}|${r.tag}` });
  for (const t of p.trade)
    push(key(t.to, t.material, t.tag), t.amount, { hub: key(t.from, t.material, t.tag) });
  for (const g of p.downgrade)
    push(key(g.region, g.material, 'cn'), g.amount, { hub: key(g.region, g.material, 'free') });
  for (const s of p.openingStock) push(key(s.region, s.material, s.tag), s.amount, { fixed: unknown });
  for (const f of p.policyFlows) push(key(f.region, f.material, f.tag), f.amount, { fixed: unknown });

  const inputs = new Map<string, [number, string][]>();
  for (const c of p.consumption) {
    const activity = `${c.facility}|${c.tag}`;
    const list = inputs.get(activity) ?? [];
    list.push([c.amount * (reo.get(c.material) ?? 1), key(c.region, c.material, c.tag)]);
    inputs.set(activity, list);
  }
  const facilityRegion = new Map(dataset.facilities.map((f) => [f.id, f.region]));
  const activities = new Set([
    ...p.production.map((r) => `${r.facility}|${r.tag}`),
    ...p.consumption.map((c) => `${c.facility}|${c.tag}`),
  ]);
  return { buckets, bucket, facilityStage, facilityRegion, inflows, inputs, activities };
}

const facilityOf = (activity: string) => activity.slice(0, activity.lastIndexOf('|'));

/** The origin mixes for one stage: x = b + A·x over hubs and activities, by fixed-point iteration. */
function solveStage(g: FlowGraph, stage: Stage): { buckets: string[]; hubs: Map<string, Mix> } {
  const { buckets, bucket, facilityStage, facilityRegion, inflows, inputs, activities } = g;
  const n = buckets.length;
  const hubs = new Map<string, Mix>([...inflows.keys()].map((h) => [h, new Float64Array(n)]));
  const activityMix = new Map<string, Mix>();
  const mixOf = (source: Source): Mix | undefined => {
    if ('fixed' in source) return source.fixed;
    if ('hub' in source) return hubs.get(source.hub);
    return activityMix.get(source.activity);
  };
  const origin = (f: string) => {
    const own = new Float64Array(n);
    own[bucket.get(facilityRegion.get(f)!)!] = 1;
    return own;
  };
  for (const a of activities) {
    const f = facilityOf(a);
    activityMix.set(a, facilityStage.get(f) === stage ? origin(f) : new Float64Array(n));
  }

  // Each update's parts resolved once: the mixes are updated in place, so the same arrays serve every sweep.
  const zero = new Float64Array(n);
  const updates: Update[] = [];
  for (const [a, list] of inputs) {
    if (facilityStage.get(facilityOf(a)) === stage) continue;
    updates.push(
      update(
        activityMix.get(a)!,
        list.map(([w, h]) => [w, hubs.get(h) ?? zero] as const),
      ),
    );
  }
  for (const [h, list] of inflows)
    updates.push(
      update(
        hubs.get(h)!,
        list.map(([w, s]) => [w, mixOf(s) ?? zero] as const),
      ),
    );
  for (let sweep = 0; sweep < 10_000; sweep++) {
    let change = 0;
    for (const u of updates) change = Math.max(change, blend(u));
    if (change < 1e-13) break;
  }
  return { buckets, hubs };
}

/** A mix to set to the weighted mix of others: the weights, their total, and the mixes. */
interface Update {
  readonly target: Mix;
  readonly weights: Float64Array;
  readonly total: number;
  readonly mixes: readonly Mix[];
}

const update = (target: Mix, parts: readonly (readonly [number, Mix])[]): Update => ({
  target,
  weights: Float64Array.from(parts, ([w]) => w),
  total: parts.reduce((s, [w]) => s + w, 0),
  mixes: parts.map(([, mix]) => mix),
});

/** Sets the target to the weighted mix of the parts (in the parts' order, bucket by bucket); returns the largest change. */
function blend({ target, weights, total, mixes }: Update): number {
  let change = 0;
  const parts = mixes.length;
  for (let b = 0; b < target.length; b++) {
    let v = 0;
    for (let k = 0; k < parts; k++) v += weights[k]! * mixes[k]![b]!;
    v = total > 0 ? v / total : 0;
    change = Math.max(change, Math.abs(v - target[b]!));
    target[b] = v;
  }
  return change;
}

/** How each demand node (region × application) was served, and by country at each traced stage, per origin tag. */
export function traceDemand(p: PeriodResult, dataset: Dataset, taint: Taint): TraceRow[] {
  const rows: TraceRow[] = [];
  const period = p.period.label;
  const nodes = new Map<string, Node>();
  for (const d of p.demand) {
    const k = `${d.region}|${d.application}`;
    const node = nodes.get(k) ?? { region: d.region, application: d.application, unit: d.unit, parts: [] };
    node.parts.push({
      material: d.material,
      free: d.served_free,
      cn: d.served_cn,
      demand: d.demand,
      short: d.short,
    });
    nodes.set(k, node);
  }
  const row = (node: Node, stage: string, tag: TraceTag, country: string, amount: number, total: number) =>
    rows.push({
      period,
      region: node.region,
      application: node.application,
      stage,
      tag,
      country,
      share: amount / total,
      amount,
      total,
      unit: node.unit,
    });
  const graph = flowGraph(p, dataset);
  for (const stage of TRACED_STAGES) {
    const { buckets, hubs } = solveStage(graph, stage);
    for (const node of nodes.values()) {
      // Each tag's supply by country, summed over the node's materials.
      const pool = (tag: 'free' | 'cn') => {
        const mix = new Float64Array(buckets.length);
        let total = 0;
        for (const part of node.parts) {
          const h = hubs.get(`${node.region}|${part.material}|${tag}`);
          if (!h || part[tag] <= 0) continue;
          total += part[tag];
          for (let b = 0; b < mix.length; b++) mix[b]! += part[tag] * h[b]!;
        }
        return { tag, mix, total };
      };
      const free = pool('free');
      const cn = pool('cn');
      const all = {
        tag: 'all' as const,
        mix: free.mix.map((x, b) => x + cn.mix[b]!),
        total: free.total + cn.total,
      };
      for (const { tag, mix, total } of [free, cn, all]) {
        if (total <= 0) continue;
        buckets.forEach((country, b) => {
          if (mix[b]! > 1e-9 * total) row(node, stage, tag, country, mix[b]!, total);
        });
      }
    }
  }
  for (const node of nodes.values()) {
    const sum = (f: (x: Part) => number) => node.parts.reduce((s, x) => s + f(x), 0);
    const demand = sum((x) => x.demand);
    if (demand <= 0) continue;
    row(
      node,
      ORIGIN_TAG,
      'free',
      freeLabel(taint),
      sum((x) => x.free),
      demand,
    );
    row(
      node,
      ORIGIN_TAG,
      'cn',
      touchedLabel(taint),
      sum((x) => x.cn),
      demand,
    );
    row(
      node,
      ORIGIN_TAG,
      'short',
      'short',
      sum((x) => x.short),
      demand,
    );
  }
  return rows;
}

interface Part {
  readonly material: string;
  readonly free: number;
  readonly cn: number;
  readonly demand: number;
  readonly short: number;
}
interface Node {
  readonly region: string;
  readonly application: string;
  readonly unit: string;
  readonly parts: Part[];
}
