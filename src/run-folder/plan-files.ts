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

/** Where plan.yaml finds its inputs, from the folder it is in, and how sure the plan is. */
export interface PlanFileOptions {
  /** The input scenario (plan.yaml's `extends`). */
  readonly extendsPath: string;
  /** The dataset folder, when the plan ran on another than the scenario's (plan.yaml's `dataset`). */
  readonly datasetPath?: string | undefined;
  /** With a probability: plan_draws.csv and the summary's rows. */
  readonly chance?: ChanceResult | undefined;
}

export function planFiles(
  result: PlanResult,
  dataset: Dataset,
  scenario: Scenario,
  { extendsPath, datasetPath, chance }: PlanFileOptions,
): OutputFile[] {
  return [
    { name: 'plan.csv', content: planCsv(result) },
    { name: 'plan_summary.csv', content: planSummaryCsv(result, chance) },
    ...(chance ? [{ name: 'plan_draws.csv', content: planDrawsCsv(chance) }] : []),
    ...(result.projectValues ? [{ name: 'project_value.csv', content: projectValueCsv(result) }] : []),
    {
      name: 'plan.yaml',
      content: planYaml(planScenario(result, dataset, scenario, extendsPath, datasetPath)),
    },
  ];
}

export function sweepFiles(bloc: string, points: readonly SweepPoint[]): OutputFile[] {
  return [{ name: 'plan_sweep.csv', content: sweepCsv(bloc, points) }];
}
