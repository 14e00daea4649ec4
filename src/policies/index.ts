/** Every policy of a dataset, and every modelled contract, as parts of the period model. */
import type { Policy } from '../schema/policy.js';
import { contract } from './contract.js';
import { costShift } from './cost-shift.js';
import { exportControl } from './export-control.js';
import { originRequirement } from './origin-requirement.js';
import { priceFloor } from './price-floor.js';
import { recycledContent } from './recycled-content.js';
import { stockpile } from './stockpile.js';
import { tariff } from './tariff.js';
import type { BuildContext, PolicyPart } from './types.js';

const BUILDERS: {
  [K in Policy['type']]: (p: Extract<Policy, { type: K }>, ctx: BuildContext) => PolicyPart;
} = {
  export_control: exportControl,
  tariff,
  price_floor: priceFloor,
  origin_requirement: originRequirement,
  stockpile,
  cost_shift: costShift,
  // Collection targets act on the in-use stock model (src/stocks), not on the LP.
  collection_target: (p) => ({ id: p.id, prepare() {}, report: () => [] }),
  recycled_content: recycledContent,
};

export function formulatePolicies(ctx: BuildContext): PolicyPart[] {
  const parts = ctx.network.dataset.policies.map((p) =>
    (BUILDERS[p.type] as (p: Policy, ctx: BuildContext) => PolicyPart)(p, ctx),
  );
  const byAgreement = new Map<string, (typeof ctx.network.contracts)[number][]>();
  for (const link of ctx.network.contracts)
    byAgreement.set(link.agreement.id, [...(byAgreement.get(link.agreement.id) ?? []), link]);
  for (const links of byAgreement.values()) parts.push(contract(links[0]!.agreement, links, ctx));
  return parts;
}

export type { PeriodInputs, PolicyFlow, PolicyMetric, PolicyPart } from './types.js';
