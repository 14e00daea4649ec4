/**
 * What `lodestone plan` writes: plan.csv (the builds), plan_summary.csv (cost figures) and plan.yaml
 * (the input scenario with the builds added as committed facilities and the target as an origin
 * requirement, so `run`, `mc` and `compare` re-simulate the plan).
 */
import { stringify as csv } from 'csv-stringify/sync';
import { stringify as yaml } from 'yaml';
import type { Dataset } from '../dataset/types.js';
import type { Scenario } from '../schema/scenario.js';
import { BUILD_PREFIX } from './candidates.js';
import type { ChanceResult, DrawCheck } from './chance.js';
import type { Build, PlanResult, SweepPoint } from './plan.js';

const round = (x: number, digits = 6) => Number(x.toFixed(digits));

export function planCsv(result: PlanResult): string {
  return csv([
    ['candidate', 'kind', 'region', 'stage', 'process', 'year', 'decision_year', 'size', 'unit', 'capex_usd'],
    ...result.builds.map((b) => [
      b.candidate.id,
      b.candidate.kind,
      b.candidate.region,
      b.stage,
      b.candidate.process,
      b.year,
      b.year - b.candidate.lead_time,
      round(b.size),
      `${b.candidate.size_unit}/yr`,
      round(b.capex, 0),
    ]),
  ]);
}

export function planSummaryCsv(result: PlanResult, chance?: ChanceResult): string {
  const { summary: s, request: r } = result;
  const rows: [string, number | string, string][] = [
    ['bloc', r.bloc.id, ''],
    ['target', r.target, 'share of demand served free'],
    ['by', r.by, 'year'],
    ['discount_rate', r.discountRate, 'per year'],
    ['integer', r.integer ? 'true' : 'false', ''],
    ['target_scope', r.scope ?? 'node', 'node: each demand node of the bloc; bloc: its demand as a whole'],
    ['total_capex', round(s.totalCapex, 0), 'USD'],
    ['npv_system_cost', round(s.npv, 0), 'USD (discounted to the horizon start)'],
    ['npv_unconstrained', round(s.unconstrainedNpv, 0), 'USD (the same LP without the target)'],
    ['premium', round(s.premium, 0), 'USD'],
    ['free_served', round(s.freeServed), 't (bloc demand served free, whole horizon)'],
    ['free_served_unconstrained', round(s.unconstrainedFreeServed), 't'],
    [
      'cost_per_free_tonne',
      s.costPerFreeTonne === undefined ? '' : round(s.costPerFreeTonne, 0),
      'USD/t (premium per extra tonne served free)',
    ],
    ['lp_rows', result.size.rows, ''],
    ['lp_cols', result.size.cols, ''],
    ['lp_nonzeros', result.size.nonzeros, ''],
    ['lp_integer_cols', result.size.integers, ''],
    ['solver_status', result.status.plan, `unconstrained: ${result.status.unconstrained}`],
    ['solve_seconds', round(result.seconds.solve, 3), 's (both solves)'],
    ...(chance ? chanceRows(chance) : []),
    ...result.skipped.map((x): [string, string, string] => [
      'policy_not_as_run',
      x.id,
      `${x.type}: ${x.reason}`,
    ]),
  ];
  return csv([['metric', 'value', 'unit'], ...rows]);
}

/** How a plan with a probability was fitted on draws, and how often it met the target on fresh ones. */
function chanceRows(c: ChanceResult): [string, number | string, string][] {
  const list = (xs: readonly number[]) => xs.join(' ');
  return [
    ['probability', c.request.probability, 'share of draws the plan must meet the target in'],
    ['seed', c.request.seed, 'of the draws (fitting 0…draws−1, fresh after)'],
    ['fitting_draws', c.fitted.draws, 'draws'],
    ['fitting_need', c.fitted.need, 'draws (p·N with a one-sided 95% margin)'],
    ['fitting_met', c.fitted.met, 'draws'],
    ['reached', c.reached ? 'true' : 'false', 'fitting_met ≥ fitting_need'],
    ['check_draws', c.check.draws, 'fresh draws'],
    ['check_met', c.check.met, 'fresh draws'],
    ['probability_reached', round(c.check.probability), 'share of fresh draws met'],
    ['probability_ci_low', round(c.check.low), '95% Wilson'],
    ['probability_ci_high', round(c.check.high), '95% Wilson'],
    ['stacked_draws', list(c.stacked), 'draws whose numbers the plan LP holds beside the scenario’s'],
    ['unsuitable_draws', list(c.unsuitable), 'fitting draws no build can suit (allowed to fail)'],
    ['rounds', c.rounds.length, 'plans solved and checked'],
  ];
}

/** Each draw's verdict on the plan (written with a probability). */
export function planDrawsCsv(c: ChanceResult): string {
  const stacked = new Set(c.stacked);
  const unsuitable = new Set(c.unsuitable);
  const row = (role: string) => (x: DrawCheck) => [
    x.draw,
    role,
    x.met ? 'true' : 'false',
    round(x.shortfall),
    stacked.has(x.draw) ? 'stacked' : unsuitable.has(x.draw) ? 'unsuitable' : '',
  ];
  return csv([
    ['draw', 'role', 'met', 'largest_shortfall', 'in_plan_lp'],
    ...c.checks.fitting.map(row('fitting')),
    ...c.checks.fresh.map(row('check')),
  ]);
}

