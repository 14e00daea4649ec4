/**
 * Self-sufficiency of a bloc in supply free of the run's taint set ("China-free" for the set china).
 *
 * Per stage (measure "capacity"): the bloc's own capacity at that stage outside the taint set over
 * its demand, counted in the magnet elements it carries (REO equivalent of Nd+Pr, and of Dy+Tb);
 * the stage ratio is the lesser of the two where the demand needs them. For the whole chain (stage
 * "chain"), three measures in chain-self-sufficiency.ts: served, potential and upper bound.
 */

import type { Dataset, LoadedFacility, LoadedMaterial } from '../dataset/types.js';
import { periodCapacity } from '../model/capacity.js';
import { annualDemandSorted, byYear, demandSeries } from '../model/demand.js';
import type { Taint } from '../scenario/taint.js';
import type { CapacityStep } from '../schema/facility.js';
import type { Scenario } from '../schema/scenario.js';
import { makePeriods } from '../time/periods.js';
import { metalPerOxide } from '../units/elements.js';
import type { Bloc } from './blocs.js';

/**
 * capacity: a stage's own free capacity over demand. For the chain: served (in the run itself),
 * potential (the most the bloc could get while every other demand keeps the free supply it got in
 * the run), upper_bound (the bloc with first call on all free capacity in the world).
 */
export type Measure = 'capacity' | 'served' | 'potential' | 'upper_bound';
export const CHAIN_MEASURES = ['served', 'potential', 'upper_bound'] as const;

export interface SelfSufficiencyRow {
  readonly period: string;
  readonly bloc: string;
  /** mining, separation, metal, magnet, or "chain" for end to end. */
  readonly stage: string;
  readonly measure: Measure;
  /** Free supply available, and demand, in t REO of magnet elements (chain: t of demand). */
  readonly supply: number;
  readonly demand: number;
  readonly ratio: number;
}

const GROUPS = { 'Nd+Pr': ['Nd', 'Pr'], 'Dy+Tb': ['Dy', 'Tb'] } as const;
const STAGES = ['mining', 'separation', 'metal', 'magnet'] as const;

/** t REO of the given elements in one canonical unit of the material. */
export function elementReo(m: LoadedMaterial, elements: readonly string[]): number {
  const reoBased = m.form === 'concentrate' || m.form === 'oxide';
  return elements.reduce(
    (s, e) => s + (reoBased ? (m.composition[e] ?? 0) : (m.composition[e] ?? 0) / metalPerOxide(e)),
    0,
  );
}

export function stageSelfSufficiency(
  dataset: Dataset,
  scenario: Scenario,
  blocs: readonly Bloc[],
  taint: Taint,
): SelfSufficiencyRow[] {
  const materials = new Map(dataset.materials.map((m) => [m.id, m]));
  const processes = new Map(dataset.processes.map((p) => [p.id, p]));
  const taints = new Set(taint.regions);
  const groups = Object.entries(GROUPS);
  // Looked up once rather than per period, bloc and stage (the sums below keep their order).
  const series = demandSeries(dataset.demand).map((d) => ({
    region: d.region,
    rows: byYear(d.rows),
    reo: groups.map(([, els]) => elementReo(materials.get(d.material)!, els)),
  }));
  const steps = new Map<string, CapacityStep[]>();
  for (const s of dataset.capacity_steps) {
    const list = steps.get(s.facility);
    if (list) list.push(s);
    else steps.set(s.facility, [s]);
  }
  const plants = dataset.facilities.map((f) => {
    const p = processes.get(f.process)!;
    return {
      facility: f,
      stage: p.stage,
      steps: steps.get(f.id) ?? [],
      reo: groups.map(([, els]) =>
        p.outputs.reduce((s, o) => s + o.amount * elementReo(materials.get(o.material)!, els), 0),
      ),
    };
  });
  const rows: SelfSufficiencyRow[] = [];
  for (const period of makePeriods(scenario.horizon.start, scenario.horizon.end, scenario.period)) {
    const capacity = new Map<LoadedFacility, number>();
    const capacityOf = (plant: (typeof plants)[number]) => {
      let cap = capacity.get(plant.facility);
      if (cap === undefined) {
        cap = periodCapacity(plant.facility, plant.steps, period);
        capacity.set(plant.facility, cap);
      }
      return cap;
    };
    for (const bloc of blocs) {
      const inBloc = new Set(bloc.regions);
      const demand = Object.fromEntries(
        groups.map(([g], gi) => [
          g,
          series
            .filter((d) => inBloc.has(d.region))
            .reduce((s, d) => s + annualDemandSorted(d.rows, period.year) * period.length * d.reo[gi]!, 0),
        ]),
      );
      for (const stage of STAGES) {
        const supply: Record<string, number> = { 'Nd+Pr': 0, 'Dy+Tb': 0 };
        for (const plant of plants) {
          const f = plant.facility;
          if (plant.stage !== stage || !inBloc.has(f.region) || taints.has(f.region)) continue;
          const cap = capacityOf(plant);
          groups.forEach(([g], gi) => {
            supply[g]! += cap * plant.reo[gi]!;
          });
        }
        const needed = Object.keys(GROUPS).filter((g) => demand[g]! > 0);
        if (needed.length === 0) continue;
        const binding = needed.reduce((a, b) => (supply[a]! / demand[a]! <= supply[b]! / demand[b]! ? a : b));
        rows.push({
          period: period.label,
          bloc: bloc.id,
          stage,
          measure: 'capacity',
          supply: supply[binding]!,
          demand: demand[binding]!,
          ratio: supply[binding]! / demand[binding]!,
        });
      }
    }
  }
  return rows;
}

/** The first period in which a bloc reaches a ratio of 1 by a measure (a stage's capacity, or the chain's), if any. */
export function firstSelfSufficient(
  rows: readonly SelfSufficiencyRow[],
  bloc: string,
  stage: string,
  measure: Measure = 'capacity',
): string | undefined {
  return rows.find(
    (r) => r.bloc === bloc && r.stage === stage && r.measure === measure && r.ratio >= 1 - 1e-9,
  )?.period;
}
