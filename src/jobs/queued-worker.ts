/**
 * `lodestone worker`'s second queue: whole workbench jobs (a scenario's run, a plan) that a team's
 * `serve` processes send. Each runs on its own thread (job-thread.ts); its progress goes back as the
 * BullMQ job's progress, its files into Redis. A cancel is a Redis key the worker looks for every few
 * hundred ms and hands to the thread, which stops at its next event. A worker that dies mid-job stops
 * renewing the lock; another worker's stalled check then runs the job again from the start.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Worker as Thread } from 'node:worker_threads';
import { type Job, UnrecoverableError } from 'bullmq';
import { queueWorker } from '../queue/bull-worker.js';
import { connectRedis } from '../queue/connection.js';
import { storeJobFiles } from '../queue/files-store.js';
import { DEFAULT_PREFIX, JOB_QUEUE, redisKeys, WholeJobData, type WholeJobOutcome } from '../queue/names.js';
import { inputsCache, type RunningWorker, type WorkerOptions } from '../queue/worker-loop.js';
import { lodestoneVersion, packageRoot } from '../scenario/package-root.js';
import type { JobThreadInput, JobThreadMessage } from './job-thread.js';
import type { JobSpec } from './pipeline.js';

const CANCEL_POLL_MS = 300;

export async function startJobWorker(o: WorkerOptions): Promise<RunningWorker> {
  const prefix = o.prefix ?? DEFAULT_PREFIX;
  const keys = redisKeys(prefix);
  const log = o.log ?? (() => {});
  const redis = await connectRedis(o.url, { command: 'worker', option: '--redis', persistent: true });
  const who = `${hostname()}:${process.pid}`;
  const inputsFor = inputsCache(redis, prefix, o.dataDir);

  const processJob = async (job: Job): Promise<WholeJobOutcome> => {
    const parsed = WholeJobData.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`not a workbench job: ${parsed.error.message}`);
    const data = parsed.data;
    if (data.version !== lodestoneVersion())
      throw new UnrecoverableError(
        `worker ${who} runs lodestone ${lodestoneVersion()}, the job was sent by lodestone ${data.version}`,
      );
    const inputs = await inputsFor(data.inputs);
    const spec = { ...data.spec, kind: data.kind, inputs } as JobSpec;
    const t0 = performance.now();
    log(`job ${job.id}: ${data.kind} started`);
    const outcome = await runOnThread(job, spec, keys.jobCancel(job.id!));
    if (outcome.type === 'failed') throw new UnrecoverableError(outcome.message);
    if (outcome.type === 'cancelled') {
      log(`job ${job.id}: cancelled`);
      return { cancelled: true, partial: false };
    }
    if (outcome.type !== 'done') throw new UnrecoverableError('the job stopped unexpectedly');
    await storeJobFiles(redis, prefix, job.id!, outcome.files);
    log(`job ${job.id}: ${data.kind} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return { cancelled: false, partial: outcome.partial };
  };

  /** Runs the job on a thread, relaying its progress and a cancel request; resolves with its outcome. */
  function runOnThread(job: Job, spec: JobSpec, cancelKey: string): Promise<JobThreadMessage> {
    const cancel = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancel);
    const input: JobThreadInput = { spec, cancel };
    const thread = new Thread(join(packageRoot(), 'dist', 'src', 'jobs', 'job-thread.js'), {
      workerData: input,
    });
    const watch = setInterval(() => {
      void redis
        .exists(cancelKey)
        .then((n) => {
          if (n > 0) Atomics.store(flag, 0, 1);
        })
        .catch(() => {});
    }, CANCEL_POLL_MS);
    return new Promise((resolve) => {
      let outcome: JobThreadMessage | undefined;
      thread.on('message', (m: JobThreadMessage) => {
        if (m.type === 'progress')
          void job.updateProgress({ done: m.done, total: m.total, label: m.label }).catch(() => {});
        else outcome = m;
      });
      thread.on('error', (e) => {
        outcome ??= { type: 'failed', message: e.message };
      });
      thread.on('exit', () => {
        clearInterval(watch);
        resolve(outcome ?? { type: 'failed', message: 'the job stopped unexpectedly' });
      });
    });
  }

  const worker = queueWorker(JOB_QUEUE, processJob, {
    connection: redis,
    prefix,
    concurrency: o.concurrency,
    lockSeconds: o.lockSeconds,
    log,
  });
  worker.on('failed', (job, error) => {
    if (job) log(`failed job ${job.id}: ${error.message}`);
  });
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close(redis.status !== 'ready');
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
