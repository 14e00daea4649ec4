/**
 * Independent check of the origin tags, from the result rows and the dataset rather than the LP:
 * nothing tagged China-free is made or processed in a tainting region, and every facility makes
 * each tag only from inputs of the same tag, in its recipe's proportions (no relabelling inside a
 * plant: free output from cn input would launder material).
 */
import type { Dataset } from '../dataset/types.js';
import { type BalanceViolation, CheckError } from './check-balance.js';
import type { PeriodResult } from './types.js';

export interface TagRules {
  /** Regions where any processing makes material China-touched (tag cn). */
  readonly tainting: ReadonlySet<string>;
  /** Per facility, the amount of each input and of each output per unit of activity. */
  readonly recipes: ReadonlyMap<string, Recipe>;
}

interface Recipe {
  readonly inputs: ReadonlyMap<string, number>;
  readonly outputs: ReadonlyMap<string, number>;
}

const rulesCache = new WeakMap<Dataset, TagRules>();

/** The tag rules of a dataset: its tainting regions and each facility's recipe. */
export function tagRules(dataset: Dataset): TagRules {
  let rules = rulesCache.get(dataset);
  if (!rules) {
    const processes = new Map(
      dataset.processes.map((p) => [
        p.id,
        {
          inputs: new Map(p.inputs.map((i) => [i.material, i.amount])),
          outputs: new Map(p.outputs.map((o) => [o.material, o.amount])),
        },
      ]),
    );
    rules = {
      tainting: new Set(dataset.regions.filter((r) => r.taints).map((r) => r.id)),
      recipes: new Map(dataset.facilities.map((f) => [f.id, processes.get(f.process)!])),
    };
    rulesCache.set(dataset, rules);
  }
  return rules;
}

/**
 * Returns the violations. Each facility's activity per tag is read from the amount of every
 * material of its recipe, made or used; they must agree within `relTol` of the largest.
 */
export function tagViolations(r: PeriodResult, rules: TagRules, relTol = 1e-6): BalanceViolation[] {
  const out: BalanceViolation[] = [];
  // Amounts per facility, tag and recipe material (inputs and outputs apart).
  const amounts = new Map<string, { facility: string; tag: string; per: number; amount: number }>();
  const add = (facility: string, tag: string, side: string, material: string, amount: number) => {
    const recipe = rules.recipes.get(facility);
    const per = (side === 'in' ? recipe?.inputs : recipe?.outputs)?.get(material);
    if (!per) return;
    const k = `${facility}|${tag}|${side}|${material}`;
    const e = amounts.get(k);
    if (e) e.amount += amount;
    else amounts.set(k, { facility, tag, per, amount });
  };
  for (const p of r.production) {
    if (p.tag === 'free' && rules.tainting.has(p.region))
      out.push({
        what: `China-free ${p.material} made at ${p.facility} in tainting region ${p.region}`,
        excess: p.amount,
      });
    add(p.facility, p.tag, 'out', p.material, p.amount);
  }
  for (const c of r.consumption) {
    if (c.tag === 'free' && rules.tainting.has(c.region))
      out.push({
        what: `China-free ${c.material} processed at ${c.facility} in tainting region ${c.region}`,
        excess: c.amount,
      });
    add(c.facility, c.tag, 'in', c.material, c.amount);
  }
  // The activity each material implies, per facility and tag.
  const levels = new Map<
    string,
    { facility: string; tag: string; rows: number; low: number; high: number }
  >();
  for (const { facility, tag, per, amount } of amounts.values()) {
    const k = `${facility}|${tag}`;
    const level = amount / per;
    const e = levels.get(k);
    if (!e) levels.set(k, { facility, tag, rows: 1, low: level, high: level });
    else {
      e.rows++;
      e.low = Math.min(e.low, level);
      e.high = Math.max(e.high, level);
    }
  }
  for (const e of levels.values()) {
    const recipe = rules.recipes.get(e.facility)!;
    // A material of the recipe without a row ran at 0.
    const low = e.rows < recipe.inputs.size + recipe.outputs.size ? 0 : e.low;
    if (e.high - low > relTol * Math.max(1, e.high))
      out.push({
        what: `${e.facility} ${e.tag}: its inputs and outputs do not match its recipe (activity ${round(low)} to ${round(e.high)})`,
        excess: e.high - low,
      });
  }
  return out;
}

const round = (x: number) => Number(x.toPrecision(6));

export function assertTagsConsistent(r: PeriodResult, rules: TagRules): void {
  const v = tagViolations(r, rules);
  if (v.length > 0) throw new CheckError('origin tags inconsistent', r.period.label, v);
}
