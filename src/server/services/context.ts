/** What the services share: the store, the job runner, and caches of what never changes once written. */
import type { Kysely } from 'kysely';
import type { LRUCache } from 'lru-cache';
import type { Dataset } from '../../dataset/types.js';
import type { RunData } from '../../report/types.js';
import type { JobRunner } from '../jobs/runner.js';
import type { LoadPool } from '../loading/pool.js';
import type { Dialect } from '../storage/connect.js';
import type { Database } from '../storage/schema.js';
import type { RunAnswers } from './answers.js';
import type { ReportJson } from './results.js';

/** A least-recently-used cache by id (lru-cache). */
export type Lru<T extends {}> = LRUCache<string, T>;

export interface Context {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly runner: JobRunner;
  /** Validates scenarios and loads datasets off the event loop. */
  readonly loader: LoadPool;
  /** Loaded datasets by id, read from their stored files. */
  readonly datasets: Map<string, Promise<Dataset>>;
  /** Finished runs' files by run id (they never change), a few at a time. */
  readonly runFiles: Lru<Map<string, Buffer>>;
  /** Finished runs' tables parsed for the report, a few at a time. */
  readonly runData: Lru<RunData>;
  /** Finished runs' reports as JSON bytes, by run id then period asked for ("" for the default). */
  readonly reports: Lru<Map<string, Promise<ReportJson>>>;
  /** Finished runs' bloc answers (or why a run has none), by run id. */
  readonly answers: Lru<RunAnswers | string>;
}
