/** Origin requirements: a share of a demand node's supply must be China-free, or go short. */
import type { OriginRequirement } from '../schema/policy.js';
import { coverage } from './time.js';
import { type BuildContext, current, INF, type PolicyPart } from './types.js';

export function originRequirement(p: OriginRequirement, ctx: BuildContext): PolicyPart {
  const nodes = ctx.network.demands
    .map((d, i) => ({ d, i }))
    .filter(
      ({ d }) =>
        d.region === p.region &&
        (p.applications.length === 0 || p.applications.includes(d.application)) &&
        (p.materials.length === 0 || p.materials.includes(d.material)),
    )
    .map(({ d, i }) => ({
      node: i,
      label: `${d.application} ${d.material}`,
      row: ctx.b.addRow(`origin(${p.id},${d.application},${d.material})`),
      free: ctx.serveCol(i, 'free'),
      cn: ctx.serveCol(i, 'cn'),
    }));
  for (const n of nodes) ctx.b.addEntry(n.row, n.cn, 1);
  let active = 0;
  return {
    id: p.id,
    prepare(pc) {
      p = current(pc, p);
      const { period, inputs } = pc;
      active = coverage(period, p.start, p.end);
      for (const n of nodes) {
        inputs.rowLower[n.row] = -INF;
        inputs.rowUpper[n.row] = inputs.demand[n.node]! * (1 - p.share * active);
      }
    },
    report({ inputs }, s) {
      if (active === 0) return [];
      const demand = nodes.reduce((sum, n) => sum + inputs.demand[n.node]!, 0);
      const free = nodes.reduce((sum, n) => sum + s.colValue[n.free]!, 0);
      return [
        { policy: p.id, metric: 'required China-free share', value: p.share * active, unit: 'share' },
        {
          policy: p.id,
          metric: 'served China-free share',
          value: demand > 0 ? free / demand : 0,
          unit: 'share',
        },
      ];
    },
  };
}
