/**
 * Undersupply as published outlooks state it: demand against what the chain supplies, per period,
 * for NdFeB magnets and for NdPr oxide (issue 17). Run on scenarios/announced-capacity.yaml it is
 * the "announced capacity only" gap; on any other scenario it is that scenario's gap.
 *
 * - NdFeB magnets (t magnet, every NdFeB grade summed): demand is the period's demand; supply is the
 *   demand the run served (free or touched); undersupply is what it left short.
 * - NdPr oxide (t REO): demand is the oxide the period's demand requires through the recipes: each
 *   demanded material's NdPr oxide per unit along its primary recipe (magnet from metal, metal from
 *   oxide, at their yields: 0.485 t per t of N42 in the default data), gross of swarf recycling.
 *   Supply is the NdPr the chain made available in the period, as oxide equivalent: oxide separated
 *   from ore and recovered from swarf and scrap, plus NdPr recycled from scrap straight into metal or
 *   magnets (counted as the oxide it spares). Stock drawn down is not supply. Where the magnets are
 *   all served from the period's own output, supply equals demand and the undersupply is 0.
 *
 * Outlooks count supply as production from existing and announced capacity; the LP, pricing a
 * shortage at the value of lost load, makes all it can, so where mining or separation binds (as in
 * every period of the default data's gap years) what it made is that capacity-limited maximum.
 */
import type { Dataset } from '../dataset/types.js';
import type { PeriodResult, RunResult } from '../results/types.js';

/** The oxide whose undersupply is reported (when the dataset has it). */
export const NDPR_OXIDE = 'ndpr-oxide';
/** The `material` of the NdFeB rows: every NdFeB grade summed. */
export const NDFEB = 'ndfeb';

export interface UndersupplyRow {
  readonly period: string;
  /** `ndfeb` (all NdFeB grades) or `ndpr-oxide`. */
  readonly material: string;
  readonly demand: number;
  readonly supply: number;
  /** max(0, demand − supply). */
  readonly undersupply: number;
  readonly unit: string;
}

/** NdFeB grades: magnets that carry neodymium. */
export function ndfebMaterials(dataset: Dataset): Set<string> {
  return new Set(
    dataset.materials.filter((m) => m.form === 'magnet' && (m.composition.Nd ?? 0) > 0).map((m) => m.id),
  );
}

/**
 * Units of `target` one unit of each material requires along its primary recipe: the least, over the
 * processes whose reference material it is (recycling processes and recipes that take scrap left
 * out), of their inputs' requirements per unit of it. `target` itself requires 1; a material no
 * primary recipe makes from `target` (ore, concentrate, scrap) requires 0.
 */
export function requirementPerUnit(dataset: Dataset, target: string): (material: string) => number {
  const forms = new Map(dataset.materials.map((m) => [m.id, m.form]));
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const primary = dataset.processes.filter(
    (p) => p.stage !== 'recycling' && p.inputs.every((i) => forms.get(i.material) !== 'scrap'),
  );
  const requirement = (material: string): number => {
    if (material === target) return 1;
    const known = memo.get(material);
    if (known !== undefined) return known;
    // A recipe that needs what it makes (separation's reference is its feed) is no way to make it.
    if (visiting.has(material)) return Number.POSITIVE_INFINITY;
    visiting.add(material);
    let least = Number.POSITIVE_INFINITY;
    for (const p of primary) {
      if (p.reference !== material) continue;
      const made = p.outputs.find((o) => o.material === material)?.amount;
      if (!made) continue;
      const needs = p.inputs.reduce((s, i) => s + i.amount * requirement(i.material), 0);
      least = Math.min(least, needs / made);
    }
    visiting.delete(material);
    const result = Number.isFinite(least) ? least : 0;
    memo.set(material, result);
    return result;
  };
  return requirement;
}

const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

/** The NdPr (as oxide equivalent) the period's activities made available: what they produced less what they used. */
function oxideMade(p: PeriodResult, requirement: (material: string) => number): number {
  return (
    sum(p.production, (r) => r.amount * requirement(r.material)) -
    sum(p.consumption, (r) => r.amount * requirement(r.material))
  );
}

export function undersupply(run: RunResult, dataset: Dataset): UndersupplyRow[] {
  const ndfeb = ndfebMaterials(dataset);
  const unitOf = new Map(dataset.materials.map((m) => [m.id, m.unit]));
  const magnetUnit = unitOf.get([...ndfeb][0] ?? '') ?? 't magnet';
  const oxide = unitOf.get(NDPR_OXIDE);
  const requirement = oxide === undefined ? undefined : requirementPerUnit(dataset, NDPR_OXIDE);
  const row = (period: string, material: string, demand: number, supply: number, unit: string) => ({
    period,
    material,
    demand,
    supply,
    undersupply: Math.max(0, demand - supply),
    unit,
  });
  return run.periods.flatMap((p) => {
    const rows: UndersupplyRow[] = [];
    const magnets = p.demand.filter((d) => ndfeb.has(d.material));
    if (ndfeb.size > 0)
      rows.push(
        row(
          p.period.label,
          NDFEB,
          sum(magnets, (d) => d.demand),
          sum(magnets, (d) => d.served_free + d.served_cn),
          magnetUnit,
        ),
      );
    if (requirement && oxide !== undefined)
      rows.push(
        row(
          p.period.label,
          NDPR_OXIDE,
          sum(p.demand, (d) => d.demand * requirement(d.material)),
          oxideMade(p, requirement),
          oxide,
        ),
      );
    return rows;
  });
}
