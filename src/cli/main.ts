/** `lodestone`: the command-line interface. Returns the exit code; bin/lodestone.js sets it. */
import { Command, CommanderError, Option } from 'commander';
import { InputError } from '../dataset/problems.js';
import { MC_DEFAULTS } from '../jobs/defaults.js';
import { writeReport } from '../report/index.js';
import { lodestoneVersion } from '../scenario/package-root.js';
import { compareCommand, type Io, mcCommand, runCommand, traceCommand, validateCommand } from './commands.js';
import { EXIT, reportError } from './exit-codes.js';
import { registerExposure } from './exposure-command.js';
import { registerPlan } from './plan-command.js';
import { type ServeCliOptions, serveCommand } from './serve.js';
import { registerWorker } from './worker-command.js';

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('lodestone')
    .description('Lodestone: an open digital twin of the rare-earth magnet supply chain.')
    .version(lodestoneVersion())
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('validate')
    .description(
      'Check a dataset (and optionally a scenario): every row, unit and cross-reference; lists all problems.',
    )
    .argument('[scenario]', 'scenario file to check too; its dataset is validated unless --data is given')
    .option('--data <dir>', 'dataset folder (default: the scenario’s, else the embedded default dataset)')
    .addHelpText(
      'after',
      '\nExit codes: 0 valid, 2 problems found (each printed as file:line: field: message).',
    )
    .action(async (scenario: string | undefined, opts: { data?: string }) => {
      code = await validateCommand(scenario, opts, io);
    });

  program
    .command('run')
    .description('Solve the supply-chain flows of a scenario period by period and print a summary.')
    .argument(
      '[scenario]',
      'scenario YAML file, or a library scenario by name (`heavy-re-embargo`); default: the baseline on the embedded default dataset',
    )
    .option('--data <dir>', 'dataset folder, overriding the scenario’s')
    .option('--out <dir>', 'write the flow, price, policy and analysis tables as CSV, and run.json, here')
    .option('--json', 'print the full result as JSON instead of the summary')
    .option(
      '--no-analysis',
      'skip the analyses (tracing, concentration, self-sufficiency…), which re-solve once per bloc',
    )
    .option('--export-lp <dir>', 'write each period’s LP to this folder, for other solvers to check')
    .addOption(
      new Option('--lp-format <format>', 'format of exported LPs').choices(['lp', 'mps']).default('lp'),
    )
    .addHelpText('after', '\nExit codes: 0 ok, 1 model or solver failure, 2 bad input.')
    .action(async (scenario: string | undefined, opts: Parameters<typeof runCommand>[1]) => {
      code = await runCommand(scenario, opts, io);
    });

  registerPlan(program, io, (c) => {
    code = c;
  });
  registerExposure(program, io, (c) => {
    code = c;
  });

  program
    .command('trace')
    .description(
      'Show where a region’s supply comes from at each stage (mining, separation, metal, magnet), per origin tag, and how much of its demand was served free of the taint set.',
    )
    .argument(
      '[run-or-scenario]',
      'a folder written by `run --out` (reads its trace.csv), or a scenario to run (default: the baseline)',
    )
    .requiredOption('--region <id>', 'region whose demand to trace')
    .option('--application <id>', 'one application only (default: all, weighted by demand)')
    .option('--data <dir>', 'dataset folder, overriding the scenario’s')
    .addHelpText('after', '\nExit codes: 0 ok, 1 model or solver failure, 2 bad input.')
    .action(async (target: string | undefined, opts: Parameters<typeof traceCommand>[1]) => {
      code = await traceCommand(target, opts, io);
    });

  program
    .command('report')
    .description(
      'Write a self-contained HTML report (charts, readable offline, printable) and a Markdown report of a run folder.',
    )
    .argument(
      '<run-dir>',
      'a folder written by `lodestone run --out` (with `mc` or `plan` outputs in it, their sections too), or by `lodestone plan --out` or `lodestone exposure --out` alone (that section only)',
    )
    .option('--period <label>', 'period of the Sankey of flows (default: the first)')
    .option('--out <dir>', 'where to write report.html and report.md (default: the run folder)')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 2 bad input (a missing or malformed run folder, an unknown period).',
    )
    .action((runDir: string, opts: { period?: string; out?: string }) => {
      const written = writeReport(runDir, { period: opts.period, outDir: opts.out });
      io.out(`wrote ${written.html}\nwrote ${written.markdown}\n`);
    });

  program
    .command('mc')
    .description(
      'Monte Carlo: run N complete horizons with sampled uncertain inputs (delays, capacities, demand, policies) on worker threads.',
    )
    .argument(
      '[scenario]',
      'scenario file (default: the baseline); its and the dataset’s `uncertainty` specs are sampled',
    )
    .option('--draws <n>', 'number of draws (with --precision: the most to draw, default 100000)')
    .option(
      '--seed <s>',
      'random seed: the same seed gives the same results on any number of workers',
      String(MC_DEFAULTS.seed),
    )
    .option(
      '--sampling <method>',
      'random (independent draws), lhs (Latin hypercube: each input stratified over the draws) or sobol (scrambled Sobol′ points): lhs and sobol reach a given precision in fewer draws',
      'random',
    )
    .option(
      '--precision <p>',
      'draw in rounds (64 draws at least, more as the estimates say) until every tracked probability’s 95% Wilson interval is at most ±p (say 0.01), then say how many draws it took; p in (0, 0.5)',
    )
    .option('--workers <k>', 'worker threads (default: the cores available; 0 runs in this thread)')
    .option(
      '--blocs <ids>',
      'blocs whose potential free share to track, comma-separated, or none (default: US, US+allies, EU); each costs a re-solve of every period of every draw',
    )
    .option('--data <dir>', 'dataset folder, overriding the scenario’s')
    .option(
      '--out <dir>',
      'write mc_summary.csv, mc_self_sufficiency.csv, mc_sensitivity.csv, mc_draws.jsonl.gz and mc.json here; draws are saved to mc_draws.partial.jsonl as they finish',
    )
    .option(
      '--resume',
      'complete the interrupted run whose draws --out holds (with --queue: Redis holds): runs only the missing draws (same scenario, dataset, --seed, --sampling, --draws and --blocs, or it refuses)',
    )
    .option('--batch-size <n>', 'draws per batch (default: up to 8, by the worker count; 4 with --queue)')
    .option(
      '--queue <redis-url>',
      'run the draws on `lodestone worker` processes (any number of machines) through a queue on this Redis, e.g. redis://HOST:6379; the results equal a local run’s',
    )
    .option(
      '--queue-prefix <prefix>',
      'prefix of the queue’s Redis keys (workers must use the same)',
      'lodestone',
    )
    .addHelpText(
      'after',
      [
        '',
        'With --out, each batch of finished draws is appended to mc_draws.partial.jsonl and flushed to disk',
        'as it finishes; the file is removed once the outputs are written complete. After Ctrl-C (which stops',
        'cleanly and writes the finished draws, marked partial), kill -9 or a crash, run the same command',
        'with --resume: the result is the same as an uninterrupted run.',
        'With --queue, finished draws are kept in Redis (7 days) until the run completes: --resume reuses',
        'them, with or without --out; Ctrl-C removes the batches no worker has started.',
        'Exit codes: 0 ok, 1 model or solver failure, 2 bad input (or saved draws of another job).',
      ].join('\n'),
    )
    .action(async (scenario: string | undefined, opts: Parameters<typeof mcCommand>[1]) => {
      code = await mcCommand(scenario, opts, io);
    });

  registerWorker(program, io, (c) => {
    code = c;
  });

  program
    .command('compare')
    .description(
      'Run several scenarios and set their key outputs side by side, with differences from the first.',
    )
    .argument('<scenarios...>', 'two or more scenario files; the first is the base')
    .option('--data <dir>', 'dataset folder, overriding the scenarios’')
    .option('--out <dir>', 'write compare.csv (key outputs and differences) and demand_diff.csv here')
    .option('--all', 'show every key output, not only those that differ')
    .addHelpText('after', '\nExit codes: 0 ok, 1 model or solver failure, 2 bad input.')
    .action(async (scenarios: string[], opts: Parameters<typeof compareCommand>[1]) => {
      if (scenarios.length < 2)
        throw new InputError([
          { severity: 'error', file: 'compare', message: 'expected at least two scenarios' },
        ]);
      code = await compareCommand(scenarios, opts, io);
    });

  program
    .command('serve')
    .description('Start the workbench: the web app and the HTTP API (OpenAPI at /docs) on one port.')
    .option('--port <n>', 'port (0 picks a free one)', '8787')
    .option('--host <host>', 'address to listen on; beyond loopback needs LODESTONE_TOKEN', '127.0.0.1')
    .option(
      '--db <file|url>',
      'SQLite file or postgres:// URL (default: DATABASE_URL, else ~/.lodestone/workbench.db)',
    )
    .option(
      '--data <dir>',
      'register a dataset folder (repeatable); scenarios name it by its folder name in `dataset:`',
      (dir: string, all: string[] = []) => [...all, dir],
    )
    .option(
      '--allow-host <name>',
      'a host name a proxy forwards (repeatable; also LODESTONE_ALLOW_HOSTS, comma-separated): requests must name localhost, 127.0.0.1, [::1] or one of these',
      (name: string, all: string[] = []) => [...all, name],
    )
    .option('--no-first-run', 'do not queue a baseline run when the store has none')
    .option(
      '--redis <url>',
      'run Monte Carlo jobs’ draws, and runs and plans whole, on `lodestone worker` processes (any number of machines) through a queue on this Redis, e.g. redis://HOST:6379; with a PostgreSQL --db, several servers share the workers',
    )
    .option(
      '--queue-prefix <prefix>',
      'prefix of the queue’s Redis keys (workers must use the same)',
      'lodestone',
    )
    .addHelpText(
      'after',
      '\nWrite routes need `Authorization: Bearer $LODESTONE_TOKEN` when LODESTONE_TOKEN is set.\nCtrl-C stops the server (a running job is cancelled).',
    )
    .action(async (opts: ServeCliOptions) => {
      code = await serveCommand(opts, io);
    });

  try {
    await program.parseAsync(argv as string[]);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors are bad input.
      return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    return reportError(e, io.err);
  }
}

function processIo(): Io {
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    tty: Boolean(process.stderr.isTTY) && !process.env.CI,
  };
}
