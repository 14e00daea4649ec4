/** Origin requirements: a share of a demand node's supply must be China-free, or go short. */
import { z } from 'zod';
import { fraction, id, list } from '../schema/common.js';
import { coverage } from '../time/series.js';
import { common, endNotBeforeStart, reversedWindow, window } from './record.js';
import {
  type BuildContext,
  current,
  type DemandView,
  INF,
  type PolicyKind,
  type PolicyPart,
} from './types.js';

export const OriginRequirement = z
  .object({
    type: z.literal('origin_requirement'),
    ...common,
    region: id,
    applications: list(id).default([]).describe('Empty = every application.'),
    materials: list(id).default([]).describe('Empty = every material.'),
    share: fraction.describe('Share of demand that must be served free of the set (or go short).'),
    set: id
      .default('china')
      .describe(
        'Taint set (taint_sets) the requirement enforces; it must be the set the run tracks (the scenario’s taint).',
      ),
    ...window,
  })
  .strict()
  .refine(endNotBeforeStart, reversedWindow);
export type OriginRequirement = z.infer<typeof OriginRequirement>;

export const originRequirement = {
  schema: OriginRequirement,
  references: [
    { field: 'region', table: 'regions' },
    { field: 'set', table: 'taint_sets' },
    { field: 'applications', table: 'applications' },
    { field: 'materials', table: 'materials' },
  ],
  covers,
  build,
} satisfies PolicyKind<OriginRequirement>;

/** The demand nodes a requirement applies to. */
function covers(p: OriginRequirement, d: DemandView): boolean {
  return (
    d.region === p.region &&
    (p.applications.length === 0 || p.applications.includes(d.application)) &&
    (p.materials.length === 0 || p.materials.includes(d.material))
  );
}

function build(p: OriginRequirement, ctx: BuildContext): PolicyPart {
  const nodes = ctx.demands
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => covers(p, d))
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
