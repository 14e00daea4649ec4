/** Runs and Monte Carlo jobs: started from a stored scenario, queued, watched, cancelled, deleted. */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { defaultWorkers, MC_DEFAULTS, PLAN_DEFAULTS } from '../../jobs/defaults.js';
import type { JobSpec } from '../../jobs/pipeline.js';
import { makePeriods } from '../../model/periods.js';
import { unknownRegions } from '../../plan/candidate-filter.js';
import type { RunInputs } from '../../scenario/inputs.js';
import type { Scenario } from '../../schema/scenario.js';
import { ApiError, badRequest, conflict, notFound } from '../errors.js';
import type { PlanOptions as PlanOptionsSchema } from '../schemas.js';
import {
  deleteRun,
  getRun,
  insertRun,
  leaseExpired,
  listRuns,
  type RunRecord,
  requestCancel,
  type StoredRun,
  updateRun,
} from '../storage/runs.js';
import type { RunKind } from '../storage/schema.js';
import type { Context } from './context.js';
import { checkStored, scenario } from './scenarios.js';

export interface StartOptions {
  readonly scenario: string;
  readonly kind: RunKind;
  readonly draws?: number | undefined;
  readonly seed?: number | undefined;
  readonly workers?: number | undefined;
  readonly blocs?: readonly string[] | undefined;
  readonly plan?: PlanOptions | undefined;
}

/** Kind "plan"'s options, as the API names them (the PlanOptions schema of schemas.ts). */
export type PlanOptions = z.infer<typeof PlanOptionsSchema>;

/** A run as the API shows it: live progress while it runs. */
export function runView(ctx: Context, r: RunRecord) {
  const live = ctx.runner.progress(r.id);
  return {
    id: r.id,
    scenario: r.scenario_id,
    scenario_name: r.scenario_name,
    kind: r.kind,
    status: r.status,
    progress: live ?? { done: r.progress_done, total: r.progress_total, label: r.progress_label },
    error: r.error,
    has_results: r.has_results,
    options: JSON.parse(r.options) as Record<string, unknown>,
    created_at: r.created_at,
    started_at: r.started_at,
    finished_at: r.finished_at,
  };
}
export type RunView = ReturnType<typeof runView>;

/** Validates the scenario now (a bad one is a 422 here, not a failed run later), then queues the job. */
export async function startRun(ctx: Context, o: StartOptions): Promise<RunView> {
  const stored = await scenario(ctx, o.scenario);
  const mcOnly = [o.draws, o.seed, o.workers, o.blocs].some((x) => x !== undefined);
  if (o.kind !== 'mc' && mcOnly)
    throw new ApiError(400, 'bad_request', 'draws, seed, workers and blocs belong to kind "mc"');
  if (o.kind !== 'plan' && o.plan !== undefined)
    throw new ApiError(400, 'bad_request', 'plan belongs to kind "plan"');
  const plan = o.kind === 'plan' ? planOptions(o.plan ?? {}) : undefined;
  const blocs = plan ? [plan.bloc] : o.blocs;
  const { inputs, check } = await checkStored(ctx, { id: stored.id, yaml: stored.yaml }, blocs);
  const { horizon, period } = check.scenario;
  if (check.blocProblem) throw badRequest(plan ? 'plan.bloc' : 'blocs', check.blocProblem);
  if (plan) checkPlanYear(plan.by, check.scenario);
  if (plan?.sweep && plan.probability > 0)
    throw badRequest('plan.probability', 'a sweep plans without draws: leave out sweep or probability');
  const regionProblem = plan && unknownRegions(check.regions, plan.regions);
  if (regionProblem) throw badRequest('plan.regions', regionProblem);
  const mc =
    o.kind === 'mc'
      ? {
          draws: o.draws ?? MC_DEFAULTS.draws,
          seed: o.seed ?? MC_DEFAULTS.seed,
          workers: o.workers ?? defaultWorkers(),
          ...(o.blocs ? { blocs: o.blocs } : {}),
        }
      : undefined;
  const options = mc ?? plan ?? {};
  if (o.kind === 'mc' && check.uncertain === 0) {
    throw new ApiError(
      422,
      'no_uncertainty',
      `scenario "${stored.id}" and its dataset give no uncertain inputs: every draw would be the same`,
    );
  }
  const id = `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 8)}`;
  const run: StoredRun = {
    id,
    scenario_id: stored.id,
    scenario_name: check.scenario.name,
    kind: o.kind,
    status: 'queued',
    options: JSON.stringify(options),
    progress_done: 0,
    // A plan's total is known once it is prepared: the preparing step, the plan and the plan without the target.
    progress_total: plan ? 3 : makePeriods(horizon.start, horizon.end, period).length + 1 + (mc?.draws ?? 0),
    progress_label: 'queued',
    error: null,
    created_at: new Date().toISOString(),
    started_at: null,
    finished_at: null,
    owner: ctx.runner.owner,
    heartbeat_at: new Date().toISOString(),
    cancel_requested_at: null,
  };
  await insertRun(ctx.db, run);
  ctx.runner.submit({
    id,
    spec: jobSpec(inputs, mc, plan),
    extraFiles: [{ name: 'scenario.yaml', content: Buffer.from(stored.yaml) }],
  });
  return runView(ctx, { ...run, has_results: false });
}

