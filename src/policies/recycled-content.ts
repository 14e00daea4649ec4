/** Recycled content: a region's recycling output must be at least a share of its magnet output (REO content). */
import { z } from 'zod';
import { fraction, id } from '../schema/common.js';
import { coverage } from '../time/series.js';
import { common, endNotBeforeStart, reversedWindow, window } from './record.js';
import { type BuildContext, current, INF, type PolicyKind, type PolicyPart } from './types.js';

/** A region's recycling output (REO) must be at least `share` of its magnet output (REO). */
export const RecycledContent = z
  .object({
    type: z.literal('recycled_content'),
    ...common,
    region: id,
    share: fraction,
    ...window,
  })
  .strict()
  .refine(endNotBeforeStart, reversedWindow);
export type RecycledContent = z.infer<typeof RecycledContent>;

export const recycledContent = {
  schema: RecycledContent,
  references: [{ field: 'region', table: 'regions' }],
  build,
} satisfies PolicyKind<RecycledContent>;

function build(p: RecycledContent, ctx: BuildContext): PolicyPart {
  const { b } = ctx;
  const reo = new Map(ctx.materials.map((m) => [m.id, m.reo_per_unit]));
  const scrap = new Set(ctx.materials.filter((m) => m.form === 'scrap').map((m) => m.id));
  const row = b.addRow(`recycled_content(${p.id})`);
  const terms: { col: number; reo: number; recycling: boolean }[] = [];
  for (const f of ctx.facilities) {
    if (f.region !== p.region) continue;
    for (const { col, activity } of ctx.activityCols(f.id)) {
      const stage = activity.process.stage;
      if (stage !== 'recycling' && stage !== 'magnet') continue;
      const out = activity.process.outputs
        .filter((o) => !scrap.has(o.material))
        .reduce((s, o) => s + o.amount * (reo.get(o.material) ?? 0), 0);
      terms.push({ col, reo: out, recycling: stage === 'recycling' });
      b.addEntry(row, col, stage === 'recycling' ? out : -p.share * out);
    }
  }
  let active = 0;
  return {
    id: p.id,
    prepare(pc) {
      p = current(pc, p);
      const { period, inputs } = pc;
      active = coverage(period, p.start, p.end);
      inputs.rowLower[row] = active > 0 ? 0 : -INF;
      inputs.rowUpper[row] = INF;
    },
    report(_ctx, s) {
      if (active === 0) return [];
      const sum = (recycling: boolean) =>
        terms.filter((t) => t.recycling === recycling).reduce((a, t) => a + t.reo * s.colValue[t.col]!, 0);
      const magnets = sum(false);
      return [
        { policy: p.id, metric: 'recycled output', value: sum(true), unit: 't REO' },
        {
          policy: p.id,
          metric: 'recycled share of magnet output',
          value: magnets > 0 ? sum(true) / magnets : 0,
          unit: 'share',
        },
      ];
    },
  };
}
