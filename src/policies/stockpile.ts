/**
 * Strategic stockpiles: bought towards a target at a build rate (as long as the hub price stays
 * below the build priority), released when the hub price would rise above the release price —
 * that is, when the region runs short. Levels carry over between periods.
 */
import { z } from 'zod';
import { id, price, quantity, tag } from '../schema/common.js';
import { coverage } from '../time/series.js';
import { common, endNotBeforeStart, reversedWindow, window } from './record.js';
import {
  type BuildContext,
  current,
  INF,
  type PolicyFlow,
  type PolicyKind,
  type PolicyPart,
} from './types.js';

export const Stockpile = z
  .object({
    type: z.literal('stockpile'),
    ...common,
    region: id,
    material: id,
    tag: tag.default('free'),
    initial: quantity.default(0),
    target: quantity,
    build_rate: quantity.describe('Tonnes per year bought towards the target.'),
    build_priority: price
      .default(50)
      .describe('USD/kg the buyer pays at most to keep to the build plan; above it, building waits.'),
    release_price: price.describe(
      'Stock is released when the hub price would rise above this (USD/kg): when short.',
    ),
    ...window,
  })
  .strict()
  .refine(endNotBeforeStart, reversedWindow);
export type Stockpile = z.infer<typeof Stockpile>;

export const stockpile = {
  schema: Stockpile,
  references: [
    { field: 'region', table: 'regions' },
    { field: 'material', table: 'materials' },
  ],
  problems: (p) =>
    p.build_priority >= p.release_price
      ? [
          {
            field: 'build_priority',
            message: 'expected a build priority below the release price (else the stock would churn)',
          },
        ]
      : [],
  // The stock both takes from and gives back to its hub.
  hubs: (p) => [{ region: p.region, material: p.material, tag: p.tag }],
  build,
} satisfies PolicyKind<Stockpile>;

function build(p: Stockpile, ctx: BuildContext): PolicyPart {
  const { b } = ctx;
  const hub = ctx.hubRow(p.region, p.material, p.tag)!;
  const plan = b.addRow(`stock_plan(${p.id})`);
  const available = b.addRow(`stock_available(${p.id})`);
  const build = b.addCol(`stock_build(${p.id})`, 0, [
    [hub, -1],
    [plan, 1],
    [available, -1],
  ]);
  const release = b.addCol(`stock_release(${p.id})`, p.release_price, [
    [hub, 1],
    [available, 1],
  ]);
  b.addCol(`stock_build_short(${p.id})`, p.build_priority, [[plan, 1]]);
  const key = `stockpile ${p.id}`;
  let levelIn = 0;
  return {
    id: p.id,
    prepare(pc) {
      p = current(pc, p);
      const { period, inputs, state } = pc;
      levelIn = state.get(key) ?? p.initial;
      const active = coverage(period, p.start, p.end);
      const planned = Math.min(p.build_rate * period.length * active, Math.max(0, p.target - levelIn));
      inputs.rowLower[plan] = planned;
      inputs.rowUpper[plan] = planned;
      inputs.rowLower[available] = -INF;
      inputs.rowUpper[available] = levelIn;
      inputs.colUpper[release] = active > 0 ? INF : 0;
    },
    report(_ctx, s) {
      return [
        { policy: p.id, metric: 'bought', value: s.colValue[build]!, unit: 't' },
        { policy: p.id, metric: 'released', value: s.colValue[release]!, unit: 't' },
        {
          policy: p.id,
          metric: 'stock level',
          value: levelIn + s.colValue[build]! - s.colValue[release]!,
          unit: 't',
        },
      ];
    },
    flows(s): PolicyFlow[] {
      return [
        {
          region: p.region,
          material: p.material,
          tag: p.tag,
          amount: s.colValue[release]! - s.colValue[build]!,
          what: `stockpile ${p.id}`,
        },
      ];
    },
    carry({ state }, s) {
      state.set(key, Math.max(0, levelIn + s.colValue[build]! - s.colValue[release]!));
    },
  };
}
