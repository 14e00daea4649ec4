import { z } from 'zod';
import { id, nonNegative, numberIn, provenance, text, years } from './common.js';

/**
 * An end use of magnets: unserved demand costs its value of lost load; magnets served join an
 * in-use stock that reaches end of life by the lifetime distribution, and becomes `eol_material`.
 */
export const Application = z
  .object({
    id,
    name: text,
    voll: nonNegative.describe('Value of lost load: cost of one unit of unserved demand.'),
    voll_unit: z.string().default('USD/kg'),
    lifetime: z
      .enum(['fixed', 'normal', 'lognormal', 'weibull'], {
        error: 'expected a lifetime: fixed, normal, lognormal or weibull',
      })
      .optional()
      .describe('Lifetime distribution of magnets in use; without one, no in-use stock is kept.'),
    lifetime_mean: years.optional().describe('Years (fixed, normal, lognormal).'),
    lifetime_sd: years.optional().describe('Years (normal, lognormal).'),
    lifetime_shape: numberIn(0.1, 100, 'expected a Weibull shape from 0.1 to 100')
      .optional()
      .describe('Weibull shape.'),
    lifetime_scale: years.optional().describe('Weibull scale, years.'),
    eol_material: id
      .optional()
      .describe('Scrap material that end-of-life magnets become (1 t magnet → 1 t scrap).'),
    ...provenance,
  })
  .strict()
  .superRefine((a, ctx) => {
    const need = (field: keyof typeof a, when: string) => {
      if (a[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `expected ${field} for a ${when} lifetime` });
    };
    if (a.lifetime === 'weibull') {
      need('lifetime_shape', 'weibull');
      need('lifetime_scale', 'weibull');
    } else if (a.lifetime !== undefined) {
      need('lifetime_mean', a.lifetime);
      if (a.lifetime !== 'fixed') need('lifetime_sd', a.lifetime);
    }
    if (a.lifetime !== undefined) need('eol_material', 'defined');
  });
export type Application = z.infer<typeof Application>;
