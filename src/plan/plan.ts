/**
 * The planner: the least-cost builds for a bloc to be served free of the scenario's taint set by a
 * year. It runs the scenario once (with every candidate at zero capacity) to take each period's
 * numbers as `run` sets them, stacks those periods into one LP with build columns
 * (formulate-plan.ts), and solves it with the target and without (the unconstrained plan, whose
 * cost the premium is measured from).
 */
import type { Bloc } from '../analysis/blocs.js';
import type { Dataset, LoadedCandidate } from '../dataset/types.js';
import type { Formulation, PeriodNumbers } from '../lp/formulate.js';
import type { Stage } from '../schema/process.js';
import type { Scenario } from '../schema/scenario.js';
import { type PreparedModel, prepareModel, simulate } from '../simulate/simulate.js';
import type { RunData } from '../simulate/step.js';
import type { Period } from '../time/periods.js';
import { type PlanDataset, planDataset } from './candidates.js';
import { formulatePlan, GAP_PENALTY, type PeriodBlock, type PlanLp } from './formulate-plan.js';
import { solvePlan } from './solve-plan.js';

export interface PlanRequest {
  readonly bloc: Bloc;
  readonly target: number;
  readonly by: number;
  readonly discountRate: number;
  readonly integer: boolean;
  /** The target for each demand node of the bloc (default), or for the bloc as a whole. */
  readonly scope?: 'node' | 'bloc' | undefined;
  /** Let the plan make ahead and hold stock for later periods (perfect foresight of stocks). */
  readonly stockForesight?: boolean | undefined;
  /** Seconds per solve. */
  readonly timeLimit?: number | undefined;
  /** Also value each announced project: the plan's extra cost if it is cancelled, or two years late. */
  readonly projectValues?: boolean | undefined;
}

/** What an announced project is worth to the target: the extra NPV of the plan without it, or with it late. */
export interface ProjectValue {
  readonly candidate: LoadedCandidate;
  /** Its size in the plan (units of activity a year). */
  readonly built: number;
  /** USD; undefined when the target cannot be met without the project (or with it late). */
  readonly ifCancelled: number | undefined;
  readonly ifTwoYearsLate: number | undefined;
}

export interface Build {
  readonly candidate: LoadedCandidate;
  readonly stage: Stage;
  /** Year of first output. */
  readonly year: number;
  /** Units of activity a year. */
  readonly size: number;
  /** USD, undiscounted. */
  readonly capex: number;
}

export interface PlanSummary {
  /** USD, undiscounted. */
  readonly totalCapex: number;
  /** Net present value of the system's cost over the horizon, USD. */
  readonly npv: number;
  /** NPV of the same LP without the target, USD. */
  readonly unconstrainedNpv: number;
  /** npv − unconstrainedNpv, USD. */
  readonly premium: number;
  /** The bloc's demand served free over the horizon with and without the target, t. */
  readonly freeServed: number;
  readonly unconstrainedFreeServed: number;
  /** premium per extra tonne served free, USD/t (undefined when the target adds none). */
  readonly costPerFreeTonne: number | undefined;
}

export interface PlanResult {
  readonly request: PlanRequest;
  readonly builds: readonly Build[];
  readonly summary: PlanSummary;
  /** Per period from the target year: the bloc's demand and what the plan serves it free. */
  readonly served: readonly { readonly period: Period; readonly demand: number; readonly free: number }[];
  /**
   * Per world (the scenario's, then each draw's of PlanInputs.draws): the tonnes by which the plan
   * misses the target there over the horizon; a draw's world may miss it, the scenario's may not.
   */
  readonly worldGaps: readonly number[];
  /** Policies the plan LP leaves out or holds to the run's bounds, and why. */
  readonly skipped: readonly { readonly id: string; readonly type: string; readonly reason: string }[];
  readonly size: {
    readonly rows: number;
    readonly cols: number;
    readonly nonzeros: number;
    readonly integers: number;
  };
  readonly seconds: { readonly prepare: number; readonly solve: number };
  /** With `projectValues`: each announced project offered. */
  readonly projectValues?: readonly ProjectValue[];
  /** The solver's status of each solve (a MIP may stop at the time limit with an incumbent). */
  readonly status: { readonly plan: string; readonly unconstrained: string };
  readonly plan: PlanLp;
}

