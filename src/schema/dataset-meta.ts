import { z } from 'zod';
import { text, year } from './common.js';

/** dataset.yaml: what the dataset is. */
export const DatasetMeta = z
  .object({
    name: text,
    description: z.string().optional(),
    version: z.union([z.string(), z.number()]).transform(String).optional(),
    base_year: year.optional(),
  })
  .strict();
export type DatasetMeta = z.infer<typeof DatasetMeta>;
