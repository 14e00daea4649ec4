/** What the services share: the store, the job runner, and caches of what never changes once written. */
import type { Kysely } from 'kysely';
import type { Dataset } from '../../dataset/types.js';
import type { RunData } from '../../report/types.js';
import type { JobRunner } from '../jobs/runner.js';
import type { LoadPool } from '../loading/pool.js';
import type { Dialect } from '../storage/connect.js';
import type { Database } from '../storage/schema.js';
import type { ReportJson } from './results.js';

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
}

/** A small least-recently-used cache. */
export class Lru<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly size: number) {}
  get(key: string): T | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: T): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}
