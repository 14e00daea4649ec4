/**
 * How a company's exposure enters the model: as a transformation of the dataset before the network
 * is built, so the LP needs no change of its own.
 *
 * Each product line × named supplier becomes a demand node of its own, in a region of its own (the
 * company's "node region", at the home region's point, in the home region's blocs and taint sets)
 * that imports from nowhere but its supplier:
 * - a facility (or a company's plants making the grade): a dedicated flow per plant, bounded by what
 *   that plant makes (an agreement of firmness mou: a contract link of src/policies/contract.ts, no
 *   minimum), so the node is served by that plant's output or goes short;
 * - a country: trade from that region's hub alone (imports_from), so export controls and tariffs on
 *   routes into the home region apply to it too.
 * The node's tonnes are carved out of the home region's demand for the same application and grade
 * (subtracted year by year at the same anchor years, the same growth after the last), so world
 * demand is unchanged. An unnamed share is not carved out: it stays in the home region's demand and
 * is served from that market like any buyer (measure.ts reports it at the home node's rates).
 *
 * Everything the home region's demand is subject to follows the node: origin requirements covering
 * the home region (DFARS) are copied to it, export controls that reach the home region reach it,
 * tariffs the home region levies apply to its imports. Substitution options are not offered to the
 * company's nodes: what the company does not get is reported short, not displaced.
 */
import type { Dataset } from '../dataset/types.js';
import { annualDemandSorted, byYear, demandSeries } from '../model/demand.js';
import type { Agreement } from '../schema/agreement.js';
import type { Demand } from '../schema/demand.js';
import type { Policy } from '../schema/policy.js';
import type { Region } from '../schema/region.js';
import type { Transport } from '../schema/transport.js';
import { tonnesIn } from './schema.js';
import type { Exposure, SupplierSource } from './validate.js';

/** One demand node of the company: a product line's share from one supplier. */
export interface CompanyNode {
  readonly line: string;
  readonly application: string;
  readonly grade: string;
  /** The supplier as the file names it. */
  readonly supplier: string;
  readonly source: SupplierSource;
  readonly share: number;
  /** The node's region (unnamed shares: the home region, whose node it shares). */
  readonly region: string;
}

export interface CarvedDataset {
  readonly dataset: Dataset;
  readonly nodes: readonly CompanyNode[];
}

const PROVENANCE = { source_ids: ['lodestone-estimates'], confidence: 'estimate' as const };

