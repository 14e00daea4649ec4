/**
 * `lodestone worker`: takes batches of draws off the queue and runs them on K threads (the same
 * worker threads as local mc; the main thread stays free to renew the batches' locks). Before
 * running a batch it recomputes the hash of the inputs it would run and refuses the batch, for good,
 * when that is not the batch's hash. A worker that dies mid-batch stops renewing the lock; after
 * `lockSeconds` another worker's stalled check puts the batch back on the queue.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { type Job, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { Piscina } from 'piscina';
import { readDatasetFolder } from '../dataset/dataset-files.js';
import { inputsHash, type RunInputs } from '../scenario/inputs.js';
import { lodestoneVersion, packageRoot } from '../scenario/package-root.js';
import type { DrawResult } from '../uncertainty/draw.js';
import type { Batch } from '../uncertainty/worker.js';
import { queueWorker } from './bull-worker.js';
import { connectRedis } from './connection.js';
import { loadInputs } from './inputs-store.js';
import { BATCH_QUEUE, BatchJobData, DEFAULT_PREFIX, KEEP_SECONDS, RUN_SECONDS, redisKeys } from './names.js';

export interface WorkerOptions {
  readonly url: string;
  readonly prefix?: string | undefined;
  /** Batches run at once, each on its own thread. */
  readonly concurrency: number;
  /** How long a batch's lock lasts without renewal: how soon a vanished worker's batch is retried. */
  readonly lockSeconds?: number | undefined;
  /** Run with this dataset folder instead of the one the coordinator sent (its hash must still match). */
  readonly dataDir?: string | undefined;
  readonly log?: ((line: string) => void) | undefined;
}

export interface RunningWorker {
  /** Stops taking batches, waits for the running ones, and disconnects. */
  close(): Promise<void>;
}

export async function startWorker(o: WorkerOptions): Promise<RunningWorker> {
  const prefix = o.prefix ?? DEFAULT_PREFIX;
  const keys = redisKeys(prefix);
  const log = o.log ?? (() => {});
  const redis = await connectRedis(o.url, { command: 'worker', option: '--redis', persistent: true });
  const who = `${hostname()}:${process.pid}`;
  const pool = new Piscina({
    filename: join(packageRoot(), 'dist', 'src', 'uncertainty', 'worker.js'),
    minThreads: o.concurrency,
    maxThreads: o.concurrency,
  });
  const inputsFor = inputsCache(redis, prefix, o.dataDir);

  const processBatch = async (job: Job): Promise<number> => {
    const parsed = BatchJobData.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`not a batch of draws: ${parsed.error.message}`);
    const data = parsed.data;
    if (data.version !== lodestoneVersion())
      throw new UnrecoverableError(
        `worker ${who} runs lodestone ${lodestoneVersion()}, the batch was made by lodestone ${data.version}`,
      );
    const inputs = await inputsFor(data.inputs);
    const t0 = performance.now();
    const draws = `draws ${data.draws[0]}–${data.draws.at(-1)}`;
    log(`batch ${job.id}: ${draws} started`);
    const batch: Batch = {
      inputs,
      inputsKey: data.inputs,
      seed: data.seed,
      sampling: data.sampling,
      blocs: data.blocs,
      draws: data.draws,
    };
    const results: DrawResult[] = await pool.run(batch);
    const drawsKey = keys.draws(data.job);
    // Draws and the "done" mark together: the coordinator never sees one without the other.
    await redis
      .multi()
      .hset(drawsKey, Object.fromEntries(results.map((r) => [String(r.draw), JSON.stringify(r)])))
      .expire(drawsKey, KEEP_SECONDS)
      .rpush(keys.done(data.run), job.id!)
      .expire(keys.done(data.run), RUN_SECONDS)
      .exec();
    log(`batch ${job.id}: ${draws} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return results.length;
  };

  const worker = queueWorker(BATCH_QUEUE, processBatch, {
    connection: redis,
    prefix,
    concurrency: o.concurrency,
    lockSeconds: o.lockSeconds,
    log,
  });
  worker.on('failed', (job, error) => {
    if (!job) return;
    const run = (job.data as Partial<BatchJobData>).run;
    log(`failed batch ${job.id}: ${error.message}`);
    if (run)
      void redis
        .multi()
        .hset(keys.failed(run), job.id!, `${error.message} (worker ${who})`)
        .expire(keys.failed(run), RUN_SECONDS)
        .exec()
        .catch(() => {});
  });
  await worker.waitUntilReady();
  return {
    async close() {
      // Without Redis, a running batch could not report anyway: do not wait for it.
      await worker.close(redis.status !== 'ready');
      await pool.destroy();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * The inputs a batch names, read from Redis once per hash (with the worker's own dataset when it was
 * given one), and checked: a worker whose inputs do not hash to the batch's refuses it.
 */
export function inputsCache(redis: Redis, prefix: string, dataDir: string | undefined) {
  let last: { hash: string; inputs: RunInputs } | undefined;
  return async (hash: string): Promise<RunInputs> => {
    if (last?.hash === hash) return last.inputs;
    const stored = await loadInputs(redis, prefix, hash);
    if (!stored)
      throw new UnrecoverableError(
        `the batch's inputs (hash ${hash}) are not in Redis: the job is older than their expiry, or was cleaned up`,
      );
    const inputs = dataDir ? { ...stored, dataset: readDatasetFolder(dataDir) } : stored;
    const own = inputsHash(inputs);
    if (own !== hash)
      throw new UnrecoverableError(
        `refusing the batch: its dataset and scenario hash to ${hash}, but this worker's inputs${dataDir ? ` (dataset ${dataDir})` : ''} hash to ${own}; every worker must run the coordinator's data`,
      );
    last = { hash, inputs };
    return inputs;
  };
}
