import { z } from 'zod';
import { id, nonNegative, provenance } from './common.js';

const idOrAny = z.union([z.literal('*'), id]);

/**
 * Cost of shipping a material between two regions; `*` matches any, the most specific row wins. A
 * route costs `cost` plus `per_1000km` for each 1,000 km between the regions' points (great circle).
 */
export const Transport = z
  .object({
    from: idOrAny,
    to: idOrAny,
    material: idOrAny,
    cost: nonNegative.describe('Cost per unit of material, whatever the distance.'),
    per_1000km: nonNegative
      .optional()
      .describe(
        "Added cost per 1,000 km between the regions' points (their lat/lon), in the same unit; none if empty.",
      ),
    unit: z.string().default('USD/kg'),
    ...provenance,
  })
  .strict();
export type Transport = z.infer<typeof Transport>;
