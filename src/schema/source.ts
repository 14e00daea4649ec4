import { z } from 'zod';
import { id, text } from './common.js';

/** A document that numbers in the dataset come from. */
export const Source = z
  .object({
    id,
    title: text,
    publisher: z.string().optional(),
    date: z
      .union([z.string(), z.number(), z.date()])
      .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d)))
      .optional()
      .describe('Publication date, YYYY, YYYY-MM or YYYY-MM-DD.'),
    url: z.string().optional(),
    notes: z.string().optional(),
  })
  .strict();
export type Source = z.infer<typeof Source>;
