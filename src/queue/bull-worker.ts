/** A BullMQ worker with Lodestone's settings, shared by the draw batches' queue and the whole jobs' queue. */
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';

export interface QueueWorkerOptions {
  readonly connection: Redis;
  readonly prefix: string;
  readonly concurrency: number;
  /** Seconds a job's lock lasts: a worker silent that long is taken for dead and its job retried. */
  readonly lockSeconds?: number | undefined;
  readonly log: (line: string) => void;
}

/**
 * A worker on queue `name`: a job whose worker vanished is retried once its lock lapses, and fails
 * after 5 such stalls rather than cycling for ever; each kind of error is logged once (while Redis
 * is away, every reconnect attempt fails the same way).
 */
export function queueWorker<R>(
  name: string,
  process: (job: Job) => Promise<R>,
  o: QueueWorkerOptions,
): Worker {
  const lockDuration = Math.round((o.lockSeconds ?? 30) * 1000);
  const worker = new Worker(name, process, {
    connection: o.connection,
    prefix: o.prefix,
    concurrency: o.concurrency,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: 5,
  });
  let lastError = '';
  worker.on('error', (e) => {
    if (e.message !== lastError) o.log(`error: ${e.message}`);
    lastError = e.message;
  });
  worker.on('ready', () => {
    lastError = '';
  });
  return worker;
}
