/** A scenario and its dataset, with the scenario's changes applied: what `run` and `compare` need. */
import { loadDataset } from '../dataset/load-dataset.js';
import type { Problem } from '../dataset/problems.js';
import type { Dataset } from '../dataset/types.js';
import { taintOf } from '../model/taint.js';
import { type LoadedScenario, loadScenario } from './load-scenario.js';

export interface PreparedRun {
  readonly loaded: LoadedScenario;
  readonly dataset: Dataset;
  readonly warnings: readonly Problem[];
}

/** `dataDir` replaces the scenario's dataset folder (the scenario's changes still apply). */
export function prepareRun(scenarioFile: string, dataDir?: string): PreparedRun {
  const loaded = loadScenario(scenarioFile);
  const { dataset, warnings } = loadDataset(dataDir ?? loaded.datasetDir, {
    patch: loaded.patch,
    schedule: loaded.scenario,
  });
  taintOf(dataset, loaded.scenario, loaded.taintAt);
  return { loaded, dataset, warnings };
}
