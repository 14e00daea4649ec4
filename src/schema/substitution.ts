import { z } from 'zod';
import { id, list, numberIn, price, provenance, text, year } from './common.js';

/**
 * The kinds of substitution: a grade switch (another magnet grade serves the application), heavy-RE
 * thrift (a grain-boundary-diffused grade replaces a Dy-alloyed one), and a technology switch (a
 * design without the magnet: induction, EESM or ferrite motors, geared wind turbines).
 */
export const SUBSTITUTION_KINDS = ['grade', 'thrift', 'technology'] as const;
export type SubstitutionKind = (typeof SUBSTITUTION_KINDS)[number];

/**
 * A way an application can do without some of its demand for a material: each kilogram displaced
 * costs `cost` and, for a grade switch or thrift, takes `ratio` kg of the substitute material `to`.
 * On each demand node it applies to (the application's demand for one of the `from` materials in a
 * region), it may take at most `max_share` of the demand, and its share grows by at most `ramp` a
 * year (from nothing at the start of a run: the demand rows already hold today's use of each grade).
 */
export const Substitution = z
  .object({
    id,
    kind: z.enum(SUBSTITUTION_KINDS, { error: `expected a kind: ${SUBSTITUTION_KINDS.join(', ')}` }),
    application: id.describe('The application whose demand it displaces.'),
    regions: list(id).default([]).describe('Regions where it applies; empty: every region.'),
    from: list(id)
      .pipe(z.array(id).min(1, { error: 'expected at least one material' }))
      .describe(
        'The materials (magnet grades) whose demand it displaces, each demand node on its own (`;`-separated in CSV).',
      ),
    to: id.optional().describe('grade, thrift: the substitute material it consumes in the same region.'),
    technology: text.optional().describe('technology: the design that replaces the magnet (e.g. EESM).'),
    ratio: numberIn(0, 10, 'expected a ratio from 0 to 10 kg of substitute per kg displaced')
      .default(1)
      .describe('kg of `to` per kg of `from` displaced.'),
    cost: price.describe('Cost per kg of `from` displaced, besides the substitute itself.'),
    cost_unit: z.string().default('USD/kg'),
    max_share: numberIn(0, 1, 'expected a share from 0 to 1').describe(
      'The most of the demand it may displace.',
    ),
    ramp: numberIn(0, 1, 'expected a ramp from 0 to 1 (share of demand per year)').describe(
      'The most its share may grow in a year.',
    ),
    start: year.optional().describe('First year it is available (default: from the start of the run).'),
    ...provenance,
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (s.kind === 'technology') {
      if (s.to !== undefined)
        issue('to', 'a technology switch consumes no substitute material; leave `to` empty');
      if (s.technology === undefined) issue('technology', 'expected the design that replaces the magnet');
    } else {
      if (s.to === undefined) issue('to', `a ${s.kind} substitution names the material it switches to`);
      else if (s.from.includes(s.to)) issue('to', 'expected a material other than those of `from`');
      if (s.technology !== undefined) issue('technology', 'only a technology switch names a technology');
    }
  });
export type Substitution = z.infer<typeof Substitution>;

/** What a substitution stands for in tables: the material it switches to, or the technology. */
export const substituteLabel = (s: Substitution): string => s.to ?? s.technology ?? '';

/** Whether a substitution applies to the demand of a region and application for a material. */
export const appliesTo = (
  s: Substitution,
  node: { readonly region: string; readonly application: string; readonly material: string },
): boolean =>
  s.application === node.application &&
  s.from.includes(node.material) &&
  (s.regions.length === 0 || s.regions.includes(node.region));
