/** A Monte Carlo worker thread: prepares the scenario once, then runs the batches of draws it is given. */
import { defaultBlocs } from '../analysis/blocs.js';
import type { RunInputs } from '../scenario/inputs.js';
import { prepareInputs } from '../scenario/prepare-run.js';
import { type DrawResult, type DrawSetup, prepareDraws, runDraw } from './draw.js';
import type { Sampling } from './sampling.js';

export interface Batch {
  readonly inputs: RunInputs;
  /** `inputsHash(inputs)`: a worker prepares each distinct inputs once. */
  readonly inputsKey: string;
  readonly seed: number;
  readonly sampling?: Sampling | undefined;
  readonly blocs?: readonly string[] | undefined;
  readonly draws: readonly number[];
}

let cached: { key: string; setup: DrawSetup } | undefined;

/** The worker's setup for a run: loaded once, with its models prepared once (reused by every draw). */
export async function setupFor(batch: Omit<Batch, 'draws'>): Promise<DrawSetup> {
  const key = JSON.stringify([batch.inputsKey, batch.seed, batch.blocs]);
  // The models depend on the inputs and blocs; the sampling is read per draw.
  if (cached?.key !== key) {
    const { loaded, dataset } = prepareInputs(batch.inputs);
    const all = defaultBlocs(dataset);
    const blocs = batch.blocs ? all.filter((b) => batch.blocs!.includes(b.id)) : all;
    cached = {
      key,
      setup: await prepareDraws({ dataset, scenario: loaded.scenario, seed: batch.seed, blocs }),
    };
  }
  return { ...cached.setup, sampling: batch.sampling };
}

export default async function runBatch(batch: Batch): Promise<DrawResult[]> {
  const setup = await setupFor(batch);
  const out: DrawResult[] = [];
  for (const d of batch.draws) out.push(await runDraw(setup, d));
  return out;
}