/**
 * Where a plan stands before each solve, for progress and cancel: its stage, `index` (from 1) of
 * `count` within the stage, and `solve` (from 1) of the `solves` it expects in all. A listener that
 * throws stops the plan before that solve.
 */
export interface PlanStep {
  /** With a probability, the plan also re-runs Monte Carlo draws to check itself ('checking draws'). */
  readonly stage: 'solving' | 'project values' | 'sweep' | 'checking draws';
  readonly index: number;
  readonly count: number;
  readonly solve: number;
  readonly solves: number;
}
export type OnPlanStep = (step: PlanStep) => void;

/** The target cannot be met: the share each period can reach, and the stages with no candidate in time. */
export class PlanInfeasible extends Error {
  constructor(
    readonly reachable: readonly { readonly period: string; readonly share: number }[],
    readonly lateStages: readonly { readonly stage: Stage; readonly earliest: number | undefined }[],
    /** Candidates the elastic plan builds to their max_size: the limits that bind. */
    readonly saturated: readonly string[],
    request: PlanRequest,
  ) {
    const short = reachable.filter((r) => r.share < request.target - 1e-6);
    const shares = short.map((r) => `${r.period}: ${(100 * r.share).toFixed(1)}%`).join(', ');
    const stages = lateStages
      .map((s) => `${s.stage} (${s.earliest === undefined ? 'no candidate' : `first output ${s.earliest}`})`)
      .join(', ');
    super(
      `the target cannot be met: ${request.bloc.id} served ${(100 * request.target).toFixed(0)}% free from ${request.by} ` +
        `is out of reach; the most the candidates allow is ${shares || 'below the target'}` +
        (stages ? `; stages with no candidate producing by ${request.by}: ${stages}` : '') +
        (saturated.length > 0 ? `; candidates built to their max_size: ${saturated.join(', ')}` : ''),
    );
    this.name = 'PlanInfeasible';
  }
}

/** A scenario's periods as the plan LP stacks them, and the network they were formulated on. */
export interface PlanInputs {
  readonly pd: PlanDataset;
  readonly formulation: Formulation;
  readonly blocks: readonly PeriodBlock[];
  /** Monte Carlo draws the plan must also suit (planning under uncertainty): each its own blocks. */
  readonly draws?: readonly DrawWorld[] | undefined;
  /** Seconds to run the scenario and take its numbers. */
  readonly seconds: number;
}

/** A Monte Carlo draw's periods, as the plan LP stacks them beside the scenario's. */
export interface DrawWorld {
  readonly draw: number;
  readonly blocks: readonly PeriodBlock[];
}

/** The scenario's own periods, then each draw's: the worlds formulatePlan stacks. */
export const planWorlds = (x: PlanInputs) => [x.blocks, ...(x.draws ?? []).map((d) => d.blocks)];

/** Runs the scenario (every candidate at zero capacity) and keeps each period's numbers for the plan LP. */
export async function planInputs(
  dataset: Dataset,
  scenario: Scenario,
  onPeriod?: (index: number, periods: number) => void,
): Promise<PlanInputs> {
  const t0 = performance.now();
  const pd = planDataset(dataset);
  const model = await prepareModel(pd.dataset, scenario);
  try {
    const blocks = await periodBlocks(model, pd.dataset, scenario, undefined, onPeriod);
    return { pd, formulation: model.formulation, blocks, seconds: (performance.now() - t0) / 1000 };
  } finally {
    model.solver.dispose();
  }
}

/**
 * Runs `dataset` on a prepared model (the plan dataset's, or a draw of it with `data`) and keeps
 * each period's numbers, with the stocks that enter and leave it.
 */
