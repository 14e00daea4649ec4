/** `lodestone plan`: the least-cost builds for a bloc to be served free of the taint set by a year. */

import { writeFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { formatProblem } from '../dataset/problems.js';
import { MC_DEFAULTS, PLAN_DEFAULTS } from '../jobs/defaults.js';
import { runJob } from '../jobs/pipeline.js';
import { type PlanJobSpec, planOptionProblem } from '../jobs/plan-job.js';
import { ChanceOutOfReach, type ChanceResult } from '../plan/chance.js';
import { PlanInfeasible, type PlanResult, type SweepPoint } from '../plan/plan.js';
import { exportPlan } from '../plan/solve-plan.js';
import { writeFiles } from '../results/write-run.js';
import { readRunInputs } from '../scenario/disk.js';
import { defaultScenarioFile } from '../scenario/package-root.js';
import { prepareInputs } from '../scenario/prepare-run.js';
import type { Io } from './commands.js';
import { EXIT } from './exit-codes.js';
import { formatNumber, textTable } from './text-table.js';

export interface PlanOptions {
  data?: string;
  bloc: string;
  target: string;
  by: string;
  out?: string;
  integer?: boolean;
  stockForesight?: boolean;
  projectValues?: boolean;
  sweep?: boolean;
  targetScope: 'node' | 'bloc';
  discountRate: string;
  exportLp?: string;
  lpFormat?: 'lp' | 'mps';
  timeLimit?: string;
  stages?: string;
  regions?: string;
  probability?: string;
  draws?: string;
  checkDraws?: string;
  seed?: string;
  maxStacked?: string;
}

/** A comma-separated list of the CLI as its items (none for an absent or empty one). */
const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Each option of the job as the CLI names it, and the text given for it. */
const FLAGS = {
  bloc: (o: PlanOptions) => ['--bloc', o.bloc],
  target: (o: PlanOptions) => ['--target', o.target],
  by: (o: PlanOptions) => ['--by', o.by],
  discountRate: (o: PlanOptions) => ['--discount-rate', o.discountRate],
  timeLimit: (o: PlanOptions) => ['--time-limit', o.timeLimit],
  stages: (o: PlanOptions) => ['--stages', o.stages],
  regions: (o: PlanOptions) => ['--regions', o.regions],
  probability: (o: PlanOptions) => ['--probability', o.probability],
  draws: (o: PlanOptions) => ['--draws', o.draws],
  checkDraws: (o: PlanOptions) => ['--check-draws', o.checkDraws],
  seed: (o: PlanOptions) => ['--seed', o.seed],
  maxStacked: (o: PlanOptions) => ['--max-stacked', o.maxStacked],
} as const;

const optionalNumber = (x: string | undefined) => (x === undefined ? undefined : Number(x));

/** Runs the plan job (the workbench's too), printing the plan or the sweep and writing their files. */
export async function planCommand(
  scenarioArg: string | undefined,
  opts: PlanOptions,
  io: Io,
): Promise<number> {
  const file = scenarioArg ?? defaultScenarioFile();
  const inputs = readRunInputs(file, opts.data);
  const prepared = prepareInputs(inputs);
  for (const w of prepared.warnings) io.err(`warning: ${formatProblem(w)}\n`);
  const spec: PlanJobSpec = {
    kind: 'plan',
    inputs,
    bloc: opts.bloc,
    target: Number(opts.target),
    by: Number(opts.by),
    scope: opts.targetScope,
    integer: opts.integer === true,
    discountRate: Number(opts.discountRate),
    timeLimit: opts.timeLimit === undefined ? undefined : Number(opts.timeLimit),
    stockForesight: opts.stockForesight === true,
    projectValues: opts.projectValues === true,
    sweep: opts.sweep === true,
    stages: list(opts.stages),
    regions: list(opts.regions),
    probability: optionalNumber(opts.probability),
    draws: optionalNumber(opts.draws),
    checkDraws: optionalNumber(opts.checkDraws),
    seed: optionalNumber(opts.seed),
    maxStacked: optionalNumber(opts.maxStacked),
    // plan.yaml extends the input scenario, found from the folder it is written to.
    extendsPath: relative(resolve(opts.out ?? '.'), resolve(prepared.loaded.file)),
    // --data replaces the scenario's dataset: plan.yaml names it too, so its re-run reads the same.
    ...(opts.data === undefined
      ? {}
      : { datasetPath: relative(resolve(opts.out ?? '.'), resolve(opts.data)) }),
  };
  const problem = planOptionProblem(spec, prepared);
  if (problem) {
    const [flag, given] = FLAGS[problem.field](opts);
    const got = problem.field === 'bloc' ? '' : `, got "${given}"`;
    io.err(`error: ${problem.field === 'bloc' ? '' : `${flag}: `}${problem.message}${got}\n`);
    return EXIT.badInput;
  }
  let job: Awaited<ReturnType<typeof runJob<PlanJobSpec>>>;
  try {
    job = await runJob(spec, {}, prepared);
  } catch (e) {
    if (!(e instanceof PlanInfeasible || e instanceof ChanceOutOfReach)) throw e;
    io.err(`error: ${e.message}\n`);
    return EXIT.modelFailure;
  }
  if (job.sweep) io.out(sweepText(spec.bloc!, job.sweep));
  if (job.plan) io.out(planText(job.plan));
  if (job.chance) io.out(chanceText(job.chance));
  if (job.plan && opts.exportLp) {
    const text = await exportPlan(job.plan.plan.lp, job.plan.plan.integrality, opts.lpFormat ?? 'lp');
    writeFileSync(opts.exportLp, text);
    io.err(`wrote the plan LP to ${resolve(opts.exportLp)}\n`);
  }
  if (opts.out) {
    const names = writeFiles(opts.out, job.files()).map((p) => basename(p));
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
    io.err(`wrote ${list} to ${resolve(opts.out)}\n`);
  }
  if (job.chance && !job.chance.reached) {
    const c = job.chance;
    io.err(
      `error: the plan meets the target in ${c.fitted.met} of ${c.fitted.draws} fitting draws, short of the ${c.fitted.need} needed, ` +
        `with ${c.stacked.length} draws stacked (--max-stacked ${c.request.maxStacked}): its files are written, but it does not reach the probability\n`,
    );
    return EXIT.modelFailure;
  }
  return EXIT.ok;
}

/** How sure the plan is: its fitting draws, and the probability it reaches on fresh ones. */
function chanceText(c: ChanceResult): string {
  const pct = (x: number) => `${formatNumber(100 * x)}%`;
  const list = (xs: readonly number[]) => (xs.length > 0 ? xs.join(', ') : 'none');
  return [
    '',
    `probability target  ${pct(c.request.probability)} of draws (seed ${c.request.seed})`,
    `fitted on           ${c.fitted.draws} draws: met in ${c.fitted.met}, ${c.fitted.need} needed (p·N with a 95% margin)`,
    `checked on          ${c.check.draws} fresh draws: met in ${c.check.met}, probability ${pct(c.check.probability)} (95% CI ${pct(c.check.low)}–${pct(c.check.high)})`,
    `draws in the LP     ${list(c.stacked)}; no build suits ${list(c.unsuitable)}; ${c.rounds.length} round(s)`,
    '',
  ].join('\n');
}

/** The premium of each target by each year, in million USD: a row per year, a column per target. */
function sweepText(bloc: string, points: readonly SweepPoint[]): string {
  const targets = [...new Set(points.map((p) => p.target))];
  const years = [...new Set(points.map((p) => p.by))];
  const at = (by: number, t: number) => points.find((p) => p.by === by && p.target === t);
  const rows = years.map((by) => [
    String(by),
    ...targets.map((t) => {
      const p = at(by, t);
      return p?.premium === undefined ? (p?.status ?? '') : formatNumber(p.premium / 1e6);
    }),
  ]);
  const header = ['by', ...targets.map((t) => `${formatNumber(100 * t)}%`)];
  return `premium of ${bloc} served free of the taint set from each year, million USD over the plan without a target:\n\n${textTable(header, rows)}\n`;
}

function planText(r: PlanResult): string {
  const s = r.summary;
  const musd = (x: number) => `${formatNumber(x / 1e6)} M USD`;
  const rows = r.builds.map((b) => [
    b.candidate.id,
    b.candidate.region,
    b.stage,
    String(b.year),
    formatNumber(b.size),
    b.candidate.size_unit,
    formatNumber(b.capex / 1e6),
  ]);
  const lines = [
    `plan: ${r.request.bloc.id} served ${formatNumber(100 * r.request.target)}% free from ${r.request.by}` +
      ` (discount rate ${r.request.discountRate}${r.request.integer ? ', integer sizes' : ''})`,
    '',
    rows.length > 0
      ? textTable(['candidate', 'region', 'stage', 'year', 'size', 'unit/yr', 'capex M USD'], rows)
      : 'no builds: the target is met without any',
    '',
    `total capex         ${musd(s.totalCapex)}`,
    `NPV of system cost  ${musd(s.npv)}`,
    `premium             ${musd(s.premium)} over the plan without the target`,
    `cost per tonne      ${s.costPerFreeTonne === undefined ? '–' : `${formatNumber(s.costPerFreeTonne)} USD/t`} of extra demand served free`,
    `LP                  ${r.size.rows} rows, ${r.size.cols} columns, ${r.size.nonzeros} nonzeros` +
      `${r.size.integers > 0 ? `, ${r.size.integers} integer` : ''}; solved in ${r.seconds.solve.toFixed(1)} s (${r.status.plan})`,
    ...r.skipped.map((x) => `policy ${x.id} (${x.type}): ${x.reason}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Adds `plan` to the CLI; `done` receives its exit code. */
export function registerPlan(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('plan')
    .description(
      'Choose the least-cost builds (candidates.csv) for a bloc to be served free of the taint set from a year on: one LP over the whole horizon.',
    )
    .argument('[scenario]', 'scenario file (default: the baseline)')
    .option('--data <dir>', 'dataset folder, overriding the scenario’s')
    .option('--bloc <id>', 'bloc whose demand the target covers (US, US+allies, EU)', 'US')
    .option('--target <share>', 'share of the bloc’s demand served free of the taint set', '1')
    .option('--by <year>', 'first year the target holds', '2030')
    .addOption(
      new Option(
        '--target-scope <scope>',
        'node: each demand node of the bloc (application × grade × region) at least the target share, as the origin requirement plan.yaml adds enforces it; bloc: the bloc’s demand as a whole',
      )
        .choices(['node', 'bloc'])
        .default('node'),
    )
    .option('--discount-rate <r>', 'discount rate a year, for capex annuities and discounting', '0.07')
    .option('--integer', 'build sizes in whole units of each candidate’s min_size (a MILP)')
    .option(
      '--stock-foresight',
      'let the plan make ahead and hold stock for later periods (by default stocks are carried at most as the scenario’s run carries them, as myopic as `run`)',
    )
    .option(
      '--project-values',
      'also value each announced project (candidates of kind project): the extra cost of the target if it is cancelled, and if two years late (two more solves each); writes project_value.csv',
    )
    .option(
      '--sweep',
      'instead of one plan, the cost of each target 50–100% (in tens) by each year 2028–2040 (every second year): prints the premiums and writes plan_sweep.csv',
    )
    .option(
      '--out <dir>',
      'write plan.csv, plan_summary.csv and plan.yaml (the scenario with the builds) here',
    )
    .option('--export-lp <file>', 'write the plan LP to this file, for other solvers to check')
    .addOption(
      new Option('--lp-format <format>', 'format of the exported LP').choices(['lp', 'mps']).default('lp'),
    )
    .option('--time-limit <seconds>', 'solver time limit per solve')
    .option(
      '--probability <p>',
      'meet the target in at least this share of Monte Carlo draws (say 0.9): the plan is fitted on --draws draws, stacking the failing ones into its LP, and checked on fresh ones',
    )
    .option(
      '--draws <n>',
      `with --probability: draws the plan is fitted on (default: ${PLAN_DEFAULTS.draws})`,
    )
    .option('--check-draws <n>', 'with --probability: fresh draws it is checked on (default: --draws)')
    .option(
      '--seed <s>',
      `with --probability: the draws’ random seed, as for mc (default: ${MC_DEFAULTS.seed})`,
    )
    .option(
      '--max-stacked <k>',
      `with --probability: the most draws stacked into the plan LP, each a copy of the horizon’s LP (default: ${PLAN_DEFAULTS.maxStacked})`,
    )
    .option(
      '--stages <list>',
      'offer only the candidates of these stages (comma-separated: mining, separation, metal, magnet, recycling)',
    )
    .option('--regions <list>', 'offer only the candidates in these regions (comma-separated region ids)')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 the target cannot be met (with the reason) or the solver failed, 2 bad input (an unknown bloc, a candidate that cannot produce within the horizon).',
    )
    .action(async (scenario: string | undefined, opts: PlanOptions) => {
      done(await planCommand(scenario, opts, io));
    });
}
