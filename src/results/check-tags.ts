/**
 * Independent check of the origin tags, from the result rows and the dataset rather than the LP:
 * nothing tagged China-free is made or processed in a tainting region, and every facility makes
 * each tag only from inputs of the same tag, in its recipe's proportions (no relabelling inside a
 * plant: free output from cn input would launder material).
 */
import type { Dataset } from '../dataset/types.js';
import type { Taint } from '../scenario/taint.js';
import { type BalanceViolation, CheckError } from './check-balance.js';
import type { PeriodResult } from './types.js';

export interface TagRules {
  /** Regions where any processing makes material China-touched (tag cn). */
  readonly tainting: ReadonlySet<string>;
  /** Each facility's recipe. */
  readonly recipes: ReadonlyMap<string, Recipe>;
}

/** A recipe's materials as slots: inputs, then outputs, with the amount of each per unit of activity. */
interface Recipe {
  readonly inputs: ReadonlyMap<string, number>;
  readonly outputs: ReadonlyMap<string, number>;
  readonly per: Float64Array;
}

/** The tag rules of a run: the regions of its taint set and each facility's recipe (make once per run). */
export function tagRules(dataset: Dataset, taint: Taint): TagRules {
  const processes = new Map(
    dataset.processes.map((p) => {
      const n = p.inputs.length;
      return [
        p.id,
        {
          inputs: new Map(p.inputs.map((x, k) => [x.material, k])),
          outputs: new Map(p.outputs.map((x, k) => [x.material, n + k])),
          per: Float64Array.from([...p.inputs, ...p.outputs], (x) => x.amount),
        },
      ];
    }),
  );
  return {
    tainting: new Set(taint.regions),
    recipes: new Map(dataset.facilities.map((f) => [f.id, processes.get(f.process)!])),
  };
}

/**
 * Returns the violations. Each facility's activity per tag is read from the amount of every
 * material of its recipe, made or used (none: 0); they must agree within `relTol` of the largest.
 */
export function tagViolations(r: PeriodResult, rules: TagRules, relTol = 1e-6): BalanceViolation[] {
  const out: BalanceViolation[] = [];
  // Per facility and tag, the amount of each slot of its recipe.
  const tally = new Map<string, { free?: Float64Array; cn?: Float64Array }>();
  const add = (facility: string, tag: 'free' | 'cn', slot: number | undefined, amount: number) => {
    if (slot === undefined) return;
    let t = tally.get(facility);
    if (!t) {
      t = {};
      tally.set(facility, t);
    }
    t[tag] ??= new Float64Array(rules.recipes.get(facility)!.per.length);
    t[tag][slot]! += amount;
  };
  for (const p of r.production) {
    if (p.tag === 'free' && rules.tainting.has(p.region))
      out.push({
        what: `China-free ${p.material} made at ${p.facility} in tainting region ${p.region}`,
        excess: p.amount,
      });
    add(p.facility, p.tag, rules.recipes.get(p.facility)?.outputs.get(p.material), p.amount);
  }
  for (const c of r.consumption) {
    if (c.tag === 'free' && rules.tainting.has(c.region))
      out.push({
        what: `China-free ${c.material} processed at ${c.facility} in tainting region ${c.region}`,
        excess: c.amount,
      });
    add(c.facility, c.tag, rules.recipes.get(c.facility)?.inputs.get(c.material), c.amount);
  }
  for (const [facility, byTag] of tally) {
    const { per } = rules.recipes.get(facility)!;
    for (const tag of ['free', 'cn'] as const) {
      const amounts = byTag[tag];
      if (!amounts) continue;
      let low = Number.POSITIVE_INFINITY;
      let high = 0;
      for (let k = 0; k < per.length; k++) {
        const level = amounts[k]! / per[k]!;
        low = Math.min(low, level);
        high = Math.max(high, level);
      }
      if (high - low > relTol * Math.max(1, high))
        out.push({
          what: `${facility} ${tag}: its inputs and outputs do not match its recipe (activity ${round(low)} to ${round(high)})`,
          excess: high - low,
        });
    }
  }
  return out;
}

const round = (x: number) => Number(x.toPrecision(6));

export function assertTagsConsistent(r: PeriodResult, rules: TagRules): void {
  const v = tagViolations(r, rules);
  if (v.length > 0) throw new CheckError('origin tags inconsistent', r.period.label, v);
}
