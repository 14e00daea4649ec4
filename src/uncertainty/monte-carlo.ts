/**
 * Monte Carlo over complete horizons, spread over worker threads (piscina) in batches of draws.
 * Each draw's random stream depends only on the seed and its index, so the results are the same
 * whatever the number of workers or the order in which batches finish. Cancelling (Ctrl-C) stops
 * the pool and keeps the draws already finished, marked partial.
 */
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { inputsHash, type RunInputs } from '../scenario/inputs.js';
import { packageRoot } from '../scenario/package-root.js';
import type { DrawResult } from './draw.js';
import runBatch, { type Batch } from './worker.js';

export interface MonteCarloOptions {
  /** The scenario and its dataset, in memory (see `readRunInputs`). */
  readonly inputs: RunInputs;
  readonly draws: number;
  readonly seed: number;
  /** Worker threads; 0 runs in this thread. */
  readonly workers: number;
  readonly blocs?: readonly string[] | undefined;
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface MonteCarloResult {
  /** Finished draws, in draw order. */
  readonly draws: DrawResult[];
  readonly requested: number;
  readonly partial: boolean;
  readonly seconds: number;
}

export async function runMonteCarlo(o: MonteCarloOptions): Promise<MonteCarloResult> {
  const t0 = performance.now();
  const size = o.batchSize ?? Math.max(1, Math.min(8, Math.ceil(o.draws / Math.max(1, 4 * o.workers))));
  const batches: Batch[] = [];
  const inputsKey = inputsHash(o.inputs);
  for (let start = 0; start < o.draws; start += size) {
    const draws = Array.from({ length: Math.min(size, o.draws - start) }, (_, i) => start + i);
    batches.push({ inputs: o.inputs, inputsKey, seed: o.seed, blocs: o.blocs, draws });
  }
  const finished: DrawResult[] = [];
  let done = 0;
  const collect = (results: DrawResult[]) => {
    finished.push(...results);
    done += results.length;
    o.onProgress?.(done, o.draws);
  };
  let partial = false;
  if (o.workers === 0) {
    for (const b of batches) {
      if (o.signal?.aborted) {
        partial = true;
        break;
      }
      collect(await runBatch(b));
    }
  } else {
    // Workers run the compiled module (npm ci and npm test build it).
    const pool = new Piscina({
      filename: join(packageRoot(), 'dist', 'src', 'uncertainty', 'worker.js'),
      minThreads: o.workers,
      maxThreads: o.workers,
    });
    try {
      const settled = await Promise.allSettled(
        batches.map((b) => pool.run(b, { signal: o.signal ?? null }).then(collect)),
      );
      partial = settled.some((s) => s.status === 'rejected');
      const failure = settled.find(
        (s): s is PromiseRejectedResult => s.status === 'rejected' && !o.signal?.aborted,
      );
      if (failure) throw failure.reason;
    } finally {
      await pool.destroy();
    }
  }
  finished.sort((a, b) => a.draw - b.draw);
  return { draws: finished, requested: o.draws, partial, seconds: (performance.now() - t0) / 1000 };
}
