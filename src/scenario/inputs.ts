/**
 * What a run is made from, held in memory: the scenario's text and the texts it extends, and its
 * dataset's files. The edges read them (scenario files on disk, or the workbench's store) through a
 * `ScenarioSource`; everything after works on these values, so workers receive them whole and never
 * read a path a scenario names.
 */
import { createHash } from 'node:crypto';
import type { DatasetFiles } from '../dataset/dataset-files.js';

/** One scenario's YAML and how messages name it (a path as the user gave it, or `scenarios/<id>`). */
export interface ScenarioText {
  readonly file: string;
  readonly text: string;
}

/** Finds the scenario an `extends` names: a file beside the one naming it, or a stored scenario. */
export interface ScenarioSource {
  /** The scenario `ref` names, written in `from`; a message saying why when there is none. */
  parent(ref: string, from: ScenarioText): ScenarioText | { readonly error: string };
}

export interface RunInputs {
  /** The scenario, then the scenario it extends, and so on. */
  readonly chain: readonly ScenarioText[];
  readonly dataset: DatasetFiles;
}

/** A source over a chain already read: each scenario's parent is the next one. */
export function chainSource(chain: readonly ScenarioText[]): ScenarioSource {
  return {
    parent: (ref, from) =>
      chain[chain.indexOf(from) + 1] ?? { error: `scenario "${ref}" is not part of the inputs` },
  };
}

/** sha256 of everything a run reads: equal inputs give equal runs. */
export function inputsHash(inputs: RunInputs): string {
  const h = createHash('sha256');
  for (const s of inputs.chain) h.update(s.file).update('\0').update(s.text).update('\0');
  for (const f of inputs.dataset.files) h.update(f.name).update('\0').update(f.content).update('\0');
  return h.digest('hex');
}
