/**
 * Job kind `plan`: the planner (src/plan) as a job, for `lodestone plan` and the workbench alike.
 * It reports each stage (preparing: the scenario's run; solving; project values k of n; sweep k of
 * n), stops between solves once its signal is aborted, and returns the plan folder's files. A
 * target out of reach ends it with PlanInfeasible, whose message says why.
 */
import { defaultBlocs, unknownBlocs } from '../analysis/blocs.js';
import { candidateFilterProblem, filterCandidates } from '../plan/candidate-filter.js';
import { type ChanceResult, planWithProbability } from '../plan/chance.js';
import { checkLeadTimes } from '../plan/lead-times.js';
import {
  type PlanResult,
  type PlanStep,
  planBuilds,
  planInputs,
  type SweepPoint,
  sweepPlans,
} from '../plan/plan.js';
import { planFiles, sweepFiles } from '../run-folder/plan-files.js';
import type { RunInputs } from '../scenario/inputs.js';
import type { PreparedRun } from '../scenario/prepare-run.js';
import { MAX_PLAN_DRAWS, MC_DEFAULTS, PLAN_DEFAULTS } from './defaults.js';
import { type JobFiles, type JobKind, once } from './job.js';

export interface PlanJobSpec {
  readonly kind: 'plan';
  readonly inputs: RunInputs;
  /** The bloc whose demand the target covers. */
  readonly bloc?: string | undefined;
  /** Share of the bloc's demand served free of the taint set (0 < target ≤ 1). */
  readonly target?: number | undefined;
  /** First year the target holds. */
  readonly by?: number | undefined;
  /** The target for each demand node of the bloc, or for its demand as a whole. */
  readonly scope?: 'node' | 'bloc' | undefined;
  /** Build sizes in whole units of each candidate's min_size (a MILP). */
  readonly integer?: boolean | undefined;
  readonly discountRate?: number | undefined;
  /** Solver seconds per solve. */
  readonly timeLimit?: number | undefined;
  readonly stockForesight?: boolean | undefined;
  /** Also value each announced project (two more solves each): project_value.csv. */
  readonly projectValues?: boolean | undefined;
  /** Instead of one plan, each target 50–100% by each year: plan_sweep.csv. */
  readonly sweep?: boolean | undefined;
  /** Offer only the candidates of these stages (all when absent or empty). */
  readonly stages?: readonly string[] | undefined;
  /** Offer only the candidates in these regions (all when absent or empty). */
  readonly regions?: readonly string[] | undefined;
  /**
   * Meet the target in at least this share of Monte Carlo draws (0 < p < 1): a plan fitted on
   * `draws` draws and checked on `checkDraws` fresh ones (src/plan/chance.ts).
   */
  readonly probability?: number | undefined;
  /** Draws the plan is fitted on, with a probability (default 64). */
  readonly draws?: number | undefined;
  /** Fresh draws the plan is checked on (default: as many as `draws`). */
  readonly checkDraws?: number | undefined;
  /** The draws' seed (default 1, as `mc`'s). */
  readonly seed?: number | undefined;
  /** The most draws stacked into the plan LP (default 8). */
  readonly maxStacked?: number | undefined;
  /** plan.yaml's `extends`: the input scenario as plan.yaml finds it (default: its file's name). */
  readonly extendsPath?: string | undefined;
  /** plan.yaml's `dataset`, when the plan ran on another dataset than the scenario names (`--data`). */
  readonly datasetPath?: string | undefined;
}

export interface PlanJobResult extends JobFiles {
  /** The plan (without `sweep`). */
  readonly plan?: PlanResult | undefined;
  /** With a probability: how the plan was fitted on draws and how often it meets the target. */
  readonly chance?: ChanceResult | undefined;
  /** The sweep's points (with `sweep`). */
  readonly sweep?: readonly SweepPoint[] | undefined;
}

/** An option of a plan job that does not fit its inputs; adapters name the field their way. */
export interface PlanOptionProblem {
  readonly field:
    | 'bloc'
    | 'target'
    | 'by'
    | 'discountRate'
    | 'timeLimit'
    | 'probability'
    | 'draws'
    | 'checkDraws'
    | 'seed'
    | 'maxStacked'
    | 'stages'
    | 'regions';
  readonly message: string;
}

