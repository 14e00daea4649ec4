/** A scenario and its dataset, with the scenario's changes applied: what `run`, `compare` and `mc` need. */
import { loadDatasetFiles } from '../dataset/load-dataset.js';
import type { Problem } from '../dataset/problems.js';
import type { Dataset } from '../dataset/types.js';
import { readRunInputs } from './disk.js';
import { chainSource, type RunInputs } from './inputs.js';
import { type LoadedScenario, loadScenarioText } from './load-scenario.js';
import { taintOf } from './taint.js';

export interface PreparedRun {
  readonly loaded: LoadedScenario;
  readonly dataset: Dataset;
  readonly warnings: readonly Problem[];
}

/** Prepares a run from inputs in memory (no I/O: the CLI, the server and workers share it). */
export function prepareInputs(inputs: RunInputs): PreparedRun {
  const loaded = loadScenarioText(inputs.chain[0]!, chainSource(inputs.chain));
  const { dataset, warnings } = loadDatasetFiles(inputs.dataset, {
    patch: loaded.patch,
    schedule: { ...loaded.scenario, supply_paths_at: loaded.supplyPathsAt },
  });
  taintOf(dataset, loaded.scenario, loaded.taintAt);
  return { loaded, dataset, warnings };
}

/** A scenario file on disk; `dataDir` replaces its dataset folder (the scenario's changes still apply). */
export function prepareRun(scenarioFile: string, dataDir?: string): PreparedRun {
  return prepareInputs(readRunInputs(scenarioFile, dataDir));
}
