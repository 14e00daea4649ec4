/**
 * Other magnet plants a company could buy a line's grade from, checked against the same run: their
 * spare capacity (capacity the run left unused, mean over the years), how much of it is free of the
 * run's taint set (none in a tainting region), their cost (the plant's variable cost plus shipping
 * to the home region), distance (the plant's point, else its region's, to the home region's) and
 * origin. Ranked by spare free capacity, then delivered cost, then distance.
 */
import type { Dataset } from '../dataset/types.js';
import { regionDistanceKm, routeCosts } from '../model/network.js';
import type { RunResult } from '../results/types.js';
import type { CompanyNode } from './carve.js';
import type { Exposure } from './validate.js';

export interface AlternativeRow {
  readonly scenario: string;
  readonly line: string;
  readonly grade: string;
  readonly rank: number;
  readonly facility: string;
  readonly name: string;
  readonly owner: string;
  readonly region: string;
  /** In a region of the run's taint set: its output is covered whatever it is made of. */
  readonly covered: boolean;
  readonly current_supplier: boolean;
  /** Capacity the run left unused, t magnet a year: the mean over the years, and the last year's. */
  readonly spare_t: number;
  readonly spare_free_t: number;
  readonly spare_last_t: number;
  /** Share of what the plant made in the run that was free of the taint set (its inputs' origin); undefined if it made nothing. */
  readonly output_free_share: number | undefined;
  readonly unit_cost_usd_per_kg: number;
  readonly transport_usd_per_kg: number;
  readonly distance_km: number;
}

export function alternativeSuppliers(
  scenario: string,
  run: RunResult,
  dataset: Dataset,
  exposure: Exposure,
  nodes: readonly CompanyNode[],
): AlternativeRow[] {
  const e = exposure.value;
  const home = dataset.regions.find((r) => r.id === e.region)!;
  const taint = new Set(run.taint.regions);
  const processes = new Map(dataset.processes.map((p) => [p.id, p]));
  const cost = routeCosts(dataset);
  const years = [...new Set(run.periods.map((p) => p.period.year))];
  // Spare capacity per facility and year (periods of a year summed).
  const spare = new Map<string, Map<number, number>>();
  for (const p of run.periods)
    for (const c of p.capacity) {
      const byYear = spare.get(c.facility) ?? new Map<number, number>();
      // Below a gram is solver tolerance, not spare capacity (it would break ties between full plants).
      const free = c.capacity - c.used > 1e-6 ? c.capacity - c.used : 0;
      byYear.set(p.period.year, (byYear.get(p.period.year) ?? 0) + free);
      spare.set(c.facility, byYear);
    }
  // What each plant made of each tag over the run, for the origin of its output.
  const made = new Map<string, { free: number; cn: number }>();
  for (const p of run.periods)
    for (const r of p.production) {
      const m = made.get(`${r.facility}|${r.material}`) ?? { free: 0, cn: 0 };
      m[r.tag] += r.amount;
      made.set(`${r.facility}|${r.material}`, m);
    }
  const out: AlternativeRow[] = [];
  for (const line of e.product_lines) {
    const current = new Set(
      nodes
        .filter((n) => n.line === line.id)
        .flatMap((n) =>
          n.source.kind === 'facilities'
            ? n.source.facilities
            : n.source.kind === 'country'
              ? dataset.facilities
                  .filter((f) => f.region === (n.source as { region: string }).region)
                  .map((f) => f.id)
              : [],
        ),
    );
    const rows = dataset.facilities
      .filter((f) => processes.get(f.process)?.outputs.some((o) => o.material === line.grade))
      .map((f) => {
        const byYear = spare.get(f.id);
        const mean = years.reduce((a, y) => a + (byYear?.get(y) ?? 0), 0) / Math.max(1, years.length);
        const last = byYear?.get(years[years.length - 1]!) ?? 0;
        const covered = taint.has(f.region);
        const region = dataset.regions.find((r) => r.id === f.region);
        return {
          scenario,
          line: line.id,
          grade: line.grade,
          rank: 0,
          facility: f.id,
          name: f.name,
          owner: f.owner,
          region: f.region,
          covered,
          current_supplier: current.has(f.id),
          spare_t: mean,
          spare_free_t: covered ? 0 : mean,
          spare_last_t: last,
          output_free_share: freeShare(made.get(`${f.id}|${line.grade}`)),
          unit_cost_usd_per_kg: f.unit_cost,
          transport_usd_per_kg: f.region === home.id ? 0 : cost(f.region, home.id, line.grade),
          distance_km: distanceKm(dataset, f, region, home),
        };
      });
    rows.sort(
      (a, b) =>
        b.spare_free_t - a.spare_free_t ||
        a.unit_cost_usd_per_kg + a.transport_usd_per_kg - (b.unit_cost_usd_per_kg + b.transport_usd_per_kg) ||
        a.distance_km - b.distance_km ||
        (a.facility < b.facility ? -1 : 1),
    );
    out.push(...rows.map((r, i) => ({ ...r, rank: i + 1 })));
  }
  return out;
}

function freeShare(m: { free: number; cn: number } | undefined): number | undefined {
  const total = (m?.free ?? 0) + (m?.cn ?? 0);
  return total > 1e-9 ? m!.free / total : undefined;
}

function distanceKm(
  dataset: Dataset,
  f: { lat?: number | undefined; lon?: number | undefined; region: string },
  region: { lat?: number | undefined; lon?: number | undefined } | undefined,
  home: { id: string; lat?: number | undefined; lon?: number | undefined },
): number {
  const lat = f.lat ?? region?.lat;
  const lon = f.lon ?? region?.lon;
  if (lat === undefined || lon === undefined || home.lat === undefined || home.lon === undefined)
    return regionDistanceKm(dataset, f.region, home.id);
  const rad = Math.PI / 180;
  const h =
    Math.sin(((home.lat - lat) * rad) / 2) ** 2 +
    Math.cos(lat * rad) * Math.cos(home.lat * rad) * Math.sin(((home.lon - lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
