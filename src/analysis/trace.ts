/**
 * Origin tracing by proportional sharing: every hub's outflow has the mix of origins of its inflow,
 * and every facility's output the mix of its inputs (weighted by REO content) — except at the
 * traced stage, where a facility's output originates in its own region. For each stage this is a
 * linear system x = b + A·x over hubs and facilities, solved by fixed-point iteration (it converges
 * because every loop, such as recycling, loses mass). Opening stocks and stockpile releases have
 * no traceable history: they count as "unknown".
 */
import type { Dataset } from '../dataset/types.js';
import type { PeriodResult } from '../results/types.js';
import type { Stage } from '../schema/process.js';

export const TRACED_STAGES: readonly Stage[] = ['mining', 'separation', 'metal', 'magnet'];
export const UNKNOWN = 'unknown';

export interface TraceRow {
  readonly period: string;
  readonly region: string;
  readonly application: string;
  /** A traced stage, or "origin tag" for the China-touched / China-free split. */
  readonly stage: string;
  /** A region id, "unknown", or for the origin tag "China-touched" / "China-free". */
  readonly country: string;
  readonly share: number;
}

type Mix = Float64Array;

/** Origin mix per hub ("region|material|tag") for one stage; index buckets with `buckets`. */
export function traceStage(
  p: PeriodResult,
  dataset: Dataset,
  stage: Stage,
): { buckets: string[]; hubs: Map<string, Mix> } {
  const buckets = [...dataset.regions.map((r) => r.id), UNKNOWN];
  const bucket = new Map(buckets.map((b, i) => [b, i]));
  const n = buckets.length;
  const reo = new Map(dataset.materials.map((m) => [m.id, m.reo_per_unit]));
  const stageOf = new Map(dataset.processes.map((pr) => [pr.id, pr.stage]));
  const facilityStage = new Map(dataset.facilities.map((f) => [f.id, stageOf.get(f.process)!]));
  const key = (r: string, m: string, t: string) => `${r}|${m}|${t}`;

  // Inflows of each hub: [amount, source], a source being a hub key, a facility, or a fixed mix.
  type Source = { hub: string } | { facility: string } | { fixed: Mix };
  const inflows = new Map<string, [number, Source][]>();
  const push = (hub: string, amount: number, source: Source) => {
    if (amount <= 0) return;
    const list = inflows.get(hub) ?? [];
    list.push([amount, source]);
    inflows.set(hub, list);
  };
  const unknown = new Float64Array(n);
  unknown[bucket.get(UNKNOWN)!] = 1;
  for (const r of p.production) push(key(r.region, r.material, r.tag), r.amount, { facility: r.facility });
  for (const t of p.trade)
    push(key(t.to, t.material, t.tag), t.amount, { hub: key(t.from, t.material, t.tag) });
  for (const g of p.downgrade)
    push(key(g.region, g.material, 'cn'), g.amount, { hub: key(g.region, g.material, 'free') });
  for (const s of p.openingStock) push(key(s.region, s.material, s.tag), s.amount, { fixed: unknown });
  for (const f of p.policyFlows) push(key(f.region, f.material, f.tag), f.amount, { fixed: unknown });

  // A facility's inputs, weighted by REO content.
  const inputs = new Map<string, [number, string][]>();
  for (const c of p.consumption) {
    const list = inputs.get(c.facility) ?? [];
    list.push([c.amount * (reo.get(c.material) ?? 1), key(c.region, c.material, c.tag)]);
    inputs.set(c.facility, list);
  }
  const facilityRegion = new Map(dataset.facilities.map((f) => [f.id, f.region]));

  const hubs = new Map<string, Mix>([...inflows.keys()].map((h) => [h, new Float64Array(n)]));
  const facilities = new Map<string, Mix>();
  const mixOf = (source: Source): Mix | undefined => {
    if ('fixed' in source) return source.fixed;
    if ('hub' in source) return hubs.get(source.hub);
    return facilities.get(source.facility);
  };
  const origin = (f: string) => {
    const own = new Float64Array(n);
    own[bucket.get(facilityRegion.get(f)!)!] = 1;
    return own;
  };
  for (const f of facilityRegion.keys())
    facilities.set(f, facilityStage.get(f) === stage ? origin(f) : new Float64Array(n));

  for (let sweep = 0; sweep < 10_000; sweep++) {
    let change = 0;
    for (const [f, list] of inputs) {
      if (facilityStage.get(f) === stage) continue;
      change = Math.max(
        change,
        blend(
          facilities.get(f)!,
          list.map(([w, h]) => [w, hubs.get(h)] as const),
        ),
      );
    }
    for (const [h, list] of inflows)
      change = Math.max(
        change,
        blend(
          hubs.get(h)!,
          list.map(([w, s]) => [w, mixOf(s)] as const),
        ),
      );
    if (change < 1e-13) break;
  }
  return { buckets, hubs };
}

/** Sets `target` to the weighted mix of the parts; returns the largest change. */
function blend(target: Mix, parts: readonly (readonly [number, Mix | undefined])[]): number {
  const total = parts.reduce((s, [w]) => s + w, 0);
  let change = 0;
  for (let b = 0; b < target.length; b++) {
    let v = 0;
    for (const [w, mix] of parts) v += w * (mix?.[b] ?? 0);
    v = total > 0 ? v / total : 0;
    change = Math.max(change, Math.abs(v - target[b]!));
    target[b] = v;
  }
  return change;
}

/** Shares of each demand node's (region × application) supply by country at each traced stage. */
export function traceDemand(p: PeriodResult, dataset: Dataset): TraceRow[] {
  const rows: TraceRow[] = [];
  const period = p.period.label;
  const nodes = new Map<
    string,
    { region: string; application: string; parts: { free: number; cn: number; material: string }[] }
  >();
  for (const d of p.demand) {
    const k = `${d.region}|${d.application}`;
    const node = nodes.get(k) ?? { region: d.region, application: d.application, parts: [] };
    node.parts.push({ free: d.served_free, cn: d.served_cn, material: d.material });
    nodes.set(k, node);
  }
  for (const stage of TRACED_STAGES) {
    const { buckets, hubs } = traceStage(p, dataset, stage);
    for (const node of nodes.values()) {
      const mix = new Float64Array(buckets.length);
      let total = 0;
      for (const part of node.parts) {
        for (const [tag, amount] of [
          ['free', part.free],
          ['cn', part.cn],
        ] as const) {
          const h = hubs.get(`${node.region}|${part.material}|${tag}`);
          if (!h || amount <= 0) continue;
          total += amount;
          for (let b = 0; b < mix.length; b++) mix[b]! += amount * h[b]!;
        }
      }
      if (total <= 0) continue;
      buckets.forEach((country, b) => {
        if (mix[b]! > 1e-9 * total)
          rows.push({
            period,
            region: node.region,
            application: node.application,
            stage,
            country,
            share: mix[b]! / total,
          });
      });
    }
  }
  for (const node of nodes.values()) {
    const free = node.parts.reduce((s, x) => s + x.free, 0);
    const cn = node.parts.reduce((s, x) => s + x.cn, 0);
    if (free + cn <= 0) continue;
    rows.push({
      period,
      region: node.region,
      application: node.application,
      stage: 'origin tag',
      country: 'China-touched',
      share: cn / (free + cn),
    });
    rows.push({
      period,
      region: node.region,
      application: node.application,
      stage: 'origin tag',
      country: 'China-free',
      share: free / (free + cn),
    });
  }
  return rows;
}
