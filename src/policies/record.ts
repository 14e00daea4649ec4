/**
 * The fields every policy record shares: an id, a name and its provenance; and for most a window
 * of months. Dates are months, "YYYY-MM" (a year alone means its January); periods that a policy
 * covers only in part are pro-rated month by month.
 */
import { z } from 'zod';
import { id, provenance } from '../schema/common.js';

export const month = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const m = /^(\d{4})(?:-(\d{1,2}))?$/.exec(String(v).trim());
    const mm = m ? Number(m[2] ?? 1) : 0;
    if (!m || mm < 1 || mm > 12) {
      ctx.addIssue({ code: 'custom', message: 'expected a month as YYYY-MM (or a year)' });
      return z.NEVER;
    }
    if (Number(m[1]) < 1900 || Number(m[1]) > 2200) {
      ctx.addIssue({ code: 'custom', message: 'expected a month from 1900 to 2200' });
      return z.NEVER;
    }
    return Number(m[1]) + (mm - 1) / 12;
  })
  .describe('A month, "YYYY-MM"; a year alone means its January.');

export const common = { id, name: z.string().optional(), ...provenance };

export const window = {
  start: month,
  end: month.optional().describe('First month no longer covered (exclusive); open-ended if omitted.'),
};

/** A policy's window does not end before it starts (ending as it starts, it is never in force). */
export const endNotBeforeStart = (p: { start: number; end?: number | undefined }) =>
  p.end === undefined || p.end >= p.start;
export const reversedWindow = {
  error:
    'expected an end no earlier than the start (the end is the first month no longer covered; a policy never in force ends as it starts)',
  path: ['end'],
};
