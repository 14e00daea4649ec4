/**
 * `mc --queue`: a BatchExecutor that enqueues the batches for `lodestone worker` processes on any
 * number of machines, and gathers their draws. Workers write each finished batch's draws to the job's
 * hash in Redis (draw index → result, so a batch run twice after a stall is still counted once) and
 * push the batch's id on the run's list; the coordinator polls that list. Cancelling removes the
 * batches still waiting; the draws kept in Redis let `--resume` skip them next time.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { lodestoneVersion } from '../scenario/package-root.js';
import type { DrawResult } from '../uncertainty/draw.js';
import type { BatchExecutor } from '../uncertainty/monte-carlo.js';
import type { Batch } from '../uncertainty/worker.js';
import { connectRedis, redactedUrl } from './connection.js';
import { storeInputs } from './inputs-store.js';
import { BATCH_QUEUE, type BatchJobData, DEFAULT_PREFIX, mcJobKey, redisKeys } from './names.js';

/** A batch a worker failed (a refused hash, a model failure, a batch that stalled too often). */
export class BatchFailed extends Error {}

export interface QueueStatus {
  readonly finished: number;
  readonly total: number;
  /** Workers connected to the queue (any job's). */
  readonly workers: number;
  /** Seconds left at the rate draws came in so far; undefined before the first batch. */
  readonly eta: number | undefined;
}

export interface CoordinatorOptions {
  readonly url: string;
  readonly prefix?: string | undefined;
  /** Reuse the draws kept in Redis for the same job (`--resume`); else they are dropped first. */
  readonly resume?: boolean | undefined;
  /** Draws per batch job (default 4: a few seconds of work for a baseline draw). */
  readonly batchSize?: number | undefined;
  /** Every couple of seconds while batches are out. */
  readonly onStatus?: ((status: QueueStatus) => void) | undefined;
  /** How often to look for finished batches (ms). */
  readonly pollMs?: number | undefined;
}

export class Coordinator implements BatchExecutor {
  readonly batchSize: number;
  private readonly keys: ReturnType<typeof redisKeys>;
  private readonly prefix: string;
  /** Jobs whose kept draws this coordinator has dropped or read (a --precision run executes several times). */
  private readonly started = new Set<string>();
  /** Draws reused from Redis by --resume. */
  resumed = 0;

  private constructor(
    private readonly redis: Redis,
    private readonly queue: Queue,
    private readonly o: CoordinatorOptions,
  ) {
    this.prefix = o.prefix ?? DEFAULT_PREFIX;
    this.keys = redisKeys(this.prefix);
    this.batchSize = o.batchSize ?? 4;
  }

  /** Connects (failing fast with an InputError when Redis cannot be reached). */
  static async open(o: CoordinatorOptions): Promise<Coordinator> {
    const redis = await connectRedis(o.url, { command: 'mc', option: '--queue' });
    const queue = new Queue(BATCH_QUEUE, { connection: redis, prefix: o.prefix ?? DEFAULT_PREFIX });
    queue.on('error', () => {});
    return new Coordinator(redis, queue, o);
  }

