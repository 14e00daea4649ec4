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
      // Above 100% a year, a few decades of growth would take demand past what the LP can handle.
      .refine((g) => g > -1 && g <= 1, {
        error: 'expected a growth rate above -1 and at most 1 (100% a year)',
      })
      .optional()
      .describe('Growth per year after the last year given (0.09 = 9%).'),
    ...provenance,
  })
  .strict();
export type Demand = z.infer<typeof Demand>;
