/**
 * A plan that meets the target in at least a share `probability` of Monte Carlo draws: a chance
 * constraint, met by scenario generation over a sample (sample-average approximation with the
 * hardest draws left out, after Campi & Garatti's scenario approach with discarded constraints).
 *
 * 1. Plan on the scenario's own numbers (plan.ts).
 * 2. Check the plan on N fitting draws: re-run the scenario with the builds under each draw and ask
 *    whether the bloc's potential free share (the MC measure) reaches the target every year from `by`.
 * 3. If fewer than `fittingNeed` draws pass (⌈p·N + 1.645·√(N·p·(1−p))⌉: the share with a one-sided
 *    95% margin, as a plan fitted to its draws passes fresh ones less often than its own), stack
 *    failing draws into the plan LP as worlds of their own (shared builds, each world's target to
 *    meet, operating costs averaged) and plan again: the marginal one (the k-th nearest to passing,
 *    k the draws still missing: meeting it tends to meet the nearer ones too) and some nearer ones. A draw that no build can suit (its target gap stays > 0) is left out
 *    for good: it is among the share the chance constraint allows to fail.
 * 4. Repeat until enough fitting draws pass, or the stack is full; then report the probability the
 *    plan reaches on fresh draws it was not fitted on, with a 95% Wilson interval.
 *
 * The builds themselves are taken as certain: the draws vary the rest of the chain (delays,
 * capacities, demand, policies), not the plan's own projects.
 */
import type { Dataset } from '../dataset/types.js';
import { makePeriods } from '../model/periods.js';
import type { RunInputs } from '../scenario/inputs.js';
import { prepareInputs } from '../scenario/prepare-run.js';
import type { Scenario } from '../schema/scenario.js';
import { type PreparedModel, prepareModel } from '../simulate/simulate.js';
import { runData } from '../simulate/step.js';
import { type DrawSetup, disposeDraws, prepareDraws, runDraw } from '../uncertainty/draw.js';
import { applyInputs, sampleInputs } from '../uncertainty/sample.js';
import type { Sampling } from '../uncertainty/sampling.js';
import { wilson } from '../uncertainty/summarise.js';
import {
  type DrawWorld,
  type OnPlanStep,
  type PlanInputs,
  type PlanRequest,
  type PlanResult,
  periodBlocks,
  planBuilds,
} from './plan.js';
import { planScenario, planYaml } from './plan-output.js';

export interface ChanceRequest {
  /** Share of draws in which the plan must meet the target (0 < p < 1). */
  readonly probability: number;
  /** Draws the plan is fitted on (indices 0 … draws−1 of the seed's stream). */
  readonly draws: number;
  /** Fresh draws the plan is checked on (the indices after the fitting ones). */
  readonly checkDraws: number;
  readonly seed: number;
  readonly sampling?: Sampling | undefined;
  /** The most draws stacked into the plan LP (each adds a copy of the horizon's LP). */
  readonly maxStacked: number;
}

/** A draw's verdict on a plan: whether the bloc's potential free share met the target every year. */
export interface DrawCheck {
  readonly draw: number;
  readonly met: boolean;
  /** The largest shortfall of the share under the target, over the periods from `by` (0 if met). */
  readonly shortfall: number;
}

export interface ChanceRound {
  /** Draws stacked into the plan LP this round. */
  readonly stacked: readonly number[];
  /** Fitting draws the round's plan met the target in. */
  readonly met: number;
  /** The round's NPV of system cost (the average over its worlds), USD. */
  readonly npv: number;
}

export interface ChanceResult {
  readonly plan: PlanResult;
  readonly request: ChanceRequest;
  /** Whether the plan met the target in at least `fittingNeed` fitting draws. */
  readonly reached: boolean;
  /** Fitting draws: how many, how many the plan must meet (`fittingNeed`), how many it met. */
  readonly fitted: { readonly draws: number; readonly need: number; readonly met: number };
  /** On fresh draws: the share met and its 95% Wilson interval. */
  readonly check: {
    readonly draws: number;
    readonly met: number;
    readonly probability: number;
    readonly low: number;
    readonly high: number;
  };
  /** Draws stacked into the final plan LP. */
  readonly stacked: readonly number[];
  /** Fitting draws no build could suit: left to the share allowed to fail. */
  readonly unsuitable: readonly number[];
  readonly rounds: readonly ChanceRound[];
  /** The final plan's verdict in each fitting draw, and in each fresh one. */
  readonly checks: { readonly fitting: readonly DrawCheck[]; readonly fresh: readonly DrawCheck[] };
}