/** What is wrong with a plan job's options, checked against its scenario and dataset. */
export function planOptionProblem(spec: PlanJobSpec, prepared: PreparedRun): PlanOptionProblem | undefined {
  const o = withDefaults(spec);
  const { horizon } = prepared.loaded.scenario;
  const unknown = unknownBlocs(prepared.dataset, [o.bloc]);
  if (unknown) return { field: 'bloc', message: unknown };
  if (!(o.target > 0 && o.target <= 1)) return { field: 'target', message: 'expected a share from 0 to 1' };
  if (!Number.isInteger(o.by) || o.by < horizon.start || o.by > horizon.end)
    return { field: 'by', message: `expected a year of the horizon (${horizon.start}–${horizon.end})` };
  if (!(o.discountRate >= 0 && o.discountRate < 1))
    return { field: 'discountRate', message: 'expected a rate from 0 to 1' };
  if (o.timeLimit !== undefined && !(o.timeLimit > 0))
    return { field: 'timeLimit', message: 'expected seconds > 0' };
  if (o.probability !== undefined && !(o.probability > 0 && o.probability < 1))
    return { field: 'probability', message: 'expected a share between 0 and 1 (say 0.9)' };
  if (o.probability !== undefined && o.sweep)
    return { field: 'probability', message: 'a sweep plans without draws: leave out one of the two' };
  const count = (x: number | undefined, least: number) =>
    x === undefined || (Number.isInteger(x) && x >= least && x <= MAX_PLAN_DRAWS);
  if (!count(o.draws, 1))
    return { field: 'draws', message: `expected a whole number from 1 to ${MAX_PLAN_DRAWS}` };
  if (!count(o.checkDraws, 0))
    return { field: 'checkDraws', message: `expected a whole number from 0 to ${MAX_PLAN_DRAWS}` };
  if (o.seed !== undefined && !(Number.isSafeInteger(o.seed) && o.seed >= 0))
    return { field: 'seed', message: 'expected a whole number ≥ 0' };
  if (
    o.maxStacked !== undefined &&
    !(Number.isInteger(o.maxStacked) && o.maxStacked >= 0 && o.maxStacked <= 32)
  )
    return { field: 'maxStacked', message: 'expected a whole number from 0 to 32' };
  return candidateFilterProblem(prepared.dataset, spec);
}

function withDefaults(spec: PlanJobSpec) {
  return {
    ...spec,
    bloc: spec.bloc ?? PLAN_DEFAULTS.bloc,
    target: spec.target ?? PLAN_DEFAULTS.target,
    by: spec.by ?? PLAN_DEFAULTS.by,
    scope: spec.scope ?? PLAN_DEFAULTS.scope,
    discountRate: spec.discountRate ?? PLAN_DEFAULTS.discountRate,
  };
}

export const planKind: JobKind<PlanJobSpec, PlanJobResult> = {
  async run(spec, ctx) {
    const { loaded } = ctx.prepared;
    const dataset = filterCandidates(ctx.prepared.dataset, spec);
    const { scenario } = loaded;
    const problem = planOptionProblem(spec, ctx.prepared);
    if (problem) throw new Error(`${problem.field}: ${problem.message}`);
    checkLeadTimes(dataset, scenario);
    const o = withDefaults(spec);
    // Until the first solve says how many there are: the plan and the plan without the target.
    let total = 3;
    const preparing = (index: number, periods: number) => {
      const label =
        periods === 0 ? 'preparing' : `preparing: the scenario's run, period ${index + 1} of ${periods}`;
      ctx.emit({ type: 'plan', stage: 'preparing', index: index + 1, count: periods, done: 0, total, label });
      ctx.checkpoint();
    };
    const onStep = (s: PlanStep) => {
      total = 1 + s.solves;
      const label =
        s.stage === 'solving' ? `solving ${s.index} of ${s.count}` : `${s.stage} ${s.index} of ${s.count}`;
      ctx.emit({ type: 'plan', stage: s.stage, index: s.index, count: s.count, done: s.solve, total, label });
      ctx.checkpoint();
    };
    preparing(-1, 0);
    const inputs = await planInputs(dataset, scenario, preparing);
    const request = {
      bloc: defaultBlocs(dataset).find((b) => b.id === o.bloc)!,
      target: o.target,
      by: o.by,
      discountRate: o.discountRate,
      integer: o.integer === true,
      stockForesight: o.stockForesight === true,
      scope: o.scope,
      projectValues: o.projectValues === true,
      timeLimit: o.timeLimit,
    };
    if (o.sweep) {
      const points = await sweepPlans(dataset, scenario, request, undefined, undefined, inputs, onStep);
      return { files: once(() => sweepFiles(o.bloc, points)), partial: false, sweep: points };
    }
    const where = {
      extendsPath: o.extendsPath ?? loaded.file.split(/[\\/]/).at(-1)!,
      datasetPath: o.datasetPath,
    };
    if (o.probability !== undefined) {
      const draws = o.draws ?? PLAN_DEFAULTS.draws;
      const chance = await planWithProbability(
        spec.inputs,
        dataset,
        scenario,
        request,
        {
          probability: o.probability,
          draws,
          checkDraws: o.checkDraws ?? draws,
          seed: o.seed ?? MC_DEFAULTS.seed,
          maxStacked: o.maxStacked ?? PLAN_DEFAULTS.maxStacked,
        },
        inputs,
        onStep,
      );
      const files = once(() => planFiles(chance.plan, dataset, scenario, { ...where, chance }));
      return { files, partial: false, plan: chance.plan, chance };
    }
    const plan = await planBuilds(dataset, scenario, request, inputs, onStep);
    return { files: once(() => planFiles(plan, dataset, scenario, where)), partial: false, plan };
  },
};
