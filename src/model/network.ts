/**
 * The supply-chain network of a dataset, in domain terms: regional hubs per material and origin
 * tag, facility activities, trade routes, tag downgrades and demand nodes. It is built once per
 * run; periods differ only in numbers (capacities, demand, stocks carried in), so the LP built
 * from it keeps one structure and re-solves warm.
 *
 * Origin tags: `cn` marks material any stage of whose history ran in a region of the run's taint
 * set (src/model/taint.ts: China, or the covered countries of a statute). A facility
 * there turns every input into cn output; elsewhere the tag passes through (a facility with
 * several inputs runs on free inputs for free output or on cn inputs for cn output). Free material
 * can always be used as cn ("downgrade"), at a token cost so the LP never does it needlessly.
 */
import type { Dataset, LoadedFacility } from '../dataset/types.js';
import { policyCovers, policyHubs } from '../policies/index.js';
import type { ContractLink } from '../policies/types.js';
import type { Taint } from '../scenario/taint.js';
import type { Tag } from '../schema/common.js';
import type { Process } from '../schema/process.js';
import { appliesTo } from '../schema/substitution.js';
import { type DemandSeries, demandSeries } from './demand.js';

export type { ContractLink };

export interface Hub {
  readonly region: string;
  readonly material: string;
  readonly tag: Tag;
}

export interface Activity {
  readonly facility: LoadedFacility;
  readonly process: Process;
  /** Tag of the inputs it draws. */
  readonly inTag: Tag;
  /** Tag of what it makes. */
  readonly outTag: Tag;
}

export interface Route {
  readonly material: string;
  readonly tag: Tag;
  readonly from: string;
  readonly to: string;
  /** USD/kg. */
  readonly cost: number;
}

export interface DemandNode extends DemandSeries {
  /** Value of lost load, USD/kg. */
  readonly voll: number;
  /** Ids of the policies that constrain this node apart from others (origin requirements), dataset order. */
  readonly policies: readonly string[];
}

export interface Network {
  readonly dataset: Dataset;
  /** The taint set the tags track. */
  readonly taint: Taint;
  readonly hubs: readonly Hub[];
  readonly activities: readonly Activity[];
  readonly routes: readonly Route[];
  /** Hubs (region, material) where free material may be relabelled cn. */
  readonly downgrades: readonly { readonly region: string; readonly material: string }[];
  readonly demands: readonly DemandNode[];
  readonly contracts: readonly ContractLink[];
  hubIndex(region: string, material: string, tag: Tag): number | undefined;
}

/** Token cost (USD/kg) of relabelling free material as cn: tiny, but breaks ties towards free. */
export const DOWNGRADE_COST = 1e-4;

