import { z } from 'zod';
import { fraction, id, provenance, year } from './common.js';

const idOrAny = z.union([z.literal('*'), id]);

/**
 * Share of end-of-life magnets collected for recycling, per region and application (`*` matches
 * any; the most specific row wins), in a year; linear between years, flat outside.
 */
export const Collection = z
  .object({
    region: idOrAny,
    application: idOrAny,
    year,
    rate: fraction,
    ...provenance,
  })
  .strict();
export type Collection = z.infer<typeof Collection>;