/** Fitting draws a plan must meet: p·N with a one-sided 95% margin (z = 1.645), at most N. */
export function fittingNeed(probability: number, draws: number): number {
  const margin = 1.645 * Math.sqrt(draws * probability * (1 - probability));
  return Math.min(draws, Math.ceil(probability * draws + margin - 1e-9));
}

/** More fitting draws than the chance constraint lets fail are draws no build can suit. */
export class ChanceOutOfReach extends Error {
  constructor(request: PlanRequest, chance: ChanceRequest, need: number, unsuitable: readonly number[]) {
    super(
      `the target cannot be met with probability ${chance.probability}: ${request.bloc.id} served ` +
        `${(100 * request.target).toFixed(0)}% free from ${request.by} is out of reach of every build in ` +
        `${unsuitable.length} of ${chance.draws} draws (${[...unsuitable].sort((a, b) => a - b).join(', ')}), ` +
        `and the plan must meet it in ${need}; a lower target, a later year or a lower probability may be met`,
    );
    this.name = 'ChanceOutOfReach';
  }
}

/** Shares within this of the target count as meeting it (solver tolerances). */
const SHARE_TOLERANCE = 1e-3;
/** Draws stacked at most in one round: fewer rounds, but each stacked draw costs a world. */
const PER_ROUND = 3;

export async function planWithProbability(
  inputs: RunInputs,
  dataset: Dataset,
  scenario: Scenario,
  request: PlanRequest,
  chance: ChanceRequest,
  prepared: PlanInputs,
  onStep: OnPlanStep = () => {},
): Promise<ChanceResult> {
  const fitting = Array.from({ length: chance.draws }, (_, i) => i);
  const fresh = Array.from({ length: chance.checkDraws }, (_, i) => chance.draws + i);
  const need = fittingNeed(chance.probability, chance.draws);
  const worlds = new DrawWorlds(prepared, dataset, scenario, chance);
  const unsuitable = new Set<number>();
  const rounds: ChanceRound[] = [];
  let stacked: DrawWorld[] = [];
  try {
    for (;;) {
      // Project values (many more solves) wait for the final plan.
      const round = { ...request, projectValues: false };
      const plan = await planBuilds(dataset, scenario, round, { ...prepared, draws: stacked }, onStep);
      // Draws whose world still misses the target: no build suits them; plan again without them.
      const missed = stacked.filter((_, k) => plan.worldGaps[k + 1]! > 1e-6 * plan.plan.targets.length);
      if (missed.length > 0) {
        for (const d of missed) unsuitable.add(d.draw);
        if (unsuitable.size > chance.draws - need)
          throw new ChanceOutOfReach(request, chance, need, [...unsuitable]);
        stacked = stacked.filter((d) => !missed.includes(d));
        continue;
      }
      const checks = await checkPlan(inputs, dataset, scenario, plan, fitting, chance, onStep);
      const met = checks.filter((c) => c.met).length;
      rounds.push({ stacked: stacked.map((d) => d.draw), met, npv: plan.summary.npv });
      const failing = checks
        .filter((c) => !c.met && !unsuitable.has(c.draw))
        .sort((a, b) => a.shortfall - b.shortfall || a.draw - b.draw);
      const room = chance.maxStacked - stacked.length;
      if (met >= need || failing.length === 0 || room <= 0) {
        const final = request.projectValues
          ? await planBuilds(dataset, scenario, request, { ...prepared, draws: stacked }, onStep)
          : plan;
        const check = await checkPlan(inputs, dataset, scenario, final, fresh, chance, onStep);
        const passed = check.filter((c) => c.met).length;
        const ci = wilson(passed, fresh.length);
        return {
          plan: final,
          request: chance,
          reached: met >= need,
          fitted: { draws: fitting.length, need, met },
          check: {
            draws: fresh.length,
            met: passed,
            probability: fresh.length > 0 ? passed / fresh.length : Number.NaN,
            low: ci.low,
            high: ci.high,
          },
          stacked: stacked.map((d) => d.draw),
          unsuitable: [...unsuitable].sort((a, b) => a - b),
          rounds,
          checks: { fitting: checks, fresh: check },
        };
      }
      const add = marginalDraws(failing, need - met, Math.min(PER_ROUND, room));
      stacked = [...stacked, ...(await worlds.of(add.map((c) => c.draw)))];
    }
  } finally {
    worlds.dispose();
  }
}

