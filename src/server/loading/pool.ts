/**
 * The server's loading thread: validates scenarios and loads datasets off the event loop (see
 * worker.ts). One thread is enough (the jobs have their own), and it exits when idle. A scenario's
 * check depends only on its inputs, so checks are remembered by the inputs' hash (a scenario run
 * again, or submitted by many at once, is checked once). A full queue is a 503: busy, not broken.
 */
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import { Piscina } from 'piscina';
import type { DatasetFiles } from '../../dataset/dataset-files.js';
import { InputError } from '../../dataset/problems.js';
import { inputsHash, type RunInputs } from '../../scenario/inputs.js';
import { packageRoot } from '../../scenario/package-root.js';
import { ApiError } from '../errors.js';
import type { LoadedDataset, LoadOutcome, LoadTask, ScenarioCheck, Upload } from './worker.js';

/** Loads waiting beyond this many are refused. */
const MAX_QUEUE = 256;

/** What a check settled to: the check, or the problems (input that does not validate stays so). */
type Settled = { readonly check: ScenarioCheck } | { readonly error: unknown };

export class LoadPool {
  private pool: Piscina | undefined;
  private readonly checks = new LRUCache<string, Promise<Settled>>({ max: 64 });

  async dataset(files: DatasetFiles): Promise<LoadedDataset> {
    return this.run({ kind: 'dataset', files });
  }

  /** An upload's raw request body: parsed, checked and loaded off the event loop. */
  async upload(body: Uint8Array): Promise<Upload> {
    return this.run({ kind: 'upload', body });
  }

  async scenario(inputs: RunInputs, blocs?: readonly string[]): Promise<ScenarioCheck> {
    const key = JSON.stringify([inputsHash(inputs), blocs ?? []]);
    let settled = this.checks.get(key);
    if (!settled) {
      settled = this.run<ScenarioCheck>({ kind: 'scenario', inputs, blocs }).then(
        (check) => ({ check }),
        (error: unknown) => ({ error }),
      );
      this.checks.set(key, settled);
      // Only what the inputs decide is remembered: a busy pool or a crashed thread is tried again.
      void settled.then((s) => 'error' in s && !(s.error instanceof InputError) && this.checks.delete(key));
    }
    const s = await settled;
    if ('error' in s) throw s.error;
    return s.check;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }

  private async run<T>(task: LoadTask): Promise<T> {
    // The compiled module: npm ci and npm test build it.
    this.pool ??= new Piscina({
      filename: join(packageRoot(), 'dist', 'src', 'server', 'loading', 'worker.js'),
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 30_000,
      maxQueue: MAX_QUEUE,
    });
    let outcome: LoadOutcome<T>;
    try {
      outcome = await this.pool.run(task);
    } catch (e) {
      if (/queue is at limit/i.test((e as Error).message))
        throw new ApiError(503, 'busy', 'the server is loading too many inputs at once; try again shortly');
      throw e;
    }
    if (outcome.ok) return outcome.value;
    if (outcome.status === 422) throw new InputError(outcome.problems);
    const [first] = outcome.problems;
    const where = `${first?.file ?? 'request'}${first?.field ? ` ${first.field}` : ''}`;
    throw new ApiError(400, 'bad_request', `${where}: ${first?.message ?? 'bad request'}`, outcome.problems);
  }
}
