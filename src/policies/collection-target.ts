/**
 * Collection targets: at least this share of end-of-life magnets is collected (a floor on the
 * dataset's rates). They act on the in-use stock model (src/stocks/collection-rate.ts), not on the LP.
 */
import { z } from 'zod';
import { fraction, id, list } from '../schema/common.js';
import { common, endNotBeforeStart, reversedWindow, window } from './record.js';
import type { PolicyKind } from './types.js';

export const CollectionTarget = z
  .object({
    type: z.literal('collection_target'),
    ...common,
    region: id,
    applications: list(id).default([]).describe('Empty = every application.'),
    rate: fraction,
    ...window,
  })
  .strict()
  .refine(endNotBeforeStart, reversedWindow);
export type CollectionTarget = z.infer<typeof CollectionTarget>;

export const collectionTarget = {
  schema: CollectionTarget,
  references: [
    { field: 'region', table: 'regions' },
    { field: 'applications', table: 'applications' },
  ],
  build: (p) => ({ id: p.id, prepare() {}, report: () => [] }),
} satisfies PolicyKind<CollectionTarget>;