  async execute(
    batches: readonly Batch[],
    collect: (results: DrawResult[]) => void,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const first = batches[0];
    if (!first) return;
    const job = mcJobKey(first);
    const drawsKey = this.keys.draws(job);
    if (!this.started.has(job)) {
      this.started.add(job);
      if (!this.o.resume) await this.redis.del(drawsKey);
    }
    // Draws a worker finished earlier for this job (an interrupted run, or a batch that finished
    // after Ctrl-C) are collected as they are, batch by batch; only the rest go out.
    const waiting: Batch[] = [];
    for (const batch of batches) {
      const kept = await this.keptDraws(drawsKey, batch.draws);
      if (kept.length > 0) {
        this.resumed += kept.length;
        collect(kept);
      }
      const have = new Set(kept.map((d) => d.draw));
      const missing = batch.draws.filter((d) => !have.has(d));
      if (missing.length > 0) waiting.push({ ...batch, draws: missing });
    }
    if (waiting.length === 0 || signal?.aborted) return;
    await storeInputs(this.redis, this.prefix, first.inputsKey, first.inputs);

    const run = randomUUID();
    const pending = new Map<string, Batch>(waiting.map((b, i) => [`${run}-${i}`, b]));
    await this.queue.addBulk(
      [...pending].map(([id, b]) => {
        const data: BatchJobData = {
          run,
          job,
          inputs: b.inputsKey,
          version: lodestoneVersion(),
          seed: b.seed,
          ...(b.sampling ? { sampling: b.sampling } : {}),
          ...(b.blocs ? { blocs: [...b.blocs] } : {}),
          draws: [...b.draws],
        };
        // One attempt: a failure is the batch's own (it would fail again); a worker that vanishes
        // is a stall, which BullMQ retries on another worker without counting an attempt.
        return {
          name: 'draws',
          data,
          opts: { jobId: id, attempts: 1, removeOnComplete: true, removeOnFail: { age: 24 * 3600 } },
        };
      }),
    );
    try {
      await this.follow(run, drawsKey, pending, collect, signal);
    } catch (e) {
      if (e instanceof BatchFailed || this.redis.status === 'ready') throw e;
      throw new BatchFailed(
        `lost the connection to Redis at ${redactedUrl(this.o.url)} (${e instanceof Error ? e.message : e}); once it is back (with its data), the same command with --resume reuses the draws finished`,
      );
    } finally {
      if (this.redis.status === 'ready') {
        if (pending.size > 0) await this.remove([...pending.keys()]);
        await this.redis.del(this.keys.done(run), this.keys.failed(run));
      }
    }
  }

  /** Polls the run's finished list until every batch is in, one fails, or the signal aborts. */
  private async follow(
    run: string,
    drawsKey: string,
    pending: Map<string, Batch>,
    collect: (results: DrawResult[]) => void,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const total = [...pending.values()].reduce((n, b) => n + b.draws.length, 0);
    const t0 = performance.now();
    let finished = 0;
    let seen = 0;
    let lastStatus = 0;
    while (pending.size > 0 && !signal?.aborted) {
      const ids = await this.redis.lrange(this.keys.done(run), seen, -1);
      seen += ids.length;
      for (const id of ids) {
        const batch = pending.get(id);
        if (!batch) continue; // a batch run twice (a stalled worker finished after all)
        const draws = await this.keptDraws(drawsKey, batch.draws);
        if (draws.length !== batch.draws.length)
          throw new BatchFailed(`batch ${id} reported done, but ${drawsKey} lacks some of its draws`);
        pending.delete(id);
        finished += draws.length;
        collect(draws);
      }
      if (pending.size === 0) break;
      const failures = await this.redis.hgetall(this.keys.failed(run));
      const failed = Object.entries(failures).find(([id]) => pending.has(id));
      if (failed) {
        const draws = pending.get(failed[0])!.draws;
        throw new BatchFailed(`a worker failed the batch of draws ${draws[0]}–${draws.at(-1)}: ${failed[1]}`);
      }
      const now = performance.now();
      if (this.o.onStatus && now - lastStatus >= 2000) {
        lastStatus = now;
        const rate = finished / ((now - t0) / 1000);
        this.o.onStatus({
          finished,
          total,
          workers: await this.queue.getWorkersCount().catch(() => 0),
          eta: finished > 0 ? (total - finished) / rate : undefined,
        });
      }
      await sleep(this.o.pollMs ?? 200, signal);
    }
  }

  /** The draws among `draws` kept under the job's hash. */
  private async keptDraws(drawsKey: string, draws: readonly number[]): Promise<DrawResult[]> {
    const values = await this.redis.hmget(drawsKey, ...draws.map(String));
    return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as DrawResult);
  }

  /** Removes batches still waiting; those a worker holds finish, and their draws stay kept. */
  private async remove(ids: readonly string[]) {
    await Promise.all(ids.map((id) => this.queue.remove(id).catch(() => 0)));
  }

  /** Drops the kept draws of the jobs run (once their outputs are written complete, as local mc drops its partial file). */
  async forget(): Promise<void> {
    for (const job of this.started) await this.redis.del(this.keys.draws(job));
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
