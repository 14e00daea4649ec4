/**
 * Monte Carlo over complete horizons, spread over worker threads (piscina) in batches of draws.
 * Each draw's random stream depends only on the seed and its index, so the results are the same
 * whatever the number of workers, the order in which batches finish, or how a run was split
 * (draws finished earlier and read back from disk, plus the missing ones). Cancelling (Ctrl-C)
 * stops the pool and keeps the draws already finished, marked partial. Where the batches run is a
 * `BatchExecutor`: this thread, a pool of threads, or a queue of worker processes (src/queue).
 */
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { inputsHash, type RunInputs } from '../scenario/inputs.js';
import { packageRoot } from '../scenario/package-root.js';
import type { DrawResult } from './draw.js';
import type { Sampling } from './sampling.js';
import runBatch, { type Batch } from './worker.js';

/**
 * Runs batches of draws somewhere and hands each batch's results to `collect` as it finishes, in any
 * order; it returns once every batch is collected or, after `signal` aborts, without the unfinished
 * ones (a partial run). An error `collect` throws, or a batch's failure, rejects.
 */
export interface BatchExecutor {
  execute(
    batches: readonly Batch[],
    collect: (results: DrawResult[]) => void,
    signal: AbortSignal | undefined,
  ): Promise<void>;
  /** Draws per batch when the caller names none. */
  readonly batchSize?: number | undefined;
}

export interface MonteCarloOptions {
  /** The scenario and its dataset, in memory (see `readRunInputs`). */
  readonly inputs: RunInputs;
  readonly draws: number;
  readonly seed: number;
  /** How each draw's uniforms are chosen (default: random). */
  readonly sampling?: Sampling | undefined;
  /** Worker threads; 0 runs in this thread. Ignored by an `executor`, save for the batch size. */
  readonly workers: number;
  /** Where the batches run (default: `workers` threads, or this thread). */
  readonly executor?: BatchExecutor | undefined;
  readonly blocs?: readonly string[] | undefined;
  readonly batchSize?: number;
  /** Draws already finished (by an interrupted run of the same inputs, seed and blocs): not run again. */
  readonly finished?: readonly DrawResult[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
  /** Each batch's draws as it finishes (to save them); an error it throws stops the run. */
  readonly onBatch?: (draws: readonly DrawResult[]) => void;
}

export interface MonteCarloResult {
  /** Finished draws, in draw order. */
  readonly draws: DrawResult[];
  readonly requested: number;
  readonly partial: boolean;
  /** Time this call took (draws read back cost nothing). */
  readonly seconds: number;
}

export async function runMonteCarlo(o: MonteCarloOptions): Promise<MonteCarloResult> {
  const t0 = performance.now();
  const finished = [...(o.finished ?? [])];
  const have = new Set(finished.map((d) => d.draw));
  const missing = Array.from({ length: o.draws }, (_, i) => i).filter((i) => !have.has(i));
  const size =
    o.batchSize ??
    o.executor?.batchSize ??
    Math.max(1, Math.min(8, Math.ceil(missing.length / Math.max(1, 4 * o.workers))));
  const inputsKey = inputsHash(o.inputs);
  const batches: Batch[] = [];
  for (let i = 0; i < missing.length; i += size)
    batches.push({
      inputs: o.inputs,
      inputsKey,
      seed: o.seed,
      sampling: o.sampling,
      blocs: o.blocs,
      draws: missing.slice(i, i + size),
    });
  const collect = (results: DrawResult[]) => {
    o.onBatch?.(results);
    finished.push(...results);
    o.onProgress?.(finished.length, o.draws);
  };
  const executor = o.executor ?? (o.workers === 0 ? inThread : pooled(o.workers));
  if (batches.length > 0) await executor.execute(batches, collect, o.signal);
  finished.sort((a, b) => a.draw - b.draw);
  return {
    draws: finished,
    requested: o.draws,
    partial: finished.length < o.draws,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Runs the batches one after the other in this thread. */
export const inThread: BatchExecutor = {
  async execute(batches, collect, signal) {
    for (const b of batches) {
      if (signal?.aborted) break;
      collect(await runBatch(b));
    }
  },
};

/** Runs the batches on a pool of `workers` threads (see runPooled). */
export const pooled = (workers: number): BatchExecutor => ({
  execute: (batches, collect, signal) => runPooled(batches, workers, collect, signal),
});

/**
 * Runs the batches on a pool of `workers` threads, handing each thread its next batch when it
 * finishes one: the pool never holds a backlog of queued copies of the inputs, and the abort signal
 * gets one listener (which destroys the pool) rather than one per batch.
 */
async function runPooled(
  batches: readonly Batch[],
  workers: number,
  collect: (results: DrawResult[]) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  // Workers run the compiled module (npm ci and npm test build it).
  const pool = new Piscina({
    filename: join(packageRoot(), 'dist', 'src', 'uncertainty', 'worker.js'),
    minThreads: workers,
    maxThreads: workers,
  });
  let destroyed: Promise<void> | undefined;
  const destroy = () => (destroyed ??= pool.destroy());
  const stop = () => void destroy();
  signal?.addEventListener('abort', stop, { once: true });
  let next = 0;
  let failure: { reason: unknown } | undefined;
  const lane = async () => {
    while (next < batches.length && !signal?.aborted && !failure) {
      const batch = batches[next++]!;
      try {
        collect(await pool.run(batch));
      } catch (reason) {
        // A batch cut short by the abort is not a failure: its draws are simply not finished.
        if (!signal?.aborted) {
          failure ??= { reason };
          void destroy();
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(workers, batches.length) }, lane));
  } finally {
    signal?.removeEventListener('abort', stop);
    await destroy();
  }
  if (failure) throw failure.reason;
}
