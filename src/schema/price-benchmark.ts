import { z } from 'zod';
import { id, price, provenance, text, year } from './common.js';

/**
 * A published price range of a material in one year and region (China's domestic or FOB market, or
 * Europe's), for comparison with the model's prices (the run report charts them side by side).
 * An annual average has low = high. Prices are per kg of the material's canonical unit (oxides:
 * per kg of oxide).
 */
export const PriceBenchmark = z
  .object({
    material: id,
    year,
    region: id.describe('Region whose hub price the range compares with (CN: China, EU: Europe).'),
    low: price,
    high: price,
    unit: z.string().default('USD/kg'),
    basis: text.describe('What was quoted: market, grade, delivery terms, the period averaged.'),
    ...provenance,
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.high < b.low)
      ctx.addIssue({ code: 'custom', path: ['high'], message: `expected high ≥ low (${b.low})` });
  });
export type PriceBenchmark = z.infer<typeof PriceBenchmark>;
