/**
 * The flows of one period as a Sankey graph: nodes are a stage in a region ("mining · CN",
 * "separation · MY", "demand · US"), links carry material from the stage that made it to the
 * stage (or demand) that used it, in whichever region that was.
 *
 * Built from the run folder alone: production.csv (what each stage made where), trade.csv (what
 * moved between regions), demand.csv (what demand was served), import_reliance.csv (stock drawn
 * or built) and prices.csv. Per region and material, the hub's supply (production, imports, stock
 * drawn) is mixed proportionally, so an export carries the origins of everything in its hub and a
 * re-export is traced back to the stage that made it. A hub's local use is its supply less exports,
 * stock built and demand served; it goes to the next stage of the chain present in that region (or
 * the same stage, for an intermediate processed further there). Material with no positive price in
 * a region is surplus there (stocked or disposed), and scrap is left out so recycling (a source
 * here) closes no loop.
 */
import { sortStages, stageRank } from './headline.js';
import type { RunData } from './types.js';

export interface FlowNode {
  readonly name: string;
  /** A stage, "demand", or "stock" (opening stock drawn down). */
  readonly stage: string;
  readonly region: string;
  /** The column the node is drawn in. */
  readonly depth: number;
}

export interface FlowLink {
  readonly source: string;
  readonly target: string;
  readonly value: number;
  /** The unit of the value (the materials' canonical units, joined if several). */
  readonly unit: string;
  readonly materials: readonly string[];
}

export interface Flows {
  readonly period: string;
  readonly nodes: readonly FlowNode[];
  readonly links: readonly FlowLink[];
  /** Links left out because they would close a loop (a Sankey must be acyclic). */
  readonly droppedCycles: number;
}

const CHAIN = ['mining', 'separation', 'metal', 'magnet'] as const;
const SEP = ' · ';
/** Links smaller than this (in the material's unit) are not drawn. */
const MIN_LINK = 1e-3;

export const nodeName = (stage: string, region: string): string => `${stage}${SEP}${region}`;

const isScrap = (unit: string) => /\bscrap\b/.test(unit);

interface Hub {
  readonly region: string;
  readonly material: string;
  readonly production: Map<string, number>;
  readonly imports: Map<string, number>;
  exports: number;
  served: number;
  stockDraw: number;
  stockBuild: number;
  supply: number;
}

/** The stage that makes each material: the one making most of it over the whole run. */
export function producerStages(run: RunData): Map<string, string> {
  const totals = new Map<string, Map<string, number>>();
  for (const r of run.production) {
    const byStage = totals.get(r.material) ?? new Map<string, number>();
    byStage.set(r.stage, (byStage.get(r.stage) ?? 0) + r.amount);
    totals.set(r.material, byStage);
  }
  return new Map(
    [...totals].map(([m, byStage]) => [
      m,
      [...byStage].sort((a, b) => b[1] - a[1] || stageRank(a[0]) - stageRank(b[0]))[0]![0],
    ]),
  );
}

/** The stage in `region` that uses a material made at `made`: the next chain stage there, else the same one. */
export function consumerStage(made: string, stagesInRegion: ReadonlySet<string>): string | undefined {
  const i = (CHAIN as readonly string[]).indexOf(made);
  const after: readonly string[] =
    made === 'recycling' ? ['metal', 'magnet'] : i < 0 ? [] : CHAIN.slice(i + 1);
  return after.find((s) => stagesInRegion.has(s)) ?? (stagesInRegion.has(made) ? made : undefined);
}

