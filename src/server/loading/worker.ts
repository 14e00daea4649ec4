/**
 * Loading and validating inputs, on a worker thread: a big upload or a scenario on the full dataset
 * takes hundreds of milliseconds of CPU, which must not stop the server answering everyone else.
 * Problems come back as data (an InputError does not survive the trip between threads).
 */
import { unknownBlocs } from '../../analysis/blocs.js';
import type { DatasetFiles } from '../../dataset/dataset-files.js';
import { loadDatasetFiles } from '../../dataset/load-dataset.js';
import { InputError, type Problem } from '../../dataset/problems.js';
import type { Dataset } from '../../dataset/types.js';
import type { RunInputs } from '../../scenario/inputs.js';
import { prepareInputs } from '../../scenario/prepare-run.js';
import type { Scenario } from '../../schema/scenario.js';

export type LoadTask =
  | { readonly kind: 'dataset'; readonly files: DatasetFiles }
  | { readonly kind: 'scenario'; readonly inputs: RunInputs; readonly blocs?: readonly string[] | undefined };

/** What a scenario check tells the server: enough to queue a run, not the whole dataset. */
export interface ScenarioCheck {
  readonly scenario: Scenario;
  readonly warnings: readonly Problem[];
  /** What is wrong with the blocs asked for, if anything. */
  readonly blocProblem: string | undefined;
  /** How many uncertain inputs the scenario and its dataset give. */
  readonly uncertain: number;
}

export type LoadOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export default function load(
  task: LoadTask,
): LoadOutcome<ScenarioCheck | { dataset: Dataset; warnings: readonly Problem[] }> {
  try {
    if (task.kind === 'dataset') return { ok: true, value: loadDatasetFiles(task.files) };
    const { loaded, dataset, warnings } = prepareInputs(task.inputs);
    return {
      ok: true,
      value: {
        scenario: loaded.scenario,
        warnings,
        blocProblem: unknownBlocs(dataset, task.blocs ?? []),
        uncertain: dataset.uncertainty.length,
      },
    };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, problems: e.problems };
    throw e;
  }
}