/** The dataset with the company's demand as its own nodes (see the file's comment). */
export function carveExposure(dataset: Dataset, exposure: Exposure): CarvedDataset {
  const e = exposure.value;
  const home = dataset.regions.find((r) => r.id === e.region)!;
  const nodes: CompanyNode[] = [];
  e.product_lines.forEach((line, li) => {
    exposure.suppliers[li]!.forEach((s, j) => {
      nodes.push({
        line: line.id,
        application: line.application,
        grade: line.grade,
        supplier: s.label,
        source: s.source,
        share: s.supplier.share,
        region: s.source.kind === 'unnamed' ? home.id : `${home.id}.${line.id}.${j + 1}`,
      });
    });
  });
  const own = nodes.filter((n) => n.source.kind !== 'unnamed' && n.share > 0);
  const ownRegions = own.map((n) => n.region);
  const lineOf = new Map(e.product_lines.map((l) => [l.id, l]));

  const regions: Region[] = [
    ...dataset.regions,
    ...own.map((n) => ({
      id: n.region,
      name: `${e.company}: ${n.line} from ${n.supplier}`,
      blocs: home.blocs,
      ...(home.lat !== undefined && home.lon !== undefined ? { lat: home.lat, lon: home.lon } : {}),
      imports_from: n.source.kind === 'country' ? [n.source.region] : [],
    })),
  ];
  const taint_sets = dataset.taint_sets.map((t) =>
    t.regions.includes(home.id) ? { ...t, regions: [...t.regions, ...ownRegions] } : t,
  );

  // Demand: each node's tonnes at the anchor years of the home series it is carved from.
  const demand: Demand[] = [];
  const carved = new Set<string>();
  for (const series of demandSeries(dataset.demand)) {
    const mine = own.filter(
      (n) => n.application === series.application && n.grade === series.material && series.region === home.id,
    );
    if (mine.length === 0) continue;
    carved.add(`${series.region}|${series.application}|${series.material}`);
    const rows = byYear(series.rows);
    const last = rows[rows.length - 1]!;
    const anchors = [
      ...new Set([...rows.map((r) => r.year), ...range(exposure.years.start, exposure.years.end)]),
    ].sort((a, b) => a - b);
    const homeRows: Demand[] = [];
    const nodeRows = new Map<string, Demand[]>(mine.map((n) => [n.region, []]));
    anchors.forEach((year, k) => {
      const total = annualDemandSorted(rows, year);
      const wanted = mine.map((n) => tonnesIn(lineOf.get(n.line)!.tonnes, year) * n.share);
      const sum = wanted.reduce((a, b) => a + b, 0);
      // Outside the validated years the home demand may be smaller: the nodes then take it all, pro rata.
      const scale = sum > total && sum > 0 ? total / sum : 1;
      const cagr = k === anchors.length - 1 ? last.cagr : undefined;
      const row = (region: string, amount: number): Demand => ({
        ...last,
        region,
        year,
        amount,
        ...(cagr === undefined ? { cagr: undefined } : { cagr }),
        notes: `${e.company} exposure: carved from ${home.id} ${series.application} ${series.material}`,
      });
      let taken = 0;
      mine.forEach((n, i) => {
        const amount = wanted[i]! * scale;
        taken += amount;
        nodeRows.get(n.region)!.push(row(n.region, amount));
      });
      homeRows.push(row(home.id, Math.max(0, total - taken)));
    });
    demand.push(...homeRows);
    for (const list of nodeRows.values()) demand.push(...list);
  }
  const kept = dataset.demand.filter((d) => !carved.has(`${d.region}|${d.application}|${d.material}`));

  // Dedicated flows from each named plant; the file's contracts go to the node of their plant.
  const agreements: Agreement[] = [];
  const nodeOfPlant = (grade: string, facility: string) =>
    own.find(
      (n) => n.grade === grade && n.source.kind === 'facilities' && n.source.facilities.includes(facility),
    );
  for (const n of own) {
    if (n.source.kind !== 'facilities') continue;
    for (const f of n.source.facilities)
      agreements.push({
        id: `exposure.${n.region}.${f}`,
        supplier: f,
        buyer: e.company,
        buyer_region: n.region,
        buyer_application: n.application,
        material: n.grade,
        share: 1,
        start_year: exposure.years.start,
        firmness: 'mou',
        ...PROVENANCE,
        notes: `${e.company} buys ${n.line} from ${f}: a dedicated flow bounded by the plant's output`,
      } as Agreement);
  }
  const redirected = new Map<string, Agreement>();
  for (const c of e.contracts) {
    if ('agreement' in c) {
      const a = dataset.agreements.find((x) => x.id === c.agreement)!;
      const n = nodeOfPlant(a.material, a.supplier);
      if (n) redirected.set(a.id, { ...a, buyer_region: n.region, buyer_application: n.application });
      continue;
    }
    const line = lineOf.get(c.line)!;
    const n = nodeOfPlant(line.grade, c.facility);
    if (!n) continue;
    agreements.push({
      id: `exposure.${c.id}`,
      supplier: c.facility,
      buyer: e.company,
      buyer_region: n.region,
      buyer_application: n.application,
      material: line.grade,
      volume: c.tonnes,
      unit: 't magnet',
      start_year: c.start_year ?? exposure.years.start,
      ...(c.end_year === undefined ? {} : { end_year: c.end_year }),
      firmness: c.firmness,
      ...PROVENANCE,
    } as Agreement);
  }

  // Moving between the home region and its company's nodes is free; from elsewhere it costs what
  // shipping to the home region costs (the nodes stand at the home region's point).
  const transport: Transport[] = [
    ...ownRegions.flatMap((r) => [
      { from: home.id, to: r, material: '*', cost: 0, unit: 'USD/kg', ...PROVENANCE } as Transport,
      { from: r, to: home.id, material: '*', cost: 0, unit: 'USD/kg', ...PROVENANCE } as Transport,
    ]),
    ...dataset.transport,
  ];

  const policies = dataset.policies.flatMap((p) => followHome(p, home.id, ownRegions));
  const allRegions = dataset.regions.map((r) => r.id);
  const substitutions = dataset.substitutions.map((s) =>
    s.regions.length === 0 ? { ...s, regions: allRegions } : s,
  );

  return {
    dataset: {
      ...dataset,
      regions,
      taint_sets,
      demand: [...kept, ...demand],
      agreements: [...dataset.agreements.map((a) => redirected.get(a.id) ?? a), ...agreements],
      transport,
      policies,
      substitutions,
    },
    nodes,
  };
}

/** A policy, and its copies for the company's nodes where it acts on the home region's demand or imports. */
function followHome(p: Policy, home: string, nodes: readonly string[]): Policy[] {
  if (p.type === 'origin_requirement' && p.region === home)
    return [p, ...nodes.map((r) => ({ ...p, id: `${p.id}.${r}`, region: r }))];
  if (p.type === 'tariff' && p.importer === home)
    return [p, ...nodes.map((r) => ({ ...p, id: `${p.id}.${r}`, importer: r }))];
  if (p.type === 'export_control' && p.destinations.mode !== 'all' && p.destinations.regions.includes(home))
    return [{ ...p, destinations: { ...p.destinations, regions: [...p.destinations.regions, ...nodes] } }];
  return [p];
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
