/**
 * The planner page's map: the builds of a plan (plan.csv) on the world map, at the site of the
 * project's facility when it has one, else at the point of the build's region (regions.csv), spread
 * a little apart where several share a point. A year shows the capacity built by then: that year's
 * builds solid, earlier ones faded.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { Candidate, Facility, Region, TableRows } from '../api';
import { esc, fmt } from '../format';
import { STAGE_COLORS, STAGES, worldGeo } from './facilityMap';

export interface PlannedBuild {
  candidate: string;
  kind: string;
  region: string;
  stage: string;
  /** Year of first output. */
  year: number;
  size: number;
  unit: string;
  capex: number;
}

/** plan.csv's rows as builds. */
export function buildsOf(table: Pick<TableRows, 'columns' | 'rows'>): PlannedBuild[] {
  const at = (name: string) => table.columns.indexOf(name);
  const [candidate, kind, region, stage, year, size, unit, capex] = [
    'candidate',
    'kind',
    'region',
    'stage',
    'year',
    'size',
    'unit',
    'capex_usd',
  ].map(at) as [number, number, number, number, number, number, number, number];
  return table.rows.map((r) => ({
    candidate: String(r[candidate]),
    kind: String(r[kind]),
    region: String(r[region]),
    stage: String(r[stage]),
    year: Number(r[year]),
    size: Number(r[size]),
    unit: String(r[unit]),
    capex: Number(r[capex]),
  }));
}

export interface PlacedBuild extends PlannedBuild {
  lon: number;
  lat: number;
  /** Where the point comes from: the project's site, or its region's point. */
  at: 'site' | 'region';
}

/** Degrees between builds that share a point, around it. */
const SPREAD = 1.5;

/** Places each build; those with neither a site nor a placed region are returned apart. */
export function placeBuilds(
  builds: readonly PlannedBuild[],
  candidates: readonly Candidate[],
  facilities: readonly Facility[],
  regions: readonly Region[],
): { placed: PlacedBuild[]; unplaced: PlannedBuild[] } {
  const candidate = new Map(candidates.map((c) => [c.id, c]));
  const facility = new Map(facilities.map((f) => [f.id, f]));
  const region = new Map(regions.map((r) => [r.id, r]));
  const placed: PlacedBuild[] = [];
  const unplaced: PlannedBuild[] = [];
  const seen = new Map<string, number>();
  // One point per candidate: a candidate built in several years stays where it is.
  const slot = new Map<string, { lon: number; lat: number }>();
  for (const b of builds) {
    const f = facility.get(candidate.get(b.candidate)?.facility ?? '');
    const r = region.get(b.region);
    const site =
      f && typeof f.lat === 'number' && typeof f.lon === 'number' ? { lon: f.lon, lat: f.lat } : undefined;
    const point = site ?? (r && typeof r.lat === 'number' && typeof r.lon === 'number' ? r : undefined);
    if (!point) {
      unplaced.push(b);
      continue;
    }
    let at = slot.get(b.candidate);
    if (!at) {
      const key = `${point.lon},${point.lat}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      // The first at the point itself, the next ones on rings around it.
      const angle = n * 2.4;
      const radius = n === 0 ? 0 : SPREAD * Math.sqrt(n);
      at = { lon: point.lon! + radius * Math.cos(angle), lat: point.lat! + radius * Math.sin(angle) };
      slot.set(b.candidate, at);
    }
    placed.push({ ...b, ...at, at: site ? 'site' : 'region' });
  }
  return { placed, unplaced };
}

/** The years a plan builds in, in order. */
export const buildYears = (builds: readonly PlannedBuild[]) =>
  [...new Set(builds.map((b) => b.year))].sort((a, b) => a - b);

/** A symbol's size: its area grows with the capex (6 px for nothing, 40 px for the plan's largest). */
function symbolSize(capex: number, largest: number): number {
  return largest > 0 ? 6 + 34 * Math.sqrt(Math.max(0, capex) / largest) : 10;
}

/**
 * The builds producing by `year` (all when undefined) on the world map, one series per stage: the
 * year's own builds solid, earlier ones faded; a symbol's area follows its capex.
 */
export function planMapOption(placed: readonly PlacedBuild[], year?: number): EChartsCoreOption {
  const shown = placed.filter((b) => year === undefined || b.year <= year);
  const largest = Math.max(0, ...placed.map((b) => b.capex));
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: { build: PlacedBuild } }) => {
        const b = p.data.build;
        return (
          `<b>${esc(b.candidate)}</b><br>${esc(b.kind)} · ${esc(b.region)} · ${esc(b.stage)}` +
          `<br>first output ${b.year}: ${fmt(b.size)} ${esc(b.unit)}<br>capex ${fmt(b.capex / 1e6)} M USD` +
          (b.at === 'region' ? '<br><i>placed at its region’s point</i>' : '')
        );
      },
    },
    legend: { top: 0, data: STAGES.filter((s) => placed.some((b) => b.stage === s)) },
    geo: worldGeo(28),
    series: STAGES.map((stage) => ({
      name: stage,
      type: 'scatter',
      coordinateSystem: 'geo',
      itemStyle: { color: STAGE_COLORS[stage] },
      data: shown
        .filter((b) => b.stage === stage)
        .map((b) => ({
          name: b.candidate,
          value: [b.lon, b.lat],
          symbolSize: symbolSize(b.capex, largest),
          itemStyle: { opacity: year === undefined || b.year === year ? 0.85 : 0.35 },
          build: b,
        })),
    })),
  };
}
