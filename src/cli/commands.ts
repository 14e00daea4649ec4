/** The CLI's commands: each loads its input, does one job, and prints what a user needs. */
import { resolve } from 'node:path';
import { loadDataset } from '../dataset/load-dataset.js';
import { formatProblem, type Problem } from '../dataset/problems.js';
import { writeRun } from '../results/write-run.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { defaultScenarioFile } from '../scenario/package-root.js';
import { simulate } from '../simulate/simulate.js';
import { EXIT } from './exit-codes.js';
import { periodProgress } from './progress.js';
import { runSummary } from './summary.js';

export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** Whether stderr is a terminal (progress bars). */
  readonly tty: boolean;
}

const printWarnings = (io: Io, warnings: readonly Problem[]) => {
  for (const w of warnings) io.err(`warning: ${formatProblem(w)}\n`);
};

export async function validateCommand(
  scenarioArg: string | undefined,
  opts: { data?: string },
  io: Io,
): Promise<number> {
  const scenario = scenarioArg ? loadScenario(scenarioArg) : undefined;
  const dir = opts.data ?? scenario?.datasetDir ?? loadScenario(defaultScenarioFile()).datasetDir;
  const { dataset, warnings } = loadDataset(dir);
  printWarnings(io, warnings);
  const counts = [
    `${dataset.regions.length} regions`,
    `${dataset.materials.length} materials`,
    `${dataset.processes.length} processes`,
    `${dataset.facilities.length} facilities`,
    `${dataset.demand.length} demand rows`,
    `${dataset.agreements.length} agreements`,
    `${dataset.sources.length} sources`,
  ];
  io.out(
    `ok: dataset "${dataset.meta.name}" (${dataset.dir}): ${counts.join(', ')}; ${warnings.length} warning(s)\n`,
  );
  if (scenario) io.out(`ok: scenario "${scenario.scenario.name}" (${scenario.file})\n`);
  return EXIT.ok;
}

export interface RunOptions {
  data?: string;
  out?: string;
  json?: boolean;
  exportLp?: string;
  lpFormat?: 'lp' | 'mps';
}

export async function runCommand(scenarioArg: string | undefined, opts: RunOptions, io: Io): Promise<number> {
  const loaded = loadScenario(scenarioArg ?? defaultScenarioFile());
  const { dataset, warnings } = loadDataset(opts.data ?? loaded.datasetDir);
  printWarnings(io, warnings);
  const progress = periodProgress(io.tty && !opts.json);
  let run: Awaited<ReturnType<typeof simulate>>;
  try {
    run = await simulate(dataset, loaded.scenario, {
      scenarioFile: loaded.file,
      onPeriod: (r, i, n) => progress.tick(r.period.label, i, n),
      exportLp: opts.exportLp ? { dir: opts.exportLp, format: opts.lpFormat ?? 'lp' } : undefined,
    });
  } finally {
    progress.stop();
  }
  if (opts.json) io.out(`${JSON.stringify(run)}\n`);
  else io.out(runSummary(run));
  if (opts.out) {
    const files = writeRun(run, dataset, opts.out);
    io.err(`wrote ${files.length} files to ${resolve(opts.out)}\n`);
  }
  if (opts.exportLp) io.err(`wrote ${run.periods.length} LP file(s) to ${resolve(opts.exportLp)}\n`);
  return EXIT.ok;
}