export function buildNetwork(dataset: Dataset, taint: Taint): Network {
  const regionOrder = new Map(dataset.regions.map((r, i) => [r.id, i]));
  const materialOrder = new Map(dataset.materials.map((m, i) => [m.id, i]));
  const taints = new Set(taint.regions);
  const processes = new Map(dataset.processes.map((p) => [p.id, p]));
  const key = (r: string, m: string, t: Tag) => `${r}|${m}|${t}`;
  const sources = new Set<string>();
  const sinks = new Set<string>();

  const activities: Activity[] = [];
  for (const facility of dataset.facilities) {
    const process = processes.get(facility.process)!;
    const tags: [Tag, Tag][] = taints.has(facility.region)
      ? [['cn', 'cn']]
      : process.inputs.length === 0
        ? [['free', 'free']]
        : [
            ['free', 'free'],
            ['cn', 'cn'],
          ];
    for (const [inTag, outTag] of tags) {
      activities.push({ facility, process, inTag, outTag });
      for (const o of process.outputs) sources.add(key(facility.region, o.material, outTag));
      for (const i of process.inputs) sinks.add(key(facility.region, i.material, inTag));
    }
  }
  const voll = new Map(dataset.applications.map((a) => [a.id, a.voll]));
  const demands: DemandNode[] = demandSeries(dataset.demand).map((s) => ({
    ...s,
    voll: voll.get(s.application)!,
    policies: dataset.policies.filter((p) => policyCovers(p, s)).map((p) => p.id),
  }));
  for (const d of demands) {
    sinks.add(key(d.region, d.material, 'free'));
    sinks.add(key(d.region, d.material, 'cn'));
  }
  // A grade switch or thrift consumes its substitute where the demand it displaces is.
  for (const o of dataset.substitutions) {
    if (o.to === undefined) continue;
    for (const d of demands) {
      if (!appliesTo(o, d)) continue;
      sinks.add(key(d.region, o.to, 'free'));
      sinks.add(key(d.region, o.to, 'cn'));
    }
  }
  for (const inv of dataset.inventory) sources.add(key(inv.region, inv.material, inv.tag));
  // Hubs policies take from and give back to (strategic stockpiles).
  for (const p of dataset.policies) {
    for (const h of policyHubs(p)) {
      sources.add(key(h.region, h.material, h.tag));
      sinks.add(key(h.region, h.material, h.tag));
    }
  }
  // End-of-life magnets arrive as scrap where they were used.
  const lifetimes = new Map(
    dataset.applications.filter((a) => a.lifetime && a.eol_material).map((a) => [a.id, a.eol_material!]),
  );
  for (const d of demands) {
    const scrap = lifetimes.get(d.application);
    if (!scrap) continue;
    sources.add(key(d.region, scrap, 'free'));
    sources.add(key(d.region, scrap, 'cn'));
  }
  // A contract delivers the supplier's output into the buyer's region.
  const cost = routeCosts(dataset);
  const contracts = contractLinks(dataset, activities, cost);
  for (const c of contracts) sinks.add(key(c.to, c.material, c.tag));

  // Direct routes only: from a region with a local source to one with a local sink. Shipping through
  // a third region never beats shipping directly when costs obey the triangle inequality.
  const routes: Route[] = [];
  const regions = dataset.regions.map((r) => r.id);
  // A region that lists where it imports from (a company's own demand) gets routes from those alone.
  const importsFrom = dataset.regions.map((r) => (r.imports_from ? new Set(r.imports_from) : undefined));
  for (const m of dataset.materials) {
    for (const tag of ['free', 'cn'] as const) {
      // Regions with a sink for the material (free material also serves cn sinks), found once.
      const wanted = regions.map(
        (to) => sinks.has(key(to, m.id, tag)) || (tag === 'free' && sinks.has(key(to, m.id, 'cn'))),
      );
      if (!wanted.includes(true)) continue;
      for (const from of regions) {
        if (!sources.has(key(from, m.id, tag))) continue;
        regions.forEach((to, j) => {
          if (wanted[j] && to !== from && (importsFrom[j]?.has(from) ?? true))
            routes.push({ material: m.id, tag, from, to, cost: cost(from, to, m.id) });
        });
      }
    }
  }

  const hubKeys = new Set<string>([...sources, ...sinks]);
  for (const r of routes) {
    hubKeys.add(key(r.from, r.material, r.tag));
    hubKeys.add(key(r.to, r.material, r.tag));
  }
  const hubs = [...hubKeys]
    .map((k) => {
      const [region, material, tag] = k.split('|') as [string, string, Tag];
      return { region, material, tag };
    })
    .sort(
      (a, b) =>
        regionOrder.get(a.region)! - regionOrder.get(b.region)! ||
        materialOrder.get(a.material)! - materialOrder.get(b.material)! ||
        (a.tag === b.tag ? 0 : a.tag === 'free' ? -1 : 1),
    );
  const index = new Set(hubs.map((h) => key(h.region, h.material, h.tag)));
  // Looked up per flow in hot loops: nested maps, so no key string is built per call.
  const byRegion = new Map<string, Map<string, [number | undefined, number | undefined]>>();
  hubs.forEach((h, i) => {
    let materials = byRegion.get(h.region);
    if (!materials) {
      materials = new Map();
      byRegion.set(h.region, materials);
    }
    let slots = materials.get(h.material);
    if (!slots) {
      slots = [undefined, undefined];
      materials.set(h.material, slots);
    }
    slots[h.tag === 'free' ? 0 : 1] = i;
  });

  const exportsCn = new Set(routes.filter((r) => r.tag === 'cn').map((r) => `${r.from}|${r.material}`));
  const downgrades = hubs
    .filter((h) => h.tag === 'free' && index.has(key(h.region, h.material, 'cn')))
    .filter((h) => sinks.has(key(h.region, h.material, 'cn')) || exportsCn.has(`${h.region}|${h.material}`))
    .map((h) => ({ region: h.region, material: h.material }));

  return {
    dataset,
    taint,
    hubs,
    activities,
    routes,
    downgrades,
    demands,
    contracts,
    hubIndex: (r, m, t) => {
      const slots = byRegion.get(r)?.get(m);
      return t === 'free' ? slots?.[0] : t === 'cn' ? slots?.[1] : undefined;
    },
  };
}

