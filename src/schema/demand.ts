import { z } from 'zod';
import { id, nonNegative, number, provenance, text, year } from './common.js';

/**
 * Demand of a region and application for a material in a year. Between the years given, demand
 * is interpolated linearly; after the last it grows at `cagr`; before the first it is flat.
 */
export const Demand = z
  .object({
    region: id,
    application: id,
    material: id,
    year,
    amount: nonNegative,
    unit: text,
    cagr: number
      .refine((g) => g > -1, { error: 'expected a growth rate above -1' })
      .optional()
      .describe('Growth per year after the last year given (0.09 = 9%).'),
    ...provenance,
  })
  .strict();
export type Demand = z.infer<typeof Demand>;
