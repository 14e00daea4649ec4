import { z } from 'zod';
import { bool, id, latitude, list, longitude, text } from './common.js';

/** A trade region with one hub per material and origin tag. */
export const Region = z
  .object({
    id,
    name: text,
    taints: bool
      .default(false)
      .describe('Processing here makes material count as China-touched (origin tag cn).'),
    blocs: list(id).default([]).describe('Blocs the region belongs to (e.g. allies), `;`-separated in CSV.'),
    lat: latitude
      .optional()
      .describe('Latitude of the point trade distances are measured from (a main port), degrees.'),
    lon: longitude.optional().describe('Longitude of that point, degrees.'),
    notes: z.string().optional(),
  })
  .strict();
export type Region = z.infer<typeof Region>;
