/** Cost paths: unit costs of the matching facilities scaled by a factor that moves over the years. */
import type { CostShift } from '../schema/policy.js';
import { pathValue } from './time.js';
import { type BuildContext, current, type PolicyPart } from './types.js';

export function costShift(p: CostShift, ctx: BuildContext): PolicyPart {
  const cols = ctx.network.dataset.facilities
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