export async function periodBlocks(
  model: PreparedModel,
  dataset: Dataset,
  scenario: Scenario,
  data?: RunData,
  onPeriod?: (index: number, periods: number) => void,
): Promise<PeriodBlock[]> {
  const blocks: PeriodBlock[] = [];
  let closing: Float64Array | undefined;
  const { hold } = model.formulation.layout;
  const hubs = model.formulation.network.hubs.length;
  await simulate(dataset, scenario, {
    prepared: model,
    ...(data ? { data } : {}),
    onPeriod: (_r, index, periods) => onPeriod?.(index, periods),
    hooks: {
      afterSolve: (period, inputs, opening, s) => {
        const inflow = opening.slice();
        if (closing) for (let i = 0; i < hubs; i++) inflow[i]! -= closing[i]!;
        closing = Float64Array.from(s.colValue.subarray(hold, hold + hubs), (v) => Math.max(0, v));
        blocks.push({ period, inputs: copyNumbers(inputs), inflow, closing });
      },
    },
  });
  return blocks;
}

export async function planBuilds(
  dataset: Dataset,
  scenario: Scenario,
  request: PlanRequest,
  prepared?: PlanInputs,
  onStep: OnPlanStep = () => {},
): Promise<PlanResult> {
  const t0 = performance.now();
  const inputs = prepared ?? (await planInputs(dataset, scenario));
  const { pd } = inputs;
  const worlds = planWorlds(inputs);
  const projects = request.projectValues ? pd.candidates.filter((c) => c.kind === 'project').length : 0;
  // The plan and the plan without the target (or the elastic plan), then two solves a project.
  const solves = 2 + 2 * projects;
  const solving = (index: number) => onStep({ stage: 'solving', index, count: 2, solve: index, solves });
  const model = { formulation: inputs.formulation };
  const settings = {
    regions: request.bloc.regions,
    target: request.target,
    by: request.by,
    discountRate: request.discountRate,
    integer: request.integer,
    scope: request.scope ?? 'node',
    myopicStocks: request.stockForesight !== true,
  };
  const plan = formulatePlan(model.formulation, worlds, pd.candidates, settings);
  const prepare = (performance.now() - t0) / 1000;
  const options = { integrality: plan.integrality, timeLimit: request.timeLimit };
  solving(1);
  const solved = await solvePlan(plan.lp, options);
  if (solved.status === 'infeasible') {
    solving(2);
    const elastic = formulatePlan(model.formulation, worlds, pd.candidates, {
      ...settings,
      gapPenalty: GAP_PENALTY,
    });
    const e = await solvePlan(elastic.lp, { timeLimit: request.timeLimit });
    const reachable = elastic.targets.map((t) => ({
      period: t.period.label,
      share: e.status === 'optimal' ? t.serveCols.reduce((s, c) => s + e.colValue[c]!, 0) / t.demand : 0,
    }));
    const built = new Map<LoadedCandidate, number>();
    for (const x of elastic.builds)
      built.set(x.candidate, (built.get(x.candidate) ?? 0) + e.colValue[x.col]! * x.unit);
    const saturated = [...built]
      .filter(([c, size]) => e.status === 'optimal' && size >= c.max_size * (1 - 1e-6))
      .map(([c]) => c.id);
    throw new PlanInfeasible(
      reachable,
      lateStages(dataset, pd.candidates, request.by, scenario),
      saturated,
      request,
    );
  }
  const usable = (x: { status: string }) => x.status === 'optimal' || x.status.startsWith('time limit');
  if (!usable(solved)) throw new Error(`the plan LP was not solved: solver ${solved.status}`);
  const free = plan.lp.rowLower.slice();
  for (const world of plan.worldTargets)
    for (const t of world) for (const row of t.rows) free[row] = Number.NEGATIVE_INFINITY;
  solving(2);
  const unconstrained = await solvePlan({ ...plan.lp, rowLower: free }, options);
  if (!usable(unconstrained))
    throw new Error(`the unconstrained plan LP was not solved: solver ${unconstrained.status}`);

  const stageOf = new Map(dataset.processes.map((p) => [p.id, p.stage]));
  const builds = plan.builds.flatMap((x) => {
    const size = solved.colValue[x.col]! * x.unit;
    if (size <= 1e-6) return [];
    return [
      {
        candidate: x.candidate,
        stage: stageOf.get(x.candidate.process)!,
        year: x.online.year,
        size,
        capex: size * x.candidate.unit_capex,
      },
    ];
  });
  const blocFree = (x: Float64Array) => plan.blocFree.reduce((s, c) => s + x[c]!, 0);
  const freeServed = blocFree(solved.colValue);
  const unconstrainedFreeServed = blocFree(unconstrained.colValue);
  const npv = solved.objective * 1000;
  const unconstrainedNpv = unconstrained.objective * 1000;
  const extra = freeServed - unconstrainedFreeServed;
  const projectValues = request.projectValues
    ? await valueProjects(pd.candidates, builds, solved.objective, async (candidates, index) => {
        // Two solves a project: the step counts projects.
        const project = Math.ceil(index / 2);
        onStep({ stage: 'project values', index: project, count: projects, solve: 2 + index, solves });
        const x = formulatePlan(model.formulation, worlds, candidates, settings);
        const r = await solvePlan(x.lp, { integrality: x.integrality, timeLimit: request.timeLimit });
        return usable(r) ? r.objective : undefined;
      })
    : undefined;
  return {
    request,
    builds,
    ...(projectValues ? { projectValues } : {}),
    summary: {
      totalCapex: builds.reduce((s, x) => s + x.capex, 0),
      npv,
      unconstrainedNpv,
      premium: npv - unconstrainedNpv,
      freeServed,
      unconstrainedFreeServed,
      costPerFreeTonne: extra > 1e-6 ? (npv - unconstrainedNpv) / extra : undefined,
    },
    worldGaps: plan.worldTargets.map((world) =>
      world.reduce((sum, t) => sum + t.gapCols.reduce((g, c) => g + solved.colValue[c]!, 0), 0),
    ),
    served: plan.targets.map((t) => ({
      period: t.period,
      demand: t.demand,
      free: t.serveCols.reduce((s, c) => s + solved.colValue[c]!, 0),
    })),
    skipped: pd.skipped.map((x) => ({ id: x.policy.id, type: x.policy.type, reason: x.reason })),
    size: {
      rows: plan.lp.numRows,
      cols: plan.lp.numCols,
      nonzeros: plan.lp.values.length,
      integers: plan.integrality ? plan.builds.length : 0,
    },
    seconds: { prepare, solve: solved.seconds + unconstrained.seconds },
    status: { plan: solved.status, unconstrained: unconstrained.status },
    plan,
  };
}

