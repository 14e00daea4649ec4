import { z } from 'zod';
import { text, year } from './common.js';

const notYet = (what: string) =>
  z
    .array(z.unknown())
    .default([])
    .refine((a) => a.length === 0, {
      error: `${what} are not supported by this version of Lodestone yet; remove them or leave the list empty`,
    });

/** A scenario file: which dataset, which horizon, and (later) what changes. */
export const Scenario = z
  .object({
    name: text,
    description: z.string().optional(),
    dataset: z
      .string()
      .default('default')
      .describe('Dataset folder, relative to this file; "default" for the embedded default dataset.'),
    horizon: z
      .object({ start: year, end: year })
      .strict()
      .refine((h) => h.end >= h.start, { error: 'expected end ≥ start', path: ['end'] }),
    period: z.enum(['year', 'quarter'], { error: 'expected year or quarter' }).default('year'),
    solver: z
      .object({
        time_limit: z.number().positive().optional().describe('Seconds per period.'),
        method: z.enum(['choose', 'simplex', 'ipm']).default('choose'),
      })
      .strict()
      .default({ method: 'choose' }),
    policies: notYet('policies'),
    overrides: notYet('overrides'),
    uncertainty: z
      .record(z.string(), z.unknown())
      .default({})
      .refine((u) => Object.keys(u).length === 0, {
        error: 'uncertainty specs are not supported by this version of Lodestone yet',
      }),
  })
  .strict();
export type Scenario = z.infer<typeof Scenario>;
