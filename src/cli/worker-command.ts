/**
 * `lodestone worker`: runs Monte Carlo batches that `mc --queue` and `serve --redis` put on a Redis
 * queue, and the runs and plans `serve --redis` sends whole, until stopped.
 */
import type { Command } from 'commander';
import { InputError } from '../dataset/problems.js';
import { defaultWorkers } from '../jobs/defaults.js';
import { startJobWorker } from '../jobs/queued-worker.js';
import { redactedUrl } from '../queue/connection.js';
import { BATCH_QUEUE, JOB_QUEUE } from '../queue/names.js';
import { startWorker } from '../queue/worker-loop.js';
import type { Io } from './commands.js';
import { EXIT } from './exit-codes.js';

export interface WorkerCliOptions {
  redis: string;
  concurrency?: string;
  prefix: string;
  lockSeconds: string;
  data?: string;
}

export function registerWorker(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('worker')
    .description(
      'Run Monte Carlo draws for `mc --queue` and `serve --redis` (on this or any machine that reaches the Redis): takes batches of draws, and the workbench’s runs and plans (one at a time), off the queue until Ctrl-C.',
    )
    .requiredOption('--redis <url>', 'the Redis that `mc --queue` names, e.g. redis://HOST:6379')
    .option(
      '--concurrency <k>',
      'batches run at once, each on its own thread (default: the cores available); a draw is CPU-bound, so more than the cores gains nothing',
    )
    .option('--prefix <prefix>', 'prefix of the queue’s Redis keys (as `mc --queue-prefix`)', 'lodestone')
    .option(
      '--lock-seconds <s>',
      'how long a batch stays claimed without a sign of life from its worker: a worker that dies mid-batch has it retried elsewhere after this',
      '30',
    )
    .option(
      '--data <dir>',
      'run on this dataset folder rather than the one `mc` sent: batches whose dataset and scenario hash differs from this worker’s are refused',
    )
    .addHelpText(
      'after',
      [
        '',
        'Ctrl-C (or SIGTERM) stops taking batches and exits once the running ones are done; a second Ctrl-C exits at once',
        '(the batches it held are retried by other workers after --lock-seconds).',
        'Exit codes: 0 stopped, 2 bad input (an unreachable Redis, a bad option).',
      ].join('\n'),
    )
    .action(async (opts: WorkerCliOptions) => {
      setCode(await workerCommand(opts, io));
    });
}

export async function workerCommand(opts: WorkerCliOptions, io: Io): Promise<number> {
  const problem = (field: string, message: string) =>
    new InputError([{ severity: 'error', file: 'worker', field, message }]);
  const concurrency = Number(opts.concurrency ?? defaultWorkers());
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256)
    throw problem('--concurrency', `expected a whole number from 1 to 256, got "${opts.concurrency}"`);
  const lockSeconds = Number(opts.lockSeconds);
  if (!Number.isFinite(lockSeconds) || lockSeconds < 1)
    throw problem('--lock-seconds', `expected a number of seconds ≥ 1, got "${opts.lockSeconds}"`);
  const options = {
    url: opts.redis,
    prefix: opts.prefix,
    concurrency,
    lockSeconds,
    dataDir: opts.data,
    log: (line: string) => io.err(`${line}\n`),
  };
  const batches = await startWorker(options);
  // A whole run or plan at a time: it is as heavy as the machine's share of batches.
  const jobs = await startJobWorker({ ...options, concurrency: 1 });
  io.err(
    `worker: ${concurrency} thread(s) on queue ${opts.prefix}:${BATCH_QUEUE}, one job at a time on ${opts.prefix}:${JOB_QUEUE}, at ${redactedUrl(opts.redis)}; Ctrl-C stops\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      io.err('worker: stopping once the running batches are done (Ctrl-C again to exit now)\n');
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      process.once('SIGINT', () => process.exit(130));
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await Promise.all([batches.close(), jobs.close()]);
  return EXIT.ok;
}
