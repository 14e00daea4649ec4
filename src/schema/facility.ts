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

/**
 * Where a facility stands. Projects by how far they have come: `construction` (final investment
 * decision taken, being built), `committed` (decision or financing closed, building not begun or
 * not reported), `feasibility` (a feasibility study, conditional financing or a letter of intent,
 * no decision), `announced` (a plan or memorandum only). `planned` is any project not yet committed,
 * for data that do not tell the three apart.
 */
export const STATUSES = [
  'operating',
  'construction',
  'committed',
  'feasibility',
  'announced',
  'planned',
  'idle',
  'closed',
] as const;
export type Status = (typeof STATUSES)[number];

/** The path a scenario runs for a supply-path group that it does not name. */
export const CENTRAL_PATH = 'central';

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

/**
 * A change in a facility's capacity from a year on (expansions, cuts). A step of a supply path
 * (`path_group` and `path`) applies only when its path runs: one path per group, the scenario's
 * choice (`supply_paths`) or `central`, or a Monte Carlo draw's.
 */
export const CapacityStep = z
  .object({
    facility: id,
    year,
    capacity: nonNegative,
    unit: text,
    ramp_years: years.default(0),
    path_group: id
      .optional()
      .describe('Supply-path group the step belongs to (e.g. china-mining); needs `path`.'),
    path: id.optional().describe('Path of the group the step belongs to (e.g. low, central, high).'),
    ...provenance,
  })
  .strict()
  .superRefine((s, ctx) => {
    if ((s.path_group === undefined) !== (s.path === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [s.path === undefined ? 'path' : 'path_group'],
        message: 'expected path_group and path together (a step of a supply path), or neither',
      });
  });
export type CapacityStep = z.infer<typeof CapacityStep>;
