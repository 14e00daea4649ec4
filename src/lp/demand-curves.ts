/**
 * Demand response in the LP: each demand node gets one column per block of its application's
 * demand curve (demand_curves.csv). destroy(d,k) serves the demand row of node d like supply does,
 * costs the block's willingness to pay (USD/kg = thousand USD/t, as short costs the value of lost
 * load) and is bounded each period by the block's share of the node's demand. A shortage is then
 * priced on the curve: the demand row's dual is the willingness to pay of the marginal block, and
 * only demand beyond the curve goes short at the value of lost load.
 */
import type { Dataset } from '../dataset/types.js';
import type { Network } from '../model/network.js';
import type { LpBuilder } from './linear-program.js';

export interface DestroyColumn {
  readonly col: number;
  /** Demand node, network order. */
  readonly node: number;
  /** Block of the node's application curve, from 0 (step 1). */
  readonly step: number;
}

/** One block's numbers: its share of each period's demand and its willingness to pay, USD/kg. */
export interface CurveStep {
  readonly share: number;
  readonly price: number;
}

/** The blocks of each application's curve, in step order. */
function byApplication(data: Dataset): Map<string, CurveStep[]> {
  const curves = new Map<string, CurveStep[]>();
  const sorted = [...data.demand_curves].sort((a, b) => a.step - b.step);
  for (const s of sorted) {
    const list = curves.get(s.application) ?? [];
    list.push({ share: s.share, price: s.price });
    curves.set(s.application, list);
  }
  return curves;
}

/** Adds the destroy columns of every demand node (bounds and costs are set per period). */
export function addDemandCurves(b: LpBuilder, network: Network, demandRow: number): DestroyColumn[] {
  const curves = byApplication(network.dataset);
  const columns: DestroyColumn[] = [];
  network.demands.forEach((d, node) => {
    (curves.get(d.application) ?? []).forEach((s, step) => {
      const name = `destroy(${d.region},${d.application},${d.material},${step + 1})`;
      const col = b.addCol(name, s.price, [[demandRow + node, 1]], 0, 0);
      columns.push({ col, node, step });
    });
  });
  return columns;
}

/**
 * A run's curve blocks per demand node. A scenario or a draw may move prices and shares, never the
 * number of blocks (that is the LP's structure).
 */
export function curvesOf(network: Network, data: Dataset, columns: readonly DestroyColumn[]): CurveStep[][] {
  const curves = byApplication(data);
  const perNode = network.demands.map((d) => curves.get(d.application) ?? []);
  for (const c of columns) {
    if (perNode[c.node]![c.step] === undefined)
      throw new Error('internal: the dataset does not have the prepared model’s demand curves');
  }
  const built = new Map<number, number>();
  for (const c of columns) built.set(c.node, (built.get(c.node) ?? 0) + 1);
  perNode.forEach((steps, node) => {
    if (steps.length !== (built.get(node) ?? 0))
      throw new Error('internal: the dataset does not have the prepared model’s demand curves');
  });
  return perNode;
}
