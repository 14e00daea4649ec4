/**
 * Where `mc --queue` and `lodestone worker` meet in Redis. Every worker listens on one BullMQ queue of
 * draw batches (so a worker needs no word of which Monte Carlo jobs exist); a job's batches, results
 * and failures are told apart by keys named after the job. A prefix keeps teams (and tests) apart.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { lodestoneVersion } from '../scenario/package-root.js';
import { SAMPLINGS, type Sampling } from '../uncertainty/sampling.js';

export const DEFAULT_PREFIX = 'lodestone';
/** The BullMQ queue of draw batches (its keys are `<prefix>:mc-batches:…`). */
export const BATCH_QUEUE = 'mc-batches';
/** How long a job's finished draws and stored inputs stay in Redis for --resume. */
export const KEEP_SECONDS = 7 * 24 * 3600;
/** How long a coordinator run's lists stay (a worker may finish a batch after its coordinator is gone). */
export const RUN_SECONDS = 24 * 3600;

export const redisKeys = (prefix: string) => ({
  /** The inputs (scenario chain and dataset files), gzipped, by `inputsHash`: stored once per job. */
  inputs: (hash: string) => `${prefix}:inputs:${hash}`,
  /** A job's finished draws: a hash of draw index → DrawResult JSON (a retried batch rewrites the same). */
  draws: (job: string) => `${prefix}:mc:${job}:draws`,
  /** One coordinator run's finished batches, in the order they finished. */
  done: (run: string) => `${prefix}:run:${run}:done`,
  /** One coordinator run's failed batches: batch id → why. */
  failed: (run: string) => `${prefix}:run:${run}:failed`,
  /** A whole job's cancel request (set by its server; its worker reads it at each event). */
  jobCancel: (id: string) => `${prefix}:job:${id}:cancel`,
  /** A whole job's output files, gzipped JSON, until its server has read them. */
  jobFiles: (id: string) => `${prefix}:job:${id}:files`,
});

/** The BullMQ queue of whole workbench jobs (a scenario's run, a plan) for `lodestone worker`. */
export const JOB_QUEUE = 'workbench-jobs';

/** What a whole job carries: its spec without the inputs, which it names by their hash. */
export const WholeJobData = z.object({
  kind: z.enum(['run', 'plan']),
  /** The spec's other fields (plain data: src/jobs checks them as it runs). */
  spec: z.record(z.string(), z.unknown()),
  inputs: z.string().regex(/^[0-9a-f]{64}$/),
  version: z.string(),
});
export type WholeJobData = z.infer<typeof WholeJobData>;

/** What a whole job's worker returns (its files are under `jobFiles`). */
export interface WholeJobOutcome {
  readonly cancelled: boolean;
  readonly partial: boolean;
}

/** What a batch job carries: everything but the inputs, which it names by their hash. */
export const BatchJobData = z.object({
  /** The coordinator's run: where the batch reports. */
  run: z.string().min(1),
  /** The Monte Carlo job (`mcJobKey`): where its draws are kept. */
  job: z.string().regex(/^[0-9a-f]{64}$/),
  /** `inputsHash` of the dataset and scenario: the worker must reproduce it. */
  inputs: z.string().regex(/^[0-9a-f]{64}$/),
  /** The coordinator's lodestone version: the model's code is part of the result too. */
  version: z.string(),
  seed: z.number().int().nonnegative(),
  sampling: z.object({ method: z.enum(SAMPLINGS), block: z.number().int().positive().optional() }).optional(),
  blocs: z.array(z.string()).optional(),
  draws: z.array(z.number().int().nonnegative()).min(1),
});
export type BatchJobData = z.infer<typeof BatchJobData>;

/**
 * A Monte Carlo job's identity: what a draw's result depends on besides its index. Equal keys give
 * equal draws, so `--resume` may reuse the draws kept under it.
 */
export function mcJobKey(job: {
  readonly inputsKey: string;
  readonly seed: number;
  readonly sampling?: Sampling | undefined;
  readonly blocs?: readonly string[] | undefined;
}): string {
  const identity = [
    lodestoneVersion(),
    job.inputsKey,
    job.seed,
    job.sampling?.method ?? 'random',
    job.sampling?.block ?? null,
    job.blocs ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}
