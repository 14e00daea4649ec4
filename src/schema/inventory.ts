import { z } from 'zod';
import { id, nonNegative, provenance, tag, text } from './common.js';

/** Stock held in a region's hub at the start of the horizon. */
export const Inventory = z
  .object({
    region: id,
    material: id,
    tag,
    amount: nonNegative,
    unit: text,
    ...provenance,
  })
  .strict();
export type Inventory = z.infer<typeof Inventory>;
