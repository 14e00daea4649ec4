/**
 * Contracts: each modelled agreement is a dedicated flow from its supplier's output to the buyer's
 * region, at least the contracted volume (or share of capacity) in the years it runs — a soft
 * minimum whose shortfall costs the agreement's penalty (by firmness unless given).
 */
import type { Agreement } from '../schema/agreement.js';
import { yearsCoverage } from '../time/series.js';
import { type BuildContext, type ContractLink, INF, type PolicyPart, type ShipmentRow } from './types.js';

export const DEFAULT_PENALTY: Record<Agreement['firmness'], number> = {
  binding: 100,
  conditional: 20,
  mou: 0,
};

export function contract(
  agreement: Agreement,
  links: readonly ContractLink[],
  ctx: BuildContext,
): PolicyPart {
  const { b } = ctx;
  const id = `contract ${agreement.id}`;
  const penalty = agreement.penalty ?? DEFAULT_PENALTY[agreement.firmness];
  const dedicated = b.addRow(`dedicated(${agreement.id})`, -INF, 0);
  const minimum = b.addRow(`minimum(${agreement.id})`);
  const flows = links.map((l) => ({
    link: l,
    col: b.addCol(`contract(${agreement.id},${l.tag})`, l.cost, [
      [ctx.hubRow(l.from, l.material, l.tag)!, -1],
      [ctx.hubRow(l.to, l.material, l.tag)!, 1],
      [dedicated, 1],
      [minimum, 1],
    ]),
  }));
  // The flow cannot exceed what the supplier itself makes of the material.
  for (const { col, activity } of ctx.activityCols(agreement.supplier)) {
    const out = activity.process.outputs.find((o) => o.material === agreement.material);
    if (out) b.addEntry(dedicated, col, -out.amount);
  }
  const slack = b.addCol(`contract_short(${agreement.id})`, penalty, [[minimum, 1]]);
  const supplier = ctx.facilityIndex(agreement.supplier);
  const perActivity = ctx
    .activityCols(agreement.supplier)[0]!
    .activity.process.outputs.find((o) => o.material === agreement.material)!.amount;
  let required = 0;
  return {
    id,
    prepare({ period, inputs }) {
      const share = yearsCoverage(period, agreement.start_year, agreement.end_year);
      const volume =
        agreement.volume !== undefined
          ? agreement.volume * period.length
          : agreement.share! * inputs.capacity[supplier]! * perActivity;
      required = penalty > 0 ? share * volume : 0;
      inputs.rowLower[minimum] = required;
      inputs.rowUpper[minimum] = INF;
    },
    report(_ctx, s) {
      if (required === 0) return [];
      const delivered = flows.reduce((sum, f) => sum + s.colValue[f.col]!, 0);
      return [
        { policy: id, metric: 'contracted', value: required, unit: 't' },
        { policy: id, metric: 'delivered', value: delivered, unit: 't' },
        { policy: id, metric: 'fulfilment', value: Math.min(1, delivered / required), unit: 'share' },
        { policy: id, metric: 'shortfall', value: s.colValue[slack]!, unit: 't' },
      ];
    },
    trade(s): ShipmentRow[] {
      return flows
        .filter(({ link, col }) => link.from !== link.to && s.colValue[col]! > 0)
        .map(({ link, col }) => ({
          material: link.material,
          tag: link.tag,
          from: link.from,
          to: link.to,
          amount: s.colValue[col]!,
        }));
    },
  };
}