/**
 * Re-solves the plan without each project, then with it two years late; `solve` gives the objective
 * (thousand USD) or undefined, and is told which solve of the projects' this is (from 1).
 */
async function valueProjects(
  candidates: readonly LoadedCandidate[],
  builds: readonly Build[],
  objective: number,
  solve: (candidates: readonly LoadedCandidate[], index: number) => Promise<number | undefined>,
): Promise<ProjectValue[]> {
  const values: ProjectValue[] = [];
  let index = 0;
  const extra = (o: number | undefined) => (o === undefined ? undefined : (o - objective) * 1000);
  for (const c of candidates) {
    if (c.kind !== 'project') continue;
    const cancelled = await solve(
      candidates.filter((x) => x !== c),
      ++index,
    );
    const late = await solve(
      candidates.map((x) => (x === c ? { ...x, earliest_start: x.earliest_start + 2 } : x)),
      ++index,
    );
    values.push({
      candidate: c,
      built: builds.filter((b) => b.candidate === c).reduce((s, b) => s + b.size, 0),
      ifCancelled: extra(cancelled),
      ifTwoYearsLate: extra(late),
    });
  }
  return values;
}

/** Stages none of whose candidates can produce by `by` (the first year each could). */
function lateStages(
  dataset: Dataset,
  candidates: readonly LoadedCandidate[],
  by: number,
  scenario: Scenario,
): { stage: Stage; earliest: number | undefined }[] {
  const stageOf = new Map(dataset.processes.map((p) => [p.id, p.stage]));
  const earliest = new Map<Stage, number>();
  for (const c of candidates) {
    const stage = stageOf.get(c.process)!;
    const first = Math.max(c.earliest_start, scenario.horizon.start + c.lead_time);
    earliest.set(stage, Math.min(earliest.get(stage) ?? Number.POSITIVE_INFINITY, first));
  }
  const stages: Stage[] = ['mining', 'separation', 'metal', 'magnet', 'recycling'];
  return stages
    .filter((s) => (earliest.get(s) ?? Number.POSITIVE_INFINITY) > by)
    .map((stage) => ({ stage, earliest: earliest.get(stage) }));
}

