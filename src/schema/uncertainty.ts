import { z } from 'zod';
import { POLICY_TARGETS } from '../policies/index.js';
import { id, list, provenance, year } from './common.js';
import { Distribution } from './distribution.js';
import { STATUSES } from './facility.js';
import { STAGES } from './process.js';

/** What a spec may change: facilities, demand, and policies (each policy type names its own targets). */
export const UNCERTAIN_TARGETS = [
  'start_delay',
  'capacity',
  'utilisation',
  'cost',
  'demand',
  'demand_growth',
  ...POLICY_TARGETS,
  'supply_path',
  'start_probability',
  'substitution_share',
  'substitution_cost',
  'elasticity',
] as [string, ...string[]];

/** Multipliers, shares, growth rates and years: a spec that draws beyond a thousand is a typo. */
const MAX_DRAW = 1000;

/** A distribution whose numbers are of sane size and whose bounds are in order (min ≤ mode ≤ max). */
const SaneDistribution = Distribution.superRefine((d, ctx) => {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  for (const [key, v] of Object.entries(d)) {
    const values = typeof v === 'number' ? [v] : Array.isArray(v) ? v : [];
    values.forEach((x, i) => {
      if (Math.abs(x) > MAX_DRAW)
        issue(typeof v === 'number' ? [key] : [key, i], `expected a value from -${MAX_DRAW} to ${MAX_DRAW}`);
    });
  }
  const { min, max, mode } = d as { min?: number; max?: number; mode?: number };
  if (min !== undefined && max !== undefined && min > max) issue(['max'], 'expected max ≥ min');
  else if (mode !== undefined && (mode < min! || mode > max!)) issue(['mode'], 'expected min ≤ mode ≤ max');
  if (d.type === 'discrete' && d.weights && !(d.weights.reduce((a, b) => a + b, 0) > 0))
    issue(['weights'], 'expected weights with a positive sum');
});

/** The values a distribution can draw, as far as its bounds say (lognormal and open normals: none). */
function support(d: Distribution): [number, number] | undefined {
  switch (d.type) {
    case 'fixed':
      return [d.value, d.value];
    case 'discrete':
      return [Math.min(...d.values), Math.max(...d.values)];
    case 'truncnormal':
      return d.min === undefined || d.max === undefined ? undefined : [d.min, d.max];
    case 'lognormal':
      return undefined;
    default:
      return [d.min, d.max];
  }
}

/**
 * An uncertain input: what it changes (`target`), which records it selects, and its distribution.
 * Facility targets: start_delay (years added to the start and capacity steps), capacity and cost
 * (multipliers), utilisation (multiplier of availability, capped at 1), start_probability (the
 * chance a project starts at all: each draw cancels it with 1 − p). Demand targets: demand (a
 * multiplier of the level) and demand_growth (added to the yearly growth from the horizon's start,
 * or from `from_year`). Policy targets: licensed_share (of export controls) and policy_duration
 * (years from the start to the end). elasticity: a multiplier of the price elasticities of the
 * demand curves of the `applications` selected (all with a curve when none are named), which moves
 * each block's price to reference + (price − reference) / multiplier; it must stay above 0.
 * supply_path: the path a supply-path `group` runs, the drawn
 * value indexing `paths` (a discrete distribution over 0, 1, …). Substitution targets:
 * substitution_share (a multiplier of max_share, capped at 1) and substitution_cost (a multiplier of
 * cost) of the `substitutions` named (none named: all). With `each`, every selected record
 * draws its own value; otherwise one value serves all. A shared `factor` correlates specs through a
 * Gaussian copula (weight = correlation with the factor).
 */
export const UncertaintySpec = z
  .object({
    id,
    target: z.enum(UNCERTAIN_TARGETS, { error: `expected a target: ${UNCERTAIN_TARGETS.join(', ')}` }),
    facilities: list(id).default([]),
    statuses: list(z.enum(STATUSES)).default([]),
    regions: list(id).default([]),
    exclude_regions: list(id).default([]),
    stages: list(z.enum(STAGES)).default([]),
    applications: list(id).default([]),
    policies: list(id).default([]),
    substitutions: list(id)
      .default([])
      .describe('substitution_share, substitution_cost: the substitutions drawn (empty: every one).'),
    group: id.optional().describe('supply_path: the supply-path group whose path is drawn.'),
    paths: list(id)
      .optional()
      .describe(
        'supply_path: the paths a drawn value 0, 1, … picks, in that order (e.g. low, central, high).',
      ),
    from_year: year.optional().describe('demand_growth: the growth is added from this year on.'),
    distribution: SaneDistribution,
    each: z.boolean().default(false),
    factor: z
      .object({ id, weight: z.number().min(-1).max(1) })
      .strict()
      .optional(),
    ...provenance,
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const paths = s.paths ?? [];
    if (s.target === 'supply_path') {
      if (s.group === undefined)
        issue(['group'], 'missing; expected the supply-path group whose path is drawn');
      if (paths.length === 0)
        issue(['paths'], 'expected the paths a drawn value picks, e.g. [low, central, high]');
      const d = s.distribution;
      const last = paths.length - 1;
      if (d.type !== 'discrete' && d.type !== 'fixed')
        issue(['distribution', 'type'], 'expected discrete (or fixed) over path numbers 0, 1, … of `paths`');
      else
        (d.type === 'fixed' ? [d.value] : d.values).forEach((v, i) => {
          if (Number.isInteger(v) && v >= 0 && v <= last) return;
          issue(
            ['distribution', ...(d.type === 'fixed' ? ['value'] : ['values', i])],
            `expected a path number from 0 to ${last} (${paths.join(', ')})`,
          );
        });
    } else if (s.group !== undefined || s.paths !== undefined) {
      issue([s.group !== undefined ? 'group' : 'paths'], 'only a supply_path target names a group and paths');
    }
    if (s.target === 'start_probability') {
      const range = support(s.distribution);
      if (!range || range[0] < 0 || range[1] > 1)
        issue(
          ['distribution'],
          'expected a start probability from 0 to 1 (a fixed value, or a distribution bounded by 0 and 1)',
        );
    }
    if (s.target === 'elasticity') {
      const range = support(s.distribution);
      if (range ? range[0] <= 0 : s.distribution.type !== 'lognormal')
        issue(
          ['distribution'],
          'expected an elasticity multiplier above 0 (a distribution bounded below by a positive number, or lognormal)',
        );
    }
    if (s.from_year !== undefined && s.target !== 'demand_growth')
      issue(['from_year'], 'only a demand_growth target has a from_year');
  });
export type UncertaintySpec = z.infer<typeof UncertaintySpec>;
