/**
 * The files of a plan's folder, the same whoever writes them (`lodestone plan --out`, the
 * workbench's plan job): plan.csv, plan_summary.csv, plan.yaml and, with project values,
 * project_value.csv, with a probability, plan_draws.csv; or, for a sweep, plan_sweep.csv.
 */
import type { Dataset } from '../dataset/types.js';
import type { ChanceResult } from '../plan/chance.js';
import type { PlanResult, SweepPoint } from '../plan/plan.js';
import {
  planCsv,
  planDrawsCsv,
  planScenario,
  planSummaryCsv,
  planYaml,
  projectValueCsv,
  sweepCsv,
} from '../plan/plan-output.js';
import type { OutputFile } from '../results/write-run.js';
import type { Scenario } from '../schema/scenario.js';

/** `extendsPath`: the input scenario as plan.yaml will find it, from the folder plan.yaml is in. */
export function planFiles(
  result: PlanResult,
  dataset: Dataset,
  scenario: Scenario,
  extendsPath: string,
  chance?: ChanceResult,
): OutputFile[] {
  return [
    { name: 'plan.csv', content: planCsv(result) },
    { name: 'plan_summary.csv', content: planSummaryCsv(result, chance) },
    ...(chance ? [{ name: 'plan_draws.csv', content: planDrawsCsv(chance) }] : []),
    ...(result.projectValues ? [{ name: 'project_value.csv', content: projectValueCsv(result) }] : []),
    { name: 'plan.yaml', content: planYaml(planScenario(result, dataset, scenario, extendsPath)) },
  ];
}

export function sweepFiles(bloc: string, points: readonly SweepPoint[]): OutputFile[] {
  return [{ name: 'plan_sweep.csv', content: sweepCsv(bloc, points) }];
}
