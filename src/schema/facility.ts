import { z } from 'zod';
import {
  bool,
  fraction,
  id,
  latitude,
  longitude,
  nonNegative,
  provenance,
  text,
  year,
  years,
} from './common.js';

export const STATUSES = ['operating', 'construction', 'planned', 'idle', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const Facility = z
  .object({
    id,
    name: text,
    owner: text,
    region: id,
    process: id,
    status: z.enum(STATUSES, { error: `expected a status: ${STATUSES.join(', ')}` }),
    start_year: year
      .optional()
      .describe('First year of output (operating facilities: omit if long-standing).'),
    end_year: year.optional().describe('Last year of output.'),
    capacity: nonNegative.describe('Nameplate capacity per year once ramped up.'),
    capacity_unit: text,
    capacity_basis: id
      .optional()
      .describe("Material of the recipe that capacity counts (default: the process's reference)."),
    ramp_years: years.default(0).describe('Years from start to full capacity, linear.'),
    availability: fraction.default(1).describe('Share of capacity usable on average.'),
    min_utilization: fraction
      .default(0)
      .describe(
        'Share of available capacity that runs whatever the cost (customers locked in by qualification and contracts); a shortfall costs the min-run penalty.',
      ),
    unit_cost: nonNegative.optional().describe("Cost per unit of activity; defaults to the process's."),
    cost_unit: z.string().default('USD/kg'),
    aggregate: bool.default(false).describe('Stands in for many plants of a stage in a region.'),
    lat: latitude.optional(),
    lon: longitude.optional(),
    ...provenance,
  })
  .strict();
export type Facility = z.infer<typeof Facility>;

/** A change in a facility's capacity from a year on (expansions, cuts). */
export const CapacityStep = z
  .object({
    facility: id,
    year,
    capacity: nonNegative,
    unit: text,
    ramp_years: years.default(0),
    ...provenance,
  })
  .strict();
export type CapacityStep = z.infer<typeof CapacityStep>;