export function buildFlows(run: RunData, period: string): Flows {
  const inPeriod = <T extends { period: string }>(rows: readonly T[]) =>
    rows.filter((r) => r.period === period);
  const producer = producerStages(run);
  const demandMaterials = new Set(run.demand.map((d) => d.material));
  const units = new Map<string, string>();
  for (const r of [...run.production, ...run.trade, ...run.demand])
    if (!units.has(r.material)) units.set(r.material, r.unit);

  const stagesIn = new Map<string, Set<string>>();
  for (const r of inPeriod(run.production)) {
    if (r.amount > 0) stagesIn.set(r.region, (stagesIn.get(r.region) ?? new Set()).add(r.stage));
  }
  const bestPrice = new Map<string, number>();
  for (const p of inPeriod(run.prices)) {
    const k = `${p.region}|${p.material}`;
    bestPrice.set(k, Math.max(bestPrice.get(k) ?? Number.NEGATIVE_INFINITY, p.price));
  }

  const hubs = new Map<string, Hub>();
  const hub = (region: string, material: string): Hub => {
    const k = `${region}|${material}`;
    let h = hubs.get(k);
    if (!h) {
      h = {
        region,
        material,
        production: new Map(),
        imports: new Map(),
        exports: 0,
        served: 0,
        stockDraw: 0,
        stockBuild: 0,
        supply: 0,
      };
      hubs.set(k, h);
    }
    return h;
  };
  for (const r of inPeriod(run.production)) {
    if (isScrap(r.unit) || r.amount <= 0) continue;
    const h = hub(r.region, r.material);
    const n = nodeName(r.stage, r.region);
    h.production.set(n, (h.production.get(n) ?? 0) + r.amount);
  }
  for (const t of inPeriod(run.trade)) {
    if (isScrap(t.unit) || t.amount <= 0) continue;
    const to = hub(t.to_region, t.material);
    to.imports.set(t.from_region, (to.imports.get(t.from_region) ?? 0) + t.amount);
    hub(t.from_region, t.material).exports += t.amount;
  }
  for (const d of inPeriod(run.demand)) hub(d.region, d.material).served += d.served_free + d.served_cn;
  const stock = new Map(
    inPeriod(run.importReliance).map((r) => [`${r.region}|${r.material}`, r.stock_change]),
  );
  for (const [k, h] of hubs) {
    const made = [...h.production.values()].reduce((a, b) => a + b, 0);
    const imported = [...h.imports.values()].reduce((a, b) => a + b, 0);
    // import_reliance.csv leaves out hubs with no apparent consumption: there, whatever left the
    // hub beyond what came in was drawn from stock.
    const net = stock.get(k) ?? Math.max(0, h.exports + h.served - made - imported);
    h.stockDraw = Math.max(0, net);
    h.stockBuild = Math.max(0, -net);
    h.supply = made + imported + h.stockDraw;
  }

  // Origin mix of each hub (shares of its supply by origin node), by fixed-point iteration over trade.
  let mix = new Map<string, Map<string, number>>();
  for (let iter = 0; iter < 200; iter++) {
    const next = new Map<string, Map<string, number>>();
    let change = 0;
    for (const [k, h] of hubs) {
      const m = new Map<string, number>();
      if (h.supply > 0) {
        const add = (o: string, x: number) => m.set(o, (m.get(o) ?? 0) + x / h.supply);
        for (const [n, x] of h.production) add(n, x);
        if (h.stockDraw > 0) add(nodeName('stock', h.region), h.stockDraw);
        for (const [from, x] of h.imports) {
          for (const [o, w] of mix.get(`${from}|${h.material}`) ?? []) add(o, x * w);
        }
      }
      const old = mix.get(k);
      for (const [o, w] of m) change = Math.max(change, Math.abs(w - (old?.get(o) ?? 0)));
      for (const [o, w] of old ?? []) if (!m.has(o)) change = Math.max(change, w);
      next.set(k, m);
    }
    mix = next;
    if (change < 1e-12) break;
  }

  const acc = new Map<
    string,
    { source: string; target: string; value: number; units: Set<string>; materials: Set<string> }
  >();
  for (const [k, h] of hubs) {
    if (h.supply <= 0) continue;
    const uses: [string, number][] = [];
    if (h.served > 0) uses.push([nodeName('demand', h.region), h.served]);
    const local = h.supply - h.exports - h.stockBuild - h.served;
    const made = producer.get(h.material);
    const surplus = (bestPrice.get(k) ?? 1) <= 0;
    if (local > 1e-9 * h.supply && made !== undefined && !demandMaterials.has(h.material) && !surplus) {
      const consumer = consumerStage(made, stagesIn.get(h.region) ?? new Set());
      if (consumer) uses.push([nodeName(consumer, h.region), local]);
    }
    for (const [target, amount] of uses) {
      for (const [source, w] of mix.get(k) ?? []) {
        if (source === target) continue;
        const key = `${source}\u0000${target}`;
        const l = acc.get(key) ?? { source, target, value: 0, units: new Set(), materials: new Set() };
        l.value += amount * w;
        l.units.add(units.get(h.material) ?? '');
        l.materials.add(h.material);
        acc.set(key, l);
      }
    }
  }

  // Keep the graph acyclic: add links largest first, skipping any that would close a loop.
  const out = new Map<string, Set<string>>();
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n === to) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(out.get(n) ?? []));
    }
    return false;
  };
  const kept: FlowLink[] = [];
  let droppedCycles = 0;
  for (const l of [...acc.values()].filter((l) => l.value >= MIN_LINK).sort((a, b) => b.value - a.value)) {
    if (reaches(l.target, l.source)) {
      droppedCycles++;
      continue;
    }
    out.set(l.source, (out.get(l.source) ?? new Set()).add(l.target));
    kept.push({
      source: l.source,
      target: l.target,
      value: l.value,
      unit: [...l.units].filter(Boolean).sort().join('; '),
      materials: [...l.materials].sort(),
    });
  }
  const links = kept.sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  return { period, nodes: layoutNodes(links), links, droppedCycles };
}

