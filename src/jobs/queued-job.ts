/**
 * A whole job (a scenario's run, a plan) sent to `lodestone worker` processes through the queue, as
 * `serve --redis` does in team mode: several servers then share one pool of workers. The server
 * follows the BullMQ job's state and progress; cancelling removes a job still waiting, or asks the
 * worker running it to stop (a Redis key it reads at each event).
 */
import { Job, Queue } from 'bullmq';
import { connectRedis } from '../queue/connection.js';
import { takeJobFiles } from '../queue/files-store.js';
import { storeInputs } from '../queue/inputs-store.js';
import {
  DEFAULT_PREFIX,
  JOB_QUEUE,
  RUN_SECONDS,
  redisKeys,
  type WholeJobData,
  type WholeJobOutcome,
} from '../queue/names.js';
import type { OutputFile } from '../results/write-run.js';
import { inputsHash } from '../scenario/inputs.js';
import { lodestoneVersion } from '../scenario/package-root.js';
import { JobCancelled, type JobPosition } from './job.js';
import type { JobSpec } from './pipeline.js';

/** The kinds a server sends whole; a Monte Carlo job sends its batches of draws instead. */
export const WHOLE_KINDS = ['run', 'plan'] as const;
export type WholeSpec = Extract<JobSpec, { kind: (typeof WHOLE_KINDS)[number] }>;

export const isWholeKind = (spec: JobSpec): spec is WholeSpec =>
  (WHOLE_KINDS as readonly string[]).includes(spec.kind);

export interface QueuedJobOptions {
  readonly url: string;
  readonly prefix?: string | undefined;
  /** The queue job's id (the workbench's run id: one run, one queue job). */
  readonly id: string;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((position: JobPosition) => void) | undefined;
  readonly pollMs?: number | undefined;
}

export async function runJobOnQueue(
  spec: WholeSpec,
  o: QueuedJobOptions,
): Promise<{ partial: boolean; files: OutputFile[] }> {
  const prefix = o.prefix ?? DEFAULT_PREFIX;
  const keys = redisKeys(prefix);
  const redis = await connectRedis(o.url, { command: 'serve', option: '--redis' });
  const queue = new Queue(JOB_QUEUE, { connection: redis, prefix });
  queue.on('error', () => {});
  try {
    const hash = inputsHash(spec.inputs);
    await storeInputs(redis, prefix, hash, spec.inputs);
    const { kind, inputs: _inputs, ...rest } = spec;
    const data: WholeJobData = { kind, spec: rest, inputs: hash, version: lodestoneVersion() };
    // One attempt: a failure is the job's own; a vanished worker is a stall, retried by BullMQ.
    await queue.add(kind, data, {
      jobId: o.id,
      attempts: 1,
      removeOnComplete: { age: RUN_SECONDS },
      removeOnFail: { age: RUN_SECONDS },
    });
    let asked = false;
    let lastProgress = '';
    for (;;) {
      // The state first, then the job: a job read first may finish before its state is read, and
      // then carry no return value.
      const state = await queue.getJobState(o.id);
      const job = await Job.fromId(queue, o.id);
      if (!job || state === 'unknown')
        throw new Error(`the queued job ${o.id} vanished from Redis (was Redis flushed?)`);
      if (state === 'completed') {
        const outcome = job.returnvalue as WholeJobOutcome | null;
        if (!outcome) throw new Error(`the worker finished job ${o.id}, but its outcome is not in Redis`);
        await job.remove().catch(() => {});
        await redis.del(keys.jobCancel(o.id));
        if (outcome.cancelled) throw new JobCancelled();
        const files = await takeJobFiles(redis, prefix, o.id);
        if (!files) throw new Error(`the worker finished job ${o.id}, but its files are not in Redis`);
        return { partial: outcome.partial, files };
      }
      if (state === 'failed') {
        await redis.del(keys.jobCancel(o.id));
        throw new Error(job.failedReason || 'a worker failed the job');
      }
      const progress = job.progress as Partial<JobPosition> | number;
      if (typeof progress === 'object' && progress.label !== undefined) {
        const key = JSON.stringify(progress);
        if (key !== lastProgress) {
          lastProgress = key;
          o.onProgress?.(progress as JobPosition);
        }
      }
      if (o.signal?.aborted && !asked) {
        asked = true;
        // Still waiting: nobody runs it, so it is simply gone. Else the worker stops at its next event.
        const removed = state === 'waiting' || state === 'delayed' || state === 'prioritized';
        if (removed && (await queue.remove(o.id).catch(() => 0)) === 1) throw new JobCancelled();
        await redis.set(keys.jobCancel(o.id), '1', 'EX', RUN_SECONDS);
      }
      await new Promise((r) => setTimeout(r, o.pollMs ?? 200));
    }
  } finally {
    await queue.close();
    await redis.quit().catch(() => redis.disconnect());
  }
}
