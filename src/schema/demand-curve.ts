import { z } from 'zod';
import { fraction, id, numberIn, price, provenance } from './common.js';

/**
 * One block of an application's stepwise demand curve: `share` of each period's demand of the
 * application (every region and magnet grade) is given up when the price of its magnet exceeds
 * `price`, the block's willingness to pay. Blocks are numbered from 1 in order of rising price;
 * their shares sum to at most 1, and demand beyond the curve goes short at the value of lost load.
 * `reference_price` and `elasticity` say how the prices were derived (p = reference ×
 * (1 − cumulative share at the block's middle)^(1/elasticity)); a scenario's or a Monte Carlo
 * draw's elasticity scale s moves each price to reference + (price − reference) / s.
 */
export const DemandCurveStep = z
  .object({
    application: id,
    step: numberIn(1, 100, 'expected a step number from 1 to 100')
      .pipe(z.number().int({ error: 'expected a whole step number' }))
      .describe('Order of the block on the curve, from 1 (the first demand given up).'),
    share: fraction
      .pipe(z.number().gt(0, { error: 'expected a share above 0 and at most 1' }))
      .describe('Share of the period’s demand in this block.'),
    price: price.describe('Willingness to pay of the block: it is given up above this price.'),
    reference_price: price.describe('Price at which the curve starts: no demand is given up below it.'),
    elasticity: numberIn(-10, 0, 'expected a price elasticity from -10 to 0 (demand falls as price rises)')
      .pipe(z.number().lt(0, { error: 'expected a price elasticity below 0 (demand falls as price rises)' }))
      .describe('Own-price elasticity the prices were derived from.'),
    unit: z.string().default('USD/kg').describe('Unit of price and reference_price (per kg of magnet).'),
    ...provenance,
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!(s.price > s.reference_price))
      ctx.addIssue({
        code: 'custom',
        path: ['price'],
        message: `expected a price above the reference price (${s.reference_price}): no demand is given up below it`,
      });
  });
export type DemandCurveStep = z.infer<typeof DemandCurveStep>;
