import { z } from 'zod';
import { id, latitude, list, longitude, text } from './common.js';

/** A trade region with one hub per material and origin tag (which regions taint: taint_sets). */
export const Region = z
  .object({
    id,
    name: text,
    taints: z
      .never({ error: 'no longer a region field: name the tainting regions in taint_sets (e.g. china: CN)' })
      .optional()
      .describe('Replaced by taint_sets.'),
    blocs: list(id).default([]).describe('Blocs the region belongs to (e.g. allies), `;`-separated in CSV.'),
    lat: latitude
      .optional()
      .describe('Latitude of the point trade distances are measured from (a main port), degrees.'),
    lon: longitude.optional().describe('Longitude of that point, degrees.'),
    imports_from: list(id)
      .optional()
      .describe(
        'Regions it may import from by trade, `;`-separated in CSV; absent = any. A company’s own demand (lodestone exposure) is a region that imports only from its suppliers’ countries.',
      ),
    notes: z.string().optional(),
  })
  .strict();
export type Region = z.infer<typeof Region>;
