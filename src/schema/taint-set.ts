import { z } from 'zod';
import { id, list, provenance, text } from './common.js';

/**
 * A named set of regions whose processing taints material (origin tag `cn`): `china` = {CN} for
 * the China-free question, `feoc` = the covered countries of a statute. A scenario picks the set a
 * run tracks (`taint`, default china); origin requirements name the set they enforce.
 */
export const TaintSet = z
  .object({
    id,
    name: text.describe('Short name for labels: "China" gives "China-free" and "China-touched".'),
    regions: list(id)
      .pipe(z.array(id).min(1, { error: 'expected at least one region' }))
      .describe('Regions in the set (`;`-separated in CSV).'),
    ...provenance,
  })
  .strict();
export type TaintSet = z.infer<typeof TaintSet>;
