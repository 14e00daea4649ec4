/** Tariffs: a duty per kg (specific, or ad valorem on a stated customs value) on matching imports. */
import type { Tariff } from '../schema/policy.js';
import { coverage } from './time.js';
import { type BuildContext, current, type PolicyPart } from './types.js';

export function tariff(p: Tariff, ctx: BuildContext): PolicyPart {
  const duty = p.per_kg + p.ad_valorem * (p.value ?? 0);
  const cols = ctx.network.routes
    .map((r, i) => ({ r, col: ctx.routeCol(i) }))
    .filter(
      ({ r }) =>
        r.to === p.importer &&
        (p.exporters.length === 0 || p.exporters.includes(r.from)) &&
        (p.materials.length === 0 || p.materials.includes(r.material)) &&
        (p.tag === 'any' || p.tag === r.tag),
    )
    .map(({ col }) => col);
  let rate = 0;
  return {
    id: p.id,
    prepare(pc) {
      p = current(pc, p);
      const { period, inputs } = pc;
      rate = duty * coverage(period, p.start, p.end);
      for (const c of cols) inputs.colCost[c]! += rate;
    },
    report(_ctx, s) {
      if (rate === 0) return [];
      const taxed = cols.reduce((sum, c) => sum + s.colValue[c]!, 0);
      return [
        { policy: p.id, metric: 'taxed imports', value: taxed, unit: 't' },
        { policy: p.id, metric: 'tariff revenue', value: (taxed * rate) / 1000, unit: 'million USD' },
      ];
    },
  };
}
