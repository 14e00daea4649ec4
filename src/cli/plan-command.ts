/** `lodestone plan`: the least-cost builds for a bloc to be served free of the taint set by a year. */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { defaultBlocs, unknownBlocs } from '../analysis/blocs.js';
import { formatProblem, InputError, type Problem } from '../dataset/problems.js';
import type { Dataset } from '../dataset/types.js';
import { offeredCandidates } from '../plan/candidates.js';
import { PlanInfeasible, type PlanResult, planBuilds, type SweepPoint, sweepPlans } from '../plan/plan.js';
import {
  planCsv,
  planScenario,
  planSummaryCsv,
  planYaml,
  projectValueCsv,
  sweepCsv,
} from '../plan/plan-output.js';
import { exportPlan } from '../plan/solve-plan.js';
import { defaultScenarioFile } from '../scenario/package-root.js';
import { prepareRun } from '../scenario/prepare-run.js';
import type { Scenario } from '../schema/scenario.js';
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
}

export async function planCommand(
  scenarioArg: string | undefined,
  opts: PlanOptions,
  io: Io,
): Promise<number> {
  const { loaded, dataset, warnings } = prepareRun(scenarioArg ?? defaultScenarioFile(), opts.data);
  for (const w of warnings) io.err(`warning: ${formatProblem(w)}\n`);
  const { scenario } = loaded;
  const bad = (message: string) => {
    io.err(`error: ${message}\n`);
    return EXIT.badInput;
  };
  const unknown = unknownBlocs(dataset, [opts.bloc]);
  if (unknown) return bad(unknown);
  const bloc = defaultBlocs(dataset).find((b) => b.id === opts.bloc)!;
  const target = Number(opts.target);
  if (!(target > 0 && target <= 1))
    return bad(`--target: expected a share from 0 to 1, got "${opts.target}"`);
  const by = Number(opts.by);
  if (!Number.isInteger(by) || by < scenario.horizon.start || by > scenario.horizon.end)
    return bad(
      `--by: expected a year of the horizon (${scenario.horizon.start}–${scenario.horizon.end}), got "${opts.by}"`,
    );
  const discountRate = Number(opts.discountRate);
  if (!(discountRate >= 0 && discountRate < 1))
    return bad(`--discount-rate: expected a rate from 0 to 1, got "${opts.discountRate}"`);
  const timeLimit = opts.timeLimit === undefined ? undefined : Number(opts.timeLimit);
  if (timeLimit !== undefined && !(timeLimit > 0))
    return bad(`--time-limit: expected seconds > 0, got "${opts.timeLimit}"`);
  checkLeadTimes(dataset, scenario);

  const request = {
    bloc,
    target,
    by,
    discountRate,
    integer: opts.integer === true,
    stockForesight: opts.stockForesight === true,
    scope: opts.targetScope,
    projectValues: opts.projectValues === true,
    timeLimit,
  };
  if (opts.sweep) {
    const points = await sweepPlans(dataset, scenario, request);
    io.out(sweepText(bloc.id, points));
    if (opts.out) {
      mkdirSync(opts.out, { recursive: true });
      writeFileSync(join(opts.out, 'plan_sweep.csv'), sweepCsv(bloc.id, points));
      io.err(`wrote plan_sweep.csv to ${resolve(opts.out)}\n`);
    }
    return EXIT.ok;
  }
  let result: PlanResult;
  try {
    result = await planBuilds(dataset, scenario, request);
  } catch (e) {
    if (!(e instanceof PlanInfeasible)) throw e;
    io.err(`error: ${e.message}\n`);
    return EXIT.modelFailure;
  }
  io.out(planText(result));
  if (opts.exportLp) {
    const text = await exportPlan(result.plan.lp, result.plan.integrality, opts.lpFormat ?? 'lp');
    writeFileSync(opts.exportLp, text);
    io.err(`wrote the plan LP to ${resolve(opts.exportLp)}\n`);
  }
  if (opts.out) {
    mkdirSync(opts.out, { recursive: true });
    const extendsPath = relative(resolve(opts.out), resolve(loaded.file));
    writeFileSync(join(opts.out, 'plan.csv'), planCsv(result));
    writeFileSync(join(opts.out, 'plan_summary.csv'), planSummaryCsv(result));
    writeFileSync(
      join(opts.out, 'plan.yaml'),
      planYaml(planScenario(result, dataset, scenario, extendsPath)),
    );
    if (result.projectValues) writeFileSync(join(opts.out, 'project_value.csv'), projectValueCsv(result));
    const also = result.projectValues ? ', project_value.csv' : '';
    io.err(`wrote plan.csv, plan_summary.csv${also} and plan.yaml to ${resolve(opts.out)}\n`);
  }
  return EXIT.ok;
}

/** A candidate whose first output would fall after the horizon is bad input: its lead time is beyond it. */
function checkLeadTimes(dataset: Dataset, scenario: Scenario): void {
  const file = 'candidates.csv';
  const lines = candidateLines(dataset);
  const problems: Problem[] = offeredCandidates(dataset).flatMap((c) => {
    const first = Math.max(c.earliest_start, scenario.horizon.start + c.lead_time);
    if (first <= scenario.horizon.end) return [];
    const field = c.earliest_start > scenario.horizon.end ? 'earliest_start' : 'lead_time';
    const message = `candidate "${c.id}" could first produce in ${first}, after the horizon ends (${scenario.horizon.end})`;
    return [{ severity: 'error' as const, file, line: lines.get(c.id), field, message }];
  });
  if (problems.length > 0) throw new InputError(problems);
}

/** The line of each candidate in the dataset's candidates.csv, when it is a file on disk. */
function candidateLines(dataset: Dataset): Map<string, number> {
  const path = join(dataset.location, 'candidates.csv');
  const lines = new Map<string, number>();
  if (!existsSync(path)) return lines;
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const id = line.split(',')[0]!;
      if (!lines.has(id)) lines.set(id, i + 1);
    });
  return lines;
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
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 the target cannot be met (with the reason) or the solver failed, 2 bad input (an unknown bloc, a candidate that cannot produce within the horizon).',
    )
    .action(async (scenario: string | undefined, opts: PlanOptions) => {
      done(await planCommand(scenario, opts, io));
    });
}
