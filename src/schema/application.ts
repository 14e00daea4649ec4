import { z } from 'zod';
import { id, nonNegative, provenance, text } from './common.js';

/** An end use of magnets; unserved demand costs its value of lost load. */
export const Application = z
  .object({
    id,
    name: text,
    voll: nonNegative.describe('Value of lost load: cost of one unit of unserved demand.'),
    voll_unit: z.string().default('USD/kg'),
    ...provenance,
  })
  .strict();
export type Application = z.infer<typeof Application>;