/** The agreements that can be modelled as dedicated flows: a volume or share, and a supplier making the material. */
function contractLinks(dataset: Dataset, activities: readonly Activity[], cost: RouteCost): ContractLink[] {
  const byFacility = new Map<string, Activity[]>();
  for (const a of activities) {
    const list = byFacility.get(a.facility.id);
    if (list) list.push(a);
    else byFacility.set(a.facility.id, [a]);
  }
  const links: ContractLink[] = [];
  for (const agreement of dataset.agreements) {
    if (agreement.volume === undefined && agreement.share === undefined) continue;
    const own = byFacility.get(agreement.supplier) ?? [];
    const supplier = own[0]?.facility;
    if (!supplier) continue;
    const to = agreement.buyer_region ?? supplier.region;
    for (const a of own) {
      const output = a.process.outputs.find((o) => o.material === agreement.material);
      if (!output || links.some((l) => l.agreement === agreement && l.tag === a.outTag)) continue;
      links.push({
        agreement,
        material: agreement.material,
        tag: a.outTag,
        from: supplier.region,
        to,
        cost: to === supplier.region ? 0 : cost(supplier.region, to, agreement.material),
      });
    }
  }
  return links;
}

/** Transport cost of a route, USD/kg. */
type RouteCost = (from: string, to: string, material: string) => number;

/**
 * The transport costs of a dataset: for a route, the most specific transport row (`*` matches
 * anything; among equally specific rows the first); 0 if none matches. Each route's cost is worked
 * out once (a network asks for every material twice, once per tag).
 */
export function routeCosts(dataset: Dataset): RouteCost {
  const first = new Map<string, number>();
  dataset.transport.forEach((t, i) => {
    const k = `${t.from}|${t.to}|${t.material}`;
    if (!first.has(k)) first.set(k, i);
  });
  const distance = regionDistances(dataset);
  const known = new Map<string, number>();
  return (from, to, material) => {
    const k = `${from}|${to}|${material}`;
    let cost = known.get(k);
    if (cost === undefined) {
      cost = lookUpCost(dataset, first, distance, from, to, material);
      known.set(k, cost);
    }
    return cost;
  };
}

/** The transport cost of one route (see routeCosts). */
export function transportCost(dataset: Dataset, from: string, to: string, material: string): number {
  return routeCosts(dataset)(from, to, material);
}

function lookUpCost(
  dataset: Dataset,
  first: ReadonlyMap<string, number>,
  distance: (from: string, to: string) => number,
  from: string,
  to: string,
  material: string,
): number {
  let best: { score: number; row: number } | undefined;
  for (const f of [from, '*'])
    for (const t of [to, '*'])
      for (const m of [material, '*']) {
        const row = first.get(`${f}|${t}|${m}`);
        if (row === undefined) continue;
        const score = Number(f !== '*') + Number(t !== '*') + Number(m !== '*');
        if (!best || score > best.score || (score === best.score && row < best.row)) best = { score, row };
      }
  if (!best) return 0;
  const row = dataset.transport[best.row]!;
  const perKm = row.per_1000km ?? 0;
  return perKm > 0 ? row.cost + (perKm * distance(from, to)) / 1000 : row.cost;
}

/** Great-circle distances between regions' points, km (0 if either has none: validation requires them). */
function regionDistances(dataset: Dataset): (from: string, to: string) => number {
  const byId = new Map<string, { lat: number; lon: number }>();
  for (const r of dataset.regions)
    if (r.lat !== undefined && r.lon !== undefined) byId.set(r.id, { lat: r.lat, lon: r.lon });
  return (from, to) => {
    const a = byId.get(from);
    const b = byId.get(to);
    if (!a || !b || from === to) return 0;
    const rad = Math.PI / 180;
    const h =
      Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
      Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  };
}

/** Great-circle distance between two regions' points, km. */
export function regionDistanceKm(dataset: Dataset, from: string, to: string): number {
  return regionDistances(dataset)(from, to);
}

const EARTH_RADIUS_KM = 6371.0088;
