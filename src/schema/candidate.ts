import { z } from 'zod';
import { id, MAX_YEARS, nonNegative, numberIn, provenance, text, year, years } from './common.js';

/** What a candidate is: a greenfield option of a region and stage, or an announced project of the dataset. */
export const CANDIDATE_KINDS = ['greenfield', 'project'] as const;

/** The largest capex or fixed opex per t/yr of capacity a candidate may carry, USD (1e9: a billion per tonne). */
export const MAX_UNIT_CAPEX = 1e9;

/**
 * A build the planner (`lodestone plan`) may choose: a plant of `process` in `region`, of any size
 * from `min_size` to `max_size` (in `size_unit` of `size_basis`, default the process's reference
 * material), producing from `lead_time` years after the decision, not before `earliest_start`.
 * Costs per t/yr of capacity in the same unit: `unit_capex` once, `fixed_opex` each year;
 * `variable_cost` per kg of the reference material made.
 */
export const Candidate = z
  .object({
    id,
    name: text,
    kind: z.enum(CANDIDATE_KINDS, { error: `expected a kind: ${CANDIDATE_KINDS.join(', ')}` }),
    region: id,
    process: id,
    facility: id
      .optional()
      .describe(
        'The dataset facility (an announced project) this candidate builds; its size when max_size is empty.',
      ),
    size_unit: text.describe('Unit of min_size, max_size and the per-capacity costs, per year.'),
    size_basis: id
      .optional()
      .describe("Material of the recipe the size counts (default: the process's reference)."),
    min_size: nonNegative.default(0).describe('Smallest plant worth building; the unit size with --integer.'),
    max_size: nonNegative.optional().describe("Largest total capacity (default: the project's facility)."),
    unit_capex: numberIn(0, MAX_UNIT_CAPEX, 'expected a capex from 0 to 1e9 USD per t/yr').describe(
      'Capital cost, USD per t/yr of capacity.',
    ),
    fixed_opex: numberIn(0, MAX_UNIT_CAPEX, 'expected a fixed opex from 0 to 1e9 USD per t/yr a year')
      .default(0)
      .describe('Fixed operating cost, USD per t/yr of capacity per year.'),
    variable_cost: nonNegative.describe('Variable operating cost, USD/kg of the reference material.'),
    lead_time: numberIn(0, MAX_YEARS, `expected from 0 to ${MAX_YEARS} years`)
      .pipe(z.number().int({ error: 'expected whole years' }))
      .describe('Years from the decision to first output.'),
    earliest_start: year.describe('First year it can produce, however early it is decided.'),
    lifetime: years.default(25).describe('Years of output the capex is annuitised over.'),
    ...provenance,
  })
  .strict();
export type Candidate = z.infer<typeof Candidate>;
