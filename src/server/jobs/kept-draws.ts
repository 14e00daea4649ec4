/** Which kept draws a workbench Monte Carlo job may reuse: those of a job they would be equal in. */
import { createHash } from 'node:crypto';
import { MC_DEFAULTS } from '../../jobs/defaults.js';
import type { McJobSpec } from '../../jobs/mc-job.js';
import { inputsHash } from '../../scenario/inputs.js';
import { lodestoneVersion } from '../../scenario/package-root.js';

/**
 * What a draw's result depends on besides its index: the code, the inputs, the seed, the sampling
 * (an LHS block defaults to the draw count, so then the count too), the blocs, and --precision's rounds.
 */
export function keptDrawsKey(spec: McJobSpec): string {
  const lhs = spec.sampling?.method === 'lhs';
  const identity = [
    lodestoneVersion(),
    inputsHash(spec.inputs),
    spec.seed ?? MC_DEFAULTS.seed,
    spec.sampling?.method ?? 'random',
    spec.sampling?.block ?? (lhs ? spec.draws : null),
    spec.blocs ?? null,
    spec.precision ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}
