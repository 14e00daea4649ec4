/**
 * Origin requirements: a share of a demand node's supply must be China-free, or go short. With
 * `first_call`, that share is also served before anyone else's demand: free supply goes to it first,
 * at a cost above every value of lost load, so in a year the whole world is short the region keeps
 * its free share and other regions go short instead (what a plan's target assumes).
 */
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
    first_call: z
      .boolean()
      .optional()
      .describe(
        'Also serve the share first (default false): free supply goes to these nodes before any other demand (a shortfall of the share costs FIRST_CALL_PENALTY, above every value of lost load).',
      ),
    ...window,
  })
  .strict()
  .refine(endNotBeforeStart, reversedWindow);
export type OriginRequirement = z.infer<typeof OriginRequirement>;

/** Cost of a tonne of a first-call share not served, USD/kg: above every value of lost load (≤ 2,000 in the data). */
export const FIRST_CALL_PENALTY = 5_000;

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
  // First call: free + gap ≥ share × demand, each tonne of gap dearer than any lost load.
  const firstCall = p.first_call
    ? nodes.map((n) => {
        const row = ctx.b.addRow(`first_call(${p.id},${n.label})`);
        ctx.b.addEntry(row, n.free, 1);
        const gap = ctx.b.addCol(`first_call_gap(${p.id},${n.label})`, FIRST_CALL_PENALTY, [[row, 1]]);
        return { node: n.node, row, gap };
      })
    : [];
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
      for (const f of firstCall) {
        inputs.rowLower[f.row] = inputs.demand[f.node]! * p.share * active;
        inputs.rowUpper[f.row] = INF;
      }
    },
    report({ inputs }, s) {
      if (active === 0) return [];
      const demand = nodes.reduce((sum, n) => sum + inputs.demand[n.node]!, 0);
      const free = nodes.reduce((sum, n) => sum + s.colValue[n.free]!, 0);
      const gap = firstCall.reduce((sum, f) => sum + s.colValue[f.gap]!, 0);
      return [
        { policy: p.id, metric: 'required China-free share', value: p.share * active, unit: 'share' },
        ...(p.first_call ? [{ policy: p.id, metric: 'first-call shortfall', value: gap, unit: 't' }] : []),
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
