/**
 * Scales the price elasticities of demand curves: with elasticities s times as large, the same
 * blocks are given up at s times smaller price premiums over the reference price. A scenario's
 * `demand_response` and Monte Carlo's `elasticity` target both use it.
 */
import type { DemandCurveStep } from '../schema/demand-curve.js';

/** The curves with each block's price at reference + (price − reference) / scale; `scale` > 0. */
export function scaleElasticity(
  steps: readonly DemandCurveStep[],
  scale: (application: string) => number,
): DemandCurveStep[] {
  return steps.map((s) => {
    const k = scale(s.application);
    if (!(k > 0)) throw new Error(`internal: elasticity scale ${k} of ${s.application} is not above 0`);
    return k === 1 ? s : { ...s, price: s.reference_price + (s.price - s.reference_price) / k };
  });
}

/** What a scenario says about demand response: on or off, and a scale of every elasticity. */
export interface DemandResponse {
  readonly enabled: boolean;
  readonly elasticity_scale: number;
}

/** The dataset's curves as a scenario runs them: none when demand response is off. */
export function applyDemandResponse(
  steps: readonly DemandCurveStep[],
  response: DemandResponse | undefined,
): readonly DemandCurveStep[] {
  if (!response) return steps;
  if (!response.enabled) return [];
  return response.elasticity_scale === 1 ? steps : scaleElasticity(steps, () => response.elasticity_scale);
}