/**
 * The failing draws to stack next (`failing` sorted nearest to passing first): the marginal one, the
 * `missing`-th, and up to `count` − 1 more spread evenly among the nearer ones.
 */
export function marginalDraws(failing: readonly DrawCheck[], missing: number, count: number): DrawCheck[] {
  const last = Math.min(missing, failing.length) - 1;
  const picks = new Set<number>();
  for (let j = 0; j < count; j++) picks.add(Math.floor((last * (count - j)) / count));
  return [...picks].sort((a, b) => a - b).map((i) => failing[i]!);
}

/** Each draw's periods on the plan's network: the plan dataset's model, re-run with the draw applied. */
class DrawWorlds {
  private model: Promise<PreparedModel> | undefined;

  constructor(
    private readonly prepared: PlanInputs,
    private readonly dataset: Dataset,
    private readonly scenario: Scenario,
    private readonly chance: ChanceRequest,
  ) {}

  async of(draws: readonly number[]): Promise<DrawWorld[]> {
    this.model ??= prepareModel(this.prepared.pd.dataset, this.scenario);
    const model = await this.model;
    const out: DrawWorld[] = [];
    for (const draw of draws) {
      const values = sampleInputs(this.dataset, this.chance.seed, draw, this.chance.sampling);
      const d = applyInputs(this.prepared.pd.dataset, values, this.scenario.horizon.start);
      const blocks = await periodBlocks(model, d, this.scenario, runData(model, d, this.scenario));
      out.push({ draw, blocks });
    }
    return out;
  }

  dispose(): void {
    void this.model?.then((m) => m.solver.dispose());
  }
}

/**
 * Re-runs the scenario with the plan's builds (plan.yaml, in memory) under each draw, and asks
 * whether the bloc's potential free share met the target in every period from `by`.
 */
export async function checkPlan(
  inputs: RunInputs,
  dataset: Dataset,
  scenario: Scenario,
  plan: PlanResult,
  draws: readonly number[],
  chance: Pick<ChanceRequest, 'seed' | 'sampling'>,
  onStep: OnPlanStep = () => {},
): Promise<DrawCheck[]> {
  if (draws.length === 0) return [];
  const head = inputs.chain[0]!;
  const text = planYaml(planScenario(plan, dataset, scenario, head.file));
  const chain = [{ file: 'plan.yaml', text }, ...inputs.chain];
  const withBuilds = prepareInputs({ chain, dataset: inputs.dataset });
  const { bloc, target, by } = plan.request;
  const setup: DrawSetup = await prepareDraws({
    dataset: withBuilds.dataset,
    scenario: withBuilds.loaded.scenario,
    seed: chance.seed,
    sampling: chance.sampling,
    sampleFrom: dataset,
    blocs: [bloc],
  });
  try {
    const { horizon, period } = withBuilds.loaded.scenario;
    const years = makePeriods(horizon.start, horizon.end, period).map((p) => p.year);
    const checks: DrawCheck[] = [];
    for (const [k, draw] of draws.entries()) {
      onStep({
        stage: 'checking draws',
        index: k + 1,
        count: draws.length,
        solve: k + 1,
        solves: draws.length,
      });
      const r = await runDraw(setup, draw);
      const shares = r.metrics[`chain_self_sufficiency|${bloc.id}`] ?? [];
      checks.push(verdict(draw, shares, years, target, by));
    }
    return checks;
  } finally {
    disposeDraws(setup);
  }
}

/** A draw meets the target when the share reaches it, within tolerance, in every period from `by`. */
function verdict(
  draw: number,
  shares: readonly number[],
  years: readonly number[],
  target: number,
  by: number,
): DrawCheck {
  let shortfall = 0;
  years.forEach((year, i) => {
    if (year >= by) shortfall = Math.max(shortfall, target - (shares[i] ?? 0));
  });
  return { draw, met: shortfall <= SHARE_TOLERANCE, shortfall: Math.max(0, shortfall) };
}
