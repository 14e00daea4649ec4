/**
 * Policies: typed records, in a dataset's policies.yaml or a scenario's `policies`, each acting on
 * the period model. Each type describes itself in its own module (src/policies/<type>.ts); this is
 * their union, as the dataset's tables read it.
 */
import { z } from 'zod';
import { POLICY_KINDS, POLICY_TYPES, type PolicySchema } from '../policies/index.js';

export type { CollectionTarget } from '../policies/collection-target.js';
export type { CostShift } from '../policies/cost-shift.js';
export { Destinations, type ExportControl } from '../policies/export-control.js';
export type { OriginRequirement } from '../policies/origin-requirement.js';
export type { PriceFloor } from '../policies/price-floor.js';
export { month } from '../policies/record.js';
export type { RecycledContent } from '../policies/recycled-content.js';
export type { Stockpile } from '../policies/stockpile.js';
export type { Tariff } from '../policies/tariff.js';
export { POLICY_TYPES };

const schemas = Object.values(POLICY_KINDS).map((k) => k.schema) as [PolicySchema, ...PolicySchema[]];

export const Policy = z.discriminatedUnion('type', schemas, {
  error: `expected a policy type: ${POLICY_TYPES.join(', ')}`,
});
export type Policy = z.infer<typeof Policy>;
