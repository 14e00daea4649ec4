/**
 * Runs the workbench's jobs one at a time (the machine's cores go to the LP and the Monte Carlo
 * workers), each in a worker thread. Live progress stays in memory; state changes and the output
 * folder go to the store. Cancelling a queued job drops it; a running one stops at its next period
 * or draw (a Monte Carlo keeps the draws it finished).
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { packageRoot } from '../../scenario/package-root.js';
import { saveRunFiles, updateRun } from '../storage/runs.js';
import type { Database } from '../storage/schema.js';
import type { JobSpec } from './execute.js';
import type { WorkerInput, WorkerMessage } from './worker.js';

export interface Job {
  readonly id: string;
  readonly spec: JobSpec;
  /** Files kept beside the output (the scenario as run). */
  readonly extraFiles: readonly { name: string; content: Buffer }[];
}

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

const now = () => new Date().toISOString();
/** A job that ignores its cancel flag this long is terminated. */
const CANCEL_GRACE_MS = 15_000;

export class JobRunner {
  private readonly queue: Job[] = [];
  private current: { job: Job; cancel: Int32Array; worker?: Worker } | undefined;
  private readonly live = new Map<string, Progress>();
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly db: Kysely<Database>) {}

  submit(job: Job): void {
    this.queue.push(job);
    if (!this.current) void this.next();
  }

  /** Live progress of the running job, if it is this one. */
  progress(id: string): Progress | undefined {
    return this.live.get(id);
  }

  /** Returns false when the job is neither queued nor running here. */
  async cancel(id: string): Promise<boolean> {
    const queued = this.queue.findIndex((j) => j.id === id);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      await updateRun(this.db, id, { status: 'cancelled', finished_at: now() });
      return true;
    }
    if (this.current?.job.id !== id) return false;
    Atomics.store(this.current.cancel, 0, 1);
    const worker = this.current.worker;
    setTimeout(() => void worker?.terminate(), CANCEL_GRACE_MS).unref();
    return true;
  }

  /** Resolves once nothing is queued or running (tests, shutdown). */
  idle(): Promise<void> {
    if (!this.current && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the running job and drops the queue (server shutdown). */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) {
      await updateRun(this.db, job.id, { status: 'cancelled', finished_at: now(), error: 'server stopped' });
    }
    if (this.current) {
      Atomics.store(this.current.cancel, 0, 1);
      await this.current.worker?.terminate();
    }
    await this.idle();
  }

  private async next(): Promise<void> {
    const job = this.queue.shift();
    if (!job) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    this.current = { job, cancel };
    try {
      await updateRun(this.db, job.id, { status: 'running', started_at: now(), progress_label: 'starting' });
      const outcome = await this.execute(job, cancel);
      await this.finish(job, outcome);
    } catch (e) {
      // Recording the failure may fail too (the store closed under us): say so, never crash the server.
      await updateRun(this.db, job.id, {
        status: 'failed',
        error: (e as Error).message,
        finished_at: now(),
      }).catch((err: Error) =>
        process.stderr.write(`lodestone: run ${job.id} not recorded: ${err.message}\n`),
      );
    } finally {
      this.live.delete(job.id);
      this.current = undefined;
      void this.next();
    }
  }

  private async finish(job: Job, outcome: WorkerMessage): Promise<void> {
    const last = this.live.get(job.id);
    const progress = last
      ? { progress_done: last.done, progress_total: last.total, progress_label: last.label }
      : {};
    if (outcome.type === 'failed') {
      await updateRun(this.db, job.id, {
        ...progress,
        status: 'failed',
        error: outcome.message,
        finished_at: now(),
      });
    } else if (outcome.type === 'cancelled') {
      await updateRun(this.db, job.id, { ...progress, status: 'cancelled', finished_at: now() });
    } else if (outcome.type === 'done') {
      const files = outcome.files.map((f) => ({ name: f.name, content: Buffer.from(f.content) }));
      await saveRunFiles(this.db, job.id, [...files, ...job.extraFiles]);
      await updateRun(this.db, job.id, {
        ...progress,
        ...(outcome.partial ? {} : { progress_done: last?.total ?? 0, progress_label: 'done' }),
        status: outcome.partial ? 'cancelled' : 'done',
        error: outcome.partial ? 'cancelled: the draws finished before the cancel are kept' : null,
        finished_at: now(),
      });
    }
  }

  /** Runs the job in a worker thread (the compiled module: npm ci and npm test build it). */
  private execute(job: Job, cancel: Int32Array): Promise<WorkerMessage> {
    const input: WorkerInput = { spec: job.spec, cancel: cancel.buffer as SharedArrayBuffer };
    const worker = new Worker(join(packageRoot(), 'dist', 'src', 'server', 'jobs', 'worker.js'), {
      workerData: input,
    });
    this.current!.worker = worker;
    return new Promise((resolve) => {
      let outcome: WorkerMessage | undefined;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') this.live.set(job.id, { done: m.done, total: m.total, label: m.label });
        else outcome = m;
      });
      worker.on('error', (e) => {
        outcome ??= { type: 'failed', message: e.message };
      });
      worker.on('exit', () => {
        const stopped = Atomics.load(cancel, 0) === 1;
        resolve(
          outcome ??
            (stopped ? { type: 'cancelled' } : { type: 'failed', message: 'the job stopped unexpectedly' }),
        );
      });
    });
  }
}
