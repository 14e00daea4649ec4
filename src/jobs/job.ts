/**
 * What every job kind shares: the events it reports, the context it runs in, and how it stops. A
 * kind (run-job.ts, mc-job.ts, plan-job.ts) is one file; pipeline.ts lists them.
 */
import type { OutputFile } from '../results/write-run.js';
import type { RunInputs } from '../scenario/inputs.js';
import type { PreparedRun } from '../scenario/prepare-run.js';
import type { DrawResult } from '../uncertainty/draw.js';
import type { BatchExecutor } from '../uncertainty/monte-carlo.js';

/** Where the whole job stands after an event: what the workbench shows as the job's progress. */
export interface JobPosition {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

/** What a job reports as it goes; each kind of event also says what the CLI's progress bars need. */
export type JobEvent =
  /** A period of the scenario's run is solved and checked (`index` from 0 of `periods`). */
  | (JobPosition & { readonly type: 'period'; readonly index: number; readonly periods: number })
  /** The run is solved; its analyses start. */
  | (JobPosition & { readonly type: 'analysis' })
  /** A batch of Monte Carlo draws finished: `finished` of `requested` are now done (saved ones count). */
  | (JobPosition & {
      readonly type: 'draws';
      readonly finished: number;
      readonly requested: number;
      readonly batch: readonly DrawResult[];
    })
  /**
   * A plan's stage: preparing (the scenario's run, `index` of `count` periods), then before each
   * solve, solving (the plan, then the plan without the target), project values (project `index`
   * of `count`), sweep (point `index` of `count`) or, planning with a probability, checking draws
   * (draw `index` of `count`, after each solve).
   */
  | (JobPosition & {
      readonly type: 'plan';
      readonly stage: 'preparing' | 'solving' | 'project values' | 'sweep' | 'checking draws';
      readonly index: number;
      readonly count: number;
    })
  /** A scenario's run, or one of its Monte Carlo draws, of a company's exposure is done. */
  | (JobPosition & { readonly type: 'exposure' });

/** What the caller gives a job besides its spec: a way to stop it, and a listener for its events. */
export interface JobControl {
  /**
   * Stops the job: at the next period or plan solve (JobCancelled) or, among Monte Carlo draws, at the next batch
   * (a partial result with the draws finished). It is read right after each event, so a listener
   * may abort it then (the workbench's worker copies a shared cancel flag into it).
   */
  readonly signal?: AbortSignal | undefined;
  /** Called for each event, in order; an error it throws stops the job. */
  readonly onEvent?: ((event: JobEvent) => void) | undefined;
  /** Where Monte Carlo batches run (`mc --queue`: worker processes); default: the job's worker threads. */
  readonly executor?: BatchExecutor | undefined;
}

/** The spec every kind starts from: its kind and what the run is made from. */
export interface JobSpecBase {
  readonly kind: string;
  readonly inputs: RunInputs;
}

/** What a kind is handed: its inputs prepared, and the job's control. */
export interface JobContext {
  readonly prepared: PreparedRun;
  readonly signal: AbortSignal | undefined;
  readonly executor?: BatchExecutor | undefined;
  emit(event: JobEvent): void;
  /** Throws JobCancelled once the signal is aborted. */
  checkpoint(): void;
}

/** Every kind returns its run folder's files, and whether it finished only in part. */
export interface JobFiles {
  /**
   * The run folder's files, made when first asked for: making them costs seconds (trace.csv is
   * large), and a CLI run without --out never needs them.
   */
  files(): OutputFile[];
  readonly partial: boolean;
}

/** `make`, called once, on the first call. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

export interface JobKind<S extends JobSpecBase, R extends JobFiles> {
  run(spec: S, ctx: JobContext): Promise<R>;
}

/** A job stopped before it had anything to keep. */
export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}
