/**
 * Loading and validating inputs, on a worker thread: a big upload or a scenario on the full dataset
 * takes hundreds of milliseconds of CPU, which must not stop the server answering everyone else.
 * An upload arrives as the raw request body, so even its JSON is parsed here. Problems come back
 * as data (an error does not survive the trip between threads), naming `datasets/<id>/<file>`.
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { unknownBlocs } from '../../analysis/blocs.js';
import { type DatasetFile, type DatasetFiles, sortByName } from '../../dataset/dataset-files.js';
import { loadDatasetFiles } from '../../dataset/load-dataset.js';
import { InputError, type Problem } from '../../dataset/problems.js';
import type { Dataset } from '../../dataset/types.js';
import type { RunInputs } from '../../scenario/inputs.js';
import { prepareInputs } from '../../scenario/prepare-run.js';
import type { Scenario } from '../../schema/scenario.js';
import { datasetLocation, datasetProblems } from '../locations.js';
import { UploadDataset } from '../schemas.js';

export type LoadTask =
  | { readonly kind: 'dataset'; readonly files: DatasetFiles }
  | { readonly kind: 'upload'; readonly body: Uint8Array }
  | { readonly kind: 'scenario'; readonly inputs: RunInputs; readonly blocs?: readonly string[] | undefined };

export interface LoadedDataset {
  readonly dataset: Dataset;
  readonly warnings: readonly Problem[];
}

/** An upload, read and validated: its id and files, and the dataset they make. */
export interface Upload extends LoadedDataset {
  readonly id: string;
  readonly files: readonly DatasetFile[];
}

/** What a scenario check tells the server: enough to queue a run, not the whole dataset. */
export interface ScenarioCheck {
  readonly scenario: Scenario;
  readonly warnings: readonly Problem[];
  /** What is wrong with the blocs asked for, if anything. */
  readonly blocProblem: string | undefined;
  /** How many uncertain inputs the scenario and its dataset give. */
  readonly uncertain: number;
  /** The dataset's region ids (a plan's candidate filter names some). */
  readonly regions: readonly string[];
}

/** A failed load: 422 for inputs that do not validate, 400 for a request that is not even the right shape. */
export type LoadOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly status: 400 | 422; readonly problems: readonly Problem[] };

export default function load(task: LoadTask): unknown {
  switch (task.kind) {
    case 'dataset':
      return loaded(task.files.name, () => loadDatasetFiles(task.files));
    case 'scenario':
      return loaded(task.inputs.dataset.name, () => check(task.inputs, task.blocs));
    case 'upload':
      return upload(task.body);
  }
}

function loaded<T>(datasetId: string, work: () => T): LoadOutcome<T> {
  try {
    return { ok: true, value: work() };
  } catch (e) {
    if (e instanceof InputError)
      return { ok: false, status: 422, problems: datasetProblems(e.problems, datasetId) };
    throw e;
  }
}

function check(inputs: RunInputs, blocs: readonly string[] | undefined): ScenarioCheck {
  const { loaded, dataset, warnings } = prepareInputs(inputs);
  return {
    scenario: loaded.scenario,
    warnings,
    blocProblem: unknownBlocs(dataset, blocs ?? []),
    uncertain: dataset.uncertainty.length,
    regions: dataset.regions.map((r) => r.id),
  };
}

const badRequest = (
  issues: readonly { field?: string | undefined; message: string }[],
): LoadOutcome<never> => ({
  ok: false,
  status: 400,
  problems: issues.map((i) => ({
    severity: 'error',
    file: 'request body',
    field: i.field,
    message: i.message,
  })),
});

/** Parses and validates an upload's body; its files go back to the server thread moved, not copied. */
function upload(body: Uint8Array): unknown {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (e) {
    return badRequest([{ message: `not valid JSON: ${(e as Error).message}` }]);
  }
  const parsed = UploadDataset.safeParse(json);
  if (!parsed.success)
    return badRequest(
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || undefined, message: i.message })),
    );
  const { id, files } = parsed.data;
  const encoder = new TextEncoder();
  const contents = sortByName(
    Object.entries(files).map(([name, text]) => ({ name, content: encoder.encode(text) })),
  );
  const outcome = loaded(id, () =>
    loadDatasetFiles({ location: datasetLocation(id), name: id, files: contents }),
  );
  if (!outcome.ok) return outcome;
  const value: LoadOutcome<Upload> = { ok: true, value: { ...outcome.value, id, files: contents } };
  // Each encoded file owns its buffer, so moving them leaves nothing else detached.
  return move({ [transferableSymbol]: contents.map((f) => f.content.buffer), [valueSymbol]: value });
}
