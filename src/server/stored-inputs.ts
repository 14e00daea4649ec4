/**
 * Stored scenarios as the loader reads them: `extends` names a stored scenario and `dataset` a
 * stored dataset, by id, whatever YAML produced the value (an alias included). Nothing a scenario
 * writes is ever read as a path. Messages name `scenarios/<id>` with the author's own line numbers.
 */

import type { DatasetFiles } from '../dataset/dataset-files.js';
import { parseYaml } from '../dataset/parse-yaml.js';
import { InputError, ProblemList } from '../dataset/problems.js';
import type { RunInputs, ScenarioSource, ScenarioText } from '../scenario/inputs.js';
import { datasetRef, readChain } from '../scenario/load-scenario.js';
import { scenarioLocation } from './locations.js';

/** A stored scenario: its id and its YAML as written. */
export interface StoredText {
  readonly id: string;
  readonly yaml: string;
}

/** The stored scenarios and datasets a chain may name. */
export interface StoredLookup {
  /** Every stored scenario's text by id. */
  scenarios(): Promise<ReadonlyMap<string, string>>;
  /** A stored dataset's files; undefined when the id is unknown. */
  dataset(id: string): Promise<DatasetFiles | undefined>;
}

/** The plain value of a scenario's YAML, or undefined when it is not valid (the loader says why). */
function plainValue(yaml: string): Record<string, unknown> {
  const value = parseYaml(yaml, 'scenario', new ProblemList())?.value;
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** What a listing needs from a scenario's YAML (no validation: that is the loader's job). */
export function describeYaml(yaml: string): { name: string; description: string; extends: string | null } {
  const o = plainValue(yaml);
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    name: text(o.name),
    description: text(o.description),
    extends: typeof o.extends === 'string' ? parentId(o.extends) : null,
  };
}

/** The dataset a scenario's YAML names itself (not through `extends`), if any. */
export function datasetNamed(yaml: string): string | undefined {
  const value = plainValue(yaml).dataset;
  return typeof value === 'string' ? value : undefined;
}

/** `extends: baseline.yaml` and `extends: baseline` both name the stored scenario "baseline". */
export const parentId = (value: string): string => value.replace(/\.ya?ml$/i, '');

/**
 * The inputs of a scenario that is stored, or about to be (`head` wins over a stored scenario of its
 * id): its chain of stored scenarios and its stored dataset's files.
 */
export async function storedInputs(head: StoredText, lookup: StoredLookup): Promise<RunInputs> {
  const texts = new Map(await lookup.scenarios());
  texts.set(head.id, head.yaml);
  const source: ScenarioSource = {
    parent: (ref) => {
      const id = parentId(ref);
      const yaml = texts.get(id);
      if (yaml === undefined) return { error: `no stored scenario "${ref}" to extend` };
      return { file: scenarioLocation(id), text: yaml };
    },
  };
  const head0: ScenarioText = { file: scenarioLocation(head.id), text: head.yaml };
  const chain = readChain(head0, source);
  const ref = datasetRef(chain);
  const dataset = await lookup.dataset(ref?.value ?? 'default');
  if (!dataset) {
    throw new InputError([
      {
        severity: 'error',
        file: ref?.from.file ?? head0.file,
        line: ref?.line,
        field: 'dataset',
        message: `no dataset "${ref?.value ?? 'default'}" on this server (see GET /api/datasets)`,
      },
    ]);
  }
  return { chain: chain.map((c) => c.source), dataset };
}
