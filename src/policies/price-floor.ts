/**
 * Price floors: the covered output of the floored producers runs in full (the guaranteed price
 * makes it bankable), as far as capacity and inputs allow; the payments are
 * (floor − market price)⁺ × covered output, with the hub dual at the producer as market price.
 */
import { z } from 'zod';
import { fraction, id, list, price, quantity } from '../schema/common.js';
import { coverage } from '../time/series.js';
import { common, endNotBeforeStart, reversedWindow, window } from './record.js';
import { type BuildContext, current, INF, type PolicyKind, type PolicyPart } from './types.js';

export const PriceFloor = z
  .object({
    type: z.literal('price_floor'),
    ...common,
    producers: list(id).pipe(z.array(id).min(1, { error: 'expected at least one producer facility' })),
    material: id,
    floor: price.describe('USD/kg of the material.'),
    volume: quantity.optional().describe('Covered volume per year, canonical unit of the material.'),
    share: fraction.optional().describe("Covered share of the producers' capacity."),
    ...window,
  })
  .strict()
  .refine((f) => (f.volume === undefined) !== (f.share === undefined), {
    error: 'expected either volume or share',
    path: ['volume'],
  })
  .refine(endNotBeforeStart, reversedWindow);
export type PriceFloor = z.infer<typeof PriceFloor>;

/** USD/kg charged for covered output that could not be made: high enough to make it must-run. */
export const MUST_RUN_PENALTY = 10_000;

export const priceFloor = {
  schema: PriceFloor,
  references: [
    { field: 'producers', table: 'facilities' },
    { field: 'material', table: 'materials' },
  ],
  build,
} satisfies PolicyKind<PriceFloor>;

function build(p: PriceFloor, ctx: BuildContext): PolicyPart {
  const outputs = p.producers.flatMap((id) =>
    ctx.activityCols(id).flatMap(({ col, activity }) => {
      const out = activity.process.outputs.find((o) => o.material === p.material);
      if (!out) return [];
      const hub = ctx.hubRow(activity.facility.region, p.material, activity.outTag)!;
      return [{ col, coef: out.amount, hub, facility: activity.facility.id }];
    }),
  );
  const row = ctx.b.addRow(`floor(${p.id})`);
  for (const o of outputs) ctx.b.addEntry(row, o.col, o.coef);
  const slack = ctx.b.addCol(`floor_slack(${p.id})`, MUST_RUN_PENALTY, [[row, 1]]);
  let covered = 0;
  return {
    id: p.id,
    prepare(pc) {
      p = current(pc, p);
      const { period, inputs } = pc;
      const share = coverage(period, p.start, p.end);
      const capacity = p.producers.reduce((sum, id) => {
        const coef = outputs.find((o) => o.facility === id)?.coef ?? 0;
        return sum + inputs.capacity[ctx.facilityIndex(id)]! * coef;
      }, 0);
      const wanted = p.volume !== undefined ? p.volume * period.length : p.share! * capacity;
      covered = share * Math.min(wanted, capacity);
      inputs.rowLower[row] = covered;
      inputs.rowUpper[row] = INF;
    },
    report(_ctx, s) {
      if (covered === 0) return [];
      const made = outputs.reduce((sum, o) => sum + o.coef * s.colValue[o.col]!, 0);
      // Pay on the covered volume, at each tag's market price, in proportion to what was made.
      const scale = made > 0 ? Math.min(1, covered / made) : 0;
      let payments = 0;
      let value = 0;
      for (const o of outputs) {
        const q = o.coef * s.colValue[o.col]! * scale;
        const price = s.rowDual[o.hub]!;
        payments += Math.max(0, p.floor - price) * q;
        value += price * q;
      }
      const paid = made * scale;
      return [
        { policy: p.id, metric: 'covered output', value: paid, unit: 't' },
        { policy: p.id, metric: 'shortfall of covered output', value: s.colValue[slack]!, unit: 't' },
        { policy: p.id, metric: 'market price', value: paid > 0 ? value / paid : 0, unit: 'USD/kg' },
        { policy: p.id, metric: 'floor payments', value: payments / 1000, unit: 'million USD' },
      ];
    },
  };
}
