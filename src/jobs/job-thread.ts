/**
 * Worker-thread entry of a whole job that `lodestone worker` took off the queue: the solves run here,
 * so the worker's main thread stays free to renew the job's lock and read its cancel request. A
 * cancel reaches the job through a shared flag, read at each event (each period and plan solve).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../dataset/problems.js';
import type { OutputFile } from '../results/write-run.js';
import { JobCancelled } from './job.js';
import { type JobSpec, runJob } from './pipeline.js';

export interface JobThreadInput {
  readonly spec: JobSpec;
  /** Int32 flag: 1 once the job should stop. */
  readonly cancel: SharedArrayBuffer;
}

export type JobThreadMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number; readonly label: string }
  | { readonly type: 'done'; readonly partial: boolean; readonly files: readonly OutputFile[] }
  | { readonly type: 'cancelled' }
  | { readonly type: 'failed'; readonly message: string };

const input = workerData as JobThreadInput;
const flag = new Int32Array(input.cancel);
const post = (m: JobThreadMessage) => parentPort!.postMessage(m);
const controller = new AbortController();

try {
  const { partial, files } = await runJob(input.spec, {
    signal: controller.signal,
    onEvent: ({ done, total, label }) => {
      post({ type: 'progress', done, total, label });
      if (Atomics.load(flag, 0) === 1) controller.abort();
    },
  });
  post({ type: 'done', partial, files: files() });
} catch (e) {
  if (e instanceof JobCancelled) post({ type: 'cancelled' });
  else
    post({ type: 'failed', message: e instanceof InputError || e instanceof Error ? e.message : String(e) });
}
