/** Cost paths: unit costs of the matching facilities scaled by a factor that moves over the years. */
import { z } from 'zod';
import { id, list, numberIn, year } from '../schema/common.js';
import { STAGES } from '../schema/process.js';
import { pathValue } from '../time/series.js';
import { common } from './record.js';
import { type BuildContext, current, type PolicyKind, type PolicyPart } from './types.js';

export const CostShift = z
  .object({
    type: z.literal('cost_shift'),
    ...common,
    regions: list(id).default([]),
    stages: list(z.enum(STAGES)).default([]),
    facilities: list(id).default([]),
    path: z
      .array(z.object({ year, factor: numberIn(0, 1000, 'expected a cost factor from 0 to 1000') }).strict())
      .min(1)
      .refine((path) => new Set(path.map((p) => p.year)).size === path.length, {
        error: 'expected each year once',
      })
      .describe('Multipliers of unit cost by year, linear in between, flat outside.'),
  })
  .strict();
export type CostShift = z.infer<typeof CostShift>;

export const costShift = {
  schema: CostShift,
  references: [
    { field: 'regions', table: 'regions' },
    { field: 'facilities', table: 'facilities' },
  ],
  build,
} satisfies PolicyKind<CostShift>;

function build(p: CostShift, ctx: BuildContext): PolicyPart {
  const cols = ctx.facilities
    .filter(
      (f) =>
        (p.facilities.length === 0 || p.facilities.includes(f.id)) &&
        (p.regions.length === 0 || p.regions.includes(f.region)) &&
        (p.stages.length === 0 || p.stages.includes(ctx.activityCols(f.id)[0]!.activity.process.stage)),
    )
    .flatMap((f) => ctx.activityCols(f.id).map((a) => a.col));
  let factor = 1;
  return {
    id: p.id,
    prepare(pc) {
      p = current(pc, p);
      const { period, inputs } = pc;
      factor = pathValue(p.path, period);
      for (const c of cols) inputs.colCost[c]! *= factor;
    },
    report: () => [{ policy: p.id, metric: 'cost factor', value: factor, unit: 'ratio' }],
  };
}
