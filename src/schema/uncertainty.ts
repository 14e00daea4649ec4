import { z } from 'zod';
import { Distribution } from '../uncertainty/distributions.js';
import { id, list, provenance } from './common.js';
import { STATUSES } from './facility.js';
import { STAGES } from './process.js';

export const UNCERTAIN_TARGETS = [
  'start_delay',
  'capacity',
  'utilisation',
  'cost',
  'demand',
  'demand_growth',
  'licensed_share',
  'policy_duration',
] as const;

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

/**
 * An uncertain input: what it changes (`target`), which records it selects, and its distribution.
 * Facility targets: start_delay (years added to the start and capacity steps), capacity and cost
 * (multipliers), utilisation (multiplier of availability, capped at 1). Demand targets: demand (a
 * multiplier of the level) and demand_growth (added to the yearly growth from the horizon's start).
 * Policy targets: licensed_share (of export controls) and policy_duration (years from the start to
 * the end). With `each`, every selected record draws its own value; otherwise one value serves all.
 * A shared `factor` correlates specs through a Gaussian copula (weight = correlation with the factor).
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
    distribution: SaneDistribution,
    each: z.boolean().default(false),
    factor: z
      .object({ id, weight: z.number().min(-1).max(1) })
      .strict()
      .optional(),
    ...provenance,
  })
  .strict();
export type UncertaintySpec = z.infer<typeof UncertaintySpec>;
