import { z } from 'zod';
import { fraction, id, nonNegative, price, provenance, text, year } from './common.js';

/** An offtake or supply contract. */
export const Agreement = z
  .object({
    id,
    supplier: id.describe('Supplying facility.'),
    buyer: text.describe('Buying company.'),
    buyer_region: id.optional(),
    buyer_application: id.optional(),
    buyer_facility: id.optional(),
    material: id,
    volume: nonNegative.optional().describe('Volume per year, when disclosed.'),
    unit: z.string().optional(),
    share: fraction.optional().describe("Share of the supplier's output, when that is the term."),
    start_year: year,
    end_year: year.optional(),
    firmness: z.enum(['binding', 'conditional', 'mou'], { error: 'expected binding, conditional or mou' }),
    penalty: price
      .optional()
      .describe(
        'USD/kg for each unit not delivered (default by firmness: binding 100, conditional 20, mou 0).',
      ),
    ...provenance,
  })
  .strict()
  .refine((a) => a.volume === undefined || a.unit !== undefined, {
    error: 'expected a unit with the volume',
    path: ['unit'],
  })
  .refine((a) => a.end_year === undefined || a.end_year >= a.start_year, {
    error: 'expected end_year ≥ start_year',
    path: ['end_year'],
  });
export type Agreement = z.infer<typeof Agreement>;
