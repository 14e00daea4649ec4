/**
 * One way to run a job, whoever asks: the CLI adapts its events to progress bars and writes the
 * files to --out; the workbench's worker thread adapts them to the job's progress and its cancel
 * flag. A new kind (exposure) is one file exporting its spec and a JobKind, and one line in
 * JOB_KINDS.
 */
import { type PreparedRun, prepareInputs } from '../scenario/prepare-run.js';
import { exposureKind } from './exposure-job.js';
import { JobCancelled, type JobContext, type JobControl, type JobKind } from './job.js';
import { mcKind } from './mc-job.js';
import { planKind } from './plan-job.js';
import { runKind } from './run-job.js';

const JOB_KINDS = {
  run: runKind,
  mc: mcKind,
  plan: planKind,
  exposure: exposureKind,
} as const;

type Kinds = typeof JOB_KINDS;
export type JobKindName = keyof Kinds;
type SpecOf<K extends JobKindName> = Kinds[K] extends JobKind<infer S, infer _R> ? S : never;
export type JobResultOf<K extends JobKindName> = Kinds[K] extends JobKind<infer _S, infer R> ? R : never;
/** Any job: what the workbench queues and hands its worker thread (plain data). */
export type JobSpec = { [K in JobKindName]: SpecOf<K> }[JobKindName];

/**
 * Runs a job. `prepared` is its inputs already prepared (the CLI prepares them first, to print the
 * dataset's warnings and check its options against the dataset); without it, the job prepares them.
 */
export async function runJob<S extends JobSpec>(
  spec: S,
  control: JobControl = {},
  prepared: PreparedRun = prepareInputs(spec.inputs),
): Promise<JobResultOf<S['kind']>> {
  const { signal, onEvent, executor } = control;
  const ctx: JobContext = {
    prepared,
    signal,
    executor,
    emit: (event) => onEvent?.(event),
    checkpoint: () => {
      if (signal?.aborted) throw new JobCancelled();
    },
  };
  // TypeScript cannot tie the spec's kind to its entry: the registry's type says they match.
  const kind = JOB_KINDS[spec.kind as JobKindName] as unknown as JobKind<S, JobResultOf<S['kind']>>;
  return kind.run(spec, ctx);
}
