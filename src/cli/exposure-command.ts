/** `lodestone exposure FILE`: a company's own magnet supply, its risk under scenarios, and where else to buy. */

import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { formatProblem } from '../dataset/problems.js';
import { MAX_EXPOSURE_BYTES } from '../exposure/validate.js';
import type { ExposureJobSpec } from '../jobs/exposure-job.js';
import { runJob } from '../jobs/pipeline.js';
import { writeFiles } from '../results/write-run.js';
import { readRunInputs } from '../scenario/disk.js';
import { scenarioFileFor } from '../scenario/package-root.js';
import { prepareInputs } from '../scenario/prepare-run.js';
import type { Io } from './commands.js';
import { EXIT, reportError } from './exit-codes.js';
import { stepProgress } from './progress.js';

export interface ExposureOptions {
  data?: string;
  scenarios: string;
  draws?: string;
  seed?: string;
  out?: string;
}

/** The scenarios run by default: the baseline, the October 2025 controls and a heavy-RE embargo. */
export const DEFAULT_EXPOSURE_SCENARIOS = 'baseline,china-controls-2025-10,heavy-re-embargo';

export async function exposureCommand(file: string, opts: ExposureOptions, io: Io): Promise<number> {
  const count = (flag: string, given: string | undefined) => {
    if (given === undefined) return undefined;
    const n = Number(given);
    if (!Number.isInteger(n) || n < 0) {
      io.err(`error: ${flag}: expected a whole number ≥ 0, got "${given}"\n`);
      return null;
    }
    return n;
  };
  const draws = count('--draws', opts.draws);
  const seed = count('--seed', opts.seed);
  if (draws === null || seed === null) return EXIT.badInput;
  let text: string;
  try {
    if (statSync(file).size > MAX_EXPOSURE_BYTES) {
      io.err(`error: ${file}: larger than ${MAX_EXPOSURE_BYTES} bytes\n`);
      return EXIT.badInput;
    }
    text = readFileSync(file, 'utf8');
  } catch {
    io.err(`error: ${file}: cannot read the exposure file\n`);
    return EXIT.badInput;
  }
  // The first scenario is what costs are compared with: the baseline unless the list starts elsewhere.
  const names = opts.scenarios
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (!names.includes('baseline')) names.unshift('baseline');
  try {
    const inputs = names.map((name) => ({ name, inputs: readRunInputs(scenarioFileFor(name), opts.data) }));
    const first = inputs[0]!;
    const prepared = prepareInputs(first.inputs);
    for (const w of prepared.warnings) io.err(`warning: ${formatProblem(w)}\n`);
    const spec: ExposureJobSpec = {
      kind: 'exposure',
      inputs: first.inputs,
      name: first.name,
      scenarios: inputs.slice(1),
      exposure: { file, text },
      draws,
      seed,
    };
    const progress = stepProgress(io.tty);
    const { result, files } = await runJob(
      spec,
      { onEvent: (e) => (e.type === 'exposure' ? progress.tick(e.label, e.done, e.total) : undefined) },
      prepared,
    ).finally(() => progress.stop());
    io.out(files().find((f) => f.name === 'exposure_summary.txt')!.content as string);
    if (opts.out) {
      writeFiles(opts.out, files());
      io.out(
        `\nwrote exposure.csv, exposure_ranking.csv, exposure_alternatives.csv, exposure_origins.csv and exposure_summary.txt to ${opts.out}\n`,
      );
    }
    return result.rows.length > 0 ? EXIT.ok : EXIT.modelFailure;
  } catch (e) {
    return reportError(e, io.err);
  }
}

export function registerExposure(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('exposure')
    .description(
      'A company’s own magnet supply (exposure.yaml: product lines, suppliers, contracts, inventory) under scenarios: supply at risk, shortfall probability, cost change, covered share, days of cover, scenarios ranked by harm, alternative suppliers.',
    )
    .argument('<file>', 'exposure file (see examples/exposure/ and schema/exposure.schema.json)')
    .option('--data <dir>', 'dataset folder, overriding the scenarios’')
    .option(
      '--scenarios <names>',
      'scenarios (library names or files), comma-separated; the baseline is added first if missing',
      DEFAULT_EXPOSURE_SCENARIOS,
    )
    .option(
      '--draws <n>',
      'Monte Carlo draws per scenario, for shortfall probabilities and expected shortfalls',
    )
    .option('--seed <s>', 'Monte Carlo seed (default 1)')
    .option(
      '--out <dir>',
      'write exposure.csv, exposure_ranking.csv, exposure_alternatives.csv, exposure_origins.csv and exposure_summary.txt here',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 model or solver failure, 2 bad input (each problem of the file printed as file:line: field: message).',
    )
    .action(async (file: string, opts: ExposureOptions) => {
      done(await exposureCommand(file, opts, io));
    });
}