/** Columns: mining, separation and recycling, metal, magnet, demand; an extra column where a stage feeds itself. */
function layoutNodes(links: readonly FlowLink[]): FlowNode[] {
  const names = [...new Set(links.flatMap((l) => [l.source, l.target]))];
  const parse = (n: string) => {
    const i = n.indexOf(SEP);
    return { stage: n.slice(0, i), region: n.slice(i + SEP.length) };
  };
  const rank = (stage: string) =>
    stage === 'demand' ? 10 : stage === 'recycling' ? stageRank('separation') : stageRank(stage);
  const staged = names.filter((n) => parse(n).stage !== 'stock');
  const sameRankPreds = new Map<string, string[]>();
  for (const l of links) {
    const s = parse(l.source).stage;
    const t = parse(l.target).stage;
    if (s !== 'stock' && rank(s) === rank(t))
      sameRankPreds.set(l.target, [...(sameRankPreds.get(l.target) ?? []), l.source]);
  }
  const sub = new Map<string, number>();
  const subOf = (n: string): number => {
    const known = sub.get(n);
    if (known !== undefined) return known;
    sub.set(n, 0); // the graph is acyclic; this only guards against surprises
    const v = Math.max(0, ...(sameRankPreds.get(n) ?? []).map((p) => subOf(p) + 1));
    sub.set(n, v);
    return v;
  };
  const ranks = [...new Set(staged.map((n) => rank(parse(n).stage)))].sort((a, b) => a - b);
  const offset = new Map<number, number>();
  let col = 0;
  for (const r of ranks) {
    offset.set(r, col);
    col += 1 + Math.max(...staged.filter((n) => rank(parse(n).stage) === r).map(subOf));
  }
  const depth = new Map(staged.map((n) => [n, offset.get(rank(parse(n).stage))! + subOf(n)]));
  for (const n of names.filter((n) => parse(n).stage === 'stock')) {
    const targets = links.filter((l) => l.source === n).map((l) => depth.get(l.target) ?? 1);
    depth.set(n, Math.max(0, Math.min(...targets) - 1));
  }
  const stageOrder = sortStages([...names.map((n) => parse(n).stage)]);
  return names
    .map((name) => ({ name, ...parse(name), depth: depth.get(name)! }))
    .sort(
      (a, b) =>
        a.depth - b.depth ||
        stageOrder.indexOf(a.stage) - stageOrder.indexOf(b.stage) ||
        a.region.localeCompare(b.region),
    );
}
