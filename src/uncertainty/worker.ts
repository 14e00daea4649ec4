/** A Monte Carlo worker thread: prepares the scenario once, then runs the batches of draws it is given. */
import { defaultBlocs } from '../analysis/blocs.js';
import { prepareRun } from '../scenario/prepare-run.js';
import { type DrawResult, type DrawSetup, prepareDraws, runDraw } from './draw.js';

export interface Batch {
  readonly scenarioFile: string;
  readonly dataDir?: string | undefined;
  readonly seed: number;
  readonly blocs?: readonly string[] | undefined;
  readonly draws: readonly number[];
}

let cached: { key: string; setup: DrawSetup } | undefined;

/** The worker's setup for a run: loaded once, with its models prepared once (reused by every draw). */
export async function setupFor(batch: Omit<Batch, 'draws'>): Promise<DrawSetup> {
  const key = JSON.stringify([batch.scenarioFile, batch.dataDir, batch.seed, batch.blocs]);
  if (cached?.key !== key) {
    const { loaded, dataset } = prepareRun(batch.scenarioFile, batch.dataDir);
    const all = defaultBlocs(dataset);
    const blocs = batch.blocs ? all.filter((b) => batch.blocs!.includes(b.id)) : all;
    cached = {
      key,
      setup: await prepareDraws({ dataset, scenario: loaded.scenario, seed: batch.seed, blocs }),
    };
  }
  return cached.setup;
}

export default async function runBatch(batch: Batch): Promise<DrawResult[]> {
  const setup = await setupFor(batch);
  const out: DrawResult[] = [];
  for (const d of batch.draws) out.push(await runDraw(setup, d));
  return out;
}
