/**
 * Distributions of uncertain inputs, as written in uncertainty.yaml (src/uncertainty/distributions.ts
 * samples them).
 */
import { z } from 'zod';

const num = z.number();
export const Distribution = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('fixed'), value: num }).strict(),
    z.object({ type: z.literal('uniform'), min: num, max: num }).strict(),
    z.object({ type: z.literal('triangular'), min: num, mode: num, max: num }).strict(),
    z
      .object({ type: z.literal('pert'), min: num, mode: num, max: num, lambda: num.positive().default(4) })
      .strict(),
    z
      .object({
        type: z.literal('truncnormal'),
        mean: num,
        sd: num.positive(),
        min: num.optional(),
        max: num.optional(),
      })
      .strict(),
    z.object({ type: z.literal('lognormal'), mean: num.positive(), sd: num.positive() }).strict(),
    z
      .object({
        type: z.literal('discrete'),
        values: z.array(num).min(1),
        weights: z.array(num.nonnegative()).optional(),
      })
      .strict()
      .refine((d) => d.weights === undefined || d.weights.length === d.values.length, {
        error: 'expected one weight per value',
      }),
  ],
  {
    error: 'expected a distribution type: fixed, uniform, triangular, pert, truncnormal, lognormal, discrete',
  },
);
export type Distribution = z.infer<typeof Distribution>;
