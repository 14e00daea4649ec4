import { z } from 'zod';
import { id, nonNegative, provenance } from './common.js';

const idOrAny = z.union([z.literal('*'), id]);

/** Cost of shipping a material between two regions; `*` matches any, the most specific row wins. */
export const Transport = z
  .object({
    from: idOrAny,
    to: idOrAny,
    material: idOrAny,
    cost: nonNegative,
    unit: z.string().default('USD/kg'),
    ...provenance,
  })
  .strict();
export type Transport = z.infer<typeof Transport>;
