/**
 * Runs the workbench's jobs one at a time (the machine's cores go to the LP and the Monte Carlo
 * workers), each in a worker thread. Live progress stays in memory; state changes and the output
 * folder go to the store. Cancelling a queued job drops it; a running one stops at its next period
 * or draw (a Monte Carlo keeps the draws it finished).
 *
 * Several servers may share one database: each job is leased to the server that queued it, which
 * renews the lease every few seconds. On that heartbeat a server also stops the jobs another server
 * was asked to cancel, and fails the jobs whose lease expired (their server is gone).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { JobSpec } from '../../jobs/pipeline.js';
import { packageRoot } from '../../scenario/package-root.js';
import { dropDraws, keepDraws, keptDraws } from '../storage/mc-draws.js';
import {
  cancelRequests,
  failInterrupted,
  LEASE_MS,
  renewLeases,
  saveRunFiles,
  updateRun,
} from '../storage/runs.js';
import type { Database } from '../storage/schema.js';
import { keptDrawsKey } from './kept-draws.js';
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

export interface LeaseOptions {
  /** How often the leases are renewed, and cancel requests and expired leases looked for (ms). */
  readonly heartbeatMs?: number;
  /** A lease not renewed for this long has expired (ms). */
  readonly expireMs?: number;
}

const now = () => new Date().toISOString();
/** A job that ignores its cancel flag this long is terminated. */
const CANCEL_GRACE_MS = 15_000;
const HEARTBEAT_MS = 5_000;

export class JobRunner {
  /** This server instance: the owner of the leases of the jobs it queues and runs. */
  readonly owner = randomUUID();
  readonly expireMs: number;
  private readonly queue: Job[] = [];
  private current: { job: Job; cancel: Int32Array; worker?: Worker } | undefined;
  private readonly live = new Map<string, Progress>();
  private idleWaiters: (() => void)[] = [];
  private readonly timer: NodeJS.Timeout;
  private beat: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    lease: LeaseOptions = {},
    /** `serve --redis`: Monte Carlo jobs' batches go through this queue to `lodestone worker` processes. */
    private readonly batchQueue?: WorkerInput['queue'],
  ) {
    this.expireMs = lease.expireMs ?? LEASE_MS;
    this.timer = setInterval(() => {
      this.beat ??= this.heartbeat().finally(() => {
        this.beat = undefined;
      });
    }, lease.heartbeatMs ?? HEARTBEAT_MS);
    this.timer.unref();
  }

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
    if (Atomics.load(this.current.cancel, 0) === 1) return true; // already stopping
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
    clearInterval(this.timer);
    await this.beat;
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
      const started = { status: 'running', started_at: now(), progress_label: 'starting' } as const;
      // Gone while it waited (its lease expired while this server was stalled): not ours to run.
      if (!(await updateRun(this.db, job.id, started))) return;
      const kept = job.spec.kind === 'mc' ? keptDrawsKey(job.spec) : undefined;
      const outcome = await this.execute(await this.withKeptDraws(job, kept), cancel, kept);
      await this.finish(job, outcome);
      if (kept !== undefined && outcome.type === 'done' && !outcome.partial) await dropDraws(this.db, kept);
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

  /**
   * Renews this server's leases (and writes the running job's progress, for other servers to show),
   * stops the jobs another server was asked to cancel, and fails those whose lease expired.
   */
  private async heartbeat(): Promise<void> {
    try {
      const at = now();
      const id = this.current?.job.id;
      const progress = id === undefined ? undefined : this.live.get(id);
      await renewLeases(this.db, this.owner, at);
      if (id !== undefined && progress) {
        const { done, total, label } = progress;
        await updateRun(this.db, id, { progress_done: done, progress_total: total, progress_label: label });
      }
      for (const id of await cancelRequests(this.db, this.owner)) await this.cancel(id);
      await failInterrupted(this.db, at, this.expireMs);
    } catch (e) {
      process.stderr.write(`lodestone: job heartbeat failed: ${(e as Error).message}\n`);
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

  /** A Monte Carlo job with the draws an identical job (killed or cancelled) left in the store. */
  private async withKeptDraws(job: Job, key: string | undefined): Promise<Job> {
    if (key === undefined || job.spec.kind !== 'mc' || job.spec.finished) return job;
    const finished = await keptDraws(this.db, key, job.spec.draws);
    return finished.length === 0 ? job : { ...job, spec: { ...job.spec, finished } };
  }

  /**
   * Runs the job in a worker thread (the compiled module: npm ci and npm test build it). A Monte
   * Carlo job's finished batches are kept in the store under `kept` as they come, in order.
   */
  private execute(job: Job, cancel: Int32Array, kept: string | undefined): Promise<WorkerMessage> {
    const input: WorkerInput = {
      id: job.id,
      spec: job.spec,
      cancel: cancel.buffer as SharedArrayBuffer,
      queue: this.batchQueue,
    };
    const worker = new Worker(join(packageRoot(), 'dist', 'src', 'server', 'jobs', 'worker.js'), {
      workerData: input,
    });
    this.current!.worker = worker;
    let keeping = Promise.resolve();
    const keep = (draws: WorkerMessage & { type: 'draws' }) => {
      if (kept === undefined) return;
      keeping = keeping
        .then(() => keepDraws(this.db, kept, draws.draws))
        .catch((e: Error) => {
          process.stderr.write(`lodestone: run ${job.id}: draws not kept: ${e.message}\n`);
        });
    };
    const outcome = new Promise<WorkerMessage>((resolve) => {
      let outcome: WorkerMessage | undefined;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') this.live.set(job.id, { done: m.done, total: m.total, label: m.label });
        else if (m.type === 'draws') keep(m);
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
    return outcome.then(async (o) => {
      await keeping;
      return o;
    });
  }
}
