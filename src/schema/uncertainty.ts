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
    distribution: Distribution,
    each: z.boolean().default(false),
    factor: z
      .object({ id, weight: z.number().min(-1).max(1) })
      .strict()
      .optional(),
    ...provenance,
  })
  .strict();
export type UncertaintySpec = z.infer<typeof UncertaintySpec>;
