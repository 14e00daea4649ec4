/**
 * Worker-thread entry of a workbench job: the server stays responsive while the LP solves. The job
 * runs on the one pipeline (src/jobs); this file adapts it. Its events become progress messages,
 * and a cancel reaches it through a shared flag, read at each event (each period and batch of
 * draws) and turned into the job's abort signal.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../../dataset/problems.js';
import { JobCancelled } from '../../jobs/job.js';
import { type JobSpec, runJob } from '../../jobs/pipeline.js';
import { isWholeKind, runJobOnQueue } from '../../jobs/queued-job.js';
import { Coordinator } from '../../queue/coordinator.js';
import type { OutputFile } from '../../results/write-run.js';
import type { DrawResult } from '../../uncertainty/draw.js';

export interface WorkerInput {
  /** The workbench's run id (through a queue, the queue job's id too). */
  readonly id: string;
  readonly spec: JobSpec;
  /** Int32 flag: 1 once the job should stop. */
  readonly cancel: SharedArrayBuffer;
  /**
   * `serve --redis`: Monte Carlo batches, and runs and plans whole, go to `lodestone worker`
   * processes through this queue.
   */
  readonly queue?: { readonly url: string; readonly prefix: string } | undefined;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number; readonly label: string }
  /** A batch of Monte Carlo draws finished: the server keeps them (a job run again reuses them). */
  | { readonly type: 'draws'; readonly draws: readonly DrawResult[] }
  | { readonly type: 'done'; readonly partial: boolean; readonly files: readonly OutputFile[] }
  | { readonly type: 'cancelled' }
  | { readonly type: 'failed'; readonly message: string };

const input = workerData as WorkerInput;
const flag = new Int32Array(input.cancel);
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const controller = new AbortController();

let queue: Coordinator | undefined;
// Through a queue, batches may be long in coming (no worker yet): the flag is also read on a timer.
let watch: NodeJS.Timeout | undefined;
try {
  const spec = input.spec;
  const watchFlag = () => {
    watch = setInterval(() => {
      if (Atomics.load(flag, 0) === 1) controller.abort();
    }, 200);
  };
  if (input.queue && isWholeKind(spec)) {
    // Team mode: the whole job runs on a `lodestone worker`; this thread follows it.
    watchFlag();
    const { partial, files } = await runJobOnQueue(spec, {
      ...input.queue,
      id: input.id,
      signal: controller.signal,
      onProgress: ({ done, total, label }) => post({ type: 'progress', done, total, label }),
    });
    post({ type: 'done', partial, files });
  } else {
    if (input.queue && spec.kind === 'mc') {
      // Draws kept from an identical job (same inputs, seed, sampling, blocs) are equal: reuse them.
      queue = await Coordinator.open({ url: input.queue.url, prefix: input.queue.prefix, resume: true });
      watchFlag();
    }
    const { partial, files } = await runJob(spec, {
      signal: controller.signal,
      executor: queue,
      onEvent: (event) => {
        const { done, total, label } = event;
        if (event.type === 'draws' && event.batch.length > 0) post({ type: 'draws', draws: event.batch });
        post({ type: 'progress', done, total, label });
        if (Atomics.load(flag, 0) === 1) controller.abort();
      },
    });
    post({ type: 'done', partial, files: files() });
  }
} catch (e) {
  if (e instanceof JobCancelled) post({ type: 'cancelled' });
  else
    post({ type: 'failed', message: e instanceof InputError || e instanceof Error ? e.message : String(e) });
} finally {
  clearInterval(watch);
  await queue?.close();
}