/** The job a run starts. */
function jobSpec(
  inputs: RunInputs,
  mc: { draws: number; seed: number; workers: number; blocs?: readonly string[] } | undefined,
  plan: Required<PlanOptions> | undefined,
): JobSpec {
  // The workbench's Monte Carlo folder holds the scenario's own run beside the draws.
  if (mc) return { kind: 'mc', inputs, ...mc, withRun: true };
  if (!plan) return { kind: 'run', inputs };
  return {
    kind: 'plan',
    inputs,
    bloc: plan.bloc,
    target: plan.target,
    by: plan.by,
    scope: plan.target_scope,
    integer: plan.integer,
    discountRate: plan.discount_rate,
    ...(plan.time_limit > 0 ? { timeLimit: plan.time_limit } : {}),
    stockForesight: plan.stock_foresight,
    projectValues: plan.project_values,
    sweep: plan.sweep,
    ...(plan.probability > 0
      ? {
          probability: plan.probability,
          draws: plan.draws,
          checkDraws: plan.check_draws,
          seed: plan.seed,
          maxStacked: plan.max_stacked,
        }
      : {}),
    stages: plan.stages,
    regions: plan.regions,
    // plan.yaml extends the scenario as run, kept beside it as scenario.yaml.
    extendsPath: 'scenario.yaml',
  };
}

/** A plan's options with the defaults filled in, as the run records them (no time limit or probability: 0). */
function planOptions(p: PlanOptions): Required<PlanOptions> {
  return {
    bloc: p.bloc ?? PLAN_DEFAULTS.bloc,
    target: p.target ?? PLAN_DEFAULTS.target,
    by: p.by ?? PLAN_DEFAULTS.by,
    target_scope: p.target_scope ?? PLAN_DEFAULTS.scope,
    integer: p.integer ?? false,
    discount_rate: p.discount_rate ?? PLAN_DEFAULTS.discountRate,
    time_limit: p.time_limit ?? 0,
    stock_foresight: p.stock_foresight ?? false,
    project_values: p.project_values ?? false,
    sweep: p.sweep ?? false,
    // No probability: 0 (a plan on the scenario's own numbers).
    probability: p.probability ?? 0,
    draws: p.draws ?? PLAN_DEFAULTS.draws,
    check_draws: p.check_draws ?? p.draws ?? PLAN_DEFAULTS.draws,
    seed: p.seed ?? MC_DEFAULTS.seed,
    max_stacked: p.max_stacked ?? PLAN_DEFAULTS.maxStacked,
    stages: p.stages ?? [],
    regions: p.regions ?? [],
  };
}

function checkPlanYear(by: number, scenario: Scenario): void {
  const { start, end } = scenario.horizon;
  if (by < start || by > end)
    throw badRequest('plan.by', `expected a year of the scenario's horizon (${start}–${end}), got ${by}`);
}

export async function storedRun(ctx: Context, id: string): Promise<RunRecord> {
  const r = await getRun(ctx.db, id);
  if (!r) throw notFound('run', id);
  return r;
}

export async function runList(ctx: Context, scenarioId?: string) {
  return (await listRuns(ctx.db, scenarioId)).map((r) => runView(ctx, r));
}

export async function cancelRun(ctx: Context, id: string): Promise<RunView> {
  const r = await storedRun(ctx, id);
  if (r.status !== 'queued' && r.status !== 'running') throw conflict(`run "${id}" is already ${r.status}`);
  if (!(await ctx.runner.cancel(id))) {
    const now = new Date();
    // Another server's job: it stops it on its next heartbeat. One whose server is gone just ends here.
    if (leaseExpired(r, now, ctx.runner.expireMs))
      await updateRun(ctx.db, id, {
        status: 'cancelled',
        error: 'cancelled: the server running it had stopped',
        finished_at: now.toISOString(),
      });
    else await requestCancel(ctx.db, id, now.toISOString());
  }
  return runView(ctx, await storedRun(ctx, id));
}

export async function removeRun(ctx: Context, id: string): Promise<void> {
  const r = await storedRun(ctx, id);
  if (r.status === 'queued' || r.status === 'running')
    throw conflict(`run "${id}" is ${r.status}; cancel it first (POST /api/runs/${id}/cancel)`);
  await deleteRun(ctx.db, id);
  ctx.runFiles.delete(id);
  ctx.runData.delete(id);
  ctx.reports.delete(id);
}