/** Each announced project's value to the target (written with --project-values). */
export function projectValueCsv(result: PlanResult): string {
  const money = (x: number | undefined) => (x === undefined ? '' : round(x, 0));
  return csv([
    [
      'project',
      'facility',
      'region',
      'process',
      'built',
      'unit',
      'cost_if_cancelled_usd',
      'cost_if_two_years_late_usd',
      'note',
    ],
    ...(result.projectValues ?? []).map((v) => [
      v.candidate.id,
      v.candidate.facility ?? '',
      v.candidate.region,
      v.candidate.process,
      round(v.built),
      `${v.candidate.size_unit}/yr`,
      money(v.ifCancelled),
      money(v.ifTwoYearsLate),
      v.ifCancelled === undefined || v.ifTwoYearsLate === undefined
        ? 'empty: the target cannot be met that way'
        : '',
    ]),
  ]);
}

/** Capacity per candidate: first output and size, then the capacity after each later build. */
function capacityPath(builds: readonly Build[]): { year: number; capacity: number }[] {
  const byYear = new Map<number, number>();
  for (const b of builds) byYear.set(b.year, (byYear.get(b.year) ?? 0) + b.size);
  let level = 0;
  return [...byYear]
    .sort(([a], [b]) => a - b)
    .map(([year, size]) => {
      level += size;
      return { year, capacity: level };
    });
}

/**
 * The input scenario extended with the builds: each candidate built is a committed facility from its
 * first year of output, and each later build a capacity step. `extendsPath` is the input scenario
 * file as plan.yaml will find it (relative to plan.yaml's folder).
 */
export function planScenario(
  result: PlanResult,
  dataset: Dataset,
  scenario: Scenario,
  extendsPath: string,
  /** The dataset folder as plan.yaml finds it, when not the input scenario's (the CLI's --data). */
  datasetPath?: string,
): object {
  const byCandidate = new Map<string, Build[]>();
  for (const b of result.builds) {
    const list = byCandidate.get(b.candidate.id) ?? [];
    list.push(b);
    byCandidate.set(b.candidate.id, list);
  }
  const reference = new Map(dataset.processes.map((p) => [p.id, p.reference]));
  const unitOf = new Map(dataset.materials.map((m) => [m.id, m.unit]));
  const facilities: object[] = [];
  const steps: object[] = [];
  for (const [id, builds] of byCandidate) {
    const c = builds[0]!.candidate;
    const unit = unitOf.get(reference.get(c.process) ?? '') ?? c.size_unit;
    const [first, ...later] = capacityPath(builds);
    const provenance = { source_ids: c.source_ids, confidence: c.confidence };
    facilities.push({
      id: `${BUILD_PREFIX}${id}`,
      name: `${c.name} (planned build)`,
      owner: 'lodestone plan',
      region: c.region,
      process: c.process,
      status: 'committed',
      start_year: first!.year,
      capacity: round(first!.capacity),
      capacity_unit: unit,
      unit_cost: c.variable_cost,
      cost_unit: 'USD/kg',
      ...provenance,
      notes: `Chosen by lodestone plan (${result.request.bloc.id} ${result.request.target} by ${result.request.by}).`,
    });
    for (const s of later)
      steps.push({
        facility: `${BUILD_PREFIX}${id}`,
        year: s.year,
        capacity: round(s.capacity),
        unit,
        ...provenance,
      });
  }
  const r = result.request;
  // The target as the run enforces it: without it a run may use the new capacity for other demand.
  const requirements = r.bloc.regions.map((region) => ({
    type: 'origin_requirement',
    id: `plan-target-${r.bloc.id}-${region}`,
    region,
    share: r.target,
    set: scenario.taint,
    // Served first: in a year the whole world is short, the run keeps the bloc's share (as the plan did).
    first_call: true,
    start: r.by,
    source_ids: [dataset.sources[0]?.id ?? 'lodestone'],
    confidence: 'estimate',
    notes: `The target lodestone plan met: ${r.target * 100}% of ${region}'s demand served free of ${scenario.taint} from ${r.by}.`,
  }));
  return {
    name: `${scenario.name}-plan-${r.bloc.id}-${r.target}-by-${r.by}`,
    description: `${scenario.name} with the builds lodestone plan chose for ${r.bloc.id} served ${r.target * 100}% free of the taint set from ${r.by}.`,
    extends: extendsPath,
    ...(datasetPath === undefined ? {} : { dataset: datasetPath }),
    policies: requirements,
    add: { facilities, ...(steps.length > 0 ? { capacity_steps: steps } : {}) },
  };
}

export const planYaml = (scenario: object) =>
  `# Written by lodestone plan: re-run with \`lodestone run plan.yaml\`.\n${yaml(scenario)}`;

/** The cost of each target share by each year (`--sweep`). */
export function sweepCsv(bloc: string, points: readonly SweepPoint[]): string {
  const money = (x: number | undefined) => (x === undefined ? '' : round(x, 0));
  return csv([
    ['bloc', 'target', 'by', 'status', 'total_capex_usd', 'npv_usd', 'premium_usd'],
    ...points.map((p) => [
      bloc,
      p.target,
      p.by,
      p.status,
      money(p.totalCapex),
      money(p.npv),
      money(p.premium),
    ]),
  ]);
}