/** The period's numbers, copied: the run reuses nothing, but the plan keeps them past the run. */
function copyNumbers(x: PeriodNumbers): PeriodNumbers {
  return {
    rowLower: x.rowLower.slice(),
    rowUpper: x.rowUpper.slice(),
    colLower: x.colLower.slice(),
    colUpper: x.colUpper.slice(),
    colCost: x.colCost.slice(),
    capacity: x.capacity.slice(),
    demand: x.demand.slice(),
    coefficients: x.coefficients.slice(),
  };
}

/** One point of a sweep: the cost of a target share by a year, or that it cannot be met. */
export interface SweepPoint {
  readonly target: number;
  readonly by: number;
  /** optimal, infeasible, or the solver's status. */
  readonly status: string;
  /** USD, undiscounted; undefined unless solved. */
  readonly totalCapex: number | undefined;
  /** NPV of system cost, USD. */
  readonly npv: number | undefined;
  /** npv − the NPV of the plan without a target, USD. */
  readonly premium: number | undefined;
}

/** Targets 50–100% and years 2028–2040 by default (every second year). */
export const SWEEP_TARGETS = [0.5, 0.6, 0.7, 0.8, 0.9, 1];
export const SWEEP_YEARS = [2028, 2030, 2032, 2034, 2036, 2038, 2040];

/**
 * The cost of each target share by each year, on one run of the scenario: one solve per point, and
 * one without a target that the premiums are measured from. Years outside the horizon are skipped.
 */
export async function sweepPlans(
  dataset: Dataset,
  scenario: Scenario,
  base: PlanRequest,
  targets: readonly number[] = SWEEP_TARGETS,
  years: readonly number[] = SWEEP_YEARS,
  prepared?: PlanInputs,
  onStep: OnPlanStep = () => {},
): Promise<SweepPoint[]> {
  const inputs = prepared ?? (await planInputs(dataset, scenario));
  const inHorizon = years.filter((y) => y >= scenario.horizon.start && y <= scenario.horizon.end);
  // The plan without a target first, then a solve per point.
  const count = 1 + inHorizon.length * targets.length;
  let index = 0;
  const next = () => {
    index++;
    onStep({ stage: 'sweep', index, count, solve: index, solves: count });
  };
  const settings = (target: number, by: number) => ({
    regions: base.bloc.regions,
    target,
    by,
    discountRate: base.discountRate,
    integer: base.integer,
    scope: base.scope ?? 'node',
    myopicStocks: base.stockForesight !== true,
  });
  const solve = (target: number, by: number, free: boolean) => {
    const x = formulatePlan(
      inputs.formulation,
      planWorlds(inputs),
      inputs.pd.candidates,
      settings(target, by),
    );
    const rowLower = x.lp.rowLower.slice();
    if (free)
      for (const world of x.worldTargets)
        for (const t of world) for (const row of t.rows) rowLower[row] = Number.NEGATIVE_INFINITY;
    return solvePlan({ ...x.lp, rowLower }, { integrality: x.integrality, timeLimit: base.timeLimit }).then(
      (s) => ({
        s,
        x,
      }),
    );
  };
  const usable = (status: string) => status === 'optimal' || status.startsWith('time limit');
  next();
  const none = await solve(1, scenario.horizon.end + 1, true);
  if (!usable(none.s.status))
    throw new Error(`the plan LP without a target was not solved: ${none.s.status}`);
  const points: SweepPoint[] = [];
  for (const by of inHorizon) {
    for (const target of targets) {
      next();
      const { s, x } = await solve(target, by, false);
      const ok = usable(s.status);
      const capex = x.builds.reduce(
        (sum, b) => sum + s.colValue[b.col]! * b.unit * b.candidate.unit_capex,
        0,
      );
      points.push({
        target,
        by,
        status: s.status,
        totalCapex: ok ? capex : undefined,
        npv: ok ? s.objective * 1000 : undefined,
        premium: ok ? (s.objective - none.s.objective) * 1000 : undefined,
      });
    }
  }
  return points;
}
