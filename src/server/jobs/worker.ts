/**
 * Worker-thread entry of a workbench job: the server stays responsive while the LP solves, and a
 * cancel reaches the job through a shared flag that it reads between periods and draws.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../../dataset/problems.js';
import type { OutputFile } from '../../results/write-run.js';
import { executeJob, JobCancelled, type JobSpec } from './execute.js';

export interface WorkerInput {
  readonly spec: JobSpec;
  /** Int32 flag: 1 once the job should stop. */
  readonly cancel: SharedArrayBuffer;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number; readonly label: string }
  | { readonly type: 'done'; readonly partial: boolean; readonly files: readonly OutputFile[] }
  | { readonly type: 'cancelled' }
  | { readonly type: 'failed'; readonly message: string };

const input = workerData as WorkerInput;
const flag = new Int32Array(input.cancel);
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

try {
  const { partial, files } = await executeJob(input.spec, {
    progress: (done, total, label) => post({ type: 'progress', done, total, label }),
    cancelled: () => Atomics.load(flag, 0) === 1,
  });
  post({ type: 'done', partial, files });
} catch (e) {
  if (e instanceof JobCancelled) post({ type: 'cancelled' });
  else
    post({ type: 'failed', message: e instanceof InputError || e instanceof Error ? e.message : String(e) });
}
