import { z } from 'zod';
import { FORMS } from '../units/units.js';
import { composition, fraction, id, nonNegative, provenance, text } from './common.js';

export const Material = z
  .object({
    id,
    name: text,
    form: z.enum(FORMS as [string, ...string[]], { error: `expected a form: ${FORMS.join(', ')}` }),
    unit: z
      .string()
      .optional()
      .describe(
        'Optional check: the canonical unit for the form (t REO for concentrate/oxide, else t <form>).',
      ),
    composition: composition.describe(
      'Element fractions: of the REO for concentrates and oxides (sum 1); of the gross mass as metal otherwise (sum ≤ 1).',
    ),
    grade: fraction.optional().describe('Concentrates: t REO per gross tonne.'),
    holding_cost: nonNegative.default(0).describe('Cost of keeping one unit in stock for a year.'),
    disposal_cost: nonNegative.default(0).describe('Cost of discarding one unit (unwanted co-products).'),
    cost_unit: z.string().default('USD/kg'),
    ...provenance,
  })
  .strict();
export type Material = z.infer<typeof Material>;
