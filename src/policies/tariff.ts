/** Tariffs: a duty per kg (specific, or ad valorem on a stated customs value) on matching imports. */
import { z } from 'zod';
import { fraction, id, list, price } from '../schema/common.js';
import { coverage } from '../time/series.js';
import { common, endNotBeforeStart, reversedWindow, window } from './record.js';
import { type BuildContext, current, type PolicyKind, type PolicyPart } from './types.js';

export const Tariff = z
  .object({
    type: z.literal('tariff'),
    ...common,
    importer: id,
    exporters: list(id).default([]).describe('Origin regions taxed; empty = all.'),
    materials: list(id).default([]).describe('Materials taxed; empty = all.'),
    tag: z.enum(['free', 'cn', 'any']).default('any'),
    per_kg: price.default(0).describe('Specific duty, USD/kg.'),
    ad_valorem: fraction.default(0).describe('Duty as a share of `value`.'),
    value: price.optional().describe('Customs value, USD/kg, for ad valorem duties.'),
    ...window,
  })
  .strict()
  .refine((t) => t.ad_valorem === 0 || t.value !== undefined, {
    error: 'expected a value (USD/kg) with ad_valorem',
    path: ['value'],
  })
  .refine(endNotBeforeStart, reversedWindow);
export type Tariff = z.infer<typeof Tariff>;

export const tariff = {
  schema: Tariff,
  references: [
    { field: 'importer', table: 'regions' },
    { field: 'exporters', table: 'regions' },
    { field: 'materials', table: 'materials' },
  ],
  build,
} satisfies PolicyKind<Tariff>;

function build(p: Tariff, ctx: BuildContext): PolicyPart {
  const duty = p.per_kg + p.ad_valorem * (p.value ?? 0);
  const cols = ctx.routes
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
