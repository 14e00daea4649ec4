/** Recycled content: a region's recycling output must be at least a share of its magnet output (REO content). */
import type { RecycledContent } from '../schema/policy.js';
import { coverage } from './time.js';
import { type BuildContext, current, INF, type PolicyPart } from './types.js';

export function recycledContent(p: RecycledContent, ctx: BuildContext): PolicyPart {
  const { network, b } = ctx;
  const reo = new Map(network.dataset.materials.map((m) => [m.id, m.reo_per_unit]));
  const scrap = new Set(network.dataset.materials.filter((m) => m.form === 'scrap').map((m) => m.id));
  const row = b.addRow(`recycled_content(${p.id})`);
  const terms: { col: number; reo: number; recycling: boolean }[] = [];
  for (const f of network.dataset.facilities) {
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
